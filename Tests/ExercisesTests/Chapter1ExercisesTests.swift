import Foundation
import ModernRecSys
import TestSupport
import Testing

// Grades Chapter 1's exercises: `swift test --filter "Exercise 1."`, or one at a time,
// e.g. `swift test --filter "Exercise 1.1"`.

private func maxDifference(_ a: Tensor, _ b: Tensor) -> Double {
  zip(a.scalars, b.scalars).map { Double(abs($0 - $1)) }.max() ?? 0
}

@Test(.exercise("1.1", points: 2))
func `Exercise 1.1: softplus matches log(1 + e^x), stays finite, and passes the gradient check`()
  throws
{
  let x = Tensor([-3, -0.5, 0, 0.5, 3])
  let y = try Chapter1Exercises.softplus(x).scalars
  for (xi, yi) in zip(x.scalars, y) {
    #expect(
      abs(Double(yi) - Foundation.log(1 + Foundation.exp(Double(xi)))) < 1e-5,
      "softplus(\(xi)) = \(yi)")
  }
  // Large inputs: log(1 + e^100) overflows when computed naively; softplus(x) ≈ x there.
  let extreme = try Chapter1Exercises.softplus(Tensor([-100, 100])).scalars
  #expect(extreme[0] >= 0 && extreme[0] < 1e-30, "softplus(-100) = \(extreme[0])")
  #expect(abs(extreme[1] - 100) < 1e-4, "softplus(100) = \(extreme[1])")
  // Its gradient, sigmoid(x), checked numerically through a composition.
  var rng = SeededGenerator(seed: 11)
  let report = try checkGradients(at: [Tensor.normal([3, 4], standardDeviation: 2, using: &rng)]) {
    try Chapter1Exercises.softplus($0[0] * 2)
  }
  #expect(report.passes(tolerance: 1e-2), "\(report)")
  // An input used twice must get both contributions (the backward adds, never assigns).
  let t = Tensor([0.3, -1.2]).requiringGrad()
  try (Chapter1Exercises.softplus(t) + Chapter1Exercises.softplus(t)).sum().backward()
  let expected = t.scalars.map { 2 / (1 + Foundation.exp(-Double($0))) }
  for (g, e) in zip(try #require(t.grad).scalars, expected) { #expect(abs(Double(g) - e) < 1e-5) }
}

@Test(.exercise("1.2", points: 2))
func `Exercise 1.2: ELU has the right values and derivative and passes the gradient check`()
  throws
{
  let x = Tensor([-2, -0.5, 0.5, 2]).requiringGrad()
  let y = try Chapter1Exercises.elu(x, alpha: 0.7)
  let expected = x.scalars.map { $0 > 0 ? Double($0) : 0.7 * (Foundation.exp(Double($0)) - 1) }
  for (a, e) in zip(y.scalars, expected) {
    #expect(abs(Double(a) - e) < 1e-6, "elu: \(a), expected \(e)")
  }
  y.sum().backward()
  let slopes = x.scalars.map { $0 > 0 ? 1 : 0.7 * Foundation.exp(Double($0)) }
  for (g, e) in zip(try #require(x.grad).scalars, slopes) {
    #expect(abs(Double(g) - e) < 1e-5, "elu': \(g), expected \(e)")
  }
  let report = try checkGradients(at: [awayFromZero([3, 5], 3)]) {
    try Chapter1Exercises.elu($0[0], alpha: 1.5)
  }
  #expect(report.passes(tolerance: 1e-2), "\(report)")
}

@Test(.exercise("1.3", points: 3))
func `Exercise 1.3: the ReLU network’s gradients by hand equal autograd’s`() throws {
  var rng = SeededGenerator(seed: 13)
  let x = awayFromZero([6, 3], 14)
  let w1 = Tensor.normal([3, 5], using: &rng).requiringGrad()
  let b1 = Tensor.normal([5], standardDeviation: 0.1, using: &rng).requiringGrad()
  let w2 = Tensor.normal([5, 2], using: &rng).requiringGrad()
  let b2 = Tensor.normal([2], using: &rng).requiringGrad()
  let t = Tensor.normal([6, 2], using: &rng)
  let byHand = try Chapter1Exercises.reluNetworkGradients(
    x: x, w1: w1, b1: b1, w2: w2, b2: b2, targets: t)
  meanSquaredError((x.matmul(w1) + b1).relu().matmul(w2) + b2, t).backward()
  let pairs = [
    ("W1", byHand.w1, w1), ("b1", byHand.b1, b1), ("W2", byHand.w2, w2), ("b2", byHand.b2, b2),
  ]
  for (name, hand, parameter) in pairs {
    let auto = try #require(parameter.grad)
    #expect(
      hand.shape == parameter.shape,
      "dL/d\(name) has shape \(hand.shape), expected \(parameter.shape)")
    guard hand.shape == parameter.shape else { continue }
    #expect(
      maxDifference(hand, auto) < 1e-4,
      "dL/d\(name): by hand \(hand.scalars), autograd \(auto.scalars)")
    #expect(
      !hand.requiresGrad, "dL/d\(name) should be computed without recording a graph (withNoGrad)")
  }
}

