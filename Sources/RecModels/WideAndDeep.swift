import NN
import RecData
import Tensors

// MARK: - The model

/// Wide & Deep (Cheng et al., 2016): a linear model over sparse and crossed features (wide,
/// memorisation) plus an MLP over embeddings and dense features (deep, generalisation),
/// summed into one logit and trained together.
///
///     let model = WideAndDeep(encoder: encoder, parts: .both, using: &rng)
///     let p = model.probabilities(batch)       // P(label = 1) per example
///
/// ```
/// wide(x)  = b + sum over active ids j of w_j                  (x one-hot and crossed ids)
/// deep(x)  = MLP( [ e_1(x_1) | ... | e_m(x_m) | dense(x) ] )   (ReLU hidden layers, 1 output)
/// P(y = 1 | x) = sigmoid( wide(x) + deep(x) )
/// ```
/// `parts: .wide` or `.deep` keeps only one half (the ablations). Introduced in Chapter 4.
public final class WideAndDeep: Layer {
  /// Which halves the model has.
  public enum Parts: String, Sendable, CaseIterable {
    /// Only the linear model over sparse and crossed ids.
    case wide
    /// Only the MLP over embeddings and dense values.
    case deep
    /// Both, summed into one logit.
    case both
  }

  /// Which halves are present.
  public let parts: Parts
  /// The wide weights, one row per wide id: (wideSize, 1). Start at 0 (FTRL's start).
  public let wideWeights: Tensor
  /// The wide part's bias, (1, 1).
  public let wideBias: Tensor
  /// One embedding table per deep column, (size, embeddingDimension) each.
  public let embeddings: [Embedding]
  /// The MLP from the concatenated embeddings and dense values to one logit.
  public let mlp: MLP

  /// A model shaped for `encoder`'s columns: embeddings of `embeddingDimension`, an MLP
  /// through `hiddenSizes` (ReLU) to one output.
  public init(
    encoder: FeatureEncoder, parts: Parts = .both, embeddingDimension: Int = 8,
    hiddenSizes: [Int] = [64, 32], using rng: inout SeededGenerator
  ) {
    self.parts = parts
    wideWeights = Tensor.zeros([encoder.wideSize, 1]).requiringGrad()
    wideBias = Tensor.zeros([1, 1]).requiringGrad()
    embeddings = encoder.deepSizes.map {
      Embedding($0, embeddingDimension, standardDeviation: 0.05, using: &rng)
    }
    let inputSize = embeddingDimension * encoder.deep.count + encoder.denseWidth
    mlp = MLP(sizes: [inputSize] + hiddenSizes + [1], activation: .relu, using: &rng)
  }

  /// The wide logit of each example.
  /// - Shape: batch -> (batch.count, 1)
  public func wideLogits(_ batch: FeatureBatch) -> Tensor {
    wideWeights.sumOfRows(offsets: batch.wideOffsets, ids: batch.wideIDs) + wideBias
  }

  /// The deep logit of each example.
  /// - Shape: batch -> (batch.count, 1)
  public func deepLogits(_ batch: FeatureBatch) -> Tensor {
    var inputs = zip(embeddings, batch.deepIDs).map { table, ids in table(ids) }
    if batch.denseWidth > 0 {
      inputs.append(Tensor(batch.dense, shape: [batch.count, batch.denseWidth]))
    }
    return mlp(Tensor.concatenate(inputs))
  }

  /// The logit of each example: wide, deep, or their sum.
  /// - Shape: batch -> (batch.count, 1)
  public func logits(_ batch: FeatureBatch) -> Tensor {
    switch parts {
    case .wide: wideLogits(batch)
    case .deep: deepLogits(batch)
    case .both: wideLogits(batch) + deepLogits(batch)
    }
  }

  /// P(label = 1) of each example, in chunks of `chunkSize`, without recording a graph.
  public func probabilities(_ batch: FeatureBatch, chunkSize: Int = 4096) -> [Float] {
    var out: [Float] = []
    out.reserveCapacity(batch.count)
    var start = 0
    while start < batch.count {
      let end = min(start + chunkSize, batch.count)
      let chunk = start == 0 && end == batch.count ? batch : batch.rows(start..<end)
      out += evaluating { logits(chunk).sigmoid().scalars }
      start = end
    }
    return out
  }

