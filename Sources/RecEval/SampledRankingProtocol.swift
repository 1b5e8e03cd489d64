import RecData
import Tensors

/// The NCF paper's sampled protocol: each held-out (user, item) is ranked among `negativeCount`
/// (99) items the user never interacted with anywhere in the data. The candidate lists are
/// drawn once from a seed, so every model is scored on the same lists.
///
///     let split = RatingSplit.leaveOneOut(ml.ratings, userCount: ml.userCount)
///     let sampled = SampledRankingProtocol(test: split.test, all: ml.interactions(), seed: 42)
///     let result = try sampled.evaluate(cutoffs: 1...10) { user, items in pop.scores(user: user, items: items) }
///
/// ```
/// rank = 1 + #{ negatives j : score(u, j) >= score(u, held out) }      (ties pessimistic)
/// HR@K = mean over cases of [rank <= K],   NDCG@K = mean of [rank <= K] / log2(rank + 1)
/// ```
///
/// Precision@K, Recall@K and MAP@K are reported too (with one relevant item: Recall = HR,
/// Precision = HR / K, AP = 1 / rank).
public struct SampledRankingProtocol: Sendable {
  /// One held-out item and its negatives.
  public struct Case: Sendable, Equatable {
    /// The user.
    public var user: Int
    /// The held-out item.
    public var heldOut: Int
    /// Items the user never interacted with, distinct, fixed by the seed.
    public var negatives: [Int]
    /// What the scorer is asked about: the held-out item first, then the negatives.
    public var candidates: [Int] { [heldOut] + negatives }
  }

  /// The cases, in the order of the test ratings.
  public let cases: [Case]

  /// Draws `negativeCount` negatives per test rating, never items the user interacted with in
  /// `all` (all of the data: training and test). A user with fewer free items gets all of them.
  public init(test: [Rating], all: InteractionMatrix, negativeCount: Int = 99, seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let sampler = NegativeSampler(excluding: all)
    cases = test.map { r in
      Case(
        user: r.user, heldOut: r.item,
        negatives: sampler.sampleDistinct(negativeCount, for: r.user, using: &rng))
    }
  }

  /// Builds the protocol from cases given by hand (tests, or lists from another source).
  public init(cases: [Case]) {
    self.cases = cases
  }

  /// Scores every case's candidates with one call per case and averages the metrics.
  public func evaluate(cutoffs: ClosedRange<Int> = 1...10, score: ScoreFunction) rethrows
    -> RankingResult
  {
    var result = RankingResult(cutoffs: Array(cutoffs))
    for c in cases {
      let scores = try score(c.user, c.candidates)
      ensure(
        scores.count == c.negatives.count + 1,
        "SampledRankingProtocol: the scorer returned \(scores.count) scores for \(c.negatives.count + 1) items"
      )
      let rank = Metrics.rank(ofPositive: scores[0], amongNegatives: Array(scores[1...]))
      result.accumulate(ranks: [rank], relevantCount: 1)
    }
    result.finish()
    return result
  }
}
