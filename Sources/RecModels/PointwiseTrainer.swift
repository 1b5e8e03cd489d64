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

  /// One optimiser step on one mini-batch; returns the batch's mean log loss.
  @discardableResult
  public func step(_ batch: MiniBatch) -> Float {
    let logits = model.logits(users: batch.users.map(Int.init), items: batch.items.map(Int.init))
    let labels = Tensor(batch.labels, shape: [batch.count, 1])
    let loss = binaryCrossEntropyWithLogits(logits, labels)
    optimizer.zeroGrad()
    loss.backward()
    optimizer.step()
    return loss.scalar
  }

  /// One epoch: fresh negatives, shuffle, every mini-batch once. Returns the epoch's mean
  /// log loss over instances. `onBatch(done, total, loss)` is called after each batch (for
  /// a progress bar).
  @discardableResult
  public func trainEpoch(
    using rng: inout SeededGenerator,
    onBatch: ((_ done: Int, _ total: Int, _ loss: Float) -> Void)? = nil
  ) -> Float {
    let instances = TrainingInstances.epoch(
      positives: train, sampler: sampler, negativesPerPositive: negativesPerPositive, using: &rng)
    let batches = instances.batches(size: batchSize)
    var total = 0.0
    var done = 0
    for batch in batches {
      let loss = step(batch)
      total += Double(loss) * Double(batch.count)
      done += 1
      onBatch?(done, batches.count, loss)
    }
    return Float(total / Double(max(instances.count, 1)))
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

  /// Trains for `epochs` epochs, evaluating HR@10 and NDCG@10 under `sampled` after each
  /// (`onEpoch` sees every record as it comes: print a summary line there).
  public func fit(
    epochs: Int, evaluatingWith sampled: SampledRankingProtocol, using rng: inout SeededGenerator,
    onBatch: ((_ epoch: Int, _ done: Int, _ total: Int, _ loss: Float) -> Void)? = nil,
    onEpoch: ((EpochRecord) -> Void)? = nil
  ) -> [EpochRecord] {
    var history: [EpochRecord] = []
    guard epochs > 0 else { return history }
    for epoch in 1...epochs {
      let loss = trainEpoch(using: &rng) { done, total, loss in onBatch?(epoch, done, total, loss) }
      let result = model.evaluate(sampled, cutoffs: 10...10)
      let record = EpochRecord(
        epoch: epoch, loss: Double(loss), hitRate: result.hitRate(at: 10), ndcg: result.ndcg(at: 10)
      )
      history.append(record)
      onEpoch?(record)
    }
    return history
  }
}