  /// The wide part's parameters (trained by FTRL); empty for a deep-only model.
  public var wideParameters: [Tensor] { parts == .deep ? [] : [wideWeights, wideBias] }

  /// The deep part's parameters (trained by AdaGrad or Adam); empty for a wide-only model.
  public var deepParameters: [Tensor] {
    parts == .wide ? [] : embeddings.flatMap(\.parameters) + mlp.parameters
  }

  /// The parameters of the halves present.
  public var namedParameters: [(String, Tensor)] {
    var named: [(String, Tensor)] = []
    if parts != .deep { named += [("wide.weights", wideWeights), ("wide.bias", wideBias)] }
    if parts != .wide {
      for (k, e) in embeddings.enumerated() {
        named += e.namedParameters(prefixedBy: "embeddings.\(k)")
      }
      named += mlp.namedParameters(prefixedBy: "mlp")
    }
    return named
  }

  /// How many wide weights are exactly zero (FTRL's L1 sets them so), and how many there are.
  public var wideSparsity: (zeros: Int, total: Int) {
    let zeros = wideWeights.withUnsafeBufferPointer { w in w.reduce(0) { $1 == 0 ? $0 + 1 : $0 } }
    return (zeros, wideWeights.count)
  }
}

// MARK: - FTRL on the touched rows only

/// FTRL-Proximal (the `FTRL` optimiser's update, coordinate by coordinate) applied only to
/// the rows a mini-batch's gradient touched: a coordinate whose gradient is 0 keeps its z
/// and n, hence its weight, so skipping it changes nothing, and a step costs the batch's ids
/// instead of the whole table. It reads the rows from the gradient itself (`sumOfRows`
/// records them), so it is an `Optimizer` like any other. A test holds it equal to `FTRL`.
///
///     let ftrl = SparseFTRL(model.wideWeights, alpha: 0.05, beta: 1, l1: 0.001)
///     ftrl.zeroGrad(); loss.backward(); ftrl.step()
///
/// ```
/// for each touched j:   sigma = (sqrt(n_j + g_j^2) - sqrt(n_j)) / alpha
///                       z_j += g_j - sigma w_j;   n_j += g_j^2
///                       w_j = 0 if |z_j| <= l1, else -(z_j - sign(z_j) l1) / ((beta + sqrt(n_j)) / alpha + l2)
/// ```
public final class SparseFTRL: Optimizer {
  /// The weights updated, (rows, 1).
  public let weights: Tensor
  /// The learning-rate scale alpha and its smoothing beta.
  public let alpha: Float, beta: Float
  /// The L1 and L2 regularisation strengths.
  public let l1: Float, l2: Float
  private var z: [Float]
  private var n: [Float]

  public var parameters: [Tensor] { [weights] }

  /// FTRL-Proximal over `weights`.
  public init(_ weights: Tensor, alpha: Float, beta: Float = 1, l1: Float = 0, l2: Float = 0) {
    self.weights = weights
    (self.alpha, self.beta, self.l1, self.l2) = (alpha, beta, l1, l2)
    z = [Float](repeating: 0, count: weights.count)
    n = z
  }

  /// Updates the rows the gradient says were written (every row, when it cannot tell: a
  /// row whose gradient is 0 is left as it was by the update anyway).
  public func step() {
    let (alpha, beta, l1, l2) = (alpha, beta, l1, l2)
    let rows = weights.gradientRowsWritten ?? Array(0..<weights.count)
    weights.withUnsafeGradBufferPointerForReading { g in
      guard let g else { return }
      weights.withUnsafeMutableBufferPointer { w in
        for j in rows {
          ftrlUpdate(
            weight: &w[j], gradient: g[j], z: &z[j], n: &n[j], alpha: alpha, beta: beta,
            l1: l1, l2: l2)
        }
      }
    }
  }
}

// MARK: - Joint training

