import Tensors

// The book's one training loop. Every model is trained through `fit`: the model brings its
// parameters (through its optimisers) and its loss, the caller brings the data of each
// epoch, and `fit` does the rest, the same way for all of them.

/// One epoch of training, summed up: its number (from 1), the mean training loss of its
/// batches, and whatever the evaluation after it measured.
public struct EpochRecord: Sendable, Equatable {
  /// The epoch, counted from 1.
  public var epoch: Int
  /// The mean of the batches' losses, each weighted as `fit` was told (NaN for no batch).
  public var loss: Double
  /// What `evaluate` returned after this epoch (empty without one).
  public var metrics: [String: Double]

  /// A record of one epoch.
  public init(epoch: Int, loss: Double, metrics: [String: Double] = [:]) {
    self.epoch = epoch
    self.loss = loss
    self.metrics = metrics
  }
}

/// What `fit` reports while it trains: after every batch (for a progress bar) and after
/// every epoch (for a summary line or a curve).
public enum FitEvent {
  /// A step was taken: batch `done` of `total` in `epoch`, with its loss and the epoch's
  /// running mean loss so far.
  case batch(epoch: Int, done: Int, total: Int, loss: Float, meanLoss: Double)
  /// An epoch ended (and was evaluated, if `fit` had an evaluation).
  case epoch(EpochRecord)
}

/// Trains for `epochs` epochs and returns one record per epoch:
///
/// ```
/// for epoch in 1 ... epochs:
///   for B in batches(epoch):                        (drawn by the caller: shuffled, sampled)
///     grads = 0;  L = loss(B);  grads = dL/dθ;  θ = step(θ, grads)   (every optimiser)
///   record(epoch, mean of L weighted by weight(B), evaluate(epoch))
/// ```
///
///     let history = fit(epochs: 20, optimizers: [adam],
///                       batches: { _ in trainingBatches(using: &rng) },
///                       loss: { batch in model.loss(batch) })
///
/// - `optimizers`: each updates its own parameters; they are all zeroed before a batch and
///   stepped after it, in this order (Wide & Deep's FTRL and AdaGrad train one loss).
/// - `weight`: how much a batch counts in the epoch's mean loss: 1 (the default) for a mean
///   over batches, its size for a mean over examples.
/// - `evaluate`: what to measure after each epoch; its numbers go into the record.
/// - `onEvent`: called after each batch and each epoch.
@discardableResult
public func fit<Batches: Collection>(
  epochs: Int, optimizers: [any Optimizer], batches: (_ epoch: Int) -> Batches,
  loss: (Batches.Element) -> Tensor, weight: (Batches.Element) -> Double = { _ in 1 },
  evaluate: ((_ epoch: Int) -> [String: Double])? = nil,
  onEvent: ((FitEvent) -> Void)? = nil
) -> [EpochRecord] {
  ensure(epochs >= 0, "fit: epochs must not be negative, got \(epochs)")
  var history: [EpochRecord] = []
  for epoch in stride(from: 1, through: epochs, by: 1) {
    let epochBatches = batches(epoch)
    var total = 0.0
    var totalWeight = 0.0
    for (index, batch) in epochBatches.enumerated() {  // in order, each batch once
      for optimizer in optimizers { optimizer.zeroGrad() }
      let batchLoss = loss(batch)
      batchLoss.backward()
      for optimizer in optimizers { optimizer.step() }
      let value = batchLoss.scalar
      let w = weight(batch)
      total += Double(value) * w
      totalWeight += w
      onEvent?(
        .batch(
          epoch: epoch, done: index + 1, total: epochBatches.count, loss: value,
          meanLoss: total / totalWeight))
    }
    let record = EpochRecord(
      epoch: epoch, loss: totalWeight > 0 ? total / totalWeight : .nan,
      metrics: evaluate?(epoch) ?? [:])
    history.append(record)
    onEvent?(.epoch(record))
  }
  return history
}

/// Cuts `order` into mini-batches of `size` (the last one smaller), in order: the batches
/// of one epoch for `fit` when the caller has already shuffled `order`.
public func miniBatches<Element>(_ order: [Element], size: Int) -> [[Element]] {
  ensure(size > 0, "miniBatches: the batch size must be positive, got \(size)")
  return stride(from: 0, to: order.count, by: size).map {
    Array(order[$0..<Swift.min($0 + size, order.count)])
  }
}
