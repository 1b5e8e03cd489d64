import Tensors

// The like/dislike task: does a user like a movie (4 or 5 stars), judged only from who
// the user is (age, gender, occupation) and what the movie is (its genres)?
// Introduced in Chapter 1 (logistic regression against an MLP); Chapter 4 (Wide & Deep)
// reuses the same features.

// MARK: - Features

/// Encodes a (user, movie) pair as a dense feature vector of fixed layout:
///
///     let features = LikeDislikeFeatures(ml)
///     let x = features.matrix(for: ml.ratings)   // (ratings, features.count)
///
/// ```
/// [ age (standardised) | gender (1 = female) | occupation (one-hot) | genres (multi-hot) ]
///   1 column             1 column              21 columns             19 columns   = 42
/// ```
///
/// Age is standardised with the mean and standard deviation over the users, so its
/// column has the same scale as the 0/1 columns. The column counts follow the data's
/// `occupationNames` and `genreNames`.
public struct LikeDislikeFeatures: Sendable {
  /// A named block of adjacent columns (`"occupation"`: columns 2..<23).
  public struct Group: Sendable, Equatable {
    /// The block's name: `age`, `gender`, `occupation` or `genres`.
    public var name: String
    /// The columns it occupies.
    public var columns: Range<Int>
  }

  /// The name of every column, in order (`"age"`, `"female"`, `"occupation=artist"`, `"genre=Action"`, …).
  public let names: [String]
  /// The blocks of columns, in order.
  public let groups: [Group]
  /// The mean age of the users, subtracted before scaling.
  public let ageMean: Float
  /// The standard deviation of the users' ages, divided by.
  public let ageStandardDeviation: Float
  /// The user part of each row (age, gender, occupation), by user index.
  private let userColumns: [[Float]]
  /// The movie part of each row (genres), by item index.
  private let itemColumns: [[Float]]

  /// The number of columns.
  public var count: Int { names.count }

  /// Builds the encoding for a dataset's users and movies.
  public init(_ data: MovieLens) {
    let ages = data.users.map { Double($0.age) }
    let mean = ages.isEmpty ? 0 : ages.reduce(0, +) / Double(ages.count)
    let variance =
      ages.isEmpty ? 0 : ages.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(ages.count)
    let deviation = variance > 0 ? variance.squareRoot() : 1
    ageMean = Float(mean)
    ageStandardDeviation = Float(deviation)

    let occupations = data.occupationNames.count
    let genres = data.genreNames.count
    names =
      ["age", "female"] + data.occupationNames.map { "occupation=\($0)" }
      + data.genreNames.map { "genre=\($0)" }
    groups = [
      Group(name: "age", columns: 0..<1),
      Group(name: "gender", columns: 1..<2),
      Group(name: "occupation", columns: 2..<(2 + occupations)),
      Group(name: "genres", columns: (2 + occupations)..<(2 + occupations + genres)),
    ]
    userColumns = data.users.map { user in
      var row = [Float](repeating: 0, count: 2 + occupations)
      row[0] = Float((Double(user.age) - mean) / deviation)
      row[1] = user.gender == .female ? 1 : 0
      if user.occupation >= 0 && user.occupation < occupations { row[2 + user.occupation] = 1 }
      return row
    }
    itemColumns = data.items.map { $0.genreFlags(count: genres) }
  }

  /// The features of one (user, item) pair: the user's columns, then the item's.
  public func row(user: Int, item: Int) -> [Float] {
    userColumns[user] + itemColumns[item]
  }

  /// The features of every rating's (user, item) pair, one row per rating.
  /// - Shape: ratings.count -> (ratings.count, count)
  public func matrix(for ratings: [Rating]) -> Tensor {
    let width = count
    return Tensor(shape: [ratings.count, width]) { out in
      for (r, rating) in ratings.enumerated() {
        let user = userColumns[rating.user]
        let item = itemColumns[rating.item]
        let base = r * width
        for c in user.indices { out[base + c] = user[c] }
        for c in item.indices { out[base + user.count + c] = item[c] }
      }
    }
  }
}

// MARK: - Labelled examples

/// Feature rows with their 0/1 labels, one per rating.
public struct LabeledExamples {
  /// The ratings the rows come from, in order.
  public let ratings: [Rating]
  /// The feature rows, (count, features).
  public let features: Tensor
  /// 1 for "likes" (4 or 5 stars), 0 otherwise.
  public let labels: [Float]

