// Chapter 5's exercises: reference solutions between `// BEGIN SOLUTION` and `// END SOLUTION`.
// A student copy replaces each region with its `// STUB:` statement, which throws
// `NotAttempted`; the tests in Tests/ExercisesTests/Chapter5ExercisesTests.swift grade them
// (`make exercise E=5.1` grades one, `make grade` all).

import Foundation
import RecData
import Tensors

/// The code exercises of Chapter 5 (autoencoder recommenders).
public enum Chapter5Exercises {
  // MARK: - Exercise 5.1

  /// The masked squared error averaged per user: each row of `columns` entries (one user)
  /// has its own mean squared error over its observed entries, and the loss is the mean of
  /// those over the rows with at least one observed entry. (The engine's
  /// `maskedMeanSquaredError` averages over all observed entries at once, so a user with many
  /// ratings weighs more; here every user weighs the same.)
  ///
  /// ```
  /// L_u = sum_i m_ui (p_ui - t_ui)^2 / sum_i m_ui            for rows with sum_i m_ui > 0
  /// L   = mean of L_u over those rows                        (0 when no entry is observed)
  /// ```
  /// - Shape: predictions, targets, mask: (rows * columns), row by row
  public static func userAveragedSquaredError(
    predictions: [Float], targets: [Float], mask: [Float], columns: Int
  ) throws -> Float {
    ensure(
      predictions.count == targets.count && targets.count == mask.count && columns > 0
        && mask.count % columns == 0,
      "userAveragedSquaredError: lengths differ or are not whole rows")
    // BEGIN SOLUTION
    var total: Float = 0
    var users = 0
    for start in stride(from: 0, to: mask.count, by: columns) {
      var sum: Float = 0
      var observed: Float = 0
      for i in start..<start + columns {
        let d = predictions[i] - targets[i]
        sum += mask[i] * d * d
        observed += mask[i]
      }
      if observed > 0 {
        total += sum / observed
        users += 1
      }
    }
    return users > 0 ? total / Float(users) : 0
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
  /// probability `rate`, and every survivor is scaled by 1 / (1 - rate). The draw order is
  /// part of the contract (it is the engine's `Dropout`'s): exactly one `rng.nextFloat()`
  /// per entry, in the row's order, zeros included; the entry is dropped when its draw is
  /// below `rate`.
  ///
  /// ```
  /// out_i = 0                     if u_i < rate       (u_i = the i-th rng.nextFloat())
  ///       = x_i / (1 - rate)      otherwise
  /// ```
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

  /// The KL divergence of N(mean, diag(exp(logVariance))) from a Gaussian prior
  /// N(priorMean, diag(exp(priorLogVariance))), for one user. (Mult-VAE's penalty is the
  /// case priorMean = 0, priorLogVariance = 0; a learned prior, as in VampPrior or RecVAE's
  /// composite prior, needs the general one.)
  ///
  /// ```
  /// KL = (1/2) sum_k ( priorLogVariance_k - logVariance_k
  ///                    + (exp(logVariance_k) + (mean_k - priorMean_k)^2) / exp(priorLogVariance_k)
  ///                    - 1 )
  /// ```
  public static func gaussianKL(
    mean: [Float], logVariance: [Float], priorMean: [Float], priorLogVariance: [Float]
  ) throws -> Float {
    ensure(
      mean.count == logVariance.count && mean.count == priorMean.count
        && mean.count == priorLogVariance.count, "gaussianKL: lengths differ")
    // BEGIN SOLUTION
    var sum: Float = 0
    for k in mean.indices {
      let d = mean[k] - priorMean[k]
      sum +=
        priorLogVariance[k] - logVariance[k]
        + (Foundation.exp(logVariance[k]) + d * d) / Foundation.exp(priorLogVariance[k]) - 1
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

  /// A cyclical KL-annealing schedule (Fu et al., 2019): training is cut into cycles of
  /// `cycleLength` updates; in each, beta grows linearly from 0 to `cap` over the first
  /// `rampFraction` of the cycle, then stays at `cap` until the cycle ends and beta drops to
  /// 0 again. (Mult-VAE's linear schedule is one cycle that never ends.)
  ///
  /// ```
  /// tau(step)  = (step mod cycleLength) / cycleLength          (in [0, 1))
  /// beta(step) = cap * min(1, tau / rampFraction)
  /// ```
  public static func cyclicalBeta(step: Int, cycleLength: Int, rampFraction: Float, cap: Float)
    throws -> Float
  {
    ensure(
      cycleLength > 0 && rampFraction > 0,
      "cyclicalBeta: cycleLength and rampFraction must be positive")
    // BEGIN SOLUTION
    let tau = Float(step % cycleLength) / Float(cycleLength)
    return cap * min(1, tau / rampFraction)
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
