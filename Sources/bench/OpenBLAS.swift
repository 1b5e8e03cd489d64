// The comparator: OpenBLAS's sgemm (Accelerate's on macOS), called the way the engine
// called it before it had its own product — one thread below 128^3 multiply-adds, all of
// them above — so that `bench` can time the book's workloads both ways in one run.

import Tensors

#if canImport(Accelerate)
  import Accelerate
#elseif canImport(CBLAS)
  import CBLAS
#endif

/// `C = op(A) op(B) + beta C` by BLAS, with `MatrixKernels.sgemm`'s signature.
func openBLASProduct(
  _ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int,
  _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ beta: Float,
  _ c: UnsafeMutablePointer<Float>
) {
  guard m > 0, n > 0 else { return }
  #if !canImport(Accelerate)
    let threads: Int32 = m * n * k < 128 * 128 * 128 ? 1 : openBLASDefaultThreads
    if openblas_get_num_threads() != threads { openblas_set_num_threads(threads) }
  #endif
  let lda = transposeA ? m : k
  let ldb = transposeB ? k : n
  cblas_sgemm(
    CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
    Int32(m), Int32(n), Int32(k), 1, a, Int32(max(lda, 1)), b, Int32(max(ldb, 1)), beta, c,
    Int32(n))
}

#if !canImport(Accelerate)
  /// OpenBLAS's thread count at start (all cores, or OPENBLAS_NUM_THREADS).
  let openBLASDefaultThreads = Int32(openblas_get_num_threads())
#endif

/// Which BLAS: OpenBLAS's build configuration, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH ... Haswell".
var openBLASDescription: String {
  #if canImport(Accelerate)
    return "Accelerate"
  #else
    guard let c = openblas_get_config() else { return "OpenBLAS" }
    return String(cString: c)
  #endif
}
