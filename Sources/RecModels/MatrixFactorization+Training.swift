import NN
import RecData
import Tensors

/// What matrix factorisation is trained to do with implicit feedback, where only positives
/// are observed and negatives are sampled from the items a user never touched.
/// Introduced in Chapter 2.
public enum ImplicitObjective: Sendable, Equatable, CustomStringConvertible {
  /// Bayesian personalised ranking (Rendle et al., 2009): rank each positive above one
  /// sampled negative.
  case bpr
  /// Pointwise log loss (binary cross-entropy): label 1 for each positive, 0 for each of
  /// `negativesPerPositive` sampled negatives (NCF's objective).
  case logLoss(negativesPerPositive: Int)

  /// `BPR` or `log loss (4 negatives)`.
  public var description: String {
    switch self {
    case .bpr: return "BPR"
    case .logLoss(let n): return "log loss (\(n) negatives)"
    }
  }
}

// MARK: - Losses of one mini-batch

extension MatrixFactorization {
  /// The BPR loss of a batch of triples (u, i, j), with an L2 penalty on the vectors used:
  ///
  /// ```
  /// L = -(1/n) sum log sigmoid(p_u . q_i - p_u . q_j)
  ///     + l2 (1/n) sum (|p_u|^2 + |q_i|^2 + |q_j|^2)
  /// ```
  /// - Shape: a batch of n triples -> ()
  public func bprLoss(_ batch: PairwiseInstances, l2: Float = 0) -> Tensor {
    let users = batch.users.map(Int.init)
    let p = userEmbedding(users)
    let qi = itemEmbedding(batch.positives.map(Int.init))
    let qj = itemEmbedding(batch.negatives.map(Int.init))
    let difference = (p * (qi - qj)).sum(axis: -1)
    var loss = -difference.logSigmoid().mean()
    if l2 > 0 {
      let squares = (p * p + qi * qi + qj * qj).sum(axis: -1)
      loss = loss + l2 * squares.mean()
    }
    return loss
  }

  /// The pointwise log loss of a batch of (u, i, label), with an L2 penalty on the vectors used:
  ///
  /// ```
  /// L = -(1/n) sum [ y log sigmoid(p_u . q_i) + (1 - y) log(1 - sigmoid(p_u . q_i)) ]
  ///     + l2 (1/n) sum (|p_u|^2 + |q_i|^2)
  /// ```
  /// - Shape: a batch of n instances -> ()
  public func logLoss(_ batch: MiniBatch, l2: Float = 0) -> Tensor {
    let p = userEmbedding(batch.users.map(Int.init))
    let q = itemEmbedding(batch.items.map(Int.init))
    let logits = (p * q).sum(axis: -1)
    var loss = binaryCrossEntropyWithLogits(logits, Tensor(batch.labels))
    if l2 > 0 {
      loss = loss + l2 * (p * p + q * q).sum(axis: -1).mean()
    }
    return loss
  }
}

// MARK: - One epoch

extension MatrixFactorization {
  /// Trains one epoch on the positives of `train` with fresh negatives, and returns the
  /// epoch's mean mini-batch loss.
  ///
  ///     let adam = Adam(mf.parameters, learningRate: 0.005)
  ///     for epoch in 1...20 {
  ///       let loss = mf.trainEpoch(on: train, objective: .bpr, optimizer: adam, using: &rng)
  ///     }
  ///
  /// - Parameters:
  ///   - sampler: pass one built once with `NegativeSampler(excluding: train)` to reuse it
  ///     across epochs; built here when nil.
  ///   - afterBatch: called after each step with (batches done, batches in all, mean loss so far),
  ///     for a progress bar.
  @discardableResult
  public func trainEpoch(
    on train: InteractionMatrix, objective: ImplicitObjective, optimizer: Optimizer,
    batchSize: Int = 256, l2: Float = 0, sampler: NegativeSampler? = nil,
    using rng: inout SeededGenerator,
    afterBatch: ((_ done: Int, _ total: Int, _ meanLoss: Double) -> Void)? = nil
  ) -> Double {
    let batches = epochBatches(
      on: train, objective: objective, sampler: sampler ?? NegativeSampler(excluding: train),
      batchSize: batchSize, using: &rng)
    return fit(
      epochs: 1, optimizers: [optimizer], batches: { _ in batches },
      loss: { self.loss($0, l2: l2) },
      onEvent: { event in
        if case .batch(_, let done, let total, _, let meanLoss) = event {
          afterBatch?(done, total, meanLoss)
        }
      }
    )[0].loss.zeroIfNaN
  }

  /// One epoch's mini-batches for `objective`: every positive of `train` with fresh
  /// negatives from `sampler` (one per positive for BPR's pairs), shuffled.
  public func epochBatches(
    on train: InteractionMatrix, objective: ImplicitObjective, sampler: NegativeSampler,
    batchSize: Int = 256, using rng: inout SeededGenerator
  ) -> [MFBatch] {
    switch objective {
    case .bpr:
      return PairwiseInstances.epoch(positives: train, sampler: sampler, using: &rng)
        .batches(size: batchSize).map(MFBatch.pairs)
    case .logLoss(let negatives):
      return TrainingInstances.epoch(
        positives: train, sampler: sampler, negativesPerPositive: negatives, using: &rng
      ).batches(size: batchSize).map(MFBatch.labelled)
    }
  }

  /// The loss of a mini-batch of either kind: BPR's on pairs, the log loss on labelled
  /// pairs, each with the L2 penalty `l2`.
  public func loss(_ batch: MFBatch, l2: Float = 0) -> Tensor {
    switch batch {
    case .pairs(let pairs): bprLoss(pairs, l2: l2)
    case .labelled(let labelled): logLoss(labelled, l2: l2)
    }
  }
}

/// A mini-batch for matrix factorisation: (user, positive, negative) triples for BPR, or
/// labelled pairs for the log loss.
public enum MFBatch: Sendable {
  case pairs(PairwiseInstances)
  case labelled(MiniBatch)
}
