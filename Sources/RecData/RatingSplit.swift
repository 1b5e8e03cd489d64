import Tensors

/// How leave-one-out picks a user's held-out rating when several share the latest timestamp.
///
/// Many MovieLens-100K users rate several movies within their last second, so "the latest
/// rating" is not unique and the rule must be stated for results to be reproducible.
public enum TieRule: Hashable, Sendable {
  /// The one that comes last in the ratings' order (file order for a loaded dataset).
  /// The default: it needs no seed, does not depend on how items happen to be numbered
  /// (MovieLens ids correlate with age and popularity), and it is what a stable sort by
  /// timestamp followed by "take the last" gives. Not every implementation agrees: d2l's
  /// `split_data_ml100k` (seq-aware mode) replaces a user's test rating only with a
  /// strictly later one, so it keeps the first tied rating.
  case lastInFileOrder
  /// The one with the largest item index.
  case highestItemID
  /// The one with the smallest item index.
  case lowestItemID
  /// One drawn uniformly among the tied, by a generator seeded with `seed` (per split, not per user).
  case random(seed: UInt64)
}

/// A split of ratings into a training part and a test part, both in the input's order.
///
///     let split = RatingSplit.leaveOneOut(ml.ratings, userCount: ml.userCount)
///     let train = InteractionMatrix(ratings: split.train, userCount: 943, itemCount: 1682)
public struct RatingSplit: Sendable, Equatable {
  /// Ratings to train on.
  public var train: [Rating]
  /// Held-out ratings.
  public var test: [Rating]

  /// Creates a split from its two parts.
  public init(train: [Rating], test: [Rating]) {
    self.train = train
    self.test = test
  }

  // MARK: - Leave-one-out by time

  /// Leave-one-out: each user's latest rating (by timestamp, ties broken by `ties`) is held
  /// out, the rest is training. This is the NCF paper's protocol.
  ///
  /// Users with fewer than two ratings keep them all in training and get no test rating.
  public static func leaveOneOut(
    _ ratings: [Rating], userCount: Int, ties: TieRule = .lastInFileOrder
  ) -> RatingSplit {
    var rng: SeededGenerator? = nil
    if case .random(let seed) = ties { rng = SeededGenerator(seed: seed) }
    // Index of the rating held out per user, and how many ratings each user has.
    var chosen = [Int](repeating: -1, count: userCount)
    var counts = [Int](repeating: 0, count: userCount)
    // For the random rule: how many tied at the latest time so far (reservoir sampling of size 1).
    var tiedSoFar = [Int](repeating: 0, count: userCount)
    for (index, r) in ratings.enumerated() {
      counts[r.user] += 1
      let current = chosen[r.user]
      if current < 0 {
        chosen[r.user] = index
        tiedSoFar[r.user] = 1
        continue
      }
      let best = ratings[current]
      if r.timestamp > best.timestamp {
        chosen[r.user] = index
        tiedSoFar[r.user] = 1
      } else if r.timestamp == best.timestamp {
        switch ties {
        case .lastInFileOrder: chosen[r.user] = index
        case .highestItemID: if r.item > best.item { chosen[r.user] = index }
        case .lowestItemID: if r.item < best.item { chosen[r.user] = index }
        case .random:
          // The k-th tied rating replaces the choice with probability 1/k: each of the k is kept
          // with probability 1/k in the end.
          tiedSoFar[r.user] += 1
          if rng!.int(below: tiedSoFar[r.user]) == 0 { chosen[r.user] = index }
        }
      }
    }
    var isTest = [Bool](repeating: false, count: ratings.count)
    for u in 0..<userCount where counts[u] >= 2 { isTest[chosen[u]] = true }
    return partition(ratings, isTest: isTest)
  }

  // MARK: - Random ratio splits

  /// Per-user random split: each user's ratings are shuffled and `round(testFraction * n)`
  /// of them (at most n - 1, so every user keeps one training rating) are held out.
  /// An 80/20 split is `testFraction: 0.2`.
  public static func perUser(
    _ ratings: [Rating], userCount: Int, testFraction: Double, seed: UInt64
  ) -> RatingSplit {
    ensure(
      (0...1).contains(testFraction),
      "RatingSplit.perUser: testFraction \(testFraction) is not in 0...1")
    var rng = SeededGenerator(seed: seed)
    var byUser = [[Int]](repeating: [], count: userCount)
    for (index, r) in ratings.enumerated() { byUser[r.user].append(index) }
    var isTest = [Bool](repeating: false, count: ratings.count)
    for u in 0..<userCount where !byUser[u].isEmpty {
      var indices = byUser[u]
      rng.shuffle(&indices)
      let n = indices.count
      let testCount = min(Int((Double(n) * testFraction).rounded()), n - 1)
      for k in 0..<max(testCount, 0) { isTest[indices[k]] = true }
    }
    return partition(ratings, isTest: isTest)
  }

  /// Global random split: `round(testFraction * N)` ratings drawn uniformly without
  /// replacement are held out (AutoRec: `testFraction: 0.1`; Wide & Deep: `0.2`).
  public static func random(_ ratings: [Rating], testFraction: Double, seed: UInt64) -> RatingSplit
  {
    ensure(
      (0...1).contains(testFraction),
      "RatingSplit.random: testFraction \(testFraction) is not in 0...1")
    var rng = SeededGenerator(seed: seed)
    let testCount = Int((Double(ratings.count) * testFraction).rounded())
    var isTest = [Bool](repeating: false, count: ratings.count)
    for index in rng.sample(testCount, from: ratings.count) { isTest[index] = true }
    return partition(ratings, isTest: isTest)
  }

  private static func partition(_ ratings: [Rating], isTest: [Bool]) -> RatingSplit {
    var train: [Rating] = []
    var test: [Rating] = []
    train.reserveCapacity(ratings.count)
    for (index, r) in ratings.enumerated() {
      if isTest[index] { test.append(r) } else { train.append(r) }
    }
    return RatingSplit(train: train, test: test)
  }
}
