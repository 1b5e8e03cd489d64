import Tensors

/// One epoch of pairwise training triples for BPR: every training positive (u, i) with one
/// sampled negative j the user never interacted with in training, shuffled.
///
///     let sampler = NegativeSampler(excluding: train)
///     let triples = PairwiseInstances.epoch(positives: train, sampler: sampler, using: &rng)
///     for batch in triples.batches(size: 256) { /* score (u, i) above (u, j) */ }
///
/// ```
/// triples = { (u, i, j) : (u, i) in train,  j drawn uniformly from items \ train(u) }
/// ```
///
/// A user who interacted with every item has no negative and contributes no triple.
/// Introduced in Chapter 2.
public struct PairwiseInstances: Sendable, Equatable {
  /// User of each triple.
  public var users: [Int32]
  /// The positive item (the user interacted with it).
  public var positives: [Int32]
  /// The sampled negative item (the user did not).
  public var negatives: [Int32]

  /// Creates triples from parallel arrays of equal length.
  public init(users: [Int32], positives: [Int32], negatives: [Int32]) {
    ensure(
      users.count == positives.count && positives.count == negatives.count,
      "PairwiseInstances: users, positives and negatives must have the same length")
    self.users = users
    self.positives = positives
    self.negatives = negatives
  }

  /// Number of triples.
  public var count: Int { users.count }

  /// Builds one shuffled epoch: one fresh negative per training positive.
  public static func epoch(
    positives: InteractionMatrix, sampler: NegativeSampler, using rng: inout SeededGenerator
  ) -> PairwiseInstances {
    var users: [Int32] = []
    var items: [Int32] = []
    var negatives: [Int32] = []
    users.reserveCapacity(positives.interactionCount)
    items.reserveCapacity(positives.interactionCount)
    negatives.reserveCapacity(positives.interactionCount)
    for u in 0..<positives.userCount where sampler.availableCount(for: u) > 0 {
      for item in positives.items(of: u) {
        users.append(Int32(u))
        items.append(Int32(item))
        negatives.append(Int32(sampler.sample(for: u, using: &rng)))
      }
    }
    var triples = PairwiseInstances(users: users, positives: items, negatives: negatives)
    triples.shuffle(using: &rng)
    return triples
  }

  /// Shuffles the three arrays together: each is rearranged by one random permutation
  /// (`SeededGenerator.permutation`, so the same draws as shuffling one array).
  public mutating func shuffle(using rng: inout SeededGenerator) {
    let order = rng.permutation(count)
    let (u, p, n) = (users, positives, negatives)
    users = order.map { u[$0] }
    positives = order.map { p[$0] }
    negatives = order.map { n[$0] }
  }

  /// The triples cut into consecutive mini-batches of `size` (the last one smaller), in order.
  public func batches(size: Int) -> [PairwiseInstances] {
    ensure(size > 0, "PairwiseInstances.batches: size must be > 0, got \(size)")
    return stride(from: 0, to: count, by: size).map { start in
      let end = Swift.min(start + size, count)
      return PairwiseInstances(
        users: Array(users[start..<end]), positives: Array(positives[start..<end]),
        negatives: Array(negatives[start..<end]))
    }
  }
}
