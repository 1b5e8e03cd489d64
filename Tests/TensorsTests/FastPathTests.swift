import TestSupport
import Testing

@testable import Tensors

// The engine's fast paths against the readable ops they replace: the fused linear layer
// against matmul + add + relu, and the embedding gradient that zeroGrad() clears row by row.

/// Values of `f(x, w, b)` and the gradients of x, w and b for the loss sum(f * r).
func linearValueAndGradients(
  _ x: Tensor, _ w: Tensor, _ b: Tensor?, _ f: (Tensor, Tensor, Tensor?) -> Tensor
) -> [[Float]] {
  let (lx, lw, lb) = (x.copy().requiringGrad(), w.copy().requiringGrad(), b?.copy().requiringGrad())
  let y = f(lx, lw, lb)
  (y * random(y.shape, 77)).sum().backward()
  return [y.scalars, lx.grad!.scalars, lw.grad!.scalars, lb?.grad?.scalars ?? []]
}

@Test func fusedLinearEqualsMatmulPlusBias() {
  let (x, w, b) = (random([5, 4], 1), random([4, 3], 2), random([3], 3))
  let fused = linearValueAndGradients(x, w, b) { Tensor.linear($0, weight: $1, bias: $2) }
  let composed = linearValueAndGradients(x, w, b) { $0.matmul($1) + $2! }
  #expect(fused == composed)  // bit for bit: the same products and sums, in the same order
}

@Test func fusedLinearReLUEqualsComposedAndMasksTheGradient() {
  let (x, w, b) = (random([6, 4], 4), random([4, 5], 5), random([5], 6))
  let fused = linearValueAndGradients(x, w, b) {
    Tensor.linear($0, weight: $1, bias: $2, relu: true)
  }
  let composed = linearValueAndGradients(x, w, b) { ($0.matmul($1) + $2!).relu() }
  #expect(fused == composed)  // bit for bit: the same products and sums, in the same order
  // Some outputs are clipped, so the mask mattered.
  #expect(fused[0].contains(0) && fused[0].contains { $0 > 0 })
}

@Test func fusedLinearWithoutBiasEqualsMatmul() {
  let (x, w) = (random([3, 2], 7), random([2, 4], 8))
  let fused = linearValueAndGradients(x, w, nil) { Tensor.linear($0, weight: $1, bias: $2) }
  let composed = linearValueAndGradients(x, w, nil) { x, w, _ in x.matmul(w) }
  #expect(fused == composed)  // bit for bit: the same products and sums, in the same order
}

@Test func zeroGradAfterLookupsClearsEveryTouchedRow() {
  let table = random([40, 3], 9).requiringGrad()
  for ids in [[1, 5, 5, 39], [0, 2], [7]] {
    (table.gatherRows(ids) * random([ids.count, 3], 10)).sum().backward()
    let g = table.grad!.scalars
    for r in 0..<40 {
      let row = g[(3 * r)..<(3 * r + 3)]
      #expect(ids.contains(r) == row.contains { $0 != 0 }, "row \(r) after looking up \(ids)")
    }
    table.zeroGrad()
    #expect(table.grad!.scalars.allSatisfy { $0 == 0 })
  }
}

@Test func zeroGradClearsEverythingAfterAnyOtherWrite() {
  let table = random([40, 3], 11).requiringGrad()
  // A lookup and a whole-table op in one graph: every row has a gradient.
  ((table.gatherRows([3]) * 2).sum() + table.sum()).backward()
  #expect(table.grad!.scalars.allSatisfy { $0 != 0 })
  table.zeroGrad()
  #expect(table.grad!.scalars.allSatisfy { $0 == 0 })
  // Many lookups (more than a quarter of the rows): the whole table is cleared.
  table.gatherRows(Array(0..<30)).sum().backward()
  table.zeroGrad()
  #expect(table.grad!.scalars.allSatisfy { $0 == 0 })
  // A write through the public gradient pointer.
  table.gatherRows([1]).sum().backward()
  table.withUnsafeGradBufferPointer { $0![100] = 5 }
  table.zeroGrad()
  #expect(table.grad!.scalars.allSatisfy { $0 == 0 })
}

@Test func lookupGradientsAddUpAcrossBackwardsWithoutZeroGrad() {
  let table = Tensor([[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]]).requiringGrad()
  table.gatherRows([2]).sum().backward()
  table.gatherRows([2, 0]).sum().backward()
  #expect(table.grad!.scalars == [1, 1, 0, 0, 2, 2, 0, 0, 0, 0])
}

