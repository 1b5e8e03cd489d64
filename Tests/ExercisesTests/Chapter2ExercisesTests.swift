import Exercises
import Foundation
import RecData
import RecEval
import Tensors
import Testing

// Chapter 2's exercises, one test each: `swift test --filter "Exercise 2.3"` grades one.

@Test(.exercise("2.1", points: 2))
func `Exercise 2.1: Jaccard of sorted item lists reproduces the seed’s six numbers`() throws {
  let rows = ToyMatrix.rows.map { row in row.indices.filter { row[$0] == 1 } }
  let expected: [((Int, Int), Double)] = [
    ((1, 2), 2.0 / 3), ((0, 1), 2.0 / 4), ((0, 2), 2.0 / 5), ((3, 0), 3.0 / 5), ((3, 2), 2.0 / 5),
    ((3, 1), 1.0 / 5),
  ]
  for ((a, b), value) in expected {
    #expect(
      try abs(Chapter2Exercises.jaccard(rows[a], rows[b]) - value) < 1e-12, "Sim(\(a + 1),\(b + 1))"
    )
    #expect(try abs(Chapter2Exercises.jaccard(rows[b], rows[a]) - value) < 1e-12, "symmetric")
  }
  #expect(try Chapter2Exercises.jaccard([], []) == 0)
  #expect(try Chapter2Exercises.jaccard([1, 5], []) == 0)
  #expect(try Chapter2Exercises.jaccard([3, 9, 40], [3, 9, 40]) == 1)
  // Random sorted lists against a Set-based reference.
  var rng = SeededGenerator(seed: 5)
  for _ in 0..<50 {
    let a = rng.sample(rng.int(below: 30), from: 60).sorted()
    let b = rng.sample(rng.int(below: 30), from: 60).sorted()
    let union = Set(a).union(b).count
    let reference = union == 0 ? 0 : Double(Set(a).intersection(b).count) / Double(union)
    #expect(try abs(Chapter2Exercises.jaccard(a, b) - reference) < 1e-12)
  }
}

@Test(.exercise("2.2", points: 2))
func `Exercise 2.2: user-based kNN recommends u4 what its nearest users have`() throws {
  // Hold out (u4, i5): u4 = {i1, i3, i4}. Jaccard to u1 {i1,i2,i3,i5}: 2/5, u2 {i2,i3}: 1/4, u3 {i2,i3,i4}: 2/4.
  var rows = ToyMatrix.rows
  rows[3][4] = 0
  let train = InteractionMatrix(rows: rows)
  // One neighbour: u3 (1/2) has i2 but not i5.
  let one = try Chapter2Exercises.userKNNScores(
    train: train, user: 3, items: [1, 4], neighbours: 1)
  #expect(abs(one[0] - 0.5) < 1e-6 && one[1] == 0)
  // Two neighbours: u3 (1/2) and u1 (2/5): i2 = 1/2 + 2/5, i5 = 2/5.
  let two = try Chapter2Exercises.userKNNScores(
    train: train, user: 3, items: [1, 4], neighbours: 2)
  #expect(abs(two[0] - 0.9) < 1e-6 && abs(two[1] - 0.4) < 1e-6)
  // All three: i2 gets u2's 1/4 too.
  let all = try Chapter2Exercises.userKNNScores(
    train: train, user: 3, items: [1, 4, 0], neighbours: 3)
  #expect(abs(all[0] - 1.15) < 1e-6 && abs(all[1] - 0.4) < 1e-6 && abs(all[2] - 0.4) < 1e-6)
  // On the full matrix u2's nearest user is u3 (2/3), who has i4.
  let full = ToyMatrix.interactions
  let u2 = try Chapter2Exercises.userKNNScores(train: full, user: 1, items: [3], neighbours: 1)
  #expect(abs(u2[0] - 2.0 / 3) < 1e-6)
}

