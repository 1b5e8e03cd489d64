import Foundation
import ModernRecSys
import Testing

// Grades Chapter 5's exercises: `make exercise E=5.1` grades one, `make grade` all. Each test
// passes with the reference solution and fails with a plausible wrong one (noted beside the
// check that catches it). The hidden tests at the end are the instructor's: the student copy
// leaves them out.

@Test(.exercise("5.1", points: 2))
func `Exercise 5.1: the masked squared error averages per user, over observed entries only`()
  throws
{
  // User 0 (3 columns): observed (3 - 4)^2 = 1 and (5 - 2)^2 = 9: L_0 = 5; the unobserved
  // 4.5 vs 0 is ignored. User 1: one observed, (1 - 3)^2 = 4. User 2: nothing observed,
  // left out. L = (5 + 4) / 2 = 4.5 (averaging over all 3 observed entries gives 14/3).
  let loss = try Chapter5Exercises.userAveragedSquaredError(
    predictions: [3, 4.5, 2, 1, 0, 0, 7, 7, 7], targets: [4, 0, 5, 3, 5, 5, 1, 1, 1],
    mask: [1, 0, 1, 1, 0, 0, 0, 0, 0], columns: 3)
  #expect(abs(loss - 4.5) < 1e-6, "got \(loss)")
  #expect(
    try Chapter5Exercises.userAveragedSquaredError(
      predictions: [1, 2], targets: [0, 0], mask: [0, 0], columns: 2) == 0)
  // When every user has the same number of observed entries it is the engine's loss.
  var rng = SeededGenerator(seed: 51)
  let p = (0..<60).map { _ in rng.uniform(0, 5) }
  let t = (0..<60).map { _ in Float(1 + rng.int(below: 5)) }
  var m = [Float](repeating: 0, count: 60)
  for row in 0..<6 { for c in rng.sample(3, from: 10) { m[row * 10 + c] = 1 } }
  let engine = maskedMeanSquaredError(
    Tensor(p, shape: [6, 10]), Tensor(t, shape: [6, 10]), mask: Tensor(m, shape: [6, 10]))
  #expect(
    try abs(
      Chapter5Exercises.userAveragedSquaredError(predictions: p, targets: t, mask: m, columns: 10)
        - engine.scalar) < 1e-4)
}

@Test(.exercise("5.2", points: 1)) func `Exercise 5.2: the global-mean baseline's RMSE`() throws {
  func r(_ rating: Int) -> Rating { Rating(user: 0, item: 0, rating: rating, timestamp: 0) }
  // Training mean (2 + 4 + 3) / 3 = 3; test errors 2 and -1: RMSE = sqrt((4 + 1) / 2).
  let rmse = try Chapter5Exercises.globalMeanRMSE(train: [r(2), r(4), r(3)], test: [r(5), r(2)])
  #expect(abs(rmse - (2.5).squareRoot()) < 1e-9)
  // Training mean 4.5: a test rating of 4.5 is impossible, but 4 and 5 are both 0.5 away.
  #expect(
    try abs(Chapter5Exercises.globalMeanRMSE(train: [r(4), r(5)], test: [r(4), r(5)]) - 0.5) < 1e-9)
}

@Test(.exercise("5.3", points: 2))
func `Exercise 5.3: inverted-dropout corruption keeps the expected value`() throws {
  var rng = SeededGenerator(seed: 53)
  let row = [Float](repeating: 1, count: 20_000)
  let out = try Chapter5Exercises.corrupt(row, rate: 0.25, using: &rng)
  let zeros = out.filter { $0 == 0 }.count
  #expect(abs(Double(zeros) / 20_000 - 0.25) < 0.015)
  #expect(out.allSatisfy { $0 == 0 || abs($0 - 4 / 3) < 1e-6 })
  let mean = out.reduce(0, +) / Float(out.count)
  #expect(abs(mean - 1) < 0.03)
  // The stated draw order: one nextFloat() per entry, in order; the k-th value is dropped
  // when the k-th draw is below the rate (drawing only for non-zero entries fails here).
  var a = SeededGenerator(seed: 7)
  var b = SeededGenerator(seed: 7)
  let dropped = try Chapter5Exercises.corrupt([1, 2, 3, 4, 5, 6, 7, 8], rate: 0.5, using: &a)
  let expected = (1...8).map { v -> Float in b.nextFloat() < 0.5 ? 0 : Float(v) * 2 }
  #expect(dropped == expected)
  // A zero stays zero, and rate 0 changes nothing.
  #expect(try Chapter5Exercises.corrupt([0, 0, 0], rate: 0.5, using: &rng) == [0, 0, 0])
  #expect(try Chapter5Exercises.corrupt([1, 2, 3], rate: 0, using: &rng) == [1, 2, 3])
}

