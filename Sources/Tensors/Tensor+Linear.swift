// MARK: - Fused fully connected layer

extension Tensor {
  /// A fully connected layer, `x W + b`, optionally followed by ReLU, as ONE op: the same
  /// values and gradients as `(x.matmul(W) + b).relu()` (the tests hold them equal), with
  /// one result buffer instead of three and no intermediate gradients.
  ///
  /// ```
  /// forward:   Y = X W (sgemm), then Y += b (each row), then Y = max(Y, 0)
  /// backward:  G' = G where Y > 0, else 0        (just G without ReLU)
  ///            dX += G' W^T,   dW += X^T G',   db += sum over rows of G'
  /// ```
  /// (X W + b rounds exactly as the composed `x.matmul(W) + b`. A product into a gradient
  /// that holds nothing yet is written with beta = 0 instead of added with beta = 1 into
  /// zeros: the same values, without zero-filling it first.)
  /// `Linear` and `MLP` call this; it is the fast path beside the composed ops above.
  /// - Shape: x (batch, in), weight (in, out), bias (out) -> (batch, out)
  package static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?, relu: Bool = false)
    -> Tensor
  {
    ensure(
      x.rank == 2 && weight.rank == 2 && x.shape[1] == weight.shape[0],
      "linear: input \(x.shape) does not fit weight \(weight.shape) (needs (batch, in) · (in, out))"
    )
    let (m, k, n) = (x.shape[0], x.shape[1], weight.shape[1])
    if let bias {
      ensure(bias.count == n, "linear: bias \(bias.shape) does not fit \(n) outputs")
    }
    let (px, pw, pb) = (x.node.data, weight.node.data, bias?.node.data)
    let out = Tensor(shape: [m, n]) { y in
      let py = y.baseAddress!
      MatrixKernels.sgemm(
        transposeA: false, transposeB: false, m: m, n: n, k: k, a: px, b: pw, c: py)
      if let pb { VectorKernels.addRow(pb, rows: m, columns: n, into: py) }
      if relu { for i in 0..<(m &* n) { py[i] = Swift.max(py[i], 0) } }
    }
    let inputs = [x, weight] + (bias.map { [$0] } ?? [])
    return out.recording(relu ? "linearReLU" : "linear", inputs: inputs) { g, y in
      // G' = the upstream gradient, masked by ReLU's derivative when there is one.
      var masked: UnsafeMutablePointer<Float>? = nil
      if relu {
        let buffer = allocateFloats(m &* n)
        for i in 0..<(m &* n) {
          let gi = g[i]  // loaded unconditionally, so the choice vectorises
          buffer[i] = y[i] > 0 ? gi : 0
        }
        masked = buffer
      }
      defer { if let masked { freeFloats(masked, count: m &* n) } }
      let pg = UnsafePointer(masked) ?? g.baseAddress!
      x.accumulateGrad { gx, assigns in  // dX += G' W^T
        MatrixKernels.sgemm(
          transposeA: false, transposeB: true, m: m, n: k, k: n, a: pg, b: pw,
          beta: assigns ? 0 : 1, c: gx.baseAddress!)
      }
      weight.accumulateGrad { gw, assigns in  // dW += X^T G'
        MatrixKernels.sgemm(
          transposeA: true, transposeB: false, m: k, n: n, k: m, a: px, b: pg,
          beta: assigns ? 0 : 1, c: gw.baseAddress!)
      }
      bias?.accumulateGrad { gb in  // db += column sums of G'
        VectorKernels.addRows(of: pg, rows: m, columns: n, into: gb.baseAddress!)
      }
    }
  }
}
