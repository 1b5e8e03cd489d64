import Foundation
import ModernRecSys
import TestSupport
import Testing

// Grades Chapter 1's exercises: `make exercise E=1.1` grades one, `make grade` all. Each test
// passes with the reference solution and fails with a plausible wrong one (noted beside the
// check that catches it). The hidden tests at the end are the instructor's: the student copy
// leaves them out.

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

// BEGIN HIDDEN TESTS

@Test(.exercise("1.1", points: 1))
func `Exercise 1.1: softplus keeps a matrix’s shape and its gradient at ±100 and ±30`() throws {
  let x = Tensor([-100, -30, 0, 30, 100, 2], shape: [2, 3]).requiringGrad()
  let y = try Chapter1Exercises.softplus(x)
  #expect(y.shape == [2, 3])
  #expect(abs(y.scalars[3] - 30) < 1e-5 && y.scalars[1] > 0 && y.scalars[1] < 1e-12)
  y.sum().backward()
  let g = try #require(x.grad).scalars
  // sigmoid(±100) without overflow: 0 and 1, never NaN (a naive e^x / (1 + e^x) gives NaN).
  #expect(g.allSatisfy { $0.isFinite }, "\(g)")
  #expect(g[0] >= 0 && g[0] < 1e-30 && abs(g[4] - 1) < 1e-6 && abs(g[2] - 0.5) < 1e-6)
}

@Test(.exercise("1.2", points: 1))
func `Exercise 1.2: ELU with alpha 0 is a ReLU, and the default alpha is 1`() throws {
  let x = Tensor([-3, -0.25, 0.25, 3], shape: [2, 2]).requiringGrad()
  let relu = try Chapter1Exercises.elu(x, alpha: 0)
  #expect(relu.shape == [2, 2] && relu.scalars == [0, 0, 0.25, 3])
  relu.sum().backward()
  #expect(try #require(x.grad).scalars == [0, 0, 1, 1])
  let y = try Chapter1Exercises.elu(Tensor([-1])).scalars[0]
  #expect(abs(Double(y) - (Foundation.exp(-1.0) - 1)) < 1e-6)
}

@Test(.exercise("1.3", points: 1))
func `Exercise 1.3: hand gradients for one example, 3 outputs and a dead hidden unit`() throws {
  var rng = SeededGenerator(seed: 130)
  let x = Tensor([0.5, -1, 2, 0.25], shape: [1, 4])
  let w1 = Tensor.normal([4, 7], using: &rng)
  // Hidden unit 3 is dead: a bias of -100 keeps z < 0, so its gradients are 0.
  var biases = Tensor.normal([7], standardDeviation: 0.1, using: &rng).scalars
  biases[3] = -100
  let b1 = Tensor(biases).requiringGrad()
  let w1g = w1.requiringGrad()
  let w2 = Tensor.normal([7, 3], using: &rng).requiringGrad()
  let b2 = Tensor.normal([3], using: &rng).requiringGrad()
  let t = Tensor.normal([1, 3], using: &rng)
  let byHand = try Chapter1Exercises.reluNetworkGradients(
    x: x, w1: w1g, b1: b1, w2: w2, b2: b2, targets: t)
  meanSquaredError((x.matmul(w1g) + b1).relu().matmul(w2) + b2, t).backward()
  for (name, hand, parameter) in [
    ("W1", byHand.w1, w1g), ("b1", byHand.b1, b1), ("W2", byHand.w2, w2), ("b2", byHand.b2, b2),
  ] {
    let auto = try #require(parameter.grad)
    #expect(hand.shape == parameter.shape, "dL/d\(name): \(hand.shape)")
    guard hand.shape == parameter.shape else { continue }
    #expect(maxDifference(hand, auto) < 1e-4, "dL/d\(name)")
  }
  #expect(byHand.b1.shape == [7] && byHand.b1.scalars[3] == 0)
}

