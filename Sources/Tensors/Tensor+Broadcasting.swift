/// How two shapes line up in an element-wise op, NumPy style, for the cases a recommender
/// needs: equal shapes, a scalar (one element), and matrices against a row vector `(1, n)`
/// (or `(n)`) or a column vector `(m, 1)`.
///
///     (m, n) + (1, n) -> (m, n)     the row is reused for every row
///     (m, n) * (m, 1) -> (m, n)     the column is reused for every column
///
/// Every case is seen as a `rows x cols` loop; each operand steps through its own storage
/// with a row stride and a column stride, and a stride of 0 repeats ("broadcasts") a value.
/// In the backward pass the same loop ADDS into the operand's gradient, so a repeated value
/// receives the sum of the gradients of every place it was used.
struct Broadcast {
  /// The result's shape.
  let shape: [Int]
  let rows: Int, cols: Int
  let aRowStride: Int, aColStride: Int
  let bRowStride: Int, bColStride: Int

  /// Lines up `a` and `b`; stops with a message naming `op` when they cannot be.
  init(_ a: [Int], _ b: [Int], op: String) {
    let aCount = a.reduce(1, *)
    let bCount = b.reduce(1, *)
    if a == b {
      (shape, rows, cols) = (a, 1, aCount)
      (aRowStride, aColStride, bRowStride, bColStride) = (0, 1, 0, 1)
    } else if aCount == 1 && a.count <= b.count {
      (shape, rows, cols) = (b, 1, bCount)
      (aRowStride, aColStride, bRowStride, bColStride) = (0, 0, 0, 1)
    } else if bCount == 1 && b.count <= a.count {
      (shape, rows, cols) = (a, 1, aCount)
      (aRowStride, aColStride, bRowStride, bColStride) = (0, 1, 0, 0)
    } else {
      ensure(
        a.count <= 2 && b.count <= 2,
        "\(op): cannot broadcast shapes \(a) and \(b) (supported: equal shapes, a scalar, (m, n) with (1, n), (n) or (m, 1))"
      )
      // Pad to two dimensions: (n) is the row (1, n).
      let a2 = a.count == 2 ? a : [1] + a
      let b2 = b.count == 2 ? b : [1] + b
      for d in 0..<2 {
        ensure(
          a2[d] == b2[d] || a2[d] == 1 || b2[d] == 1,
          "\(op): cannot broadcast shapes \(a) and \(b): dimension \(d) is \(a2[d]) vs \(b2[d])")
      }
      rows = max(a2[0], b2[0])
      cols = max(a2[1], b2[1])
      shape = max(a.count, b.count) == 2 ? [rows, cols] : [cols]
      aRowStride = a2[0] == 1 ? 0 : a2[1]
      aColStride = a2[1] == 1 ? 0 : 1
      bRowStride = b2[0] == 1 ? 0 : b2[1]
      bColStride = b2[1] == 1 ? 0 : 1
    }
  }

  /// Calls `body(out, i, j)` for every result element `out`, with `i` and `j` the
  /// positions of the operands' values used there. Each case is a plain loop the compiler
  /// can vectorise: the positions are computed with wrapping arithmetic (`&+`, `&*`; they
  /// stay far below `Int.max`), because an overflow check on every index would keep the
  /// loop scalar.
  @inline(__always)
  func forEachIndex(_ body: (_ out: Int, _ i: Int, _ j: Int) -> Void) {
    if rows == 1 && aColStride == 1 && bColStride == 1 {  // equal shapes: one flat loop
      for k in 0..<cols { body(k, k, k) }
      return
    }
    for r in 0..<rows {
      let o = r &* cols
      let ai = r &* aRowStride
      let bj = r &* bRowStride
      if aColStride == 1 && bColStride == 1 {
        for c in 0..<cols { body(o &+ c, ai &+ c, bj &+ c) }
      } else if aColStride == 1 {
        for c in 0..<cols { body(o &+ c, ai &+ c, bj) }
      } else if bColStride == 1 {
        for c in 0..<cols { body(o &+ c, ai, bj &+ c) }
      } else {
        for c in 0..<cols { body(o &+ c, ai, bj) }
      }
    }
  }
}
