// Sums and means, over every element or along one axis.

// MARK: - Over all elements

extension Tensor {
  /// The sum of all elements, as a rank-0 tensor.
  ///
  /// ```
  /// y = sum_i x_i          dx_i += g
  /// ```
  public func sum() -> Tensor { reduceAll(scale: 1, op: "sum") }

  /// The mean of all elements, as a rank-0 tensor.
  ///
  /// ```
  /// y = (1/n) sum_i x_i    dx_i += g / n
  /// ```
  public func mean() -> Tensor {
    ensure(count > 0, "mean: empty tensor of shape \(shape)")
    return reduceAll(scale: 1 / Float(count), op: "mean")
  }

  private func reduceAll(scale: Float, op: String) -> Tensor {
    let x = self
    let px = node.data
    let n = count
    let out = Tensor(shape: []) { y in
      var s: Float = 0
      for i in 0..<n { s += px[i] }
      y[0] = s * scale
    }
    return out.recording(op, inputs: [x]) { g, _ in
      let gs = g[0] * scale
      x.accumulateGrad { gx in for i in gx.indices { gx[i] += gs } }
    }
  }
}

// MARK: - Along one axis

extension Tensor {
  /// Sums along `axis` (negative counts from the end); `keepDims` leaves that axis with
  /// size 1, so the result broadcasts back against `self`.
  ///
  /// - Shape: sum(axis: 1) of (m, n) -> (m); with keepDims -> (m, 1)
  public func sum(axis: Int, keepDims: Bool = false) -> Tensor {
    reduce(axis: axis, keepDims: keepDims, mean: false)
  }

  /// The mean along `axis`; see `sum(axis:keepDims:)`.
  public func mean(axis: Int, keepDims: Bool = false) -> Tensor {
    reduce(axis: axis, keepDims: keepDims, mean: true)
  }

  /// The tensor seen as (outer, length, inner) around `axis`, the axis we reduce over.
  ///
  /// ```
  /// y[o, i] = scale * sum_a x[o, a, i]        dx[o, a, i] += scale * g[o, i]
  /// ```
  private func reduce(axis: Int, keepDims: Bool, mean: Bool) -> Tensor {
    let op = mean ? "mean(axis:)" : "sum(axis:)"
    let ax = axis < 0 ? axis + rank : axis
    ensure(ax >= 0 && ax < rank, "\(op): axis \(axis) out of range for shape \(shape)")
    let outer = shape[..<ax].reduce(1, *)
    let length = shape[ax]
    let inner = shape[(ax + 1)...].reduce(1, *)
    var outShape = shape
    if keepDims { outShape[ax] = 1 } else { outShape.remove(at: ax) }
    let scale: Float = mean ? 1 / Float(Swift.max(length, 1)) : 1
    let x = self
    let px = node.data
    let out = Tensor(shape: outShape) { y in
      y.initialize(repeating: 0)
      for o in 0..<outer {
        for a in 0..<length {
          let src = (o * length + a) * inner
          let dst = o * inner
          for i in 0..<inner { y[dst + i] += px[src + i] }
        }
      }
      if scale != 1 { for i in y.indices { y[i] *= scale } }
    }
    return out.recording(op, inputs: [x]) { g, _ in
      x.accumulateGrad { gx in
        for o in 0..<outer {
          for a in 0..<length {
            let dst = (o * length + a) * inner
            let src = o * inner
            for i in 0..<inner { gx[dst + i] += scale * g[src + i] }
          }
        }
      }
    }
  }
}