@Test(.exercise("5.4", points: 2))
func `Exercise 5.4: the KL divergence between two diagonal Gaussians`() throws {
  func kl(_ m: [Float], _ lv: [Float], _ pm: [Float], _ plv: [Float]) throws -> Float {
    try Chapter5Exercises.gaussianKL(mean: m, logVariance: lv, priorMean: pm, priorLogVariance: plv)
  }
  #expect(try kl([0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]) == 0)
  #expect(try kl([2, -1], [0.5, 1], [2, -1], [0.5, 1]) == 0)  // a distribution from itself
  // N(0, 1) prior: mean 1, variance 1: (1 + 1 - 1 - 0) / 2 = 0.5; log variance 1: (e - 2) / 2.
  #expect(try abs(kl([1], [0], [0], [0]) - 0.5) < 1e-6)
  #expect(try abs(kl([0], [1], [0], [0]) - Float((M_E - 2) / 2)) < 1e-6)
  // Prior N(1, e^2): from N(3, 1), (2 - 0 + (1 + 4) / e^2 - 1) / 2 (a standard prior gives 4.5).
  let general = try kl([3], [0], [1], [2])
  #expect(abs(general - Float((1 + 5 / M_E / M_E) / 2)) < 1e-6, "got \(general)")
  // With the standard prior it is the model's batched KL (one row: that row's KL).
  var rng = SeededGenerator(seed: 54)
  let mu = (0..<8).map { _ in rng.uniform(-1, 1) }
  let lv = (0..<8).map { _ in rng.uniform(-1, 1) }
  var init_ = SeededGenerator(seed: 1)
  let vae = MultVAE(itemCount: 4, hiddenSize: 3, latentSize: 8, using: &init_)
  let engine = vae.klDivergence(
    mean: Tensor(mu, shape: [1, 8]), logVariance: Tensor(lv, shape: [1, 8])
  ).scalar
  let zeros = [Float](repeating: 0, count: 8)
  #expect(try abs(kl(mu, lv, zeros, zeros) - engine) < 1e-5)
}

@Test(.exercise("5.5", points: 2))
func `Exercise 5.5: the multinomial log-likelihood, computed stably`() throws {
  // Uniform logits over 4 items: each item has probability 1/4.
  #expect(
    try abs(
      Chapter5Exercises.multinomialLogLikelihood(logits: [0, 0, 0, 0], items: [1, 3]) - 2
        * Float(log(0.25))) < 1e-6)
  // Huge logits must not overflow.
  let big = try Chapter5Exercises.multinomialLogLikelihood(logits: [1000, 1000, -1000], items: [0])
  #expect(big.isFinite && abs(big - Float(log(0.5))) < 1e-3)  // Float spacing near 1000 is 6e-5
  // It is minus the engine's softmax cross-entropy for one user.
  let logits: [Float] = [0.3, -1.2, 2.0, 0.5, -0.1]
  let targets: [Float] = [1, 0, 1, 1, 0]
  let engine = softmaxCrossEntropy(Tensor(logits, shape: [1, 5]), Tensor(targets, shape: [1, 5]))
    .scalar
  #expect(
    try abs(Chapter5Exercises.multinomialLogLikelihood(logits: logits, items: [0, 2, 3]) + engine)
      < 1e-5)
}

