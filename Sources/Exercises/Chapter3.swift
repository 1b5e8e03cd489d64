// Exercises of Chapter 3: Neural Collaborative Filtering.
//
// Each solution sits between `// BEGIN SOLUTION` and `// END SOLUTION`; the student copy
// replaces it with `fatalError("Exercise 3.k")`. Grade one with
// `swift test --filter "Exercise 3.k"`.

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

  // MARK: - Exercise 3.2: the tower

  /// Exercise 3.2: the widths of NCF's MLP tower from the concatenated embeddings to the
  /// last layer, halving at each of `hiddenLayers` layers and ending at `factors`:
  /// `(8, 3) -> [64, 32, 16, 8]`, `(8, 0) -> [8]`.
  public static func towerSizes(factors: Int, hiddenLayers: Int) throws -> [Int] {
    // BEGIN SOLUTION
    var sizes = [factors]
    for _ in 0..<hiddenLayers { sizes.insert(2 * sizes[0], at: 0) }
    return sizes
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 3.2")
  }

  // MARK: - Exercise 3.3: NeuMF's pretrained output layer

  /// Exercise 3.3: the output layer NeuMF starts from when pretrained: the GMF's weights
  /// times alpha, then the MLP's times (1 - alpha); the bias the same mix of the two biases.
  public static func pretrainedOutput(
    gmfWeights: [Float], gmfBias: Float, mlpWeights: [Float], mlpBias: Float, alpha: Float
  ) throws -> (weights: [Float], bias: Float) {
    // BEGIN SOLUTION
    let weights = gmfWeights.map { alpha * $0 } + mlpWeights.map { (1 - alpha) * $0 }
    return (weights, alpha * gmfBias + (1 - alpha) * mlpBias)
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

  // MARK: - Exercise 3.5: ties in the last second

  /// Exercise 3.5: how many users rated two or more items at the timestamp of their latest
  /// rating (the users for whom leave-one-out needs a tie rule).
  public static func usersWithTiedLatestRatings(_ ratings: [Rating], userCount: Int) throws -> Int {
    // BEGIN SOLUTION
    var latest = [Int](repeating: Int.min, count: userCount)
    var tied = [Int](repeating: 0, count: userCount)
    for r in ratings {
      if r.timestamp > latest[r.user] {
        latest[r.user] = r.timestamp
        tied[r.user] = 1
      } else if r.timestamp == latest[r.user] {
        tied[r.user] += 1
      }
    }
    return tied.filter { $0 >= 2 }.count
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 3.5")
  }
}
