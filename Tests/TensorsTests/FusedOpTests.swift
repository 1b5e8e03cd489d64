import Foundation
import TestSupport
import Testing

@testable import Tensors

/// `a` and `b` agree element by element within `tolerance`.
func close(_ a: [Float], _ b: [Float], _ tolerance: Float = 1e-5) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
}

/// Values and input gradients of `f` at `x`, for comparing fused and composed versions.
func valueAndGradient(_ x: Tensor, _ f: (Tensor) -> Tensor) -> ([Float], [Float]) {
  let leaf = x.copy().requiringGrad()
  let y = f(leaf)
  (y * random(y.shape, 99)).sum().backward()
  return (y.scalars, leaf.grad!.scalars)
}

@Test func fusedSigmoidEqualsComposed() {
  let x = random([4, 6], 1, low: -6, high: 6)
  let fused = valueAndGradient(x) { $0.sigmoid() }
  let composed = valueAndGradient(x) { 1 / (1 + (-$0).exp()) }
  #expect(close(fused.0, composed.0) && close(fused.1, composed.1))
}

@Test func fusedSigmoidIsFiniteForLargeInputs() {
  let x = Tensor([-1000, -90, 0, 90, 1000]).requiringGrad()
  let y = x.sigmoid()
  y.sum().backward()
  #expect(y.scalars == [0, y.scalars[1], 0.5, 1, 1])
  #expect(x.grad!.scalars.allSatisfy { $0.isFinite })
}

@Test func fusedSoftmaxEqualsComposed() {
  let x = random([3, 7], 2, low: -4, high: 4)
  let fused = valueAndGradient(x) { $0.softmax() }
  let composed = valueAndGradient(x) { $0.exp() / $0.exp().sum(axis: 1, keepDims: true) }
  #expect(close(fused.0, composed.0) && close(fused.1, composed.1))
}

@Test func fusedLogSoftmaxEqualsComposed() {
  let x = random([3, 7], 3, low: -4, high: 4)
  let fused = valueAndGradient(x) { $0.logSoftmax() }
  let composed = valueAndGradient(x) { $0 - $0.exp().sum(axis: 1, keepDims: true).log() }
  #expect(close(fused.0, composed.0) && close(fused.1, composed.1))
}

@Test func fusedLogSoftmaxSurvivesLogitsWhereComposedOverflows() {
  let y = Tensor([[1000, 0]]).logSoftmax()
  #expect(y.scalars == [0, -1000])
  #expect(Tensor([[1000, 0]]).softmax().scalars == [1, 0])
}

@Test func fusedLogSigmoidEqualsComposed() {
  let x = random([4, 5], 4, low: -6, high: 6)
  let fused = valueAndGradient(x) { $0.logSigmoid() }
  let composed = valueAndGradient(x) { (1 / (1 + (-$0).exp())).log() }
  #expect(close(fused.0, composed.0, 1e-4) && close(fused.1, composed.1, 1e-4))
  #expect(Tensor([-200]).logSigmoid().scalar == -200)
}

@Test func tanhMatchesItsDefinition() {
  let x: [Float] = [-2, -0.5, 0, 0.7, 3]
  let y = Tensor(x).tanh().scalars
  for (xi, yi) in zip(x, y) {
    let e = Float(Foundation.exp(Double(2 * xi)))
    #expect(abs(yi - (e - 1) / (e + 1)) < 1e-6)
  }
}

@Test func fusedTanhEqualsComposedFromSigmoid() {
  let x = random([4, 5], 5, low: -4, high: 4)
  let fused = valueAndGradient(x) { $0.tanh() }
  let composed = valueAndGradient(x) { 2 * (2 * $0).sigmoid() - 1 }
  #expect(close(fused.0, composed.0, 1e-5) && close(fused.1, composed.1, 1e-5))
  // Where the composed form cancels, the fused one keeps its relative accuracy.
  #expect(Tensor([1e-6]).tanh().scalar == 1e-6)
}
