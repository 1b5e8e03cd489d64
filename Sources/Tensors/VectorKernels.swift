// Small loops over raw buffers that several ops share: copy a row, add a row into
// another, zero a row, add up the rows of a matrix. The rows a recommender moves are short
// (an embedding of 8 or 32 floats), and that decides how the loops are written:
//
// - Every position is computed with wrapping arithmetic (`&+`, `&*`): an overflow check
//   per element would keep a loop scalar.
// - They step through a row eight floats at a time with `SIMD8<Float>`. Left to itself, the
//   compiler vectorises a plain loop 64 floats at a time (four 16-wide registers) and sends
//   anything shorter to a one-float-at-a-time tail: every embedding row took the slow path.
//   A `SIMD8` addition is eight ordinary `Float` additions, so the values are the same.

/// Loops on raw `Float` buffers used by the ops' forward and backward passes.
enum VectorKernels {
  /// `dst[i] = src[i]` for `i` in `0..<count`.
  @inline(__always)
  static func copy(_ src: UnsafePointer<Float>, to dst: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i &+ 8 <= count {
      store(load(src + i), dst + i)
      i &+= 8
    }
    while i < count {
      dst[i] = src[i]
      i &+= 1
    }
  }

  /// `dst[i] += src[i]` for `i` in `0..<count`.
  @inline(__always)
  static func add(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i &+ 8 <= count {
      store(load(dst + i) + load(src + i), dst + i)
      i &+= 8
    }
    while i < count {
      dst[i] += src[i]
      i &+= 1
    }
  }

  /// `dst[i] = 0` for `i` in `0..<count`.
  @inline(__always)
  static func zero(_ dst: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i &+ 8 <= count {
      store(SIMD8(repeating: 0), dst + i)
      i &+= 8
    }
    while i < count {
      dst[i] = 0
      i &+= 1
    }
  }

  /// Adds every row of the `(rows, columns)` matrix `src` into the vector `dst`
  /// (a bias gradient: the column sums of the upstream gradient).
  ///
  /// ```
  /// dst[c] += sum_r src[r, c]
  /// ```
  @inline(__always)
  static func addRows(
    of src: UnsafePointer<Float>, rows: Int, columns: Int, into dst: UnsafeMutablePointer<Float>
  ) {
    for r in 0..<rows { add(src + r &* columns, into: dst, count: columns) }
  }

  /// Adds the vector `row` into each of the `rows` rows of `dst` (a bias).
  ///
  /// ```
  /// dst[r, c] += row[c]
  /// ```
  @inline(__always)
  static func addRow(
    _ row: UnsafePointer<Float>, rows: Int, columns: Int, into dst: UnsafeMutablePointer<Float>
  ) {
    for r in 0..<rows { add(row, into: dst + r &* columns, count: columns) }
  }

  /// Eight floats from `p` (any alignment).
  @inline(__always)
  private static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
  }

  /// Writes eight floats at `p` (any alignment).
  @inline(__always)
  private static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
  }
}