@Test(.exercise("5.6", points: 1))
func `Exercise 5.6: cyclical KL annealing ramps, holds the cap, and starts again`() throws {
  let beta = { (step: Int) in
    try Chapter5Exercises.cyclicalBeta(step: step, cycleLength: 100, rampFraction: 0.5, cap: 0.2)
  }
  #expect(try beta(0) == 0)
  #expect(try abs(beta(25) - 0.1) < 1e-7)  // half-way up the ramp of 50 steps
  #expect(try abs(beta(50) - 0.2) < 1e-7 && abs(beta(99) - 0.2) < 1e-7)  // held at the cap
  #expect(try beta(100) == 0, "a new cycle starts from 0")  // a linear schedule stays at 0.2
  #expect(try abs(beta(110) - 0.04) < 1e-7)
  // One cycle longer than training is Mult-VAE's linear schedule: 0.3 reached after 10 steps.
  var rng = SeededGenerator(seed: 56)
  let vae = MultVAE(
    itemCount: 5, hiddenSize: 4, latentSize: 2, annealSteps: 10, betaCap: 0.3, using: &rng)
  let x = Tensor([[1, 0, 1, 0, 0], [0, 1, 0, 0, 1]])
  for step in 0..<14 {
    let mine = try Chapter5Exercises.cyclicalBeta(
      step: step, cycleLength: 1000, rampFraction: 0.003, cap: 0.3)
    #expect(abs(vae.beta - mine) < 1e-6, "step \(step): \(mine) vs \(vae.beta)")
    _ = vae.loss(rows: x, users: [0, 1])
  }
}

@Test(.exercise("5.7", points: 2))
func `Exercise 5.7: top-N skips seen items and breaks ties by index`() throws {
  let scores: [Float] = [0.9, 0.1, 0.5, 0.9, 0.7, 0.5]
  #expect(try Chapter5Exercises.topN(scores: scores, seen: [], n: 3) == [0, 3, 4])
  #expect(try Chapter5Exercises.topN(scores: scores, seen: [0, 4], n: 3) == [3, 2, 5])
  #expect(try Chapter5Exercises.topN(scores: scores, seen: [0, 1, 2, 3, 4], n: 3) == [5])
}

// BEGIN HIDDEN TESTS

@Test(.exercise("5.1", points: 1))
func `Exercise 5.1: one user with many ratings does not outweigh one with a single rating`() throws
{
  // User 0: 9 observed errors of 0; user 1: one error of 3 -> (0 + 9) / 2 = 4.5, not 9/10.
  let p: [Float] = [Float](repeating: 2, count: 10) + [Float](repeating: 5, count: 10)
  let t: [Float] = [Float](repeating: 2, count: 10) + [2] + [Float](repeating: 0, count: 9)
  let m: [Float] = [Float](repeating: 1, count: 9) + [0] + [1] + [Float](repeating: 0, count: 9)
  let loss = try Chapter5Exercises.userAveragedSquaredError(
    predictions: p, targets: t, mask: m, columns: 10)
  #expect(abs(loss - 4.5) < 1e-6, "got \(loss)")
  // One column per row: the mean of the observed squared errors.
  #expect(
    try abs(
      Chapter5Exercises.userAveragedSquaredError(
        predictions: [1, 2, 3], targets: [0, 0, 0], mask: [1, 0, 1], columns: 1) - 5) < 1e-6)
}

@Test(.exercise("5.2", points: 1))
func `Exercise 5.2: the global mean with no training rating, no test rating and many ratings`()
  throws
{
  func r(_ rating: Int) -> Rating { Rating(user: 1, item: 2, rating: rating, timestamp: 3) }
  #expect(try abs(Chapter5Exercises.globalMeanRMSE(train: [], test: [r(5), r(1)]) - 2) < 1e-9)
  #expect(try Chapter5Exercises.globalMeanRMSE(train: [r(4)], test: []) == 0)
  let data = MovieLens.synthetic(size: .small, seed: 52)
  let (train, test) = (Array(data.ratings.prefix(700)), Array(data.ratings.dropFirst(700)))
  let mean = Double(train.map(\.rating).reduce(0, +)) / Double(train.count)
  let mse = test.map { (Double($0.rating) - mean) * (Double($0.rating) - mean) }.reduce(0, +)
  #expect(
    try abs(
      Chapter5Exercises.globalMeanRMSE(train: train, test: test)
        - (mse / Double(test.count)).squareRoot())
      < 1e-9)
}

