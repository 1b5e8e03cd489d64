// MARK: - Matrix product

extension Tensor {
  /// The matrix product `self · other`.
  /// - Shape: (m, k) · (k, n) -> (m, n)
  public func matmul(_ other: Tensor) -> Tensor { Tensor.matmul(self, other) }

  /// The matrix product of `a` and `b`, each optionally transposed, by the engine's kernel.
  /// Transposes are flags of the kernel, not copies; the backward pass is two more products that
  /// add straight into the gradients (`beta = 1`), or write a gradient that holds nothing
  /// yet (`beta = 0`).
  ///
  /// ```
  /// Y = A B                dA += G B^T,   dB += A^T G
  /// ```
  /// (with `transposeA` the stored matrix is A^T, so its gradient is (G B^T)^T = B G^T;
  /// likewise for `transposeB`).
  /// - Shape: (m, k) · (k, n) -> (m, n)
  public static func matmul(
    _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false
  ) -> Tensor {
    ensure(
      a.rank == 2 && b.rank == 2, "matmul: needs two matrices, shapes are \(a.shape) and \(b.shape)"
    )
    let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let (k2, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
    ensure(
      k == k2,
      "matmul: inner dimensions differ: \(a.shape)\(transposeA ? "ᵀ" : "") · \(b.shape)\(transposeB ? "ᵀ" : "")"
    )
    let (pa, pb) = (a.node.data, b.node.data)
    let out = Tensor(shape: [m, n]) { y in
      MatrixKernels.sgemm(
        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: pa, b: pb,
        c: y.baseAddress!)
    }
    return out.recording("matmul", inputs: [a, b]) { g, _ in
      let pg = g.baseAddress!
      a.accumulateGrad { ga, assigns in
        let beta: Float = assigns ? 0 : 1  // write, or add into what is there
        if transposeA {  // stored (k, m): dA = op(B) G^T
          MatrixKernels.sgemm(
            transposeA: transposeB, transposeB: true, m: k, n: m, k: n, a: pb, b: pg, beta: beta,
            c: ga.baseAddress!)
        } else {  // stored (m, k): dA = G op(B)^T
          MatrixKernels.sgemm(
            transposeA: false, transposeB: !transposeB, m: m, n: k, k: n, a: pg, b: pb, beta: beta,
            c: ga.baseAddress!)
        }
      }
      b.accumulateGrad { gb, assigns in
        let beta: Float = assigns ? 0 : 1
        if transposeB {  // stored (n, k): dB = G^T op(A)
          MatrixKernels.sgemm(
            transposeA: true, transposeB: transposeA, m: n, n: k, k: m, a: pg, b: pa, beta: beta,
            c: gb.baseAddress!)
        } else {  // stored (k, n): dB = op(A)^T G
          MatrixKernels.sgemm(
            transposeA: !transposeA, transposeB: false, m: k, n: n, k: m, a: pa, b: pg, beta: beta,
            c: gb.baseAddress!)
        }
      }
    }
  }
}
