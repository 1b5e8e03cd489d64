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