@Test(.exercise("5.3", points: 1))
func `Exercise 5.3: exactly one draw per entry, zeros included, at another rate`() throws {
  var mine = SeededGenerator(seed: 530)
  var reference = SeededGenerator(seed: 530)
  let row: [Float] = [0, 3, 0, 0, 1, 2, 0, 5, 4, 0, 0, 1]
  let out = try Chapter5Exercises.corrupt(row, rate: 0.7, using: &mine)
  let expected = row.map { v -> Float in reference.nextFloat() < 0.7 ? 0 : v / (1 - 0.7) }
  #expect(zip(out, expected).allSatisfy { abs($0 - $1) < 1e-5 }, "\(out) vs \(expected)")
  // The generator was advanced exactly row.count times.
  #expect(mine.next() == reference.next())
}

@Test(.exercise("5.4", points: 1))
func `Exercise 5.4: the general KL against a Double reference, and it is never negative`() throws {
  var rng = SeededGenerator(seed: 540)
  for _ in 0..<20 {
    let (m, lv, pm, plv) = (
      (0..<5).map { _ in rng.uniform(-2, 2) }, (0..<5).map { _ in rng.uniform(-2, 2) },
      (0..<5).map { _ in rng.uniform(-2, 2) }, (0..<5).map { _ in rng.uniform(-2, 2) }
    )
    var reference = 0.0
    for k in 0..<5 {
      let d = Double(m[k]) - Double(pm[k])
      reference +=
        0.5
        * (Double(plv[k]) - Double(lv[k]) + (Foundation.exp(Double(lv[k])) + d * d)
          / Foundation.exp(Double(plv[k])) - 1)
    }
    let kl = try Chapter5Exercises.gaussianKL(
      mean: m, logVariance: lv, priorMean: pm, priorLogVariance: plv)
    #expect(abs(Double(kl) - reference) < 1e-4 * max(1, reference) && kl >= -1e-5)
  }
}

@Test(.exercise("5.5", points: 1))
func `Exercise 5.5: repeated items, very negative logits and one item`() throws {
  // An item listed twice counts twice.
  #expect(
    try abs(
      Chapter5Exercises.multinomialLogLikelihood(logits: [0, 0], items: [1, 1]) - 2
        * Float(log(0.5)))
      < 1e-6)
  let low = try Chapter5Exercises.multinomialLogLikelihood(
    logits: [-1000, -1000, -1000, -1000], items: [2])
  #expect(low.isFinite && abs(low - Float(log(0.25))) < 1e-3)
  #expect(try Chapter5Exercises.multinomialLogLikelihood(logits: [7], items: [0]) == 0)
}

@Test(.exercise("5.6", points: 1))
func `Exercise 5.6: cycles of another length, a ramp over the whole cycle, many cycles later`()
  throws
{
  for step in [0, 7, 29, 30, 45, 3001] {
    let expected = Float(step % 30) / 30
    #expect(
      try abs(
        Chapter5Exercises.cyclicalBeta(step: step, cycleLength: 30, rampFraction: 1, cap: 1)
          - expected) < 1e-6, "step \(step)")
  }
  #expect(
    try Chapter5Exercises.cyclicalBeta(
      step: 1_000_020, cycleLength: 40, rampFraction: 0.25, cap: 0.5)
      == 0.5)
}

@Test(.exercise("5.7", points: 1))
func `Exercise 5.7: top-N with N past the candidates, N = 0, negative scores and all ties`() throws
{
  #expect(try Chapter5Exercises.topN(scores: [-1, -3, -2], seen: [], n: 10) == [0, 2, 1])
  #expect(try Chapter5Exercises.topN(scores: [1, 2, 3], seen: [], n: 0) == [])
  #expect(try Chapter5Exercises.topN(scores: [5, 5, 5, 5], seen: [1], n: 2) == [0, 2])
  #expect(try Chapter5Exercises.topN(scores: [1, 2], seen: [0, 1], n: 2) == [])
}

// END HIDDEN TESTS
