// Ops that move values around without arithmetic: reshape, transpose, concatenate, slice.

// MARK: - Reshape

extension Tensor {
  /// The same values in a new shape with the same number of elements; one dimension may
  /// be -1, meaning "whatever is left".
  ///
  /// ```
  /// y = x (row-major order unchanged)     dx += g
  /// ```
  public func reshaped(_ newShape: [Int]) -> Tensor {
    var target = newShape
    if let hole = target.firstIndex(of: -1) {
      let known = target.filter { $0 != -1 }.reduce(1, *)
      ensure(
        known > 0 && count % known == 0, "reshape: cannot reshape \(shape) to \(newShape)")
      target[hole] = count / known
    }
    ensure(target.reduce(1, *) == count, "reshape: cannot reshape \(shape) to \(newShape)")
    let x = self
    let px = node.data
    let out = Tensor(shape: target) { y in y.baseAddress!.update(from: px, count: y.count) }
    return out.recording("reshape", inputs: [x]) { g, _ in
      x.accumulateGrad { gx in for i in gx.indices { gx[i] += g[i] } }
    }
  }
}

// MARK: - Transpose

extension Tensor {
  /// The transpose of a matrix. (To multiply by a transpose, prefer
  /// `matmul(_:_:transposeA:transposeB:)`, which does not copy.)
  ///
  /// ```
  /// y[j, i] = x[i, j]      dx[i, j] += g[j, i]
  /// ```
  /// - Shape: (m, n) -> (n, m)
  public func transposed() -> Tensor {
    ensure(rank == 2, "transpose: needs a matrix, shape is \(shape)")
    let (m, n) = (shape[0], shape[1])
    let x = self
    let px = node.data
    let out = Tensor(shape: [n, m]) { y in
      for i in 0..<m { for j in 0..<n { y[j * m + i] = px[i * n + j] } }
    }
    return out.recording("transpose", inputs: [x]) { g, _ in
      x.accumulateGrad { gx in
        for i in 0..<m { for j in 0..<n { gx[i * n + j] += g[j * m + i] } }
      }
    }
  }
}

// MARK: - Concatenate and slice along the last axis

extension Tensor {
  /// Joins tensors side by side along the last axis; all other dimensions must agree.
  ///
  /// ```
  /// y = [x1 | x2 | ...]    dx_k += the columns of g that came from x_k
  /// ```
  /// - Shape: (m, a), (m, b) -> (m, a + b)
  public static func concatenate(_ parts: [Tensor]) -> Tensor {
    ensure(!parts.isEmpty, "concatenate: no tensors")
    let lead = Array(parts[0].shape.dropLast())
    for p in parts {
      ensure(
        p.rank >= 1 && Array(p.shape.dropLast()) == lead,
        "concatenate: shapes \(parts.map(\.shape)) differ outside the last axis")
    }
    let rows = lead.reduce(1, *)
    let widths = parts.map { $0.shape.last! }
    let total = widths.reduce(0, +)
    let out = Tensor(shape: lead + [total]) { y in
      var offset = 0
      for (p, w) in zip(parts, widths) {
        let (src, dst) = (p.node.data, y.baseAddress! + offset)
        for r in 0..<rows { VectorKernels.copy(src + r &* w, to: dst + r &* total, count: w) }
        offset += w
      }
    }
    return out.recording("concatenate", inputs: parts) { g, _ in
      var offset = 0
      for (p, w) in zip(parts, widths) {
        let src = g.baseAddress! + offset
        p.accumulateGrad { gp, assigns in
          let dst = gp.baseAddress!
          for r in 0..<rows {
            if assigns {
              VectorKernels.copy(src + r &* total, to: dst + r &* w, count: w)
            } else {
              VectorKernels.add(src + r &* total, into: dst + r &* w, count: w)
            }
          }
        }
        offset += w
      }
    }
  }

  /// The columns `range` of the last axis.
  ///
  /// ```
  /// y = x[..., range]      dx[..., range] += g
  /// ```
  /// - Shape: (m, n) -> (m, range.count)
  public func slice(lastAxis range: Range<Int>) -> Tensor {
    ensure(rank >= 1, "slice: needs at least one axis, shape is \(shape)")
    let n = shape.last!
    ensure(
      range.lowerBound >= 0 && range.upperBound <= n,
      "slice: columns \(range) out of 0..<\(n) for shape \(shape)")
    let rows = count / Swift.max(n, 1)
    let w = range.count
    let start = range.lowerBound
    let x = self
    let px = node.data
    let out = Tensor(shape: Array(shape.dropLast()) + [w]) { y in
      for r in 0..<rows {
        VectorKernels.copy(px + (r &* n &+ start), to: y.baseAddress! + r &* w, count: w)
      }
    }
    return out.recording("slice", inputs: [x]) { g, _ in
      x.accumulateGrad { gx in
        let (src, dst) = (g.baseAddress!, gx.baseAddress! + start)
        for r in 0..<rows { VectorKernels.add(src + r &* w, into: dst + r &* n, count: w) }
      }
    }
  }
}