/// Trains a `WideAndDeep` jointly: one loss on the summed logit, its gradient split between
/// FTRL-Proximal for the wide weights and AdaGrad (or Adam) for the deep ones, as in the
/// paper.
///
///     let trainer = WideAndDeepTrainer(model, deep: .adagrad(learningRate: 0.05))
///     let loss = trainer.trainEpoch(train, batchSize: 256, using: &rng)
public final class WideAndDeepTrainer {
  /// The optimiser of the deep part.
  public enum DeepOptimizer: Sendable, Equatable {
    /// AdaGrad with this learning rate (the paper's choice).
    case adagrad(learningRate: Float)
    /// Adam with this learning rate.
    case adam(learningRate: Float)
  }

  /// FTRL-Proximal's settings for the wide part.
  public struct FTRLSettings: Sendable, Equatable {
    public var alpha: Float, beta: Float, l1: Float, l2: Float
    /// Settings (see `FTRL`).
    public init(alpha: Float = 0.05, beta: Float = 1, l1: Float = 0, l2: Float = 0) {
      (self.alpha, self.beta, self.l1, self.l2) = (alpha, beta, l1, l2)
    }
  }

  /// The model trained.
  public let model: WideAndDeep
  /// The wide weights' optimiser (nil for a deep-only model): FTRL on the touched rows.
  public let wideOptimizer: SparseFTRL?
  /// The wide bias's optimiser: FTRL without regularisation (nil for a deep-only model).
  public let biasOptimizer: FTRL?
  /// The deep part's optimiser (nil for a wide-only model).
  public let deepOptimizer: (any Optimizer)?

  /// A trainer for `model`.
  public init(
    _ model: WideAndDeep, ftrl: FTRLSettings = FTRLSettings(),
    deep: DeepOptimizer = .adagrad(learningRate: 0.05)
  ) {
    self.model = model
    let hasWide = model.parts != .deep
    wideOptimizer =
      hasWide
      ? SparseFTRL(model.wideWeights, alpha: ftrl.alpha, beta: ftrl.beta, l1: ftrl.l1, l2: ftrl.l2)
      : nil
    biasOptimizer = hasWide ? FTRL([model.wideBias], alpha: ftrl.alpha, beta: ftrl.beta) : nil
    let deepParameters = model.deepParameters
    switch deep {
    case _ where deepParameters.isEmpty: deepOptimizer = nil
    case .adagrad(let lr): deepOptimizer = Adagrad(deepParameters, learningRate: lr)
    case .adam(let lr): deepOptimizer = Adam(deepParameters, learningRate: lr)
    }
  }

  /// The optimisers, in the order they step: FTRL for the wide weights and bias, then the
  /// deep part's.
  public var optimizers: [any Optimizer] {
    [wideOptimizer, biasOptimizer, deepOptimizer].compactMap { $0 }
  }

  /// The mean log loss of a mini-batch, with its graph.
  public func loss(_ batch: FeatureBatch) -> Tensor {
    binaryCrossEntropyWithLogits(
      model.logits(batch), Tensor(batch.labels, shape: [batch.count, 1]))
  }

  /// `data` in mini-batches of `batchSize`, in a fresh random order.
  public func epochBatches(_ data: FeatureBatch, batchSize: Int, using rng: inout SeededGenerator)
    -> [FeatureBatch]
  {
    ensure(batchSize > 0, "WideAndDeepTrainer: batchSize must be positive")
    return miniBatches(rng.permutation(data.count), size: batchSize).map { data.rows($0[...]) }
  }

  /// One optimisation step on a mini-batch (`fit` on one batch); returns its mean log loss.
  @discardableResult
  public func step(_ batch: FeatureBatch) -> Float {
    Float(fit(epochs: 1, optimizers: optimizers, batches: { _ in [batch] }, loss: loss)[0].loss)
  }

  /// One pass over `data` in shuffled mini-batches (`fit` for one epoch); returns the mean
  /// training loss over examples. `onBatch` (if given) is called after each step with the
  /// batch's loss.
  public func trainEpoch(
    _ data: FeatureBatch, batchSize: Int, using rng: inout SeededGenerator,
    onBatch: ((Float) -> Void)? = nil
  ) -> Double {
    let batches = epochBatches(data, batchSize: batchSize, using: &rng)
    return fit(
      epochs: 1, optimizers: optimizers, batches: { _ in batches }, loss: loss,
      weight: { Double($0.count) },
      onEvent: { event in
        if case .batch(_, _, _, let loss, _) = event { onBatch?(loss) }
      }
    )[0].loss
  }
}
