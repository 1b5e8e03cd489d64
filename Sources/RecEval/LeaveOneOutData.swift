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
