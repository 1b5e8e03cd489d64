// How sure a comparison is. One training run is one draw: another seed gives another
// initialisation, other negatives, another order of batches, and the metrics move. So a
// headline number is the mean over several seeds with its standard deviation, and a claim
// that model A beats model B is checked by a paired test over the same users.
//
// Every function here uses only +, −, ×, ÷ and comparisons, in a fixed order, and the
// book's seeded generator: like the engine, it gives the same bits on every machine, so
// its p-values can sit in results.json and golden files.

import Tensors

/// A value measured once per seed.
public struct SeedSpread: Sendable, Equatable, CustomStringConvertible {
  /// One value per seed, in seed order.
  public var values: [Double]

  public init(_ values: [Double]) { self.values = values }

  /// The mean, x̄ = Σ xᵢ / n.
  public var mean: Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

  /// The sample standard deviation, s = √(Σ (xᵢ − x̄)² / (n − 1)); 0 for a single value.
  public var standardDeviation: Double {
    guard values.count > 1 else { return 0 }
    let m = mean
    let squares = values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
    return (squares / Double(values.count - 1)).squareRoot()
  }

  /// "0.652 ± 0.008".
  public var description: String { "\(format(mean)) ± \(format(standardDeviation))" }

  func format(_ x: Double) -> String {
    let scaled = (x * 1000).rounded() / 1000
    var text = "\(scaled)"
    if let dot = text.firstIndex(of: ".") {
      let decimals = text.distance(from: dot, to: text.endIndex) - 1
      if decimals < 3 { text += String(repeating: "0", count: 3 - decimals) }
    }
    return text
  }
}

/// The result of a paired comparison of A against B over the same cases.
public struct PairedComparison: Sendable, Equatable {
  /// Cases where A scored higher, lower, the same.
  public var wins: Int
  public var losses: Int
  public var ties: Int
  /// Mean of A − B over all cases.
  public var meanDifference: Double
  /// Two-sided p-value.
  public var pValue: Double

  /// Whether the difference is beyond noise at level `alpha` (0.05 by default).
  public func isSignificant(at alpha: Double = 0.05) -> Bool { pValue < alpha }
}

public enum PairedTest {
  /// The sign test: under "A and B are equally good", each non-tied case is a fair coin,
  /// so the number of wins among the n = wins + losses non-tied cases is Binomial(n, ½), and
  /// the two-sided p-value is P(X ≤ min) + P(X ≥ max), at most 1:
  ///
  ///     p = min(1, 2 · Σ_{k ≤ min(w, l)} C(n, k) / 2ⁿ)
  ///
  /// Per-user hits (0 or 1) are the natural input: a case counts when exactly one model
  /// hits.
  public static func sign(_ a: [Double], _ b: [Double]) -> PairedComparison {
    ensure(a.count == b.count, "PairedTest.sign: \(a.count) values against \(b.count)")
    var wins = 0
    var losses = 0
    var difference = 0.0
    for (x, y) in zip(a, b) {
      if x > y { wins += 1 } else if x < y { losses += 1 }
      difference += x - y
    }
    let n = wins + losses
    return PairedComparison(
      wins: wins, losses: losses, ties: a.count - n,
      meanDifference: a.isEmpty ? 0 : difference / Double(a.count),
      pValue: min(1, 2 * binomialLowerTail(min(wins, losses), of: n)))
  }

  /// P(X ≤ m) for X ~ Binomial(n, ½), from the terms C(n, k) summed in order and divided by
  /// their total 2ⁿ. The terms are rescaled by 2⁻⁵¹² whenever they grow past 2⁵¹², with the
  /// running sums, so no n overflows.
  static func binomialLowerTail(_ m: Int, of n: Int) -> Double {
    guard n > 0 else { return 1 }
    let scale = 0x1p-512
    var term = 1.0  // C(n, 0), in the current scale
    var below = 0.0  // Σ_{k ≤ m} C(n, k)
    var total = 0.0  // Σ_{k ≤ n} C(n, k)
    for k in 0...n {
      if k <= m { below += term }
      total += term
      if k < n { term = term * Double(n - k) / Double(k + 1) }
      if term > 0x1p512 {
        term *= scale
        below *= scale
        total *= scale
      }
    }
    return below / total
  }

  /// The paired bootstrap: resample the cases with replacement `resamples` times (the book's
  /// seeded generator) and count how often the mean difference A − B falls on the other
  /// side of zero. Two-sided p = 2 · min(P*(Δ ≤ 0), P*(Δ ≥ 0)), at most 1. For a continuous
  /// metric such as NDCG, where the sign test would waste the sizes of the differences.
  public static func bootstrap(
    _ a: [Double], _ b: [Double], resamples: Int = 1000, seed: UInt64 = 2024
  ) -> PairedComparison {
    ensure(a.count == b.count, "PairedTest.bootstrap: \(a.count) values against \(b.count)")
    let differences = zip(a, b).map { $0 - $1 }
    let n = differences.count
    var rng = SeededGenerator(seed: seed)
    var atOrBelow = 0
    var atOrAbove = 0
    for _ in 0..<resamples {
      var sum = 0.0
      for _ in 0..<n { sum += differences[rng.int(below: n)] }
      if sum <= 0 { atOrBelow += 1 }
      if sum >= 0 { atOrAbove += 1 }
    }
    let tail = Double(min(atOrBelow, atOrAbove)) / Double(resamples)
    var wins = 0
    var losses = 0
    for d in differences {
      if d > 0 { wins += 1 } else if d < 0 { losses += 1 }
    }
    return PairedComparison(
      wins: wins, losses: losses, ties: n - wins - losses,
      meanDifference: n == 0 ? 0 : differences.reduce(0, +) / Double(n),
      pValue: min(1, 2 * tail))
  }
}
