import Testing

@testable import Tensors

/// The product of `a` and `b` (stored as the transposes say) added to `beta * c0`, by the
/// engine's kernel in `path` on `threads` threads, or by the reference when `path` is nil.
func product(
  _ a: [Float], _ b: [Float], _ c0: [Float], m: Int, n: Int, k: Int, transposeA: Bool,
  transposeB: Bool, beta: Float, path: KernelPath?, threads: Int = 1
) -> [Float] {
  var c = c0
  a.withUnsafeBufferPointer { pa in
    b.withUnsafeBufferPointer { pb in
      c.withUnsafeMutableBufferPointer { pc in
        if let path {
          MatrixKernels.sgemm(
            path: path, threads: threads, transposeA: transposeA, transposeB: transposeB, m: m,
            n: n, k: k, a: pa.baseAddress!, b: pb.baseAddress!, beta: beta, c: pc.baseAddress!)
        } else {
          MatrixKernels.sgemmReference(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
            a: pa.baseAddress!, b: pb.baseAddress!, beta: beta, c: pc.baseAddress!)
        }
      }
    }
  }
  return c
}

/// Awkward shapes (m, n, k): one row or column, sizes around the kernels' tiles (4 to 32)
/// and vectors (a C of 4, 8 or 16 columns takes a narrow tile or the transposed product),
/// their blocks of k (256) and rows (128), a prime, 1000, and NeuMF's layer shapes;
/// products of at most a few million multiply-adds, so that the plain reference is quick.
let awkwardShapes: [(Int, Int, Int)] = [
  (1, 1, 1), (1, 7, 1000), (7, 1, 255), (1000, 1, 7), (7, 7, 7), (7, 255, 257),
  (255, 7, 256), (256, 257, 7), (257, 256, 1), (13, 1000, 33), (1000, 13, 3), (33, 17, 1000),
  (255, 257, 63), (129, 130, 257), (300, 8, 40), (40, 16, 300), (64, 32, 256), (256, 4, 16),
]

/// Every kernel path this processor has gives the reference's bits, for every shape, both
/// transposes, beta 0, 1 and 0.5, and 1 or 3 threads: the product does not depend on the
/// machine it runs on.
@Test(arguments: awkwardShapes)
func everyKernelPathEqualsTheReferenceBitForBit(shape: (Int, Int, Int)) {
  let (m, n, k) = shape
  #expect(KernelPath.available.contains(.scalar))
  #expect(KernelPath.available.count >= 2, "a vector path besides the scalar one")
  var rng = SeededGenerator(seed: UInt64(m * 1_000_003 + n * 1009 + k))
  // Values of mixed size and sign, so that rounding differs with the order of operations.
  func values(_ count: Int) -> [Float] {
    (0..<count).map { _ in rng.uniform(-1, 1) * Float(1 << rng.int(below: 12)) }
  }
  let a = values(m * k)
  let b = values(k * n)
  let c0 = values(m * n)
  for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
    for beta: Float in [0, 1, 0.5] {
      let expected = product(
        a, b, c0, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, beta: beta,
        path: nil)
      for path in KernelPath.available {
        for threads in [1, 3] where threads == 1 || m * n * k >= MatrixKernels.parallelThreshold {
          let c = product(
            a, b, c0, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
            beta: beta, path: path, threads: threads)
          let differing = zip(c, expected).filter { $0.bitPattern != $1.bitPattern }.count
          #expect(
            differing == 0,
            "\(path), \(threads) threads, \(m)x\(n)x\(k) transposes \(transposeA) \(transposeB) beta \(beta): \(differing) of \(c.count) differ"
          )
        }
      }
    }
  }
}

/// A product large enough for the threads (above 128^3 multiply-adds) is the same on 1, 2
/// and 5 threads as on one, in every path: threads split C, never a sum.
@Test func threadsNeverChangeAProduct() {
  let (m, n, k) = (300, 200, 180)
  var rng = SeededGenerator(seed: 5)
  let a = (0..<(m * k)).map { _ in rng.uniform(-1, 1) }
  let b = (0..<(k * n)).map { _ in rng.uniform(-1, 1) }
  let c0 = [Float](repeating: 0, count: m * n)
  #expect(m * n * k >= MatrixKernels.parallelThreshold)
  for path in KernelPath.available {
    let one = product(
      a, b, c0, m: m, n: n, k: k, transposeA: false, transposeB: true, beta: 0, path: path)
    for threads in [2, 5] {
      let many = product(
        a, b, c0, m: m, n: n, k: k, transposeA: false, transposeB: true, beta: 0, path: path,
        threads: threads)
      #expect(many.map(\.bitPattern) == one.map(\.bitPattern), "\(path), \(threads) threads")
    }
  }
}

/// The reference is the definition: one fused multiply-add per step, in order, then beta C
/// added by one more. Here the order shows: 1e8 + 1 - 1e8 is 0 in Float when summed left
/// to right; and so does the fusion: -(1 + 2^-11) + (1 + 2^-12)^2 is 2^-24 when the
/// product is not rounded first (rounded, (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24 is a tie that
/// goes to 1 + 2^-11, and the sum would be 0).
@Test func theReferenceIsOneFusedChainInOrder() {
  let big: Float = 1e8
  let ordered = product(
    [big, 1, -big], [1, 1, 1], [0], m: 1, n: 1, k: 3, transposeA: false, transposeB: false,
    beta: 0, path: nil)
  #expect(ordered == [0])
  let x: Float = 1 + 0x1p-12
  let fused = product(
    [-1, x], [1 + 0x1p-11, x], [0], m: 1, n: 1, k: 2, transposeA: false, transposeB: false,
    beta: 0, path: nil)
  #expect(fused == [0x1p-24])
  for path in KernelPath.available {
    let same = product(
      [-1, x], [1 + 0x1p-11, x], [0], m: 1, n: 1, k: 2, transposeA: false, transposeB: false,
      beta: 0, path: path)
    #expect(same == fused, "\(path)")
  }
}

@Test func matmulOfKnownMatrices() {
  let a = Tensor([[1, 2], [3, 4], [5, 6]])
  let b = Tensor([[1, 0, 2], [0, 1, 3]])
  #expect(a.matmul(b).scalars == [1, 2, 8, 3, 4, 18, 5, 6, 28])
  #expect(Tensor.matmul(a, a, transposeA: true).scalars == [35, 44, 44, 56])
  #expect(Tensor.matmul(a, a, transposeB: true).shape == [3, 3])
}

/// A product of zero length (k = 0) is beta C; with beta = 0 it is zeros even over NaN.
@Test func anEmptySumIsBetaTimesC() {
  for path in KernelPath.available {
    let nan = Float.nan
    let zeroed = product(
      [], [], [nan, nan], m: 1, n: 2, k: 0, transposeA: false, transposeB: false, beta: 0,
      path: path)
    #expect(zeroed == [0, 0], "\(path)")
    let kept = product(
      [], [], [3, 4], m: 1, n: 2, k: 0, transposeA: false, transposeB: false, beta: 0.5, path: path)
    #expect(kept == [1.5, 2], "\(path)")
  }
}
