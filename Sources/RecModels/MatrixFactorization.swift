import NN
import RecEval
import Tensors

/// Matrix factorisation for implicit feedback: one learned vector per user and per item,
/// and the score of a (user, item) pair is their inner product.
///
///     let mf = MatrixFactorization(userCount: 943, itemCount: 1682, factors: 32, using: &rng)
///     let s = mf(users: [0, 0], items: [5, 7])   // two scores, shape (2)
///
/// ```
/// y(u, i) = p_u . q_i = sum over f = 1 ... k of P[u, f] Q[i, f]
/// ```
///
/// The matrix of all scores is P Q^T, of rank at most k: that is the "factorisation".
/// Train it with `trainEpoch(on:objective:optimizer:…)` (BPR or log loss over sampled
/// negatives); score candidates for the evaluators with `scores(user:items:)`.
/// Introduced in Chapter 2.
public final class MatrixFactorization: Layer, ItemScorer {
  /// The user vectors P, (userCount, factors).
  public let userEmbedding: Embedding
  /// The item vectors Q, (itemCount, factors).
  public let itemEmbedding: Embedding
  /// k, the dimension of the latent space.
  public let factors: Int

  /// Vectors drawn from N(0, standardDeviation²), as in NCF.
  public init(
    userCount: Int, itemCount: Int, factors: Int, standardDeviation: Float = 0.01,
    using rng: inout SeededGenerator
  ) {
    ensure(factors > 0, "MatrixFactorization: factors must be > 0, got \(factors)")
    self.factors = factors
    userEmbedding = Embedding(
      userCount, factors, standardDeviation: standardDeviation, using: &rng)
    itemEmbedding = Embedding(
      itemCount, factors, standardDeviation: standardDeviation, using: &rng)
  }

  /// Number of users (rows of P).
  public var userCount: Int { userEmbedding.table.shape[0] }
  /// Number of items (rows of Q).
  public var itemCount: Int { itemEmbedding.table.shape[0] }

  /// The scores of a batch of (user, item) pairs, recorded for backward.
  ///
  /// - Shape: users (batch), items (batch) -> (batch)
  public func callAsFunction(users: [Int], items: [Int]) -> Tensor {
    (userEmbedding(users) * itemEmbedding(items)).sum(axis: -1)
  }

  /// `users.embedding.table` and `items.embedding.table`.
  public var namedParameters: [(String, Tensor)] {
    userEmbedding.namedParameters(prefixedBy: "users")
      + itemEmbedding.namedParameters(prefixedBy: "items")
  }

  // MARK: - Scoring for evaluation

  /// The scores of `items` for `user`, read straight from the tables (no graph): what the
  /// evaluators call.
  ///
  /// - Shape: items (n) -> scores (n)
  public func scores(user: Int, items: [Int]) -> [Float] {
    let k = factors
    return userEmbedding.table.withUnsafeBufferPointer { p in
      itemEmbedding.table.withUnsafeBufferPointer { q in
        items.map { i in
          var s: Float = 0
          for f in 0..<k { s += p[user * k + f] * q[i * k + f] }
          return s
        }
      }
    }
  }

  /// p_u, the vector of `user`.
  public func userVector(_ user: Int) -> [Float] {
    let k = factors
    return Array(userEmbedding.table.scalars[(user * k)..<(user * k + k)])
  }

  /// q_i, the vector of `item`.
  public func itemVector(_ item: Int) -> [Float] {
    let k = factors
    return Array(itemEmbedding.table.scalars[(item * k)..<(item * k + k)])
  }
}
