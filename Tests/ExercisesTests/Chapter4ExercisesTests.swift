import Exercises
import Foundation
import ModernRecSys
import Testing

// Chapter 4's exercises: `make exercise E=4.3` grades one, `make grade` all. Each test
// passes with the reference solution and fails with a plausible wrong one (noted beside the
// check that catches it). The hidden tests at the end are the instructor's: the student copy
// leaves them out.

@Test(.exercise("4.1", points: 2))
func `Exercise 4.1: binary-search bucketing agrees with BucketizedColumn`() throws {
  let boundaries: [Double] = [18, 25, 35, 45, 50, 56]
  let column = try BucketizedColumn("age_group", field: "age", boundaries: boundaries)
  for tenths in 0...800 {
    let x = Double(tenths) / 10
    #expect(
      try Chapter4Exercises.bucket(of: x, boundaries: boundaries) == column.id(of: x), "x = \(x)")
  }
  #expect(try Chapter4Exercises.bucket(of: 18, boundaries: boundaries) == 1)  // a boundary opens its bucket
  #expect(try Chapter4Exercises.bucket(of: -5, boundaries: boundaries) == 0)
  #expect(try Chapter4Exercises.bucket(of: 99, boundaries: boundaries) == 6)
  #expect(try Chapter4Exercises.bucket(of: 3, boundaries: [1]) == 1)
}

@Test(.exercise("4.2", points: 2)) func `Exercise 4.2: exact cross ids and their inverse`() throws {
  let gender = try CategoricalColumn("gender", vocabulary: ["F", "M"])
  let age = try BucketizedColumn("age_group", field: "age", boundaries: [18, 25, 35, 45, 50, 56])
  let genre = try CategoricalColumn("genre", hashBuckets: 19)
  let cross = try CrossedColumn([gender, age, genre])
  let sizes = [2, 7, 19]
  #expect(try Chapter4Exercises.crossID([1, 2, 14], sizes: sizes) == (1 * 7 + 2) * 19 + 14)
  for g in 0..<2 {
    for a in 0..<7 {
      for m in 0..<19 {
        let id = try Chapter4Exercises.crossID([g, a, m], sizes: sizes)
        #expect(id == cross.id(combining: [g, a, m]))
        #expect(try Chapter4Exercises.crossComponents(of: id, sizes: sizes) == [g, a, m])
      }
    }
  }
}

@Test(.exercise("4.3", points: 2))
func `Exercise 4.3: FTRL-Proximal in Double, with the weight computed from (z, n)`() throws {
  let (alpha, beta, l1, l2) = (0.2, 0.5, 0.3, 0.1)
  // Hand-computed first step from zero: w = 0, sigma = 0.4 / 0.2 = 2; z = 0.4; n = 0.16;
  // |z| > 0.3: w = -(0.4 - 0.3) / ((0.5 + 0.4) / 0.2 + 0.1) = -0.1 / 4.6. In Double to 1e-12
  // (the engine's Float update is off by about 1e-8 here).
  var s = Chapter4Exercises.FTRLState()
  try Chapter4Exercises.ftrlStep(&s, gradient: 0.4, alpha: alpha, beta: beta, l1: l1, l2: l2)
  #expect(abs(s.z - 0.4) < 1e-12 && abs(s.n - 0.16) < 1e-12, "z \(s.z), n \(s.n)")
  let w = try Chapter4Exercises.ftrlWeight(s, alpha: alpha, beta: beta, l1: l1, l2: l2)
  #expect(abs(w - (-0.1 / 4.6)) < 1e-12, "w = \(w)")
  // Inside the L1 band the weight is exactly 0; outside it has the opposite sign of z.
  #expect(
    try Chapter4Exercises.ftrlWeight(.init(z: -0.3, n: 4), alpha: alpha, beta: beta, l1: l1, l2: l2)
      == 0)
  #expect(
    try abs(
      Chapter4Exercises.ftrlWeight(.init(z: -1.3, n: 4), alpha: alpha, beta: beta, l1: l1, l2: l2)
        - 1 / 12.6) < 1e-12)  // (2.5 / 0.2 + 0.1) = 12.6
  // The second step uses the first step's weight: z = 0.4 - 0.1 - sigma * (-0.1 / 4.6) with
  // sigma = (sqrt(0.17) - 0.4) / 0.2 (forgetting the weight's term gives z = 0.3).
  try Chapter4Exercises.ftrlStep(&s, gradient: -0.1, alpha: alpha, beta: beta, l1: l1, l2: l2)
  let sigma = ((0.17).squareRoot() - 0.4) / 0.2
  #expect(abs(s.z - (0.3 + sigma * 0.1 / 4.6)) < 1e-12 && abs(s.n - 0.17) < 1e-12)
  // Over a run of gradients it follows the engine's Float optimiser (to Float's precision).
  let weight = Tensor.zeros([1]).requiringGrad()
  let ftrl = FTRL([weight], alpha: 0.2, beta: 0.5, l1: 0.3, l2: 0.1)
  var c = Chapter4Exercises.FTRLState()
  for g in [0.4, -0.1, 0.05, 0.9, -0.7, 0.2, 0.2, -1.5, 0.01, 0.3] {
    ftrl.zeroGrad()
    (weight * Tensor([Float(g)])).sum().backward()
    ftrl.step()
    try Chapter4Exercises.ftrlStep(&c, gradient: g, alpha: alpha, beta: beta, l1: l1, l2: l2)
    let mine = try Chapter4Exercises.ftrlWeight(c, alpha: alpha, beta: beta, l1: l1, l2: l2)
    #expect(abs(mine - Double(weight.scalars[0])) < 1e-5)
  }
}