/// Exercise 1.4's recipe, as the text states it: the test's own reference.
private func referenceXORAccuracy(hiddenSizes: [Int], seed: UInt64) -> Double {
  let train = Chapter1Exercises.xorData(count: 200, seed: seed)
  let test = Chapter1Exercises.xorData(count: 400, seed: seed + 1)
  var rng = SeededGenerator(seed: seed + 2)
  let model = MLP(sizes: [2] + hiddenSizes + [1], activation: .tanh, using: &rng)
  let optimizer = Adam(model.parameters, learningRate: 0.02)
  for _ in 0..<300 {
    optimizer.zeroGrad()
    binaryCrossEntropyWithLogits(model(train.points), train.labels).backward()
    optimizer.step()
  }
  return Chapter1Exercises.accuracy(logits: evaluating { model(test.points) }, labels: test.labels)
}

@Test(.exercise("1.4", points: 1))
func `Exercise 1.4: the stated seeding recipe, exactly, for another seed and sizes`() throws {
  for sizes in [[3], [4, 4]] {
    #expect(
      try Chapter1Exercises.xorTestAccuracy(hiddenSizes: sizes, seed: 7)
        == referenceXORAccuracy(hiddenSizes: sizes, seed: 7), "hidden sizes \(sizes)")
  }
  let study = try Chapter1Exercises.widthDepthStudy(widths: [1, 4, 6], depths: [0, 2], seed: 7)
  #expect(study.count == 2 && study.allSatisfy { $0.count == 3 }, "result[depth][width]")
  guard study.count == 2 && study.allSatisfy({ $0.count == 3 }) else { return }
  #expect(study[1][2] == referenceXORAccuracy(hiddenSizes: [6, 6], seed: 7))
  #expect(study[0][0] == study[0][2], "depth 0 ignores the width")
}

@Test(.exercise("1.5", points: 1))
func `Exercise 1.5: the sweep is plain SGD from one initialisation, loss before each update`()
  throws
{
  let curves = try Chapter1Exercises.learningRateSweep(rates: [0, 0.5], steps: 30, seed: 9)
  #expect(curves.count == 2 && curves.allSatisfy { $0.count == 30 })
  guard curves.count == 2 && curves.allSatisfy({ $0.count == 30 }) else { return }
  // Rate 0 never moves: every loss equals the first.
  #expect(curves[0].allSatisfy { $0 == curves[0][0] }, "\(curves[0].prefix(3))")
  // Rate 0.5 against a reference SGD run.
  let data = Chapter1Exercises.xorData(count: 200, seed: 9)
  var rng = SeededGenerator(seed: 9)
  let model = MLP(sizes: [2, 16, 1], activation: .tanh, using: &rng)
  let optimizer = SGD(model.parameters, learningRate: 0.5)
  var expected: [Double] = []
  for _ in 0..<30 {
    optimizer.zeroGrad()
    let loss = binaryCrossEntropyWithLogits(model(data.points), data.labels)
    loss.backward()
    optimizer.step()
    expected.append(Double(loss.scalar))
  }
  #expect(
    zip(curves[1], expected).allSatisfy { abs($0 - $1) < 1e-6 },
    "momentum, another initialisation, or the loss after the update would differ")
}

@Test(.exercise("1.6", points: 1))
func `Exercise 1.6: a negative constant start stays symmetric; another seed, another layer`()
  throws
{
  let w = try Chapter1Exercises.firstLayerAfterTraining(constant: -0.3, steps: 50, seed: 4)
  #expect(w.shape == [2, 8])
  guard w.shape == [2, 8] else { return }
  let v = w.scalars
  let spread = (0..<2).flatMap { r in (1..<8).map { c in abs(v[r * 8 + c] - v[r * 8]) } }.max()!
  #expect(spread < 1e-4, "spread \(spread)")
  #expect(abs(v[0] + 0.3) > 1e-3, "the weights should have moved")
  let a = try Chapter1Exercises.firstLayerAfterTraining(constant: nil, steps: 50, seed: 4)
  let b = try Chapter1Exercises.firstLayerAfterTraining(constant: nil, steps: 50, seed: 5)
  #expect(maxDifference(a, b) > 1e-3, "the seed should set the random start")
}

// END HIDDEN TESTS
