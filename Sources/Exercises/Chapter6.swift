// Chapter 6's exercises: reference solutions between `// BEGIN SOLUTION` and `// END SOLUTION`.
// A student copy replaces each region with the `// STUB:` line after it; the tests in
// Tests/ExercisesTests/Chapter6ExercisesTests.swift grade them (`make exercise E=6.1`).

import Foundation
import Tensors

/// The code exercises of Chapter 6 (two-tower retrieval).
public enum Chapter6Exercises {
  // MARK: - Exercise 6.1

  /// The in-batch softmax loss of one batch, from the towers' outputs: user i's own item is
  /// row i of `items`, every other row is a negative. Each logit is divided by `temperature`
  /// and, when `logQ` is given, has `logQ[j]` subtracted (the log-Q correction), for every
  /// column j, the user's own item included. Returns the mean over the batch:
  ///
  /// ```
  /// z_ij = <users[i], items[j]> / temperature - logQ[j]
  /// L = -(1/B) sum_i ( z_ii - log sum_j e^(z_ij) )
  /// ```
  /// Compute it stably (subtract each row's largest logit before exponentiating).
  public static func inBatchSoftmaxLoss(
    users: [[Float]], items: [[Float]], temperature: Float, logQ: [Float]? = nil
  ) throws -> Double {
    ensure(users.count == items.count, "inBatchSoftmaxLoss: one item per user")
    // BEGIN SOLUTION
    let b = users.count
    guard b > 0 else { return 0 }
    var total = 0.0
    for i in 0..<b {
      let logits = (0..<b).map { j -> Double in
        var dot = 0.0
        for f in users[i].indices { dot += Double(users[i][f]) * Double(items[j][f]) }
        return dot / Double(temperature) - Double(logQ?[j] ?? 0)
      }
      let largest = logits.max()!
      let logSum = largest + Foundation.log(logits.reduce(0) { $0 + Foundation.exp($1 - largest) })
      total += logSum - logits[i]
    }
    return total / Double(b)
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 6.1")
  }

  // MARK: - Exercise 6.2

  /// Streaming frequency estimation (Yi et al., 2019, Algorithm 2): the sampling
  /// probability of an item, estimated from the steps between its appearances. Arrays A and
  /// B of `buckets` entries start at 0; at step t = 1, 2, ... (one per batch of `batches`),
  /// for each item y of the batch, in order, with h(y) = y mod `buckets`:
  ///
  /// ```
  /// B[h(y)] = (1 - alpha) B[h(y)] + alpha (t - A[h(y)])
  /// A[h(y)] = t
  /// ```
  /// Returns, for each of `items`, the estimate 1 / B[h(y)] after the last batch (0 where
  /// B[h(y)] is 0).
  public static func streamingFrequency(
    batches: [[Int]], items: [Int], buckets: Int, alpha: Double
  ) throws -> [Double] {
    ensure(buckets > 0, "streamingFrequency: needs buckets")
    // BEGIN SOLUTION
    var a = [Double](repeating: 0, count: buckets)
    var b = [Double](repeating: 0, count: buckets)
    for (step, batch) in batches.enumerated() {
      let t = Double(step + 1)
      for y in batch {
        let h = y % buckets
        b[h] = (1 - alpha) * b[h] + alpha * (t - a[h])
        a[h] = t
      }
    }
    return items.map { b[$0 % buckets] == 0 ? 0 : 1 / b[$0 % buckets] }
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 6.2")
  }

  // MARK: - Exercise 6.3

  /// TensorFlow Recommenders' top-K categorical accuracy: row r of `scores` scores every
  /// item for one test case whose true item is `truth[r]`; the case is a hit when fewer than
  /// `k` items score strictly higher than the true item (ties count for it). Returns the
  /// share of hits (0 for no case).
  public static func topKCategoricalAccuracy(scores: [[Float]], truth: [Int], k: Int) throws
    -> Double
  {
    ensure(scores.count == truth.count, "topKCategoricalAccuracy: one true item per row")
    // BEGIN SOLUTION
    guard !scores.isEmpty else { return 0 }
    var hits = 0
    for (row, target) in zip(scores, truth) {
      let higher = row.filter { $0 > row[target] }.count
      if higher < k { hits += 1 }
    }
    return Double(hits) / Double(scores.count)
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 6.3")
  }

  // MARK: - Exercise 6.4

  /// Recall of an approximate nearest-neighbour search against exact search: for each query,
  /// the share of the exact top-k list (`exact[q]`) that the approximate list (`approximate[q]`)
  /// also holds, in any order; then the mean over queries (0 for none).
  public static func recallAgainstExact(approximate: [[Int]], exact: [[Int]]) throws -> Double {
    ensure(approximate.count == exact.count, "recallAgainstExact: one list per query")
    // BEGIN SOLUTION
    guard !exact.isEmpty else { return 0 }
    var total = 0.0
    for (found, truth) in zip(approximate, exact) where !truth.isEmpty {
      let wanted = Set(truth)
      total += Double(Set(found).intersection(wanted).count) / Double(wanted.count)
    }
    return total / Double(exact.count)
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 6.4")
  }

  // MARK: - Exercise 6.5

  /// The cold-start hold-out: the newest `fraction` of the movies by release date, given as
  /// MovieLens writes it ("01-Jan-1995"; empty or malformed means undated, and an undated
  /// movie is never new). Take ceil(fraction * releaseDates.count) movies (or all the dated
  /// ones, when fewer); among equal dates the higher index counts as newer. Returns their
  /// indices, ascending.
  public static func newestMovies(releaseDates: [String], fraction: Double) throws -> [Int] {
    // BEGIN SOLUTION
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    var dated: [(index: Int, key: Int)] = []
    for (i, date) in releaseDates.enumerated() {
      let parts = date.split(separator: "-")
      guard parts.count == 3, let day = Int(parts[0]), let year = Int(parts[2]),
        let month = months.firstIndex(of: String(parts[1]))
      else { continue }
      dated.append((i, year * 10_000 + (month + 1) * 100 + day))
    }
    dated.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
    let count = Int((Double(releaseDates.count) * fraction).rounded(.up))
    return dated.suffix(count).map(\.index).sorted()
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 6.5")
  }

  // MARK: - Exercise 6.6

  /// A point's level in an HNSW hierarchy (Malkov & Yashunin, 2018), from a uniform draw u in
  /// (0, 1] and the number of links per node m:
  ///
  /// ```
  /// level = floor(-ln(u) * mL),   mL = 1 / ln(m)
  /// ```
  public static func hnswLevel(uniform u: Double, m: Int) throws -> Int {
    ensure(u > 0 && u <= 1 && m >= 2, "hnswLevel: u in (0, 1], m >= 2")
    // BEGIN SOLUTION
    return Int((-Foundation.log(u) / Foundation.log(Double(m))).rounded(.down))
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 6.6")
  }
}
