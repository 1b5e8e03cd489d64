import Tensors

/// One epoch of pointwise training instances for implicit feedback, as parallel arrays:
/// every training positive (label 1) followed by its sampled negatives (label 0), then all
/// shuffled together.
///
///     var rng = SeededGenerator(seed: 42)
///     let epoch = TrainingInstances.epoch(positives: train, negativesPerPositive: 4, using: &rng)
///     for batch in epoch.batches(size: 256) { model.step(batch.users, batch.items, batch.labels) }
///
/// ```
/// instances = { (u, i, 1) : (u, i) in train }  ∪  { (u, j, 0) : n draws of j ∉ train(u) per positive }
/// ```
///
/// Negatives are drawn with replacement (a user's negatives may repeat across positives) and
/// fresh every epoch, as in the NCF paper.
public struct TrainingInstances: Sendable, Equatable {
  /// User index of each instance.
  public var users: [Int32]
  /// Item index of each instance.
  public var items: [Int32]
  /// 1 for a positive, 0 for a negative.
  public var labels: [Float]

  /// Creates instances from parallel arrays of equal length.
  public init(users: [Int32], items: [Int32], labels: [Float]) {
    ensure(
      users.count == items.count && items.count == labels.count,
      "TrainingInstances: users, items and labels must have the same length")
    self.users = users
    self.items = items
    self.labels = labels
  }

  /// Number of instances.
  public var count: Int { labels.count }

  /// Builds one shuffled epoch: each interaction in `positives` with `negativesPerPositive`
  /// negatives for the same user, drawn from the items not in that user's row of `positives`.
  /// A user who interacted with every item gets no negatives.
  ///
  /// - Shape: |positives| -> |positives| * (1 + negativesPerPositive) instances
  public static func epoch(
    positives: InteractionMatrix, negativesPerPositive: Int, using rng: inout SeededGenerator
  ) -> TrainingInstances {
    epoch(
      positives: positives, sampler: NegativeSampler(excluding: positives),
      negativesPerPositive: negativesPerPositive, using: &rng)
  }

  /// As `epoch(positives:negativesPerPositive:using:)`, reusing a sampler built once
  /// (build it with `NegativeSampler(excluding: positives)` and keep it across epochs).
  public static func epoch(
    positives: InteractionMatrix, sampler: NegativeSampler, negativesPerPositive: Int,
    using rng: inout SeededGenerator
  ) -> TrainingInstances {
    ensure(
      negativesPerPositive >= 0, "TrainingInstances.epoch: negativesPerPositive must be >= 0")
    let capacity = positives.interactionCount * (1 + negativesPerPositive)
    var users = [Int32](repeating: 0, count: capacity)
    var items = [Int32](repeating: 0, count: capacity)
    var labels = [Float](repeating: 0, count: capacity)
    var n = 0
    for u in 0..<positives.userCount {
      let negatives = sampler.availableCount(for: u) > 0 ? negativesPerPositive : 0
      for item in positives.items(of: u) {
        users[n] = Int32(u)
        items[n] = Int32(item)
        labels[n] = 1
        n += 1
        for _ in 0..<negatives {
          users[n] = Int32(u)
          items[n] = Int32(sampler.sample(for: u, using: &rng))
          labels[n] = 0
          n += 1
        }
      }
    }
    if n < capacity {
      users.removeLast(capacity - n)
      items.removeLast(capacity - n)
      labels.removeLast(capacity - n)
    }
    var instances = TrainingInstances(users: users, items: items, labels: labels)
    instances.shuffle(using: &rng)
    return instances
  }

  /// Shuffles the three arrays together: each is rearranged by one random permutation
  /// (`SeededGenerator.permutation`, so the same draws as shuffling one array).
  public mutating func shuffle(using rng: inout SeededGenerator) {
    let order = rng.permutation(count)
    let (u, i, l) = (users, items, labels)
    users = order.map { u[$0] }
    items = order.map { i[$0] }
    labels = order.map { l[$0] }
  }

  /// The instances in consecutive mini-batches of `size` (the last one smaller), in order.
  public func batches(size: Int) -> MiniBatches {
    ensure(size > 0, "TrainingInstances.batches: size must be > 0, got \(size)")
    return MiniBatches(instances: self, size: size)
  }
}

/// A mini-batch: parallel arrays of users, items and labels.
public struct MiniBatch: Sendable, Equatable {
  /// User indices.
  public var users: [Int32]
  /// Item indices.
  public var items: [Int32]
  /// Labels (1 positive, 0 negative).
  public var labels: [Float]
  /// Number of instances in the batch.
  public var count: Int { labels.count }
}

/// The mini-batches of a `TrainingInstances`, in order; the last may be smaller.
public struct MiniBatches: RandomAccessCollection, Sendable {
  /// The instances being cut.
  public let instances: TrainingInstances
  /// Instances per batch (the last batch may have fewer).
  public let size: Int

  /// Number of batches: ceil(count / size).
  public var count: Int { (instances.count + size - 1) / size }

  public var startIndex: Int { 0 }
  public var endIndex: Int { count }

  /// Batch `index`: instances `index * size` up to the next batch's first.
  public subscript(index: Int) -> MiniBatch {
    ensure(index >= 0 && index < count, "MiniBatches: batch \(index) of \(count)")
    let start = index * size
    let end = Swift.min(start + size, instances.count)
    return MiniBatch(
      users: Array(instances.users[start..<end]), items: Array(instances.items[start..<end]),
      labels: Array(instances.labels[start..<end]))
  }
}
