import NN
import TestSupport
import Testing

@testable import Tensors

struct LossCase: Sendable, CustomTestStringConvertible {
  let name: String
  let inputs: @Sendable () -> [Tensor]
  let f: @Sendable ([Tensor]) -> Tensor
  var testDescription: String { name }
}

let lossCases: [LossCase] = [
  LossCase(name: "binaryCrossEntropyWithLogits", inputs: { [random([6, 1], 1, low: -4, high: 4)] })
  {
    binaryCrossEntropyWithLogits($0[0], bits([6, 1], 2))
  },
  LossCase(name: "meanSquaredError", inputs: { [random([3, 4], 1), random([3, 4], 2)] }) {
    meanSquaredError($0[0], $0[1])
  },
  LossCase(name: "maskedMeanSquaredError", inputs: { [random([3, 5], 1)] }) {
    maskedMeanSquaredError($0[0], random([3, 5], 2, low: 1, high: 5), mask: bits([3, 5], 3))
  },
  LossCase(name: "softmaxCrossEntropy", inputs: { [random([3, 6], 1, low: -3, high: 3)] }) {
    softmaxCrossEntropy($0[0], bits([3, 6], 4))
  },
  LossCase(
    name: "bprLoss",
    inputs: { [random([5], 1, low: -3, high: 3), random([5], 2, low: -3, high: 3)] }
  ) {
    bprLoss(positive: $0[0], negative: $0[1])
  },
  LossCase(name: "dropout in training", inputs: { [random([4, 5], 1)] }) {
    Dropout(0.3, seed: 5)($0[0])
  },
  LossCase(name: "linear layer", inputs: { [random([4, 3], 1)] }) {
    var rng = SeededGenerator(seed: 8)
    return Linear(3, 2, using: &rng)($0[0])
  },
]

@Test(arguments: lossCases)
func lossGradientMatchesCentralDifference(_ c: LossCase) {
  let report = checkGradients(at: c.inputs(), c.f)
  #expect(report.passes(tolerance: 1e-2), "\(c.name):\n\(report)")
}

@Test func fusedBCEWithLogitsEqualsComposed() {
  let x = random([8, 1], 1, low: -5, high: 5)
  let t = bits([8, 1], 2)
  let a = x.copy().requiringGrad()
  let b = x.copy().requiringGrad()
  let fused = binaryCrossEntropyWithLogits(a, t)
  let composed = -(t * b.logSigmoid() + (1 - t) * (-b).logSigmoid()).mean()
  fused.backward()
  composed.backward()
  #expect(abs(fused.scalar - composed.scalar) < 1e-6)
  for (g1, g2) in zip(a.grad!.scalars, b.grad!.scalars) { #expect(abs(g1 - g2) < 1e-6) }
}

@Test func bceWithLogitsIsExactForHugeLogits() {
  // Confidently right: loss ~ e^-1000 = 0. Confidently wrong: loss = |logit| = 1000.
  let x = Tensor([1000, -1000, 1000, -1000], shape: [4, 1]).requiringGrad()
  let t = Tensor([1, 0, 0, 1], shape: [4, 1])
  let loss = binaryCrossEntropyWithLogits(x, t)
  loss.backward()
  #expect(loss.scalar == 500)  // (0 + 0 + 1000 + 1000) / 4
  #expect(x.grad!.scalars == [0, 0, 0.25, -0.25])
}

@Test func maskedMSECountsOnlyObservedEntries() {
  let p = Tensor([[1, 2, 3]])
  let t = Tensor([[2, 0, 5]])
  let m = Tensor([[1, 0, 1]])
  // ((1-2)^2 + (3-5)^2) / 2 = 2.5; the unobserved middle entry does not count.
  #expect(maskedMeanSquaredError(p, t, mask: m).scalar == 2.5)
  let composed = ((p - t) * (p - t) * m).sum() / m.sum()
  #expect(composed.scalar == 2.5)
}

@Test func softmaxCrossEntropyOfUniformLogitsIsLogN() {
  // Uniform logits over 4 items, one item clicked: -log(1/4) per user.
  let loss = softmaxCrossEntropy(Tensor.zeros([2, 4]), Tensor([[1, 0, 0, 0], [0, 0, 1, 0]]))
  #expect(abs(loss.scalar - 1.3862944) < 1e-6)
}

@Test func bprLossOfEqualScoresIsLog2() {
  #expect(
    abs(bprLoss(positive: Tensor([1, 2]), negative: Tensor([1, 2])).scalar - 0.6931472) < 1e-6)
}
