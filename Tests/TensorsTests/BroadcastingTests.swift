import Testing

@testable import Tensors

@Test func rowVectorIsAddedToEveryRow() {
  let m = Tensor([[1, 2, 3], [4, 5, 6]])
  let y = m + Tensor([[10, 20, 30]])
  #expect(y.shape == [2, 3])
  #expect(y.scalars == [11, 22, 33, 14, 25, 36])
  #expect((m + Tensor([10, 20, 30])).scalars == [11, 22, 33, 14, 25, 36])
}

@Test func columnVectorMultipliesEveryColumn() {
  let y = Tensor([[1, 2, 3], [4, 5, 6]]) * Tensor([[2], [10]])
  #expect(y.shape == [2, 3])
  #expect(y.scalars == [2, 4, 6, 40, 50, 60])
}

@Test func scalarBroadcastsToAnyShape() {
  let y = Tensor([[1, 2], [3, 4]]) - 1
  #expect(y.shape == [2, 2])
  #expect(y.scalars == [0, 1, 2, 3])
  #expect((2 / Tensor([1, 4])).scalars == [2, 0.5])
}

@Test func columnPlusRowIsAnOuterSum() {
  let y = Tensor([[1], [2]]) + Tensor([[10, 20, 30]])
  #expect(y.shape == [2, 3])
  #expect(y.scalars == [11, 21, 31, 12, 22, 32])
}

@Test func broadcastGradientSumsOverRepeats() {
  // The row (1, 3) is used in both rows, so its gradient is the column sums of g = b.
  let m = Tensor([[1, 2, 3], [4, 5, 6]]).requiringGrad()
  let row = Tensor([[1, 1, 1]]).requiringGrad()
  (m * row).sum().backward()
  #expect(row.grad?.scalars == [5, 7, 9])
  #expect(row.grad?.shape == [1, 3])
  #expect(m.grad?.scalars == [1, 1, 1, 1, 1, 1])
}

@Test func incompatibleShapesStop() async {
  await #expect(processExitsWith: .failure) {
    _ = Tensor.zeros([2, 3]) * Tensor.zeros([3, 2])
  }
}
