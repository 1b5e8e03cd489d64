import Exercises
import Foundation
import ModernRecSys
import Testing

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

@Test(.exercise("4.3", points: 2)) func `Exercise 4.3: one FTRL-Proximal coordinate step`() throws {
  // Against the library's optimiser, on one weight, over a run of gradients.
  let w = Tensor.zeros([1]).requiringGrad()
  let ftrl = FTRL([w], alpha: 0.2, beta: 0.5, l1: 0.3, l2: 0.1)
  var c = Chapter4Exercises.FTRLCoordinate()
  let gradients: [Float] = [0.4, -0.1, 0.05, 0.9, -0.7, 0.2, 0.2, -1.5, 0.01, 0.3]
  var sawZero = false
  var sawNonZero = false
  for g in gradients {
    ftrl.zeroGrad()
    (w * Tensor([g])).sum().backward()
    ftrl.step()
    try Chapter4Exercises.ftrlStep(&c, gradient: g, alpha: 0.2, beta: 0.5, l1: 0.3, l2: 0.1)
    #expect(abs(c.w - w.scalars[0]) < 1e-6)
    if c.w == 0 { sawZero = true } else { sawNonZero = true }
  }
  #expect(sawZero && sawNonZero, "the run should cross the L1 threshold")
  // Hand-computed first step: sigma = 0.4 / 0.2 = 2; z = 0.4; n = 0.16; |z| > 0.3:
  // w = -(0.4 - 0.3) / ((0.5 + 0.4) / 0.2 + 0.1) = -0.1 / 4.6.
  var first = Chapter4Exercises.FTRLCoordinate()
  try Chapter4Exercises.ftrlStep(&first, gradient: 0.4, alpha: 0.2, beta: 0.5, l1: 0.3, l2: 0.1)
  #expect(
    abs(first.w - (-0.1 / 4.6)) < 1e-6 && abs(first.z - 0.4) < 1e-6 && abs(first.n - 0.16) < 1e-6)
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
