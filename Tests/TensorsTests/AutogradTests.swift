import Testing

@testable import Tensors

@Test func squareHasGradientTwoX() {
  let x = Tensor([1, -2, 3]).requiringGrad()
  (x * x).sum().backward()
  #expect(x.grad?.scalars == [2, -4, 6])
}

@Test func gradientsAccumulateAcrossBackwardCalls() {
  let x = Tensor([1, 2]).requiringGrad()
  (x * 3).sum().backward()
  (x * 3).sum().backward()
  #expect(x.grad?.scalars == [6, 6])
  x.zeroGrad()
  #expect(x.grad?.scalars == [0, 0])
}

@Test func reusedSubexpressionGetsBothContributions() {
  // y = a*b + a: dy/da = b + 1.
  let a = Tensor([2]).requiringGrad()
  let b = Tensor([5]).requiringGrad()
  (a * b + a).sum().backward()
  #expect(a.grad?.scalars == [6])
  #expect(b.grad?.scalars == [2])
}

@Test func noGradBuildsNoGraph() {
  let w = Tensor([1, 2]).requiringGrad()
  let y = withNoGrad { (w * w + 1).sum() }
  #expect(!y.isRecorded)
  #expect(!y.requiresGrad)
  #expect(y.scalar == 7)
  #expect(GradMode.isEnabled)  // restored after the scope
  let z = (w * w).sum()
  #expect(z.isRecorded)
}

@Test func noGradIsLocalToItsTask() async {
  let w = Tensor([1]).requiringGrad()
  async let inside: Bool = withNoGrad { GradMode.isEnabled }
  let outside = (w * 2).isRecorded
  #expect(await inside == false)
  #expect(outside)
}

@Test func detachStopsTheGradient() {
  let x = Tensor([3]).requiringGrad()
  (x * x.detach()).sum().backward()  // d/dx of x * c with c = 3
  #expect(x.grad?.scalars == [3])
}

@Test func tensorsWithoutGradRecordNothing() {
  let y = Tensor([1, 2]) * Tensor([3, 4])
  #expect(!y.isRecorded)
  #expect(y.scalars == [3, 8])
}

@Test func shapeMismatchStopsWithTheOpAndBothShapes() async {
  let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
    _ = Tensor.zeros([2, 3]) + Tensor.zeros([4, 5])
  }
  let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
  #expect(message.contains("add: cannot broadcast shapes [2, 3] and [4, 5]"), "\(message)")
}

@Test func valuesOfElementaryOps() {
  let x = Tensor([[1, -2], [0.5, 4]])
  #expect(x.relu().scalars == [1, 0, 0.5, 4])
  #expect((x * x).sum().scalar == 1 + 4 + 0.25 + 16)
  #expect(x.sum(axis: 0).scalars == [1.5, 2])
  #expect(x.sum(axis: 1, keepDims: true).shape == [2, 1])
  #expect(x.mean(axis: 1).scalars == [-0.5, 2.25])
  #expect(x.transposed().scalars == [1, 0.5, -2, 4])
  #expect(Tensor.concatenate([x, x.slice(lastAxis: 1..<2)]).scalars == [1, -2, -2, 0.5, 4, 4])
  #expect(
    Tensor([[1, 2], [3, 4], [5, 6]]).gatherRows([2, 0, 2]).scalars == [5, 6, 1, 2, 5, 6])
  #expect(abs(Tensor([0]).sigmoid().scalar - 0.5) < 1e-7)
  #expect(abs(Tensor([1]).exp().log().scalar - 1) < 1e-6)
}