// MARK: - A gradient's first write assigns

/// The gradient `x` receives from `f(x)` under the loss sum(f * r): `shared` uses x itself
/// (so it is written twice), `split` two copies whose gradients are added afterwards.
func sharedAndSplitGradients(
  _ x: Tensor, _ f: (Tensor, Tensor) -> Tensor
) -> (shared: [Float], split: [Float]) {
  let shared = x.copy().requiringGrad()
  let y = f(shared, shared)
  (y * random(y.shape, 21)).sum().backward()
  let (a, b) = (x.copy().requiringGrad(), x.copy().requiringGrad())
  (f(a, b) * random(y.shape, 21)).sum().backward()
  return (shared.grad!.scalars, zip(a.grad!.scalars, b.grad!.scalars).map { $0 + $1 })
}

@Test func anInputUsedTwiceGetsBothContributionsWhenTheFirstWriteAssigns() {
  let x = random([5, 3], 20)
  let w = random([3, 4], 22)
  let cases: [(String, (Tensor, Tensor) -> Tensor)] = [
    ("matmul(x, xᵀ)", { a, b in Tensor.matmul(a, b, transposeB: true) }),
    ("concatenate([x, x])", { a, b in Tensor.concatenate([a, b]) }),
    (
      "linear(x) + linear(x)",
      { a, b in Tensor.linear(a, weight: w, bias: nil) + Tensor.linear(b, weight: w, bias: nil) }
    ),
  ]
  for (name, f) in cases {
    let (shared, split) = sharedAndSplitGradients(x, f)
    #expect(shared == split, "\(name)")  // the same additions in the same order
    #expect(shared.contains { $0 != 0 }, "\(name)")
  }
}

@Test func aSecondBackwardAddsAndZeroGradStartsAfresh() {
  // x and w get their gradients from a matrix product (beta 0 on a first write), z from
  // concatenate (a copy on a first write); each receives one contribution per backward.
  let x = random([4, 6], 23).requiringGrad()
  let w = random([6, 2], 24).requiringGrad()
  let z = random([4, 3], 25).requiringGrad()
  let r = random([4, 5], 26)
  func loss() -> Tensor { (Tensor.concatenate([x.matmul(w), z]) * r).sum() }
  loss().backward()
  let first = [x, w, z].map { $0.grad!.scalars }
  loss().backward()  // no zeroGrad: the second backward adds, so the gradients double
  #expect([x, w, z].map { $0.grad!.scalars } == first.map { $0.map { $0 + $0 } })
  for t in [x, w, z] { t.zeroGrad() }
  loss().backward()  // after zeroGrad: the first write assigns, nothing stale remains
  #expect([x, w, z].map { $0.grad!.scalars } == first)
}

// MARK: - Row kernels

@Test func rowKernelsEqualPlainLoopsForEveryLengthAndAlignment() {
  let source = (0..<50).map { Float($0) * 0.37 - 4 }
  for count in 0...41 {
    for offset in 0...1 {  // offset 1: not aligned to 8 bytes
      var copied = [Float](repeating: -1, count: 50)
      var added = (0..<50).map { Float($0) * 0.11 }
      var zeroed = [Float](repeating: 3, count: 50)
      source.withUnsafeBufferPointer { s in
        let from = s.baseAddress! + offset
        copied.withUnsafeMutableBufferPointer {
          VectorKernels.copy(from, to: $0.baseAddress! + offset, count: count)
        }
        added.withUnsafeMutableBufferPointer {
          VectorKernels.add(from, into: $0.baseAddress! + offset, count: count)
        }
        zeroed.withUnsafeMutableBufferPointer {
          VectorKernels.zero($0.baseAddress! + offset, count: count)
        }
      }
      let inside = offset..<(offset + count)
      let expectedCopy = (0..<50).map { inside.contains($0) ? source[$0] : -1 }
      let expectedAdd = (0..<50).map { Float($0) * 0.11 + (inside.contains($0) ? source[$0] : 0) }
      let expectedZero = (0..<50).map { inside.contains($0) ? Float(0) : 3 }
      #expect(copied == expectedCopy, "copy, count \(count), offset \(offset)")
      #expect(added == expectedAdd, "add, count \(count), offset \(offset)")
      #expect(zeroed == expectedZero, "zero, count \(count), offset \(offset)")
    }
  }
}
