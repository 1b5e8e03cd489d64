import NN
import RecData
import RecEval
import Tensors

/// Trains a `PointwiseRecommender` the NCF way: every epoch, each training interaction
/// (label 1) gets `negativesPerPositive` fresh negatives (label 0), the instances are
/// shuffled and cut into mini-batches, and each batch takes one optimiser step on the
/// binary cross-entropy.
///
///     let trainer = PointwiseTrainer(model: gmf, train: trainMatrix,
///                                    optimizer: Adam(gmf.parameters, learningRate: 0.001))
///     let loss = trainer.trainEpoch(using: &rng)          // mean log loss of the epoch
///
/// ```
/// for each epoch:
///   instances = positives ∪ { negativesPerPositive draws of (u, j), j ∉ train(u), per positive }
///   for each batch B of batchSize shuffled instances:
///     L = BCE(sigmoid(logits(B)), labels(B));   w = w - optimizer step(dL/dw)
/// ```
/// Introduced in Chapter 3.
public final class PointwiseTrainer {
  /// The model being trained.
  public let model: any PointwiseRecommender
  /// The training interactions (the positives; negatives avoid them).
  public let train: InteractionMatrix
  /// The optimiser over the model's parameters.
  public let optimizer: any Optimizer
  /// Negatives sampled per positive, every epoch (the paper's default is 4).
  public var negativesPerPositive: Int
  /// Instances per mini-batch (the paper's default is 256).
  public var batchSize: Int
  /// The sampler, built once from `train`.
  public let sampler: NegativeSampler

  /// A trainer for `model` on `train` with `optimizer`.
  public init(
    model: any PointwiseRecommender, train: InteractionMatrix, optimizer: any Optimizer,
    negativesPerPositive: Int = 4, batchSize: Int = 256
  ) {
    ensure(
      negativesPerPositive >= 0 && batchSize > 0,
      "PointwiseTrainer: negatives \(negativesPerPositive), batch \(batchSize)")
    ensure(
      model.userCount == train.userCount && model.itemCount == train.itemCount,
      "PointwiseTrainer: the model is \(model.userCount)x\(model.itemCount), the data \(train.userCount)x\(train.itemCount)"
    )
    self.model = model
    self.train = train
    self.optimizer = optimizer
    self.negativesPerPositive = negativesPerPositive
    self.batchSize = batchSize
    self.sampler = NegativeSampler(excluding: train)
  }

  /// The mean log loss of one mini-batch, with its graph (what a step differentiates).
  public func loss(_ batch: MiniBatch) -> Tensor {
    let logits = model.logits(users: batch.users.map(Int.init), items: batch.items.map(Int.init))
    return binaryCrossEntropyWithLogits(logits, Tensor(batch.labels, shape: [batch.count, 1]))
  }

  /// One optimiser step on one mini-batch; returns the batch's mean log loss.
  @discardableResult
  public func step(_ batch: MiniBatch) -> Float {
    Float(NN.fit(epochs: 1, optimizers: [optimizer], batches: { _ in [batch] }, loss: loss)[0].loss)
  }

  /// The training instances of one epoch, in mini-batches: every positive, and
  /// `negativesPerPositive` fresh negatives for each, shuffled.
  public func epochBatches(using rng: inout SeededGenerator) -> MiniBatches {
    TrainingInstances.epoch(
      positives: train, sampler: sampler, negativesPerPositive: negativesPerPositive, using: &rng
    ).batches(size: batchSize)
  }

  /// One epoch (`fit` for one epoch): fresh negatives, shuffle, every mini-batch once.
  /// Returns the epoch's mean log loss over instances. `onBatch(done, total, loss)` is
  /// called after each batch (for a progress bar).
  @discardableResult
  public func trainEpoch(
    using rng: inout SeededGenerator,
    onBatch: ((_ done: Int, _ total: Int, _ loss: Float) -> Void)? = nil
  ) -> Float {
    let batches = epochBatches(using: &rng)
    guard !batches.isEmpty else { return 0 }
    let history = NN.fit(
      epochs: 1, optimizers: [optimizer], batches: { _ in batches }, loss: loss,
      weight: { Double($0.count) },
      onEvent: { event in
        if case .batch(_, let done, let total, let loss, _) = event { onBatch?(done, total, loss) }
      })
    return Float(history[0].loss)
  }

  /// The loss, HR@10 and NDCG@10 after one epoch.
  public struct EpochRecord: Sendable, Equatable {
    /// 1-based epoch number (0 is the untrained model).
    public var epoch: Int
    /// The epoch's mean training log loss (NaN for epoch 0).
    public var loss: Double
    /// HR@10 under the given protocol after this epoch.
    public var hitRate: Double
    /// NDCG@10 under the given protocol after this epoch.
    public var ndcg: Double

    /// A record of one epoch (NaN metrics for an epoch that was not evaluated).
    public init(epoch: Int, loss: Double, hitRate: Double, ndcg: Double) {
      self.epoch = epoch
      self.loss = loss
      self.hitRate = hitRate
      self.ndcg = ndcg
    }
  }

  /// Trains for `epochs` epochs (`fit`), evaluating HR@10 and NDCG@10 under `sampled` after
  /// each (`onEpoch` sees every record as it comes: print a summary line there).
  public func fit(
    epochs: Int, evaluatingWith sampled: SampledRankingProtocol, using rng: inout SeededGenerator,
    onBatch: ((_ epoch: Int, _ done: Int, _ total: Int, _ loss: Float) -> Void)? = nil,
    onEpoch: ((EpochRecord) -> Void)? = nil
  ) -> [EpochRecord] {
    NN.fit(
      epochs: epochs, optimizers: [optimizer], batches: { _ in epochBatches(using: &rng) },
      loss: loss, weight: { Double($0.count) },
      evaluate: { _ in
        let result = self.model.evaluate(sampled, cutoffs: 10...10)
        return ["HR@10": result.hitRate(at: 10), "NDCG@10": result.ndcg(at: 10)]
      },
      onEvent: { event in
        switch event {
        case .batch(let epoch, let done, let total, let loss, _):
          onBatch?(epoch, done, total, loss)
        case .epoch(let record):
          onEpoch?(EpochRecord(record))
        }
      }
    ).map(EpochRecord.init)
  }
}

extension PointwiseTrainer.EpochRecord {
  /// The record of `fit`'s epoch, its loss rounded to a Float as the step losses are.
  init(_ record: NN.EpochRecord) {
    self.init(
      epoch: record.epoch, loss: Double(Float(record.loss)),
      hitRate: record.metrics["HR@10"] ?? .nan, ndcg: record.metrics["NDCG@10"] ?? .nan)
  }
}

extension Double {
  /// 0 for NaN: the mean loss of an epoch without batches, as the trainers report it.
  var zeroIfNaN: Double { isNaN ? 0 : self }
}
