// Softmax and log-softmax along the last axis. Both are fused: the composed
// exp(x) / sum(exp(x)) overflows for logits above ~88; subtracting the row maximum first
// (the log-sum-exp trick) keeps every exponent <= 0.

extension Tensor {
  /// Rows (the last axis) as (rows, n), for the row-wise ops below.
  private var rowsAndLength: (rows: Int, n: Int) {
    let n = shape.last ?? 1
    return (count / Swift.max(n, 1), n)
  }

  /// Softmax along the last axis: each row becomes positive and sums to 1.
  ///
  /// ```
  /// y_i = e^(x_i - max x) / sum_j e^(x_j - max x)     dx_i += y_i (g_i - sum_j g_j y_j)
  /// ```
  /// - Shape: (m, n) -> (m, n)
  public func softmax() -> Tensor {
    let (rows, n) = rowsAndLength
    let x = self
    let px = node.data
    let out = Tensor(shape: shape) { y in
      for r in 0..<rows {
        let o = r * n
        var mx = -Float.infinity
        for j in 0..<n { mx = Swift.max(mx, px[o + j]) }
        for j in 0..<n { y[o + j] = px[o + j] - mx }
        Elementary.apply(.exp, y.baseAddress! + o, y.baseAddress! + o, count: n)
        var s: Float = 0
        for j in 0..<n { s += y[o + j] }
        for j in 0..<n { y[o + j] /= s }
      }
    }
    return out.recording("softmax", inputs: [x]) { g, y in
      x.accumulateGrad { gx in
        for r in 0..<rows {
          let o = r * n
          var dot: Float = 0
          for j in 0..<n { dot += g[o + j] * y[o + j] }
          for j in 0..<n { gx[o + j] += y[o + j] * (g[o + j] - dot) }
        }
      }
    }
  }

  /// Log-softmax along the last axis, by the log-sum-exp trick.
  ///
  /// ```
  /// y_i = x_i - max x - log sum_j e^(x_j - max x)     dx_i += g_i - e^(y_i) sum_j g_j
  /// ```
  /// - Shape: (m, n) -> (m, n)
  public func logSoftmax() -> Tensor {
    let (rows, n) = rowsAndLength
    let x = self
    let px = node.data
    let out = Tensor(shape: shape) { y in
      for r in 0..<rows {
        let o = r * n
        var mx = -Float.infinity
        for j in 0..<n { mx = Swift.max(mx, px[o + j]) }
        // e^(x_j - max x) goes through y's row, which then receives the result.
        for j in 0..<n { y[o + j] = px[o + j] - mx }
        Elementary.apply(.exp, y.baseAddress! + o, y.baseAddress! + o, count: n)
        var s: Float = 0
        for j in 0..<n { s += y[o + j] }
        let logZ = mx + Elementary.log(s)
        for j in 0..<n { y[o + j] = px[o + j] - logZ }
      }
    }
    return out.recording("logSoftmax", inputs: [x]) { g, y in
      let e = allocateFloats(n)
      defer { freeFloats(e, count: n) }
      x.accumulateGrad { gx in
        for r in 0..<rows {
          let o = r * n
          var total: Float = 0
          for j in 0..<n { total += g[o + j] }
          Elementary.apply(.exp, y.baseAddress! + o, e, count: n)
          for j in 0..<n { gx[o + j] += g[o + j] - e[j] * total }
        }
      }
    }
  }
}
