import Foundation
import ModernRecSys
import Testing

// Grades Chapter 5's exercises: `swift test --filter "Exercise 5.1"` grades one of them.

@Test(.exercise("5.1", points: 2))
func `Exercise 5.1: masked squared error counts only observed entries`() throws {
  // Observed: (3 - 4)^2 = 1 and (5 - 2)^2 = 9, over 2 entries = 5; the unobserved 0 vs 4.5 is ignored.
  let loss = try Chapter5Exercises.maskedSquaredError(
    predictions: [3, 4.5, 2], targets: [4, 0, 5], mask: [1, 0, 1])
  #expect(abs(loss - 5) < 1e-6)
  #expect(
    try Chapter5Exercises.maskedSquaredError(predictions: [1, 2], targets: [0, 0], mask: [0, 0])
      == 0)
  // It agrees with the engine's fused loss on random data.
  var rng = SeededGenerator(seed: 51)
  let p = (0..<60).map { _ in rng.uniform(0, 5) }
  let t = (0..<60).map { _ in Float(1 + rng.int(below: 5)) }
  let m = (0..<60).map { _ in rng.nextFloat() < 0.3 ? Float(1) : 0 }
  let engine = maskedMeanSquaredError(
    Tensor(p, shape: [6, 10]), Tensor(t, shape: [6, 10]), mask: Tensor(m, shape: [6, 10]))
  #expect(
    try abs(
      Chapter5Exercises.maskedSquaredError(predictions: p, targets: t, mask: m) - engine.scalar)
      < 1e-4)
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
  // The same draws as the engine's Dropout layer for the same seed: the k-th value is
  // dropped when the k-th draw is below the rate.
  var a = SeededGenerator(seed: 7)
  var b = SeededGenerator(seed: 7)
  let dropped = try Chapter5Exercises.corrupt([1, 2, 3, 4, 5, 6, 7, 8], rate: 0.5, using: &a)
  let expected = (1...8).map { v -> Float in b.nextFloat() < 0.5 ? 0 : Float(v) * 2 }
  #expect(dropped == expected)
  // A zero stays zero, and rate 0 changes nothing.
  #expect(try Chapter5Exercises.corrupt([0, 0, 0], rate: 0.5, using: &rng) == [0, 0, 0])
  #expect(try Chapter5Exercises.corrupt([1, 2, 3], rate: 0, using: &rng) == [1, 2, 3])
}

@Test(.exercise("5.4", points: 2)) func `Exercise 5.4: the Gaussian KL penalty of Mult-VAE`() throws
{
  #expect(try Chapter5Exercises.gaussianKL(mean: [0, 0, 0], logVariance: [0, 0, 0]) == 0)
  // mean 1, variance 1: (1 + 1 - 1 - 0) / 2 = 0.5; mean 0, log variance 1: (e - 1 - 1) / 2.
  #expect(try abs(Chapter5Exercises.gaussianKL(mean: [1], logVariance: [0]) - 0.5) < 1e-6)
  #expect(
    try abs(Chapter5Exercises.gaussianKL(mean: [0], logVariance: [1]) - Float((M_E - 2) / 2)) < 1e-6
  )
  // It matches the model's batched KL (one row, so the batch mean is that row's KL).
  var rng = SeededGenerator(seed: 54)
  let mu = (0..<8).map { _ in rng.uniform(-1, 1) }
  let lv = (0..<8).map { _ in rng.uniform(-1, 1) }
  var init_ = SeededGenerator(seed: 1)
  let vae = MultVAE(itemCount: 4, hiddenSize: 3, latentSize: 8, using: &init_)
  let engine = vae.klDivergence(
    mean: Tensor(mu, shape: [1, 8]), logVariance: Tensor(lv, shape: [1, 8])
  ).scalar
  #expect(try abs(Chapter5Exercises.gaussianKL(mean: mu, logVariance: lv) - engine) < 1e-5)
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
func `Exercise 5.6: KL annealing grows linearly and stops at the cap`() throws {
  #expect(try Chapter5Exercises.annealedBeta(step: 0, annealSteps: 100, cap: 0.2) == 0)
  #expect(
    try abs(Chapter5Exercises.annealedBeta(step: 10, annealSteps: 100, cap: 0.2) - 0.1) < 1e-7)
  #expect(try Chapter5Exercises.annealedBeta(step: 50, annealSteps: 100, cap: 0.2) == 0.2)
  #expect(try Chapter5Exercises.annealedBeta(step: 500, annealSteps: 100, cap: 1) == 1)
  // The model follows the same schedule.
  var rng = SeededGenerator(seed: 56)
  let vae = MultVAE(
    itemCount: 5, hiddenSize: 4, latentSize: 2, annealSteps: 10, betaCap: 0.3, using: &rng)
  let x = Tensor([[1, 0, 1, 0, 0], [0, 1, 0, 0, 1]])
  for step in 0..<5 {
    #expect(
      try abs(vae.beta - Chapter5Exercises.annealedBeta(step: step, annealSteps: 10, cap: 0.3))
        < 1e-7)
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
