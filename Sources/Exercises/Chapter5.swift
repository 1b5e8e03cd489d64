// Chapter 5's exercises: reference solutions between `// BEGIN SOLUTION` and `// END SOLUTION`.
// A student copy replaces each region with `fatalError("Exercise 5.k")`; the tests in
// Tests/ExercisesTests/Chapter5ExercisesTests.swift grade them (`swift test --filter "Exercise 5.1"`).

import Foundation
import RecData
import Tensors

/// The code exercises of Chapter 5 (autoencoder recommenders).
public enum Chapter5Exercises {
  // MARK: - Exercise 5.1

  /// The AutoRec loss by hand: the mean squared error over the observed entries only.
  ///
  /// ```
  /// L = sum_i m_i (p_i - t_i)^2 / max(sum_i m_i, 1)
  /// ```
  /// With no observed entry the loss is 0.
  public static func maskedSquaredError(predictions: [Float], targets: [Float], mask: [Float])
    throws
    -> Float
  {
    ensure(
      predictions.count == targets.count && targets.count == mask.count,
      "maskedSquaredError: lengths differ")
    // BEGIN SOLUTION
    var sum: Float = 0
    var observed: Float = 0
    for i in predictions.indices {
      let d = predictions[i] - targets[i]
      sum += mask[i] * d * d
      observed += mask[i]
    }
    return sum / max(observed, 1)
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 5.1")
  }

  // MARK: - Exercise 5.2

  /// The global-mean baseline: predict the mean training rating for every test pair, and
  /// return the test RMSE. With no training rating, predict 3.
  public static func globalMeanRMSE(train: [Rating], test: [Rating]) throws -> Double {
    // BEGIN SOLUTION
    guard !test.isEmpty else { return 0 }
    let mean = train.isEmpty ? 3 : Double(train.reduce(0) { $0 + $1.rating }) / Double(train.count)
    let squared = test.reduce(0.0) { $0 + (Double($1.rating) - mean) * (Double($1.rating) - mean) }
    return (squared / Double(test.count)).squareRoot()
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 5.2")
  }

  // MARK: - Exercise 5.3

  /// Input corruption as in Mult-DAE and CDAE (inverted dropout): each value is zeroed with
  /// probability `rate`, drawing one `rng.nextFloat()` per value in order (zero when the draw
  /// is below `rate`), and every survivor is scaled by 1 / (1 - rate).
  public static func corrupt(_ row: [Float], rate: Float, using rng: inout SeededGenerator) throws
    -> [Float]
  {
    ensure(rate >= 0 && rate < 1, "corrupt: rate must be in [0, 1)")
    // BEGIN SOLUTION
    let keep = 1 / (1 - rate)
    return row.map { value in rng.nextFloat() < rate ? 0 : value * keep }
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 5.3")
  }

  // MARK: - Exercise 5.4

  /// The KL divergence of N(mean, diag(exp(logVariance))) from N(0, I), the Mult-VAE penalty
  /// for one user:
  ///
  /// ```
  /// KL = (1/2) sum_k (exp(logVariance_k) + mean_k^2 - 1 - logVariance_k)
  /// ```
  public static func gaussianKL(mean: [Float], logVariance: [Float]) throws -> Float {
    ensure(mean.count == logVariance.count, "gaussianKL: lengths differ")
    // BEGIN SOLUTION
    var sum: Float = 0
    for k in mean.indices {
      sum += Foundation.exp(logVariance[k]) + mean[k] * mean[k] - 1 - logVariance[k]
    }
    return sum / 2
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 5.4")
  }

  // MARK: - Exercise 5.5

  /// The multinomial log-likelihood of a user's items under the logits `logits`, computed
  /// stably (subtract the largest logit before exponentiating):
  ///
  /// ```
  /// log p(items) = sum over i in items of ( z_i - log sum_j exp(z_j) )
  /// ```
  public static func multinomialLogLikelihood(logits: [Float], items: [Int]) throws -> Float {
    // BEGIN SOLUTION
    guard let largest = logits.max() else { return 0 }
    var total: Float = 0
    for z in logits { total += Foundation.exp(z - largest) }
    let logNormaliser = largest + Foundation.log(total)
    return items.reduce(0) { $0 + logits[$1] - logNormaliser }
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 5.5")
  }

  // MARK: - Exercise 5.6

  /// The linear KL-annealing schedule of Mult-VAE: beta grows from 0 by 1 / annealSteps per
  /// update and stops at `cap`.
  ///
  /// ```
  /// beta(step) = min(cap, step / annealSteps)
  /// ```
  public static func annealedBeta(step: Int, annealSteps: Int, cap: Float) throws -> Float {
    // BEGIN SOLUTION
    min(cap, Float(step) / Float(max(annealSteps, 1)))
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 5.6")
  }

  // MARK: - Exercise 5.7

  /// The top-`n` items of one user's reconstruction, best first, never an item the user
  /// already has (`seen`); ties go to the smaller item index.
  public static func topN(scores: [Float], seen: Set<Int>, n: Int) throws -> [Int] {
    // BEGIN SOLUTION
    let candidates = scores.indices.filter { !seen.contains($0) }
    let ranked = candidates.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
    return Array(ranked.prefix(n))
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 5.7")
  }
}
