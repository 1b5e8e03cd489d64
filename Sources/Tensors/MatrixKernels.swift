import CKernels
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Matrix-multiplication kernels on raw row-major buffers: the engine's own fast product
/// and a readable reference with the same signature; the tests hold them equal to the bit.
///
/// ```
/// C = op(A) op(B) + beta C        op(X) = X or X^T
/// op(A): (m, k)   op(B): (k, n)   C: (m, n)
/// ```
/// `A` is stored (m, k), or (k, m) when `transposeA`; likewise `B` is (k, n) or (n, k).
/// The matrices are contiguous (a stored row follows the one before it).
///
/// Every element of C is one chain of fused multiply-adds in a fixed order,
///
/// ```
/// s = 0
/// for p = 0, 1, ..., k-1:   s = s + op(A)[i, p] * op(B)[p, j]     rounded once (fma)
/// C[i, j] = s                       when beta = 0 (C is not read)
/// C[i, j] = beta * C[i, j] + s      otherwise, rounded once (for beta = 1: C[i, j] + s)
/// ```
///
/// whatever the processor: the vector paths run across columns of C, never along p, and
/// threads (CKernels/Threads.c) share out blocks of C, never p. That is why the product — and every result
/// built on it — is the same on every machine, while BLAS libraries choose their
/// summation order by processor (OpenBLAS's AVX-512 `sgemm` rounds differently from its
/// AVX2 one) and by thread count.
public enum MatrixKernels {
  /// `C = op(A) op(B) + beta C` by the engine's kernel (CKernels/Gemm.c) in the active
  /// path, on several threads when the product is large enough.
  public static func sgemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    beta: Float = 0, c: UnsafeMutablePointer<Float>
  ) {
    if let override = benchmarkOverride {
      override(transposeA, transposeB, m, n, k, a, b, beta, c)
      return
    }
    sgemm(
      path: .active, threads: threadCount, transposeA: transposeA, transposeB: transposeB,
      m: m, n: n, k: k, a: a, b: b, beta: beta, c: c)
  }

  /// The same product in a chosen path with a chosen number of threads (for tests and
  /// benchmarks): the result does not depend on either.
  public static func sgemm(
    path: KernelPath, threads: Int, transposeA: Bool, transposeB: Bool, m: Int, n: Int,
    k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, beta: Float = 0,
    c: UnsafeMutablePointer<Float>
  ) {
    guard m > 0, n > 0 else { return }
    let lda = transposeA ? m : k
    let ldb = transposeB ? k : n
    let threads = m * n * k >= parallelThreshold ? threads : 1
    let status = ck_sgemm_threaded(
      path.c, Int32(Swift.min(threads, 64)), transposeA ? 1 : 0, transposeB ? 1 : 0, m, n, k, a,
      lda, b, ldb, beta, c, n)
    ensure(status == 0, "sgemm: out of memory for the packing buffers (\(m)x\(k) by \(k)x\(n))")
  }

  /// The same product as three plain loops: slow, but every step visible. Its order of
  /// operations is the definition the fast kernel follows in every path.
  ///
  /// ```
  /// s = fold over p = 0 ..< k of  s -> s + op(A)[i, p] * op(B)[p, j]  (one rounding each)
  /// C[i, j] = beta == 0 ? s : beta * C[i, j] + s                        (one rounding)
  /// ```
  public static func sgemmReference(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    beta: Float = 0, c: UnsafeMutablePointer<Float>
  ) {
    for i in 0..<m {
      for j in 0..<n {
        var s: Float = 0
        for p in 0..<k {
          let aip = transposeA ? a[p * m + i] : a[i * k + p]
          let bpj = transposeB ? b[j * k + p] : b[p * n + j]
          s = s.addingProduct(aip, bpj)
        }
        c[i * n + j] = beta == 0 ? s : s.addingProduct(beta, c[i * n + j])
      }
    }
  }
}

// MARK: - Threads

extension MatrixKernels {
  /// Below this many multiply-adds (m n k) a product runs on one thread: waking others
  /// costs more than they save.
  static let parallelThreshold = 128 * 128 * 128

  /// How many threads a large product uses (results do not depend on it): at first
  /// `MODERNRECSYS_THREADS` when set to a positive number, else every processor the
  /// system reports online. A program may lower it (Chapter 3 sets 1).
  public static var threadCount: Int {
    get { threads.load(ordering: .relaxed) }
    set { threads.store(Swift.max(1, newValue), ordering: .relaxed) }
  }

  private static let threads = Atomic<Int>(defaultThreadCount)

  /// `MODERNRECSYS_THREADS`, or the processors online.
  static var defaultThreadCount: Int {
    if let text = getenv("MODERNRECSYS_THREADS").map({ String(cString: $0) }),
      let n = Int(text), n > 0
    {
      return n
    }
    return Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  }
}

// MARK: - Benchmarks

extension MatrixKernels {
  /// A product that replaces the engine's in `sgemm(transposeA:…)`: the signature of
  /// `sgemmReference`.
  public typealias Product = (
    _ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int,
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ beta: Float,
    _ c: UnsafeMutablePointer<Float>
  ) -> Void

  /// For `make bench` only: when set, every product of the engine goes to this function
  /// instead (the benchmark plugs in OpenBLAS to time a training step both ways in one
  /// run). Set it before any product runs and never while one runs; nothing else may.
  nonisolated(unsafe) public static var benchmarkOverride: Product?
}
