// Exercises of Chapter 3: Neural Collaborative Filtering.
//
// Each solution sits between `// BEGIN SOLUTION` and `// END SOLUTION`; the student copy
// replaces it with its `// STUB:` statement, which throws `NotAttempted`. Grade one with
// `make exercise E=3.2`, all with `make grade`.

import NN
import RecData
import RecModels
import Tensors

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The exercises of Chapter 3, as static functions and types the tests call.
public enum Chapter3Exercises {
  // MARK: - Exercise 3.1: the pointwise log loss

  /// Exercise 3.1: the mean binary cross-entropy of sigmoid(logits) against 0/1 labels,
  /// in Double, without ever computing log(0) (a logit of ±1000 must give a finite loss):
  ///
  /// ```
  /// L = -(1/n) sum_i  y_i log sigmoid(x_i) + (1 - y_i) log(1 - sigmoid(x_i))
  /// ```
  public static func logLoss(logits: [Float], labels: [Float]) throws -> Double {
    ensure(logits.count == labels.count && !logits.isEmpty, "logLoss: sizes differ or empty")
    // BEGIN SOLUTION
    var sum = 0.0
    for (x32, y32) in zip(logits, labels) {
      let x = Double(x32)
      let y = Double(y32)
      // -log sigmoid(x) = log(1 + e^-x) = max(-x, 0) + log(1 + e^-|x|)
      sum += max(x, 0) - x * y + log1p(exp(-abs(x)))
    }
    return sum / Double(logits.count)
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 3.1")
  }

  // MARK: - Exercise 3.2: the tower's size

  /// Exercise 3.2: the number of trainable scalars (weights and biases) in the hidden layers
  /// of an MLP tower that ends at `factors` units after `hiddenLayers` layers, each layer
  /// `shrink` times narrower than the one before (NCF's tower has `shrink` 2). The
  /// embeddings and the output layer are not counted.
  ///
  /// ```
  /// widths  w_L = factors,  w_(l-1) = shrink * w_l      (w_0: the concatenated embeddings)
  /// count   = sum over l = 1 ... L of (w_(l-1) * w_l + w_l)      (0 when L = 0)
  /// ```
  /// `(factors: 8, hiddenLayers: 3, shrink: 2)`: widths 64, 32, 16, 8, so
  /// 64·32 + 32 + 32·16 + 16 + 16·8 + 8 = 2744.
  public static func towerParameterCount(factors: Int, hiddenLayers: Int, shrink: Int) throws
    -> Int
  {
    // BEGIN SOLUTION
    var count = 0
    var width = factors  // w_l, walking from the last layer back to the first
    for _ in 0..<hiddenLayers {
      let wider = shrink * width  // w_(l-1)
      count += wider * width + width
      width = wider
    }
    return count
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 3.2")
  }

  // MARK: - Exercise 3.3: the pretrained NeuMF's first logit

  /// Exercise 3.3: the logit NeuMF gives a (user, item) pair right after it is built from a
  /// pretrained GMF and MLP, computed from the two models' last-layer vectors: GMF's
  /// p_u ⊙ q_i (`gmfVector`) and the MLP's z_L (`mlpVector`). Build the output layer as
  /// NeuMF's pretraining does (h = [alpha h_GMF ; (1 - alpha) h_MLP], b = alpha b_GMF +
  /// (1 - alpha) b_MLP) and apply it to the concatenation [gmfVector ; mlpVector]:
  ///
  /// ```
  /// logit = h · [gmfVector ; mlpVector] + b
  /// ```
  /// - Shape: gmfVector and gmfWeights (k_GMF), mlpVector and mlpWeights (k_MLP)
  public static func pretrainedLogit(
    gmfVector: [Float], mlpVector: [Float], gmfWeights: [Float], gmfBias: Float,
    mlpWeights: [Float], mlpBias: Float, alpha: Float
  ) throws -> Float {
    ensure(
      gmfVector.count == gmfWeights.count && mlpVector.count == mlpWeights.count,
      "pretrainedLogit: a vector and its weights differ in length")
    // BEGIN SOLUTION
    let weights = gmfWeights.map { alpha * $0 } + mlpWeights.map { (1 - alpha) * $0 }
    let bias = alpha * gmfBias + (1 - alpha) * mlpBias
    var logit = bias
    for (w, x) in zip(weights, gmfVector + mlpVector) { logit += w * x }
    return logit
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 3.3")
  }

