// Chapter 4 exercises: Wide & Deep. Reference solutions sit between `// BEGIN SOLUTION` and
// `// END SOLUTION`; a student copy replaces each region with `fatalError("Exercise 4.k")`.
// Grade one with `swift test --filter "Exercise 4.k"`.

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

  // MARK: - Exercise 4.3: one FTRL-Proximal step for one coordinate

  /// FTRL-Proximal's state for one weight.
  public struct FTRLCoordinate: Equatable, Sendable {
    /// The adjusted sum of gradients.
    public var z: Float = 0
    /// The sum of squared gradients.
    public var n: Float = 0
    /// The weight.
    public var w: Float = 0
    /// A fresh coordinate (all zero).
    public init() {}
  }

  /// Updates one coordinate from its gradient `g` (McMahan et al., 2013):
  ///
  /// ```
  /// sigma = (sqrt(n + g^2) - sqrt(n)) / alpha
  /// z = z + g - sigma * w;   n = n + g^2
  /// w = 0                                                     if |z| <= l1
  ///   = -(z - sign(z) l1) / ((beta + sqrt(n)) / alpha + l2)   otherwise
  /// ```
  public static func ftrlStep(
    _ c: inout FTRLCoordinate, gradient g: Float, alpha: Float, beta: Float, l1: Float, l2: Float
  ) throws {
    // BEGIN SOLUTION
    let sigma = ((c.n + g * g).squareRoot() - c.n.squareRoot()) / alpha
    c.z += g - sigma * c.w
    c.n += g * g
    if abs(c.z) <= l1 {
      c.w = 0
    } else {
      let sign: Float = c.z < 0 ? -1 : 1
      c.w = -(c.z - sign * l1) / ((beta + c.n.squareRoot()) / alpha + l2)
    }
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
