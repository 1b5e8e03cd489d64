import NN
import Tensors

/// NCF's MLP model (He et al., 2017): the user and item vectors are concatenated and passed
/// through a tower of ReLU layers, each half as wide as the one before; a linear output
/// layer turns the last layer's `factors` values into a logit. (Named so it does not clash
/// with `NN.MLP`, the tower it uses.)
///
///     let mlp = MLPRecommender(userCount: 943, itemCount: 1682, factors: 8, hiddenLayers: 3, using: &rng)
///     mlp.layerSizes   // [64, 32, 16, 8]: embeddings of 32 + 32, then three ReLU layers
///
/// These sizes are the default of the authors' published code (`--layers [64,32,16,8]`),
/// which halves from the concatenation. The paper's text describes a narrower model for 8
/// factors (§4.1, "Parameter Settings"): "the architecture of the neural CF layers is
/// 32 → 16 → 8, and the embedding size is 16".
///
/// ```
/// z_0         = [p_u ; q_i]                                  (2^L k values, L = hiddenLayers)
/// z_l         = ReLU(W_l z_{l-1} + b_l),   l = 1 ... L        (widths 2^(L-1) k, ..., 2k, k)
/// logit(u, i) = h^T z_L + b
/// ```
/// With no hidden layer (L = 0, the paper's "MLP-0") the logit is linear in [p_u ; q_i], so
/// it cannot model any user–item interaction: only a user bias plus an item bias.
/// - Shape: users (batch), items (batch) -> (batch, 1)
///
/// Introduced in Chapter 3.
public final class MLPRecommender: PointwiseRecommender {
  public let userCount: Int
  public let itemCount: Int
  /// The width of the last layer (the predictive factors).
  public let factors: Int
  /// The number of hidden ReLU layers L.
  public let hiddenLayers: Int
  /// The widths from the concatenated embeddings to the last layer, e.g. [64, 32, 16, 8].
  public let layerSizes: [Int]
  /// p_u, of width layerSizes[0] / 2, drawn from N(0, 0.01²).
  public let userEmbedding: Embedding
  /// q_i, of width layerSizes[0] / 2, drawn from N(0, 0.01²).
  public let itemEmbedding: Embedding
  /// The ReLU tower (ReLU after every layer, the last included); `nil` when L = 0.
  public let tower: MLP?
  /// The output layer: h (factors, 1) and b.
  public let output: Linear

  /// The tower's widths for `factors` predictive factors and `hiddenLayers` layers:
  /// `towerSizes(factors: 8, hiddenLayers: 3) == [64, 32, 16, 8]`, `(8, 0) == [8]`.
  public static func towerSizes(factors: Int, hiddenLayers: Int) -> [Int] {
    (0...hiddenLayers).reversed().map { factors << $0 }
  }

  /// An MLP model whose last layer has `factors` units, after `hiddenLayers` halving layers
  /// (3 gives the authors' code's 64 → 32 → 16 → 8 for 8 factors). `factors` must be even when
  /// `hiddenLayers` is 0 (the concatenation itself then has `factors` values).
  public init(
    userCount: Int, itemCount: Int, factors: Int = 8, hiddenLayers: Int = 3,
    using rng: inout SeededGenerator
  ) {
    ensure(
      factors > 0 && hiddenLayers >= 0,
      "MLPRecommender: factors \(factors), hiddenLayers \(hiddenLayers)")
    ensure(
      hiddenLayers > 0 || factors % 2 == 0,
      "MLPRecommender: with no hidden layer, factors must be even (half user, half item), got \(factors)"
    )
    self.userCount = userCount
    self.itemCount = itemCount
    self.factors = factors
    self.hiddenLayers = hiddenLayers
    layerSizes = Self.towerSizes(factors: factors, hiddenLayers: hiddenLayers)
    userEmbedding = Embedding(userCount, layerSizes[0] / 2, using: &rng)
    itemEmbedding = Embedding(itemCount, layerSizes[0] / 2, using: &rng)
    tower =
      hiddenLayers > 0
      ? MLP(sizes: layerSizes, activation: .relu, finalActivation: .relu, using: &rng) : nil
    output = Linear(factors, 1, using: &rng)
  }

  /// The last layer's activations z_L, before the output layer (NeuMF reuses it).
  ///
  /// - Shape: users (batch), items (batch) -> (batch, factors)
  public func interaction(users: [Int], items: [Int]) -> Tensor {
    let z0 = Tensor.concatenate([userEmbedding(users), itemEmbedding(items)])
    return tower.map { $0(z0) } ?? z0
  }

  /// logit = h^T z_L + b.
  public func logits(users: [Int], items: [Int]) -> Tensor {
    output(interaction(users: users, items: items))
  }

  /// `user.table`, `item.table`, `tower.layers.0.weight`, …, `output.weight`, `output.bias`.
  public var namedParameters: [(String, Tensor)] {
    userEmbedding.namedParameters(prefixedBy: "user")
      + itemEmbedding.namedParameters(prefixedBy: "item")
      + (tower?.namedParameters(prefixedBy: "tower") ?? [])
      + output.namedParameters(prefixedBy: "output")
  }
}
