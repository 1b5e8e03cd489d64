import Exercises
import Foundation
import NN
import RecModels
import Tensors
import Testing

// Chapter 6's exercises: each test passes with the reference solution and fails with a
// plausible wrong one (noted beside the check that catches it). The tests between
// `// BEGIN HIDDEN TESTS` and `// END HIDDEN TESTS` are the instructor's: a student copy
// does not have them.

@Test(.exercise("6.1", points: 3))
func `Exercise 6.1: the in-batch softmax loss, with and without log-Q`() throws {
  // Two users, orthogonal unit items, temperature 1: row 0's logits are (1, 0), row 1's (0, 1),
  // so each row's loss is log(1 + e^-1).
  let users: [[Float]] = [[1, 0], [0, 1]]
  let items: [[Float]] = [[1, 0], [0, 1]]
  let expected = log(1 + exp(-1.0))
  #expect(
    try abs(
      Chapter6Exercises.inBatchSoftmaxLoss(users: users, items: items, temperature: 1) - expected)
      < 1e-9)
  // The temperature divides the logits: at 0.5 they are (2, 0).
  #expect(
    try abs(
      Chapter6Exercises.inBatchSoftmaxLoss(users: users, items: items, temperature: 0.5)
        - log(1 + exp(-2.0))) < 1e-9)
  // Subtracting the same log Q from every column changes nothing (a softmax is shift-free);
  // subtracting more from column 1 makes item 1 a weaker negative for user 0 and a weaker
  // positive for user 1: row 0 gives log(1 + e^-1 e^-1), row 1 log(1 + e^-1 e^1).
  #expect(
    try abs(
      Chapter6Exercises.inBatchSoftmaxLoss(
        users: users, items: items, temperature: 1, logQ: [-3, -3]) - expected) < 1e-9)
  let corrected = (log(1 + exp(-2.0)) + log(1 + exp(0.0))) / 2
  #expect(
    try abs(
      Chapter6Exercises.inBatchSoftmaxLoss(
        users: users, items: items, temperature: 1, logQ: [0, 1]) - corrected) < 1e-9)
}

@Test(.exercise("6.2", points: 2))
func `Exercise 6.2: streaming frequency estimation finds the gap between appearances`() throws {
  // Item 0 is in every batch, item 1 in every fourth: after many steps B is about 1 and 4.
  let batches = (1...400).map { t in t % 4 == 0 ? [0, 1] : [0] }
  let p = try Chapter6Exercises.streamingFrequency(
    batches: batches, items: [0, 1, 2], buckets: 16, alpha: 0.05)
  #expect(abs(p[0] - 1) < 1e-6, "every batch: p = 1, got \(p[0])")
  #expect(abs(p[1] - 0.25) < 0.01, "every fourth batch: p = 1/4, got \(p[1])")
  // An item never seen has B = 0: the estimate is 0, not infinity.
  #expect(p[2] == 0)
  // The first step by hand: B = (1 - a) 0 + a (1 - 0) = a, so p = 1 / a.
  let first = try Chapter6Exercises.streamingFrequency(
    batches: [[5]], items: [5], buckets: 4, alpha: 0.5)
  #expect(abs(first[0] - 2) < 1e-12)
}

@Test(.exercise("6.3", points: 2))
func `Exercise 6.3: top-K categorical accuracy counts ties for the true item`() throws {
  let scores: [[Float]] = [[0.9, 0.1, 0.5], [0.2, 0.2, 0.2], [0.1, 0.3, 0.2]]
  // Row 0: true 0 is first; row 1: all tie, so no item beats the true one; row 2: true 0 is last.
  #expect(
    try Chapter6Exercises.topKCategoricalAccuracy(scores: scores, truth: [0, 1, 0], k: 1) == 2.0 / 3
  )
  #expect(
    try Chapter6Exercises.topKCategoricalAccuracy(scores: scores, truth: [0, 1, 0], k: 2) == 2.0 / 3
  )
  #expect(
    try Chapter6Exercises.topKCategoricalAccuracy(scores: scores, truth: [0, 1, 0], k: 3) == 1)
  #expect(try Chapter6Exercises.topKCategoricalAccuracy(scores: [], truth: [], k: 5) == 0)
}

@Test(.exercise("6.4", points: 1))
func `Exercise 6.4: recall of an approximate search against exact search`() throws {
  // Query 0 finds 2 of 3 (order does not matter), query 1 all 3: (2/3 + 1) / 2.
  let recall = try Chapter6Exercises.recallAgainstExact(
    approximate: [[4, 1, 9], [7, 8, 6]], exact: [[1, 2, 4], [6, 7, 8]])
  #expect(abs(recall - 5.0 / 6) < 1e-12)
  #expect(try Chapter6Exercises.recallAgainstExact(approximate: [], exact: []) == 0)
}

@Test(.exercise("6.5", points: 2))
func `Exercise 6.5: the newest movies by release date`() throws {
  let dates = ["01-Jan-1995", "", "15-Mar-1998", "02-Feb-1998", "15-Mar-1998", "31-Dec-1997"]
  // ceil(0.5 * 6) = 3 newest: the two of 15-Mar-1998 and 02-Feb-1998.
  #expect(try Chapter6Exercises.newestMovies(releaseDates: dates, fraction: 0.5) == [2, 3, 4])
  // ceil(0.2 * 6) = 2: both 15-Mar-1998 (a year-only sort would also take 3).
  #expect(try Chapter6Exercises.newestMovies(releaseDates: dates, fraction: 0.2) == [2, 4])
  // One of two equal dates: the higher index is newer.
  #expect(try Chapter6Exercises.newestMovies(releaseDates: dates, fraction: 0.1) == [4])
}