@Test(.exercise("1.4", points: 2))
func
  `Exercise 1.4: depth 0 cannot learn XOR, one hidden layer of 8 can; the study has the asked shape`()
  throws
{
  let study = try Chapter1Exercises.widthDepthStudy(widths: [2, 8], depths: [0, 1, 2])
  #expect(study.count == 3 && study.allSatisfy { $0.count == 2 }, "result[depth][width]: \(study)")
  guard study.count == 3 && study.allSatisfy({ $0.count == 2 }) else { return }
  #expect(
    study[0].allSatisfy { $0 < 0.7 },
    "logistic regression on XOR should be near chance: \(study[0])")
  #expect(study[1][1] > 0.9, "one hidden layer of 8 tanh units should solve XOR: \(study[1][1])")
  #expect(study[2][1] > 0.9, "two hidden layers of 8 should solve XOR: \(study[2][1])")
  #expect(
    try Chapter1Exercises.xorTestAccuracy(hiddenSizes: [16, 16], activation: .identity) < 0.7,
    "without activations, depth does not help")
}

@Test(.exercise("1.5", points: 2))
func `Exercise 1.5: a tiny rate barely moves, a good one learns, a huge one does worse`() throws {
  let rates: [Float] = [0.0001, 1, 200]
  let curves = try Chapter1Exercises.learningRateSweep(rates: rates, steps: 200)
  #expect(
    curves.count == 3 && curves.allSatisfy { $0.count == 200 }, "one curve of 200 losses per rate")
  guard curves.count == 3 && curves.allSatisfy({ $0.count == 200 }) else { return }
  // The same initial weights for every rate: the same first loss.
  #expect(
    abs(curves[0][0] - curves[1][0]) < 1e-6 && abs(curves[1][0] - curves[2][0]) < 1e-6,
    "first losses differ: \(curves.map { $0[0] })")
  #expect(
    abs(curves[0][199] - curves[0][0]) < 0.01,
    "lr=0.0001 should barely move: \(curves[0][0]) -> \(curves[0][199])")
  #expect(
    curves[1][199] < 0.3 * curves[1][0],
    "lr=1 should learn XOR: \(curves[1][0]) -> \(curves[1][199])")
  let last = curves[2][199]
  #expect(!last.isFinite || last > 2 * curves[1][199], "lr=200 should do worse than lr=1: \(last)")
}

@Test(.exercise("1.6", points: 2))
func `Exercise 1.6: hidden units that start equal stay equal; random ones differ`() throws {
  /// The largest difference between any hidden unit's incoming weights and unit 0's.
  func spread(_ w: Tensor) -> Double {
    let (rows, columns) = (w.shape[0], w.shape[1])
    let v = w.scalars
    var worst = 0.0
    for r in 0..<rows {
      for c in 1..<columns { worst = max(worst, Double(abs(v[r * columns + c] - v[r * columns]))) }
    }
    return worst
  }
  let symmetric = try Chapter1Exercises.firstLayerAfterTraining(constant: 0.5)
  let random = try Chapter1Exercises.firstLayerAfterTraining(constant: nil)
  #expect(symmetric.shape == [2, 8] && random.shape == [2, 8])
  guard symmetric.shape == [2, 8] && random.shape == [2, 8] else { return }
  #expect(
    maxDifference(symmetric, Tensor(shape: [2, 8], repeating: 0.5)) > 0.01,
    "the constant weights should have moved during training")
  #expect(
    spread(symmetric) < 1e-4,
    "equal initial weights get equal gradients: spread \(spread(symmetric))")
  #expect(
    spread(random) > 0.1, "random initial weights break the symmetry: spread \(spread(random))")
}
