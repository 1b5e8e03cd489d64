import NN
import RecData
import RecEval
import Tensors

/// An autoencoder for implicit feedback: it reads users' 0/1 rows of the interaction matrix
/// and scores every item for each of them (Mult-DAE, CDAE, Mult-VAE).
///
///     let scores = model.scoreAll(train)          // (users x items), row-major
///     let result = full.evaluate { user, items in items.map { scores[user * n + $0] } }
///
/// Introduced in Chapter 5.
public protocol ImplicitAutoencoder: Layer {
  /// The training loss of a batch of rows (the model corrupts its input itself).
  /// - Shape: rows (batch, items), users (batch) -> ()
  func loss(rows: Tensor, users: [Int]) -> Tensor
  /// A score for every item, higher is better (logits are fine: only the order counts).
  /// - Shape: rows (batch, items), users (batch) -> (batch, items)
  func scores(rows: Tensor, users: [Int]) -> Tensor
}

// MARK: - Inputs

extension InteractionMatrix {
  /// The rows of `users` as a dense 0/1 tensor.
  /// - Shape: users (batch) -> (batch, itemCount)
  public func denseRows(users: [Int]) -> Tensor {
    let n = itemCount
    return Tensor(shape: [users.count, n]) { out in
      out.initialize(repeating: 0)
      for (k, user) in users.enumerated() {
        for item in items(of: user) { out[k * n + item] = 1 }
      }
    }
  }
}

/// Each row divided by its Euclidean length (a zero row stays zero). Data, not
/// differentiated: Mult-DAE and Mult-VAE normalise their input this way (Liang et al., 2018).
///
/// ```
/// y[u, :] = x[u, :] / ||x[u, :]||_2
/// ```
/// - Shape: (batch, items) -> (batch, items)
public func l2NormalizedRows(_ x: Tensor) -> Tensor {
  let n = x.shape.last ?? 0
  return x.withUnsafeBufferPointer { px in
    Tensor(shape: x.shape) { out in
      for start in stride(from: 0, to: px.count, by: max(n, 1)) {
        var squares: Float = 0
        for j in start..<start + n { squares += px[j] * px[j] }
        let scale = squares > 0 ? 1 / squares.squareRoot() : 0
        for j in start..<start + n { out[j] = px[j] * scale }
      }
    }
  }
}

// MARK: - Training and scoring

extension ImplicitAutoencoder {
  /// One pass over the users who have training items, in shuffled mini-batches; returns the
  /// mean batch loss. `progress` is called after each step with the batch's loss.
  public func trainEpoch(
    on train: InteractionMatrix, optimizer: Optimizer, batchSize: Int,
    using rng: inout SeededGenerator, progress: ((Double) -> Void)? = nil
  ) -> Double {
    let batches = epochBatches(train, batchSize: batchSize, using: &rng)
    return fit(
      epochs: 1, optimizers: [optimizer], batches: { _ in batches },
      loss: { self.loss(train, users: $0) },
      onEvent: { event in
        if case .batch(_, _, _, let loss, _) = event { progress?(Double(loss)) }
      }
    )[0].loss.zeroIfNaN
  }

  /// One epoch's mini-batches: the users with at least one training item, shuffled, cut
  /// into batches of `batchSize` user numbers.
  public func epochBatches(
    _ train: InteractionMatrix, batchSize: Int, using rng: inout SeededGenerator
  ) -> [[Int]] {
    var users = (0..<train.userCount).filter { train.degree(ofUser: $0) > 0 }
    rng.shuffle(&users)
    return miniBatches(users, size: batchSize)
  }

  /// The loss of the users `batch`, from their training rows, with its graph.
  public func loss(_ train: InteractionMatrix, users batch: [Int]) -> Tensor {
    loss(rows: train.denseRows(users: batch), users: batch)
  }

  /// Every user's scores for every item, row-major (userCount x itemCount), from their
  /// training rows, in evaluation mode (no corruption, no sampling).
  public func scoreAll(_ train: InteractionMatrix, batchSize: Int = 512) -> [Float] {
    var out: [Float] = []
    out.reserveCapacity(train.userCount * train.itemCount)
    evaluating {
      for start in stride(from: 0, to: train.userCount, by: batchSize) {
        let users = Array(start..<min(start + batchSize, train.userCount))
        out += scores(rows: train.denseRows(users: users), users: users).scalars
      }
    }
    return out
  }

  /// The full-ranking metrics of the scores from `train`, on `test`.
  public func evaluate(
    train: InteractionMatrix, test: InteractionMatrix, cutoffs: ClosedRange<Int> = 1...10
  ) -> RankingResult {
    let all = scoreAll(train)
    let n = train.itemCount
    return FullRankingProtocol(train: train, test: test).evaluate(cutoffs: cutoffs) { user, items in
      items.map { all[user * n + $0] }
    }
  }
}