@Test(.exercise("2.3", points: 2))
func `Exercise 2.3: NDCG@K from a ranked list matches RecEval’s metric`() throws {
  // Relevant at positions 1 and 3 of 5, K = 5: DCG = 1 + 1/2, IDCG = 1 + 1/log2(3).
  let value = try Chapter2Exercises.ndcg(ranked: [7, 1, 9, 2, 3], relevant: [7, 9], k: 5)
  #expect(abs(value - 1.5 / (1 + 1 / log2(3.0))) < 1e-12)
  #expect(try Chapter2Exercises.ndcg(ranked: [1, 2, 3], relevant: [3], k: 2) == 0)
  #expect(try Chapter2Exercises.ndcg(ranked: [1, 2, 3], relevant: [], k: 2) == 0)
  #expect(try Chapter2Exercises.ndcg(ranked: [4, 5], relevant: [4, 5, 6], k: 2) == 1)
  var rng = SeededGenerator(seed: 9)
  for _ in 0..<50 {
    let ranked = rng.permutation(30)
    let relevant = Set(rng.sample(1 + rng.int(below: 6), from: 30))
    let k = 1 + rng.int(below: 15)
    let ranks = ranked.indices.filter { relevant.contains(ranked[$0]) }.map { $0 + 1 }
    let reference = Metrics.ndcg(ranks: ranks, relevantCount: relevant.count, k: k)
    #expect(
      try abs(Chapter2Exercises.ndcg(ranked: ranked, relevant: relevant, k: k) - reference) < 1e-12)
  }
}

@Test(.exercise("2.4", points: 3))
func `Exercise 2.4: the sampled hit probability matches its edge cases and a simulation`() throws {
  let p = Chapter2Exercises.sampledHitProbability
  #expect(try abs(p(1, 1000, 99, 10) - 1) < 1e-12)  // nothing above: always a hit
  #expect(try abs(p(10, 1000, 99, 10) - 1) < 1e-12)  // 9 above: fewer than 10 can be drawn
  #expect(try p(1000, 1000, 99, 10) < 1e-12)  // 99 of 999 drawn, all above: never a hit
  // 1 of 3 others above, 1 negative, K = 1: a hit when the below one is drawn, 2/3.
  #expect(try abs(p(2, 4, 1, 1) - 2.0 / 3) < 1e-12)
  // Monte Carlo: rank 150 of 1600, 99 negatives, K = 10.
  var rng = SeededGenerator(seed: 3)
  var hits = 0
  let trials = 20000
  for _ in 0..<trials {
    let drawn = rng.sample(99, from: 1599)
    if drawn.filter({ $0 < 149 }).count < 10 { hits += 1 }
  }
  let simulated = Double(hits) / Double(trials)
  #expect(try abs(p(150, 1600, 99, 10) - simulated) < 0.01, "simulated \(simulated)")
  // Monotone in the full rank.
  let values = try stride(from: 1, through: 1600, by: 50).map { try p($0, 1600, 99, 10) }
  #expect(zip(values, values.dropFirst()).allSatisfy { $0 >= $1 })
}

@Test(.exercise("2.5", points: 2))
func `Exercise 2.5: leave-one-out with the highest-item-id tie rule matches RecData`() throws {
  let ratings = [
    Rating(user: 0, item: 4, rating: 5, timestamp: 10),
    Rating(user: 0, item: 9, rating: 3, timestamp: 30),
    Rating(user: 0, item: 2, rating: 4, timestamp: 30),
    Rating(user: 1, item: 1, rating: 4, timestamp: 5),
    Rating(user: 2, item: 3, rating: 1, timestamp: 7),
    Rating(user: 2, item: 8, rating: 2, timestamp: 6),
  ]
  #expect(try Chapter2Exercises.heldOutIndex(ratings, user: 0) == 1)  // item 9 beats item 2 at t = 30
  #expect(try Chapter2Exercises.heldOutIndex(ratings, user: 1) == nil)  // one rating: nothing held out
  #expect(try Chapter2Exercises.heldOutIndex(ratings, user: 2) == 4)  // the latest, no tie
  // Against RatingSplit on the synthetic dataset, which has many ties.
  let data = MovieLens.synthetic(size: .small, seed: 4)
  let split = RatingSplit.leaveOneOut(data.ratings, userCount: data.userCount, ties: .highestItemID)
  let expected = Set(split.test.map { "\($0.user):\($0.item)" })
  var got = Set<String>()
  for u in 0..<data.userCount {
    if let index = try Chapter2Exercises.heldOutIndex(data.ratings, user: u) {
      got.insert("\(u):\(data.ratings[index].item)")
    }
  }
  #expect(got == expected)
}
