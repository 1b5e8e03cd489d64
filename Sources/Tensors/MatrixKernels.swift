#if canImport(Accelerate)
  import Accelerate
#else
  import CBLAS
  import Synchronization
#endif

/// Matrix-multiplication kernels on raw row-major buffers: the fast one (BLAS `sgemm`)
/// and a readable reference with the same signature; the tests hold them equal.
///
/// ```
/// C = alpha * op(A) * op(B) + beta * C     op(X) = X or X^T
/// op(A): (m, k)   op(B): (k, n)   C: (m, n)
/// ```
/// `A` is stored (m, k), or (k, m) when `transposeA`; likewise `B` is (k, n) or (n, k).
/// Leading dimensions are the stored row lengths (the matrices are contiguous).
public enum MatrixKernels {
  /// `C = alpha op(A) op(B) + beta C` through BLAS (`cblas_sgemm`; OpenBLAS or Accelerate).
  public static func sgemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Float = 1, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    beta: Float = 0, c: UnsafeMutablePointer<Float>
  ) {
    guard m > 0, n > 0 else { return }
    #if !canImport(Accelerate)
      // Small products (a recommender's layers) run on one thread: waking OpenBLAS's
      // other threads costs more than they save below about 128^3 multiply-adds. The
      // count is changed only when it differs from the last product's, because every
      // change wakes OpenBLAS's threads (a training step is a run of small products).
      setBLASThreads(m * n * k < smallProductThreshold ? 1 : defaultBLASThreads)
    #endif
    let lda = transposeA ? m : k
    let ldb = transposeB ? k : n
    cblas_sgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      Int32(m), Int32(n), Int32(k), alpha, a, Int32(Swift.max(lda, 1)), b, Int32(Swift.max(ldb, 1)),
      beta, c, Int32(n))
  }

  /// The same product as three plain loops: slow, but every step visible.
  ///
  /// ```
  /// C[i, j] = alpha * sum_p op(A)[i, p] * op(B)[p, j] + beta * C[i, j]
  /// ```
  public static func sgemmReference(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Float = 1, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    beta: Float = 0, c: UnsafeMutablePointer<Float>
  ) {
    for i in 0..<m {
      for j in 0..<n {
        var s: Float = 0
        for p in 0..<k {
          let aip = transposeA ? a[p * m + i] : a[i * k + p]
          let bpj = transposeB ? b[j * k + p] : b[p * n + j]
          s += aip * bpj
        }
        c[i * n + j] = alpha * s + (beta == 0 ? 0 : beta * c[i * n + j])
      }
    }
  }
}

// MARK: - Threads

#if !canImport(Accelerate)
  /// Below this many multiply-adds (m n k), `sgemm` asks OpenBLAS for one thread.
  let smallProductThreshold = 128 * 128 * 128
  /// The thread count OpenBLAS started with (all cores, or OPENBLAS_NUM_THREADS).
  let defaultBLASThreads = Int32(openblas_get_num_threads())
  /// The thread count last set, so we only call OpenBLAS when it changes (rarely: when a
  /// program switches between training steps and a large evaluation product).
  let currentBLASThreads = Atomic<Int32>(defaultBLASThreads)

  @inline(__always) func setBLASThreads(_ n: Int32) {
    if currentBLASThreads.exchange(n, ordering: .relaxed) != n { openblas_set_num_threads(n) }
  }
#endif

// MARK: - Which BLAS

extension MatrixKernels {
  /// The BLAS library in use, e.g. OpenBLAS's build configuration ("OpenBLAS 0.3.26 ... Haswell").
  public static var blasDescription: String {
    #if canImport(Accelerate)
      return "Accelerate"
    #else
      guard let c = openblas_get_config() else { return "OpenBLAS" }
      return String(cString: c)
    #endif
  }

  /// The number of threads BLAS may use.
  public static var blasThreads: Int {
    #if canImport(Accelerate)
      return 0
    #else
      return Int(openblas_get_num_threads())
    #endif
  }
}