@Test(.exercise("4.4", points: 1)) func `Exercise 4.4: the share of hashed values that collide`()
  throws
{
  #expect(try Chapter4Exercises.collisionFraction(of: [], buckets: 10) == 0)
  #expect(try Chapter4Exercises.collisionFraction(of: ["a", "b", "c"], buckets: 1) == 1)
  #expect(try Chapter4Exercises.collisionFraction(of: ["a", "a", "a"], buckets: 1) == 0)  // one distinct value
  #expect(try Chapter4Exercises.collisionFraction(of: ["a", "b", "c"], buckets: 1 << 40) == 0)
  // Brute force over pairs on zip-like codes.
  let values = (0..<300).map { String(10_000 + $0 * 37) }
  let buckets = 500
  let bucket = values.map { FeatureHash.fnv1a($0) % UInt64(buckets) }
  var collided = 0
  for i in values.indices
  where values.indices.contains(where: { $0 != i && bucket[$0] == bucket[i] }) {
    collided += 1
  }
  #expect(
    try abs(
      Chapter4Exercises.collisionFraction(of: values, buckets: buckets) - Double(collided) / 300)
      < 1e-12)
}

@Test(.exercise("4.5", points: 2))
func `Exercise 4.5: mean of rows (an embedding bag) with gradients`() throws {
  let table = Tensor([1, 2, 3, 4, 5, 6], shape: [3, 2]).requiringGrad()
  // Example 0: rows {0, 2}; example 1: none; example 2: {1}.
  let y = try Chapter4Exercises.meanOfRows(table, offsets: [0, 2, 2, 3], ids: [0, 2, 1])
  #expect(y.shape == [3, 2])
  #expect(y.scalars == [3, 4, 0, 0, 3, 4])
  y.sum().backward()
  // Row 0 and row 2 each get 1/2 from example 0; row 1 gets 1 from example 2.
  #expect(table.grad!.scalars == [0.5, 0.5, 1, 1, 0.5, 0.5])
}

// BEGIN HIDDEN TESTS

@Test(.exercise("4.1", points: 1))
func `Exercise 4.1: bucketing with no boundary, repeated boundaries and a long list`() throws {
  #expect(try Chapter4Exercises.bucket(of: 5, boundaries: []) == 0)
  #expect(try Chapter4Exercises.bucket(of: 1, boundaries: [1, 1, 2]) == 2)  // both 1s are <= 1
  #expect(try Chapter4Exercises.bucket(of: 0.5, boundaries: [1, 1, 2]) == 0)
  let boundaries = (0..<1000).map { Double($0) * 0.5 }
  for x in [-1, 0, 0.25, 0.5, 137.5, 137.7, 499.5, 600] {
    #expect(
      try Chapter4Exercises.bucket(of: x, boundaries: boundaries)
        == boundaries.filter { $0 <= x }.count, "x = \(x)")
  }
}

@Test(.exercise("4.2", points: 1))
func `Exercise 4.2: crosses of one column, of a size-1 column, and of four columns`() throws {
  #expect(try Chapter4Exercises.crossID([5], sizes: [9]) == 5)
  #expect(try Chapter4Exercises.crossID([0, 3], sizes: [1, 4]) == 3)
  let sizes = [3, 1, 5, 2]
  var seen = Set<Int>()
  for a in 0..<3 {
    for c in 0..<5 {
      for d in 0..<2 {
        let id = try Chapter4Exercises.crossID([a, 0, c, d], sizes: sizes)
        #expect(id == ((a * 1 + 0) * 5 + c) * 2 + d)
        #expect(try Chapter4Exercises.crossComponents(of: id, sizes: sizes) == [a, 0, c, d])
        seen.insert(id)
      }
    }
  }
  #expect(seen == Set(0..<30))  // every id used once
}

