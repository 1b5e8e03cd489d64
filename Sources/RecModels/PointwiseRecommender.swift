import NN
import RecEval
import Tensors

/// A model that scores (user, item) pairs with one logit each and is trained pointwise:
/// observed pairs are positives (label 1), sampled unobserved pairs negatives (label 0),
/// under the binary cross-entropy (log loss). GMF, MLP and NeuMF are such models.
///
///     let gmf = GMF(userCount: 943, itemCount: 1682, factors: 8, using: &rng)
///     let logits = gmf.logits(users: [0, 0], items: [10, 20])   // (2, 1)
///
/// ```
/// y_hat(u, i) = sigmoid(logit(u, i))
/// L = -(1/n) sum over (u, i, y) of  y log y_hat(u, i) + (1 - y) log(1 - y_hat(u, i))
/// ```
/// Introduced in Chapter 3.
public protocol PointwiseRecommender: Layer, ItemScorer {
  /// The number of users the model has embeddings for.
  var userCount: Int { get }
  /// The number of items the model has embeddings for.
  var itemCount: Int { get }
  /// One logit per (users[r], items[r]) pair; sigmoid of it is the predicted probability.
  ///
  /// - Shape: users (batch), items (batch) -> (batch, 1)
  func logits(users: [Int], items: [Int]) -> Tensor
}

// MARK: - Scoring for the evaluators

extension PointwiseRecommender {
  /// The scores (logits) of `items` for `user`, in one batched forward pass without a
  /// graph: what `SampledRankingProtocol` and `FullRankingProtocol` ask for. Logits rank
  /// items exactly as probabilities do (sigmoid is increasing).
  ///
  /// - Shape: items (n) -> scores (n)
  public func scores(user: Int, items: [Int]) -> [Float] {
    evaluating {
      logits(users: [Int](repeating: user, count: items.count), items: items).scalars
    }
  }

  /// Copies every parameter's values from `other`, which must have the same parameter names
  /// and shapes (a programmer error otherwise): how NeuMF takes over pretrained branches.
  public func assignParameters(from other: some Layer) {
    let source = Dictionary(uniqueKeysWithValues: other.namedParameters)
    for (name, tensor) in namedParameters {
      guard let value = source[name] else {
        fatalError("assignParameters: the source has no parameter '\(name)'")
      }
      tensor.assign(value)
    }
  }
}