  /// The number of examples.
  public var count: Int { labels.count }
  /// The share of examples labelled 1.
  public var positiveRate: Double {
    labels.isEmpty ? .nan : Double(labels.reduce(0, +)) / Double(labels.count)
  }

  /// The examples of `ratings`, encoded by `encoder`.
  public init(_ ratings: [Rating], encoder: LikeDislikeFeatures) {
    self.ratings = ratings
    self.features = encoder.matrix(for: ratings)
    self.labels = ratings.map { LikeDislikeTask.label(of: $0) }
  }

  /// The rows `indices`, as a mini-batch: features (batch, features), labels (batch, 1).
  public func batch(_ indices: [Int]) -> (features: Tensor, labels: Tensor) {
    let rows = withNoGrad { features.gatherRows(indices) }
    return (rows, Tensor(indices.map { labels[$0] }, shape: [indices.count, 1]))
  }
}

// MARK: - The task

/// The like/dislike task: the ratings split at random into training, validation and test
/// parts, each encoded with `LikeDislikeFeatures`.
///
///     let task = try LikeDislikeTask(ml, validationFraction: 0.1, testFraction: 0.1, seed: 1)
///     task.train.features.shape   // [80000, 42]
///
/// ```
/// label(u, i) = 1 if rating(u, i) >= 4, else 0
/// ```
public struct LikeDislikeTask {
  /// A rating at or above this many stars is a "like".
  public static let likeThreshold = 4

  /// 1 when the rating is a like, 0 otherwise.
  public static func label(of rating: Rating) -> Float {
    rating.rating >= likeThreshold ? 1 : 0
  }

  /// The encoding shared by the three parts.
  public let encoder: LikeDislikeFeatures
  /// Examples to fit the parameters on.
  public let train: LabeledExamples
  /// Examples to watch during training (curves, choosing epochs).
  public let validation: LabeledExamples
  /// Examples looked at once, for the final numbers.
  public let test: LabeledExamples

  /// Splits the ratings of `data` (only those of users with index below `userLimit`, when
  /// given: a small slice for quick runs) at random, by `seed`.
  ///
  /// Throws when a part would be empty (too few ratings for the fractions asked), or would
  /// hold only likes or only dislikes.
  public init(
    _ data: MovieLens, validationFraction: Double = 0.1, testFraction: Double = 0.1,
    seed: UInt64, userLimit: Int? = nil
  ) throws {
    ensure(
      validationFraction > 0 && testFraction > 0 && validationFraction + testFraction < 1,
      "LikeDislikeTask: fractions \(validationFraction) and \(testFraction) must be positive and sum below 1"
    )
    let ratings = userLimit.map { limit in data.ratings.filter { $0.user < limit } } ?? data.ratings
    let outer = RatingSplit.random(ratings, testFraction: testFraction, seed: seed)
    let inner = RatingSplit.random(
      outer.train, testFraction: validationFraction / (1 - testFraction), seed: seed &+ 1)
    guard !inner.train.isEmpty, !inner.test.isEmpty, !outer.test.isEmpty else {
      throw LikeDislikeTaskError(
        "LikeDislikeTask: \(ratings.count) ratings are too few to split into training (\(inner.train.count)), validation (\(inner.test.count)) and test (\(outer.test.count)) parts"
      )
    }
    encoder = LikeDislikeFeatures(data)
    train = LabeledExamples(inner.train, encoder: encoder)
    validation = LabeledExamples(inner.test, encoder: encoder)
    test = LabeledExamples(outer.test, encoder: encoder)
    // AUC compares likes with dislikes: each part needs some of both.
    for (name, part) in [("training", train), ("validation", validation), ("test", test)] {
      let likes = Int(part.labels.reduce(0, +))
      guard likes > 0 && likes < part.count else {
        throw LikeDislikeTaskError(
          "LikeDislikeTask: the \(name) part (\(part.count) ratings) has \(likes) likes and \(part.count - likes) dislikes; it needs both (too few ratings?)"
        )
      }
    }
  }
}

/// The like/dislike task could not be built from the data given.
public struct LikeDislikeTaskError: Error, CustomStringConvertible, Sendable {
  /// What went wrong.
  public let description: String
  /// An error saying `description`.
  public init(_ description: String) { self.description = description }
}