  // MARK: - Exercise 3.4: a dot product with biases

  /// Exercise 3.4: matrix factorisation with user and item biases as a
  /// `PointwiseRecommender`, the model Rendle et al. (2020) argue a tuned NCF does not beat:
  ///
  /// ```
  /// logit(u, i) = p_u · q_i + b_u + b_i
  /// ```
  /// Implement `logits(users:items:)` with the engine's ops (gatherRows, *, sum(axis:), +),
  /// so that training works through `backward()`.
  public final class BiasedMF: PointwiseRecommender {
    public let userCount: Int
    public let itemCount: Int
    /// P, (users, factors).
    public let userEmbedding: Embedding
    /// Q, (items, factors).
    public let itemEmbedding: Embedding
    /// b_u, (users, 1), starting at 0.
    public let userBias: Tensor
    /// b_i, (items, 1), starting at 0.
    public let itemBias: Tensor

    /// A biased MF with `factors` factors, embeddings from N(0, 0.01²), biases at 0.
    public init(userCount: Int, itemCount: Int, factors: Int, using rng: inout SeededGenerator) {
      self.userCount = userCount
      self.itemCount = itemCount
      userEmbedding = Embedding(userCount, factors, using: &rng)
      itemEmbedding = Embedding(itemCount, factors, using: &rng)
      userBias = Tensor.zeros([userCount, 1]).requiringGrad()
      itemBias = Tensor.zeros([itemCount, 1]).requiringGrad()
    }

    /// logit = p_u · q_i + b_u + b_i.
    /// - Shape: users (batch), items (batch) -> (batch, 1)
    public func logits(users: [Int], items: [Int]) -> Tensor {
      // BEGIN SOLUTION
      let dot = (userEmbedding(users) * itemEmbedding(items)).sum(axis: 1, keepDims: true)
      return dot + userBias.gatherRows(users) + itemBias.gatherRows(items)
      // END SOLUTION
      // STUB: return notAttempted("Exercise 3.4", placeholder: Tensor.zeros([users.count, 1]))
    }

    /// `user.table`, `item.table`, `userBias`, `itemBias`.
    public var namedParameters: [(String, Tensor)] {
      userEmbedding.namedParameters(prefixedBy: "user")
        + itemEmbedding.namedParameters(prefixedBy: "item")
        + [("userBias", userBias), ("itemBias", itemBias)]
    }
  }

  // MARK: - Exercise 3.5: how many ratings share the last second

  /// Exercise 3.5: for every user, how many of their ratings carry the timestamp of their
  /// latest rating (0 for a user with no rating). Leave-one-out needs a tie rule for every
  /// user whose count is 2 or more.
  ///
  /// ```
  /// t_u = max timestamp of u's ratings;   result[u] = #{ ratings of u at t_u }
  /// ```
  /// - Shape: ratings in any order -> (userCount)
  public static func latestSecondCounts(_ ratings: [Rating], userCount: Int) throws -> [Int] {
    // BEGIN SOLUTION
    var latest = [Int](repeating: Int.min, count: userCount)
    var counts = [Int](repeating: 0, count: userCount)
    for r in ratings {
      if r.timestamp > latest[r.user] {  // a later second: the count starts again
        latest[r.user] = r.timestamp
        counts[r.user] = 1
      } else if r.timestamp == latest[r.user] {
        counts[r.user] += 1
      }
    }
    return counts
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 3.5")
  }
}
