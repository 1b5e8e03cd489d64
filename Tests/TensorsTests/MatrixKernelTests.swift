import Testing

@testable import Tensors

@Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
func blasMatmulEqualsReferenceKernel(transposeA: Bool, transposeB: Bool) {
  let (m, n, k) = (7, 5, 9)
  let a = random(transposeA ? [k, m] : [m, k], 11)
  let b = random(transposeB ? [n, k] : [k, n], 12)
  let c0 = random([m, n], 13)
  var fast = c0.scalars
  var slow = c0.scalars
  a.withUnsafeBufferPointer { pa in
    b.withUnsafeBufferPointer { pb in
      fast.withUnsafeMutableBufferPointer { pc in
        MatrixKernels.sgemm(
          transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 0.5,
          a: pa.baseAddress!,
          b: pb.baseAddress!, beta: 2, c: pc.baseAddress!)
      }
      slow.withUnsafeMutableBufferPointer { pc in
        MatrixKernels.sgemmReference(
          transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 0.5,
          a: pa.baseAddress!,
          b: pb.baseAddress!, beta: 2, c: pc.baseAddress!)
      }
    }
  }
  for (x, y) in zip(fast, slow) { #expect(abs(x - y) <= 1e-5 * max(1, abs(y))) }
}

@Test func matmulOfKnownMatrices() {
  let a = Tensor([[1, 2], [3, 4], [5, 6]])
  let b = Tensor([[1, 0, 2], [0, 1, 3]])
  #expect(a.matmul(b).scalars == [1, 2, 8, 3, 4, 18, 5, 6, 28])
  #expect(Tensor.matmul(a, a, transposeA: true).scalars == [35, 44, 44, 56])
  #expect(Tensor.matmul(a, a, transposeB: true).shape == [3, 3])
}

@Test func largeBlasProductEqualsReference() {
  let (m, n, k) = (64, 48, 80)
  let a = random([m, k], 21)
  let b = random([k, n], 22)
  let fast = a.matmul(b).scalars
  var slow = [Float](repeating: 0, count: m * n)
  a.withUnsafeBufferPointer { pa in
    b.withUnsafeBufferPointer { pb in
      slow.withUnsafeMutableBufferPointer {
        MatrixKernels.sgemmReference(
          transposeA: false, transposeB: false, m: m, n: n, k: k, a: pa.baseAddress!,
          b: pb.baseAddress!,
          c: $0.baseAddress!)
      }
    }
  }
  for (x, y) in zip(fast, slow) { #expect(abs(x - y) <= 1e-4) }
}
