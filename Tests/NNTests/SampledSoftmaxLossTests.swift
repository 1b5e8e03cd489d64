import NN
import TestSupport
import Testing

@testable import Tensors

/// The fused softmax cross-entropy with index labels against the composed one with a
/// one-hot target matrix: the same value and the same gradient.
@Test(arguments: [LossReduction.mean, .sum])
func indexLabelsSoftmaxMatchesTheOneHotOne(reduction: LossReduction) {
  let labels = [2, 0, 4, 4]
  var oneHot = [Float](repeating: 0, count: 4 * 5)
  for (r, c) in labels.enumerated() { oneHot[r * 5 + c] = 1 }
  let a = random([4, 5], 7, low: -6, high: 6).requiringGrad()
  let b = a.detach().requiringGrad()
  let fused = softmaxCrossEntropy(a, labels: labels, reduction: reduction)
  var composed = softmaxCrossEntropy(b, Tensor(oneHot, shape: [4, 5]))
  if reduction == .sum { composed = composed * 4 }
  fused.backward()
  composed.backward()
  #expect(abs(fused.scalar - composed.scalar) < 1e-5)
  let gap = zip(a.grad!.scalars, b.grad!.scalars).map { abs($0 - $1) }.max()!
  #expect(gap < 1e-6, "largest gradient difference \(gap)")
}

/// Logits far beyond exp's range give a finite loss (the row maximum is subtracted first).
@Test func indexLabelsSoftmaxIsStableForHugeLogits() {
  let logits = Tensor([[1000, -1000, 0], [-500, 500, 499]])
  let loss = softmaxCrossEntropy(logits, labels: [0, 2], reduction: .sum).scalar
  // Row 0: log(e^1000 + ...) - 1000 = 0; row 1: 500 + log(1 + e^-1) - 499 = 1 + log(1 + e^-1).
  #expect(loss.isFinite)
  #expect(abs(loss - (1 + Float(Elementary.log(1 + Elementary.exp(-1.0))))) < 1e-3)
}