@Test(.exercise("6.6", points: 1))
func `Exercise 6.6: the level of a point in the HNSW hierarchy`() throws {
  // u = 1 is level 0; u = 1/16 with m = 16 is exactly one level up (ln 16 / ln 16 = 1).
  #expect(try Chapter6Exercises.hnswLevel(uniform: 1, m: 16) == 0)
  #expect(try Chapter6Exercises.hnswLevel(uniform: 0.5, m: 16) == 0)
  #expect(try Chapter6Exercises.hnswLevel(uniform: 1.0 / 256 + 1e-9, m: 16) == 1)
  #expect(try Chapter6Exercises.hnswLevel(uniform: 1e-6, m: 2) == 19)
}

// BEGIN HIDDEN TESTS

@Test(.exercise("6.1", points: 3))
func `Exercise 6.1 (hidden): the loss matches the engine's fused in-batch softmax`() throws {
  var rng = SeededGenerator(seed: 61)
  let b = 6
  let d = 4
  let users = (0..<b).map { _ in (0..<d).map { _ in rng.uniform(-1, 1) } }
  let items = (0..<b).map { _ in (0..<d).map { _ in rng.uniform(-1, 1) } }
  let logQ = (0..<b).map { _ in rng.uniform(-5, -1) }
  let u = Tensor(users.flatMap { $0 }, shape: [b, d])
  let v = Tensor(items.flatMap { $0 }, shape: [b, d])
  let logits =
    Tensor.matmul(u, v, transposeB: true) * (1 / Float(0.2)) - Tensor(logQ, shape: [1, b])
  let engine = softmaxCrossEntropy(logits, labels: Array(0..<b)).scalar
  let mine = try Chapter6Exercises.inBatchSoftmaxLoss(
    users: users, items: items, temperature: 0.2, logQ: logQ)
  #expect(abs(mine - Double(engine)) < 1e-4, "\(mine) vs the engine's \(engine)")
  // Large logits (temperature 0.001) must not overflow: a naive exp gives inf or nan.
  let sharp = try Chapter6Exercises.inBatchSoftmaxLoss(
    users: users, items: items, temperature: 0.001)
  #expect(sharp.isFinite)
}

@Test(.exercise("6.2", points: 2))
func `Exercise 6.2 (hidden): colliding items share a bucket`() throws {
  // Items 1 and 5 share bucket 1 of 4: each batch holds one of them, so the bucket sees an
  // appearance every step and both estimates are 1.
  let batches = (1...300).map { t in t % 2 == 0 ? [1] : [5] }
  let p = try Chapter6Exercises.streamingFrequency(
    batches: batches, items: [1, 5], buckets: 4, alpha: 0.1)
  #expect(abs(p[0] - 1) < 1e-6 && p[0] == p[1])
  // The update order within a batch: an item twice in one batch makes its gap 0 once.
  let twice = try Chapter6Exercises.streamingFrequency(
    batches: [[3, 3]], items: [3], buckets: 8, alpha: 0.5)
  // B = 0.5 (1 - 0) = 0.5, then B = 0.5 * 0.5 + 0.5 (1 - 1) = 0.25: p = 4.
  #expect(abs(twice[0] - 4) < 1e-12)
}

@Test(.exercise("6.3", points: 2))
func `Exercise 6.3 (hidden): accuracy at K on random scores`() throws {
  var rng = SeededGenerator(seed: 63)
  let rows = (0..<50).map { _ in (0..<20).map { _ in Float(rng.int(below: 6)) } }
  let truth = (0..<50).map { _ in rng.int(below: 20) }
  for k in [1, 5, 10] {
    let expected =
      Double(
        zip(rows, truth).filter { row, t in row.filter { $0 > row[t] }.count < k }.count) / 50
    #expect(
      try Chapter6Exercises.topKCategoricalAccuracy(scores: rows, truth: truth, k: k) == expected)
  }
}

@Test(.exercise("6.4", points: 1))
func `Exercise 6.4 (hidden): duplicates do not count twice`() throws {
  #expect(
    try Chapter6Exercises.recallAgainstExact(approximate: [[1, 1, 1]], exact: [[1, 2, 3]]) == 1.0
      / 3)
}

@Test(.exercise("6.5", points: 2))
func `Exercise 6.5 (hidden): malformed dates are undated, and too few dated movies`() throws {
  let dates = ["1995", "xx-Jan-1990", "10-Foo-1999", "05-May-1980"]
  // Only index 3 is dated; ceil(0.9 * 4) = 4 asks for more than there are.
  #expect(try Chapter6Exercises.newestMovies(releaseDates: dates, fraction: 0.9) == [3])
}

@Test(.exercise("6.6", points: 1))
func `Exercise 6.6 (hidden): levels follow the geometric law`() throws {
  // P(level >= 1) = 1/m: of the u on a fine grid, a share 1/m is at level 1 or above.
  let m = 4
  let grid = (1...10_000).map { Double($0) / 10_000 }
  let above = try grid.filter { try Chapter6Exercises.hnswLevel(uniform: $0, m: m) >= 1 }.count
  #expect(abs(Double(above) / 10_000 - 0.25) < 0.001)
}

// END HIDDEN TESTS
