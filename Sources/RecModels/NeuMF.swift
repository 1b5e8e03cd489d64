import NN
import Tensors

/// Neural Matrix Factorization (He et al., 2017): a GMF branch and an MLP branch, each
/// with its own embeddings, whose last layers are concatenated and read by one output layer.
///
///     let neumf = NeuMF(userCount: 943, itemCount: 1682, factors: 8, hiddenLayers: 3, using: &rng)
///     let pretrained = NeuMF(pretrainedGMF: gmf, mlp: mlp, alpha: 0.5, using: &rng)
///
/// ```
/// phi_GMF = p^G_u ⊙ q^G_i                                  (GMF branch, k values)
/// phi_MLP = ReLU(W_L ... ReLU(W_1 [p^M_u ; q^M_i] + b_1) ... + b_L)   (MLP branch, k values)
/// logit   = h^T [phi_GMF ; phi_MLP] + b
/// ```
/// The branches do not share embeddings: the paper argues one shared size would tie the two
/// models' capacities together. The branches' own output layers are not used (nor trained).
/// - Shape: users (batch), items (batch) -> (batch, 1)
///
/// Introduced in Chapter 3.
public final class NeuMF: PointwiseRecommender {
  public let userCount: Int
  public let itemCount: Int
  /// The GMF branch (its `interaction`; its own output layer is not used).
  public let gmf: GMF
  /// The MLP branch (its `interaction`; its own output layer is not used).
  public let mlp: MLPRecommender
  /// The fused output layer: h (gmf.factors + mlp.factors, 1) and b.
  public let output: Linear

  /// A NeuMF trained from scratch: both branches with `factors` predictive factors, the MLP
  /// branch with `hiddenLayers` halving layers.
  public init(
    userCount: Int, itemCount: Int, factors: Int = 8, hiddenLayers: Int = 3,
    using rng: inout SeededGenerator
  ) {
    self.userCount = userCount
    self.itemCount = itemCount
    gmf = GMF(userCount: userCount, itemCount: itemCount, factors: factors, using: &rng)
    mlp = MLPRecommender(
      userCount: userCount, itemCount: itemCount, factors: factors, hiddenLayers: hiddenLayers,
      using: &rng)
    output = Linear(2 * factors, 1, using: &rng)
  }

  /// A NeuMF initialised from a trained GMF and a trained MLP (copies; the originals are not
  /// changed): their embeddings and tower as they are, and the output layer from theirs,
  /// weighted by the trade-off `alpha`:
  ///
  /// ```
  /// h = [alpha h_GMF ; (1 - alpha) h_MLP],    b = alpha b_GMF + (1 - alpha) b_MLP
  /// ```
  /// At the start its logit is the alpha-weighted sum of the two models' logits.
  public init(
    pretrainedGMF trainedGMF: GMF, mlp trainedMLP: MLPRecommender, alpha: Float = 0.5,
    using rng: inout SeededGenerator
  ) {
    ensure(
      trainedGMF.userCount == trainedMLP.userCount && trainedGMF.itemCount == trainedMLP.itemCount,
      "NeuMF: the GMF and the MLP were trained on different numbers of users or items")
    userCount = trainedGMF.userCount
    itemCount = trainedGMF.itemCount
    gmf = GMF(userCount: userCount, itemCount: itemCount, factors: trainedGMF.factors, using: &rng)
    mlp = MLPRecommender(
      userCount: userCount, itemCount: itemCount, factors: trainedMLP.factors,
      hiddenLayers: trainedMLP.hiddenLayers, using: &rng)
    gmf.assignParameters(from: trainedGMF)
    mlp.assignParameters(from: trainedMLP)
    output = Linear(trainedGMF.factors + trainedMLP.factors, 1, using: &rng)
    let h =
      trainedGMF.output.weight.scalars.map { alpha * $0 }
      + trainedMLP.output.weight.scalars.map { (1 - alpha) * $0 }
    output.weight.assign(Tensor(h, shape: output.weight.shape))
    let b =
      alpha * trainedGMF.output.bias!.scalars[0] + (1 - alpha) * trainedMLP.output.bias!.scalars[0]
    output.bias!.assign(Tensor([b]))
  }

  /// logit = h^T [phi_GMF ; phi_MLP] + b.
  public func logits(users: [Int], items: [Int]) -> Tensor {
    let phiGMF = gmf.interaction(users: users, items: items)
    let phiMLP = mlp.interaction(users: users, items: items)
    return output(Tensor.concatenate([phiGMF, phiMLP]))
  }

  /// The GMF branch's embeddings (`gmf.`), the MLP branch's embeddings and tower (`mlp.`),
  /// and the fused output layer (`output.`).
  public var namedParameters: [(String, Tensor)] {
    let gmfPart =
      gmf.userEmbedding.namedParameters(prefixedBy: "gmf.user")
      + gmf.itemEmbedding.namedParameters(prefixedBy: "gmf.item")
    let mlpPart =
      mlp.userEmbedding.namedParameters(prefixedBy: "mlp.user")
      + mlp.itemEmbedding.namedParameters(prefixedBy: "mlp.item")
      + (mlp.tower?.namedParameters(prefixedBy: "mlp.tower") ?? [])
    return gmfPart + mlpPart + output.namedParameters(prefixedBy: "output")
  }
}
