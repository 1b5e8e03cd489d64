import RecData

/// The leave-one-out experiment of the NCF paper, which Chapters 2 to 5 all run: each
/// user's latest interaction is held out for testing, the rest is training, and every model
/// is evaluated the same two ways — among 99 sampled negatives, and against every item.
///
///     let data = LeaveOneOutData(ratings: ml.ratings, userCount: ml.userCount,
///                                itemCount: ml.itemCount, evaluationSeed: 42)
///     let hr = model.evaluate(data.sampled).hitRate(at: 10)
///
/// Introduced in Chapter 2 (which also shows what the tie rule and the protocol change).
public struct LeaveOneOutData: Sendable {
  /// Every rating used (a quick run's slice, or all of them).
  public let ratings: [Rating]
  /// Users and items the matrices are sized for.
  public let userCount: Int, itemCount: Int
  /// The held-out (latest) rating of each user and the rest.
  public let split: RatingSplit
  /// The training interactions.
  public let train: InteractionMatrix
  /// The held-out interactions, one per user.
  public let test: InteractionMatrix
  /// Every interaction, training and test: what sampled negatives must avoid.
  public let all: InteractionMatrix
  /// Each held-out item among 99 items the user never interacted with, drawn once.
  public let sampled: SampledRankingProtocol
  /// Each held-out item among every item the user did not train on.
  public let full: FullRankingProtocol

  /// Splits `ratings` (those of users `0..<userCount`) by `ties` and draws the sampled
  /// protocol's negatives with `evaluationSeed`.
  /// - Throws: `ExperimentError` when there are fewer than two ratings per user (nothing
  ///   would be left to train on).
  public init(
    ratings: [Rating], userCount: Int, itemCount: Int, ties: TieRule = .lastInFileOrder,
    negatives: Int = 99, evaluationSeed: UInt64
  ) throws {
    guard ratings.count >= 2 * userCount else {
      throw ExperimentError(
        "MovieLens has only \(ratings.count) ratings for \(userCount) users: too few for leave-one-out"
      )
    }
    self.ratings = ratings
    (self.userCount, self.itemCount) = (userCount, itemCount)
    split = RatingSplit.leaveOneOut(ratings, userCount: userCount, ties: ties)
    train = InteractionMatrix(ratings: split.train, userCount: userCount, itemCount: itemCount)
    test = InteractionMatrix(ratings: split.test, userCount: userCount, itemCount: itemCount)
    all = InteractionMatrix(ratings: ratings, userCount: userCount, itemCount: itemCount)
    sampled = SampledRankingProtocol(
      test: split.test, all: all, negativeCount: negatives, seed: evaluationSeed)
    full = FullRankingProtocol(train: train, test: test)
  }
}

extension LeaveOneOutData {
  /// The NCF paper's own split and test negatives (`NCFSplit`), instead of a split and
  /// negatives of ours: training and held-out ratings as published, the full protocol on
  /// them, and the sampled protocol on the file's 99 negatives per user (not our sampler's).
  ///
  ///     let data = LeaveOneOutData(published: try NCFSplit.load(from: "Data/ncf-ml-1m"))
  ///     let hr = model.evaluate(data.sampled).hitRate(at: 10)   // comparable with the paper
  ///
  /// The held-out item among its own negatives (156 of ML-1M's 6,040 lines): the paper's
  /// evaluation, `eval_one_rating` in `evaluate.py` of hexiangnan/neural_collaborative_filtering,
  /// appends the held-out item to the negatives, stores each candidate's score in a dict keyed
  /// by item id (`map_item_score`) and ranks that dict's keys (`heapq.nlargest`). A repeated
  /// id is therefore one candidate: the held-out item is not ranked against a copy of itself.
  /// To compute the same rank, each case's negatives here are the file's distinct ids other
  /// than the held-out item, in file order: 98 negatives on those 156 lines, 99 elsewhere.
  /// (Ties stay pessimistic as everywhere in this book; the paper's ranking breaks them by
  /// the dict's order, which only matters for scores exactly equal.)
  public init(published split: NCFSplit) {
    ratings = split.train + split.test
    (userCount, itemCount) = (split.userCount, split.itemCount)
    self.split = RatingSplit(train: split.train, test: split.test)
    train = InteractionMatrix(ratings: split.train, userCount: userCount, itemCount: itemCount)
    test = InteractionMatrix(ratings: split.test, userCount: userCount, itemCount: itemCount)
    all = InteractionMatrix(ratings: ratings, userCount: userCount, itemCount: itemCount)
    full = FullRankingProtocol(train: train, test: test)
    sampled = SampledRankingProtocol(
      cases: zip(split.test, split.negatives).map { heldOut, negatives in
        var seen: Set<Int> = [heldOut.item]
        return SampledRankingProtocol.Case(
          user: heldOut.user, heldOut: heldOut.item,
          negatives: negatives.filter { seen.insert($0).inserted })
      })
  }
}

extension MovieLens {
  /// The ratings of the first `users` users: a quick run's slice of the same files.
  public func ratings(ofFirstUsers users: Int) -> [Rating] {
    ratings.filter { $0.user < users }
  }
}

/// An experiment that cannot be run on the data it was given; the message says why.
public struct ExperimentError: Error, CustomStringConvertible, Sendable {
  public let description: String
  /// An error with this message.
  public init(_ description: String) { self.description = description }
}
