import Testing

@testable import Tensors

@Test func sameSeedGivesSameTensor() {
  var a = SeededGenerator(seed: 5)
  var b = SeededGenerator(seed: 5)
  #expect(Tensor.normal([10], using: &a).scalars == Tensor.normal([10], using: &b).scalars)
  #expect(
    Tensor.uniform([10], low: -1, high: 1, using: &a).scalars
      == Tensor.uniform([10], low: -1, high: 1, using: &b).scalars)
}

@Test func uniformStaysInItsInterval() {
  var rng = SeededGenerator(seed: 6)
  let x = Tensor.uniform([1000], low: -0.5, high: 0.25, using: &rng).scalars
  #expect(x.allSatisfy { $0 >= -0.5 && $0 < 0.25 })
}

@Test func normalHasRoughlyTheRequestedMoments() {
  var rng = SeededGenerator(seed: 7)
  let x = Tensor.normal([20000], mean: 1, standardDeviation: 2, using: &rng)
  let mean = x.mean().scalar
  let variance = ((x - mean) * (x - mean)).mean().scalar
  #expect(abs(mean - 1) < 0.05)
  #expect(abs(variance - 4) < 0.15)
}

@Test func creationShapesAndValues() {
  #expect(Tensor.zeros([2, 3]).scalars == [0, 0, 0, 0, 0, 0])
  #expect(Tensor.ones([2]).scalars == [1, 1])
  #expect(Tensor([[1, 2], [3, 4]])[1, 0] == 3)
  #expect(Tensor(scalar: 5).rank == 0)
  #expect(Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3]).reshaped([3, -1]).shape == [3, 2])
}
