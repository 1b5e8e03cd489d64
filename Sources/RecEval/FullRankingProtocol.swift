import RecData
import Tensors

/// The full-ranking protocol: for each user with test items, every item NOT in the user's
/// training set is a candidate (training items are removed, test items stay), the scorer scores
/// them all in one call, and the metrics are computed from where the test items land.
/// Works for leave-one-out (one test item per user) and for ratio splits (several).
///
///     let full = FullRankingProtocol(train: trainMatrix, test: testMatrix)
///     let result = try full.evaluate(cutoffs: 1...20) { user, items in knn.scores(user: user, items: items) }
///     print(result.recall(at: 20), result.map(at: 20))
///
/// ```
/// candidates(u) = all items \ train(u),   relevant(u) = test(u) \ train(u),   R = |relevant(u)|
/// HR@K, NDCG@K, P@K, R@K, AP@K per user (ties pessimistic), then the mean over users with R > 0
/// ```
public struct FullRankingProtocol: Sendable {
  /// Interactions to exclude from the candidates.
  public let train: InteractionMatrix
  /// Held-out interactions (the relevant items).
  public let test: InteractionMatrix

  /// Both matrices must have the same shape (a programmer error otherwise).
  public init(train: InteractionMatrix, test: InteractionMatrix) {
    ensure(
      train.userCount == test.userCount && train.itemCount == test.itemCount,
      "FullRankingProtocol: train is \(train.userCount)x\(train.itemCount), test is \(test.userCount)x\(test.itemCount)"
    )
    self.train = train
    self.test = test
  }

  /// The candidates for `user`: every item not in their training row, ascending.
  public func candidates(for user: Int) -> [Int] {
    var out: [Int] = []
    out.reserveCapacity(train.itemCount - train.degree(ofUser: user))
    var next = train.items(of: user).makeIterator()
    var skip = next.next()
    for item in 0..<train.itemCount {
      if item == skip {
        skip = next.next()
        continue
      }
      out.append(item)
    }
    return out
  }

  /// Scores each evaluated user's candidates in one call and averages the metrics.
  public func evaluate(cutoffs: ClosedRange<Int> = 1...10, score: ScoreFunction) rethrows
    -> RankingResult
  {
    var result = RankingResult(cutoffs: Array(cutoffs))
    for user in 0..<test.userCount {
      let relevantItems = test.items(of: user).filter { !train.contains(user: user, item: $0) }
      guard !relevantItems.isEmpty else { continue }
      let items = candidates(for: user)
      let scores = try score(user, items)
      ensure(
        scores.count == items.count,
        "FullRankingProtocol: the scorer returned \(scores.count) scores for \(items.count) items")
      let isRelevant = items.map { test.contains(user: user, item: $0) }
      let ranks = Metrics.relevantRanks(scores: scores, isRelevant: isRelevant)
      result.accumulate(ranks: ranks, relevantCount: relevantItems.count)
    }
    result.finish()
    return result
  }
}
