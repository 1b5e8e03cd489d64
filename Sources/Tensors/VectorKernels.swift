// Small loops over raw buffers that several ops share: copy a row, add a row into
// another, add up the rows of a matrix. They take pointers and a count and compute every
// position with wrapping arithmetic (`&+`, `&*`), so the compiler sees a plain counted loop
// without overflow checks and vectorises it. (Written with `Int` indices and `+`, the same
// loop keeps an overflow check per element and runs one float at a time.)

/// Loops on raw `Float` buffers used by the ops' forward and backward passes.
enum VectorKernels {
  /// `dst[i] = src[i]` for `i` in `0..<count`.
  @inline(__always)
  static func copy(_ src: UnsafePointer<Float>, to dst: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { dst[i] = src[i] }
  }

  /// `dst[i] += src[i]` for `i` in `0..<count`.
  @inline(__always)
  static func add(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { dst[i] += src[i] }
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

  /// Copies the vector `row` into each of the `rows` rows of `dst`.
  @inline(__always)
  static func broadcastRow(
    _ row: UnsafePointer<Float>, rows: Int, columns: Int, into dst: UnsafeMutablePointer<Float>
  ) {
    for r in 0..<rows { copy(row, to: dst + r &* columns, count: columns) }
  }
}
