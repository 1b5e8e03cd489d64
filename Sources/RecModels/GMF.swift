import NN
import Tensors

/// Generalized Matrix Factorization (He et al., 2017, "Neural Collaborative Filtering"):
/// the element-wise product of a user vector and an item vector, weighted by a learned
/// output layer.
///
///     let gmf = GMF(userCount: 943, itemCount: 1682, factors: 8, using: &rng)
///     let logits = gmf.logits(users: [0, 1], items: [5, 7])   // (2, 1)
///
/// ```
/// phi(u, i)   = p_u ⊙ q_i                    (k predictive factors)
/// logit(u, i) = h^T phi(u, i) + b
/// ```
/// With h fixed to ones and b to 0 the logit is p_u · q_i: GMF generalises matrix
/// factorisation by learning how much each factor counts.
/// - Shape: users (batch), items (batch) -> (batch, 1)
///
/// Introduced in Chapter 3.
public final class GMF: PointwiseRecommender {
  public let userCount: Int
  public let itemCount: Int
  /// The number of predictive factors k (the length of p_u, q_i and phi).
  public let factors: Int
  /// P: one k-vector per user, drawn from N(0, 0.01²).
  public let userEmbedding: Embedding
  /// Q: one k-vector per item, drawn from N(0, 0.01²).
  public let itemEmbedding: Embedding
  /// The output layer: h (k, 1) and b.
  public let output: Linear

  /// A GMF with `factors` predictive factors.
  public init(userCount: Int, itemCount: Int, factors: Int = 8, using rng: inout SeededGenerator) {
    ensure(factors > 0, "GMF: factors must be > 0, got \(factors)")
    self.userCount = userCount
    self.itemCount = itemCount
    self.factors = factors
    userEmbedding = Embedding(userCount, factors, using: &rng)
    itemEmbedding = Embedding(itemCount, factors, using: &rng)
    output = Linear(factors, 1, using: &rng)
  }

  /// The interaction vector phi = p_u ⊙ q_i, before the output layer (NeuMF reuses it).
  ///
  /// - Shape: users (batch), items (batch) -> (batch, factors)
  public func interaction(users: [Int], items: [Int]) -> Tensor {
    userEmbedding(users) * itemEmbedding(items)
  }

  /// logit = h^T (p_u ⊙ q_i) + b.
  public func logits(users: [Int], items: [Int]) -> Tensor {
    output(interaction(users: users, items: items))
  }

  /// `user.table`, `item.table`, `output.weight`, `output.bias`.
  public var namedParameters: [(String, Tensor)] {
    userEmbedding.namedParameters(prefixedBy: "user")
      + itemEmbedding.namedParameters(prefixedBy: "item")
      + output.namedParameters(prefixedBy: "output")
  }
}