/// FTRL-Proximal in Double, the test's own reference (weights from (z, n), Algorithm 1).
private func referenceFTRL(
  _ gradients: [Double], alpha: Double, beta: Double, l1: Double, l2: Double
) -> [Double] {
  var (z, n) = (0.0, 0.0)
  func weight() -> Double {
    abs(z) <= l1 ? 0 : -(z - (z < 0 ? -l1 : l1)) / ((beta + n.squareRoot()) / alpha + l2)
  }
  var weights: [Double] = []
  for g in gradients {
    let w = weight()
    let sigma = ((n + g * g).squareRoot() - n.squareRoot()) / alpha
    z += g - sigma * w
    n += g * g
    weights.append(weight())
  }
  return weights
}

@Test(.exercise("4.3", points: 1))
func `Exercise 4.3: a long FTRL run in Double, without L1, and zero gradients`() throws {
  var rng = SeededGenerator(seed: 43)
  let gradients = (0..<500).map { _ in rng.normal(mean: 0.05, standardDeviation: 0.5) }
  for (alpha, beta, l1, l2) in [(0.1, 1.0, 0.0, 0.0), (2.0, 1.0, 1.5, 0.5)] {
    let expected = referenceFTRL(gradients, alpha: alpha, beta: beta, l1: l1, l2: l2)
    var s = Chapter4Exercises.FTRLState()
    for (g, e) in zip(gradients, expected) {
      try Chapter4Exercises.ftrlStep(&s, gradient: g, alpha: alpha, beta: beta, l1: l1, l2: l2)
      let w = try Chapter4Exercises.ftrlWeight(s, alpha: alpha, beta: beta, l1: l1, l2: l2)
      #expect(abs(w - e) < 1e-9 * max(1, abs(e)))
    }
  }
  // A zero gradient changes nothing.
  var s = Chapter4Exercises.FTRLState(z: 0.8, n: 2)
  try Chapter4Exercises.ftrlStep(&s, gradient: 0, alpha: 0.2, beta: 0.5, l1: 0.3, l2: 0.1)
  #expect(s == Chapter4Exercises.FTRLState(z: 0.8, n: 2))
}

@Test(.exercise("4.4", points: 1))
func `Exercise 4.4: collisions with repeated values and against a brute force on random strings`()
  throws
{
  #expect(try Chapter4Exercises.collisionFraction(of: ["x"], buckets: 1) == 0)
  // Duplicates count once: two distinct values in one bucket, both collided.
  #expect(try Chapter4Exercises.collisionFraction(of: ["a", "b", "a", "a"], buckets: 1) == 1)
  var rng = SeededGenerator(seed: 44)
  let values = (0..<400).map { _ in String(rng.int(below: 100_000)) }
  let distinct = Array(Set(values))
  for buckets in [50, 1000] {
    let bucket = distinct.map { FeatureHash.fnv1a($0) % UInt64(buckets) }
    let collided = distinct.indices.filter { i in
      distinct.indices.contains { $0 != i && bucket[$0] == bucket[i] }
    }.count
    #expect(
      try abs(
        Chapter4Exercises.collisionFraction(of: values, buckets: buckets)
          - Double(collided) / Double(distinct.count)) < 1e-12)
  }
}

@Test(.exercise("4.5", points: 1))
func `Exercise 4.5: mean of rows with a repeated id, and its gradient`() throws {
  let table = Tensor([1, 2, 3, 4, 5, 6, 7, 8], shape: [4, 2]).requiringGrad()
  // Example 0: rows {3, 3, 0}; example 1: {2}; example 2: none.
  let y = try Chapter4Exercises.meanOfRows(table, offsets: [0, 3, 4, 4], ids: [3, 3, 0, 2])
  #expect(y.shape == [3, 2])
  let expected: [Float] = [(7 + 7 + 1) / 3, (8 + 8 + 2) / 3, 5, 6, 0, 0]
  #expect(zip(y.scalars, expected).allSatisfy { abs($0 - $1) < 1e-6 }, "\(y.scalars)")
  (y * Tensor([1, 2, 3, 4, 5, 6], shape: [3, 2])).sum().backward()
  // Row 3 gets 2/3 of example 0's upstream (1, 2), row 0 gets 1/3, row 2 gets (3, 4).
  let g = table.grad!.scalars
  let want: [Float] = [1.0 / 3, 2.0 / 3, 0, 0, 3, 4, 2.0 / 3, 4.0 / 3]
  #expect(zip(g, want).allSatisfy { abs($0 - $1) < 1e-6 }, "\(g)")
}

// END HIDDEN TESTS
