import RecData
import RecEval
import Tensors

/// Matrix factorisation for explicit ratings with user and item biases (Koren, Bell &
/// Volinsky, 2009), trained by stochastic gradient descent one rating at a time, the way
/// the Netflix Prize models were: the rating-prediction baseline AutoRec is compared with.
///
///     let mf = RatingMF(userCount: 943, itemCount: 1682, factors: 20, using: &rng)
///     mf.fit(split.train, epochs: 40, using: &rng)
///
/// ```
/// r^(u, i) = mu + b_u + b_i + p_u . q_i
/// for each training rating, in shuffled order:
///   e = r - r^(u, i)
///   b_u += lr (e - lambda b_u)          b_i += lr (e - lambda b_i)
///   p_u += lr (e q_i - lambda p_u)      q_i += lr (e p_u - lambda q_i)
/// ```
/// Introduced in Chapter 5.
public final class RatingMF {
  /// The number of latent factors per user and item.
  public let factors: Int
  /// The SGD step size.
  public var learningRate: Float
  /// The L2 weight on biases and factors.
  public var regularization: Float
  /// The global mean rating of the training data (set by `fit`).
  public private(set) var mean: Float = 3
  /// Per-user and per-item biases.
  public private(set) var userBias: [Float], itemBias: [Float]
  /// User and item factors, row-major (count, factors).
  public private(set) var userFactors: [Float], itemFactors: [Float]

  /// A model with factors drawn from N(0, 0.1^2) and zero biases.
  public init(
    userCount: Int, itemCount: Int, factors: Int = 20, learningRate: Float = 0.01,
    regularization: Float = 0.05, using rng: inout SeededGenerator
  ) {
    self.factors = factors
    self.learningRate = learningRate
    self.regularization = regularization
    userBias = [Float](repeating: 0, count: userCount)
    itemBias = [Float](repeating: 0, count: itemCount)
    userFactors = (0..<userCount * factors).map { _ in Float(rng.normal(standardDeviation: 0.1)) }
    itemFactors = (0..<itemCount * factors).map { _ in Float(rng.normal(standardDeviation: 0.1)) }
  }

  /// The predicted rating, unclipped.
  public func predict(user: Int, item: Int) -> Float {
    var dot: Float = 0
    for f in 0..<factors {
      dot += userFactors[user * factors + f] * itemFactors[item * factors + f]
    }
    return mean + userBias[user] + itemBias[item] + dot
  }

  /// Sets the global mean from `ratings` (the first call of `fit` does it).
  public func setMean(from ratings: [Rating]) {
    mean = ratings.isEmpty ? 3 : Float(ratings.reduce(0) { $0 + $1.rating }) / Float(ratings.count)
  }

  /// One SGD pass over `ratings` in a shuffled order; returns the training RMSE seen during
  /// the pass (before each update).
  @discardableResult
  public func trainEpoch(_ ratings: [Rating], using rng: inout SeededGenerator) -> Double {
    let order = rng.permutation(ratings.count)
    let (lr, lambda, k, mu) = (learningRate, regularization, factors, mean)
    var squared = 0.0
    // The update of the text above, on raw buffers: array accesses in a class would be
    // checked for exclusive access on every element.
    userBias.withUnsafeMutableBufferPointer { bu in
      itemBias.withUnsafeMutableBufferPointer { bi in
        userFactors.withUnsafeMutableBufferPointer { p in
          itemFactors.withUnsafeMutableBufferPointer { q in
            for index in order {
              let r = ratings[index]
              let (u, i, pu, qi) = (r.user, r.item, r.user * k, r.item * k)
              var dot: Float = 0
              for f in 0..<k { dot += p[pu + f] * q[qi + f] }
              let e = Float(r.rating) - (mu + bu[u] + bi[i] + dot)
              squared += Double(e * e)
              bu[u] += lr * (e - lambda * bu[u])
              bi[i] += lr * (e - lambda * bi[i])
              for f in 0..<k {
                let (pf, qf) = (p[pu + f], q[qi + f])
                p[pu + f] += lr * (e * qf - lambda * pf)
                q[qi + f] += lr * (e * pf - lambda * qf)
              }
            }
          }
        }
      }
    }
    return ratings.isEmpty ? 0 : (squared / Double(ratings.count)).squareRoot()
  }

  /// Sets the mean, then trains for `epochs` passes. Not the book's `fit` (NN/Fit.swift):
  /// this model's parameters are plain arrays updated one rating at a time by the SGD rule
  /// above, with no tensor, loss graph or optimiser for `fit` to step.
  public func fit(_ ratings: [Rating], epochs: Int, using rng: inout SeededGenerator) {
    setMean(from: ratings)
    for _ in 0..<epochs { trainEpoch(ratings, using: &rng) }
  }

  /// Test RMSE with predictions clipped to 1...5.
  public func rmse(on test: [Rating]) -> Double {
    Metrics.rmse(
      predictions: test.map { min(max(predict(user: $0.user, item: $0.item), 1), 5) },
      targets: test.map { Float($0.rating) })
  }
}
