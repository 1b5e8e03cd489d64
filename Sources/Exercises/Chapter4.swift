// Chapter 4 exercises: Wide & Deep. Reference solutions sit between `// BEGIN SOLUTION` and
// `// END SOLUTION`; a student copy replaces each region with its `// STUB:` statement, which
// throws `NotAttempted`. Grade one with `make exercise E=4.3`, all with `make grade`.

import NN
import RecData
import RecModels
import Tensors

/// The chapter's exercises, by number.
public enum Chapter4Exercises {
  // MARK: - Exercise 4.1: bucket an age by binary search

  /// The bucket of `x` for sorted `boundaries`: the number of boundaries `<= x`, found by
  /// binary search in O(log n) steps instead of `BucketizedColumn`'s linear scan.
  ///
  /// ```
  /// bucket(x) = #{ b in boundaries : b <= x }          (0 ... boundaries.count)
  /// ```
  public static func bucket(of x: Double, boundaries: [Double]) throws -> Int {
    // BEGIN SOLUTION
    var low = 0
    var high = boundaries.count  // the answer is in low...high
    while low < high {
      let mid = (low + high) / 2
      if boundaries[mid] <= x { low = mid + 1 } else { high = mid }
    }
    return low
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 4.1")
  }

  // MARK: - Exercise 4.2: an exact cross and its inverse

  /// The id of the combination `ids` in an exact cross of columns of sizes `sizes`
  /// (mixed radix, the first column varying slowest).
  ///
  /// ```
  /// id = (...((ids[0]) * sizes[1] + ids[1]) * sizes[2] + ...) + ids[k-1]
  /// ```
  public static func crossID(_ ids: [Int], sizes: [Int]) throws -> Int {
    // BEGIN SOLUTION
    var id = 0
    for (part, size) in zip(ids, sizes) { id = id * size + part }
    return id
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 4.2")
  }

  /// The combination behind a cross id: the inverse of `crossID`.
  public static func crossComponents(of id: Int, sizes: [Int]) throws -> [Int] {
    // BEGIN SOLUTION
    var rest = id
    var parts = [Int](repeating: 0, count: sizes.count)
    for k in sizes.indices.reversed() {
      parts[k] = rest % sizes[k]
      rest /= sizes[k]
    }
    return parts
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 4.2")
  }

  // MARK: - Exercise 4.3: FTRL-Proximal for one coordinate, as the paper's Algorithm 1

  /// FTRL-Proximal's state for one coordinate, in Double. Unlike the engine's `FTRL`, no
  /// weight is stored: as in McMahan et al.'s Algorithm 1, the weight is computed from
  /// (z, n) when it is needed (`ftrlWeight`).
  public struct FTRLState: Equatable, Sendable {
    /// The adjusted sum of gradients.
    public var z: Double = 0
    /// The sum of squared gradients.
    public var n: Double = 0
    /// A fresh coordinate (all zero).
    public init() {}
    /// A coordinate with the given sums.
    public init(z: Double, n: Double) { (self.z, self.n) = (z, n) }
  }

  /// The weight of a coordinate, from its state alone (McMahan et al., 2013, Algorithm 1):
  ///
  /// ```
  /// w = 0                                                     if |z| <= l1
  ///   = -(z - sign(z) l1) / ((beta + sqrt(n)) / alpha + l2)   otherwise
  /// ```
  public static func ftrlWeight(
    _ s: FTRLState, alpha: Double, beta: Double, l1: Double, l2: Double
  ) throws -> Double {
    // BEGIN SOLUTION
    guard abs(s.z) > l1 else { return 0 }
    let sign: Double = s.z < 0 ? -1 : 1
    return -(s.z - sign * l1) / ((beta + s.n.squareRoot()) / alpha + l2)
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 4.3")
  }

  /// One step of a coordinate from its gradient `g`. The weight the step uses is the one
  /// the prediction used, computed from the state before the step:
  ///
  /// ```
  /// w     = ftrlWeight(z, n)                      (before the update)
  /// sigma = (sqrt(n + g^2) - sqrt(n)) / alpha
  /// z     = z + g - sigma * w;    n = n + g^2
  /// ```
  public static func ftrlStep(
    _ s: inout FTRLState, gradient g: Double, alpha: Double, beta: Double, l1: Double, l2: Double
  ) throws {
    // BEGIN SOLUTION
    let w = try ftrlWeight(s, alpha: alpha, beta: beta, l1: l1, l2: l2)
    let sigma = ((s.n + g * g).squareRoot() - s.n.squareRoot()) / alpha
    s.z += g - sigma * w
    s.n += g * g
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 4.3")
  }

  // MARK: - Exercise 4.4: how many values collide in a hashed column

  /// The fraction of the distinct `values` that share their hash bucket
  /// (`FeatureHash.fnv1a(value) % buckets`) with at least one other distinct value.
  ///
  /// ```
  /// collided = #{ v : some v' != v has bucket(v') == bucket(v) } / #{ distinct v }
  /// ```
  /// Returns 0 for no values.
  public static func collisionFraction(of values: [String], buckets: Int) throws -> Double {
    // BEGIN SOLUTION
    let distinct = Set(values)
    guard !distinct.isEmpty else { return 0 }
    var perBucket: [Int: Int] = [:]
    for v in distinct { perBucket[Int(FeatureHash.fnv1a(v) % UInt64(buckets)), default: 0] += 1 }
    let collided = distinct.filter { perBucket[Int(FeatureHash.fnv1a($0) % UInt64(buckets))]! > 1 }
    return Double(collided.count) / Double(distinct.count)
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 4.4")
  }

  // MARK: - Exercise 4.5: the mean of an example's embeddings (an embedding bag)

  /// For each example, the mean of the rows of `table` at its ids (a zero row for an example
  /// with none): how a multi-valued column such as the genres can enter the deep part as
  /// one vector. Build it from `sumOfRows` so gradients flow.
  ///
  /// ```
  /// y[r, :] = (1 / |ids(r)|) * sum over j in ids(r) of table[j, :]
  /// ```
  /// - Shape: table (n, d), rows of ids -> (offsets.count - 1, d)
  public static func meanOfRows(_ table: Tensor, offsets: [Int], ids: [Int]) throws -> Tensor {
    // BEGIN SOLUTION
    let rows = offsets.count - 1
    let inverseCounts = (0..<rows).map { r -> Float in
      let n = offsets[r + 1] - offsets[r]
      return n > 0 ? 1 / Float(n) : 0
    }
    return table.sumOfRows(offsets: offsets, ids: ids) * Tensor(inverseCounts, shape: [rows, 1])
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 4.5")
  }
}
