import Exercises
import Foundation
import RecData
import RecEval
import Tensors
import Testing

// Chapter 2's exercises: `make exercise E=2.3` grades one, `make grade` all. Each test
// passes with the reference solution and fails with a plausible wrong one (noted beside the
// check that catches it). The hidden tests at the end are the instructor's: the student copy
// leaves them out.

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
func `Exercise 2.3: graded NDCG@K by hand, and binary gains give RecEval’s metric`() throws {
  // Gains 3 at position 1 and 1 at position 3 of 5; K = 5:
  // DCG = 7/log2(2) + 1/log2(4) = 7.5; IDCG = 7 + 1/log2(3) (the gain-1 item ideally second).
  let value = try Chapter2Exercises.ndcg(ranked: [7, 1, 9, 2, 3], gains: [7: 3, 9: 1], k: 5)
  #expect(abs(value - 7.5 / (7 + 1 / log2(3.0))) < 1e-12, "got \(value)")  // binary NDCG gives 0.92
  // The best item second: 1/log2(3) of its gain; the ideal has it first (catches an ideal
  // sorted the wrong way, or one that ignores the gains).
  let swapped = try Chapter2Exercises.ndcg(ranked: [1, 7], gains: [7: 2, 1: 1], k: 2)
  #expect(abs(swapped - (1 + 3 / log2(3.0)) / (3 + 1 / log2(3.0))) < 1e-12, "got \(swapped)")
  #expect(try Chapter2Exercises.ndcg(ranked: [1, 2, 3], gains: [3: 2], k: 2) == 0)  // below K
  #expect(try Chapter2Exercises.ndcg(ranked: [1, 2, 3], gains: [:], k: 2) == 0)  // nothing relevant
  #expect(try Chapter2Exercises.ndcg(ranked: [4, 5], gains: [4: 1, 5: 1, 6: 1], k: 2) == 1)
  // Binary gains: the text's NDCG, RecEval's metric.
  var rng = SeededGenerator(seed: 9)
  for _ in 0..<50 {
    let ranked = rng.permutation(30)
    let relevant = rng.sample(1 + rng.int(below: 6), from: 30)
    let k = 1 + rng.int(below: 15)
    let ranks = ranked.indices.filter { relevant.contains(ranked[$0]) }.map { $0 + 1 }
    let reference = Metrics.ndcg(ranks: ranks, relevantCount: relevant.count, k: k)
    let gains = Dictionary(uniqueKeysWithValues: relevant.map { ($0, 1.0) })
    #expect(try abs(Chapter2Exercises.ndcg(ranked: ranked, gains: gains, k: k) - reference) < 1e-12)
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
func
  `Exercise 2.5: leave-one-out holds out the best-rated of the last second, then the lowest item`()
  throws
{
  let ratings = [
    Rating(user: 0, item: 4, rating: 5, timestamp: 10),
    Rating(user: 0, item: 6, rating: 4, timestamp: 30),
    Rating(user: 0, item: 9, rating: 3, timestamp: 30),
    Rating(user: 0, item: 2, rating: 3, timestamp: 30),
    Rating(user: 1, item: 1, rating: 4, timestamp: 5),
    Rating(user: 2, item: 3, rating: 1, timestamp: 7),
    Rating(user: 2, item: 8, rating: 2, timestamp: 6),
    Rating(user: 3, item: 7, rating: 4, timestamp: 9),
    Rating(user: 3, item: 5, rating: 4, timestamp: 9),
    Rating(user: 3, item: 8, rating: 4, timestamp: 9),
  ]
  // User 0: item 6 (rated 4) beats items 9 and 2 (rated 3) at t = 30; item 4's 5 is older.
  // RatingSplit's rules pick item 9 (highest id) or item 2 (lowest id, last in file order).
  #expect(
    try Chapter2Exercises.heldOutIndex(ratings, user: 0) == 1, "the best rating of the last second")
  #expect(try Chapter2Exercises.heldOutIndex(ratings, user: 1) == nil)  // one rating: nothing held out
  #expect(try Chapter2Exercises.heldOutIndex(ratings, user: 2) == 5)  // the latest, no tie
  // User 3: all rated 4 at t = 9: the lowest item, 5 (not 8, the highest and the last).
  #expect(
    try Chapter2Exercises.heldOutIndex(ratings, user: 3) == 8, "equal ratings: the lowest item")
  #expect(try Chapter2Exercises.heldOutIndex(ratings, user: 7) == nil)  // no ratings at all
}

// BEGIN HIDDEN TESTS

/// NDCG@K with graded gains, written out the slow way (the test's own reference).
private func referenceNDCG(ranked: [Int], gains: [Int: Double], k: Int) -> Double {
  let dcg = ranked.prefix(k).enumerated().map {
    (Foundation.pow(2, gains[$1] ?? 0) - 1) / log2(Double($0) + 2)
  }
  let ideal = gains.values.sorted(by: >).prefix(k).enumerated().map {
    (Foundation.pow(2, $1) - 1) / log2(Double($0) + 2)
  }
  let idcg = ideal.reduce(0, +)
  return idcg > 0 ? dcg.reduce(0, +) / idcg : 0
}

@Test(.exercise("2.1", points: 1))
func `Exercise 2.1: Jaccard on long lists, large ids and one shared item`() throws {
  #expect(try Chapter2Exercises.jaccard([0], [0]) == 1)
  #expect(try Chapter2Exercises.jaccard([], [7]) == 0)
  #expect(try Chapter2Exercises.jaccard([1, 3, 5], [2, 4, 6]) == 0)  // interleaved, disjoint
  #expect(try abs(Chapter2Exercises.jaccard([1_000_000, 2_000_000], [2_000_000]) - 0.5) < 1e-12)
  var rng = SeededGenerator(seed: 2001)
  for _ in 0..<20 {
    let a = rng.sample(rng.int(below: 400), from: 1682).sorted()
    let b = rng.sample(rng.int(below: 400), from: 1682).sorted()
    let union = Set(a).union(b).count
    let reference = union == 0 ? 0 : Double(Set(a).intersection(b).count) / Double(union)
    #expect(try abs(Chapter2Exercises.jaccard(a, b) - reference) < 1e-12)
  }
}

@Test(.exercise("2.2", points: 1))
func `Exercise 2.2: kNN breaks similarity ties to the lower user and takes at most every user`()
  throws
{
  // Users 1 and 2 are equally similar to user 0 (J = 1/3 each); k = 1 takes user 1.
  let rows: [[Int]] = [
    [1, 1, 0, 0], [1, 0, 1, 0], [0, 1, 0, 1], [0, 0, 1, 1],
  ]
  let train = InteractionMatrix(rows: rows)
  let one = try Chapter2Exercises.userKNNScores(
    train: train, user: 0, items: [2, 3], neighbours: 1)
  #expect(abs(one[0] - 1.0 / 3) < 1e-6 && one[1] == 0, "the tie goes to user 1: \(one)")
  // More neighbours than other users: all three vote (user 3 has J = 0 and adds nothing).
  let all = try Chapter2Exercises.userKNNScores(
    train: train, user: 0, items: [2, 3], neighbours: 10)
  #expect(abs(all[0] - 1.0 / 3) < 1e-6 && abs(all[1] - 1.0 / 3) < 1e-6, "\(all)")
}

@Test(.exercise("2.3", points: 1))
func `Exercise 2.3: graded NDCG on random gains, zero gains and K past the list`() throws {
  var rng = SeededGenerator(seed: 2003)
  for _ in 0..<50 {
    let ranked = rng.permutation(40)
    var gains: [Int: Double] = [:]
    for item in rng.sample(1 + rng.int(below: 10), from: 60) {
      gains[item] = Double(rng.int(below: 5))
    }
    let k = 1 + rng.int(below: 50)
    let expected = referenceNDCG(ranked: ranked, gains: gains, k: k)
    #expect(try abs(Chapter2Exercises.ndcg(ranked: ranked, gains: gains, k: k) - expected) < 1e-12)
  }
  #expect(try Chapter2Exercises.ndcg(ranked: [1, 2], gains: [1: 0, 2: 0], k: 2) == 0)  // all gains 0
  #expect(try Chapter2Exercises.ndcg(ranked: [], gains: [1: 2], k: 5) == 0)
}

@Test(.exercise("2.4", points: 1))
func `Exercise 2.4: the sampled hit probability when every negative is drawn, and exactly`() throws
{
  let p = Chapter2Exercises.sampledHitProbability
  // Every other item drawn: the sampled rank is the full rank.
  for rank in [1, 5, 10, 11, 50] {
    #expect(try abs(p(rank, 50, 49, 10) - (rank <= 10 ? 1 : 0)) < 1e-9, "rank \(rank)")
  }
  // Exact enumeration: 3 above, 4 below, 3 drawn, K = 2: hit when at most 1 above is drawn.
  // C(3,0)C(4,3) + C(3,1)C(4,2) = 4 + 18 = 22 of C(7,3) = 35.
  #expect(try abs(p(4, 8, 3, 2) - 22.0 / 35) < 1e-12)
  #expect(try abs(p(4, 8, 3, 5) - 1) < 1e-12)  // K above the number drawn: always a hit
}

@Test(.exercise("2.5", points: 1))
func `Exercise 2.5: the tie rule on a synthetic dataset against a sort`() throws {
  let data = MovieLens.synthetic(size: .small, seed: 25)
  var byUser: [Int: [Int]] = [:]
  for (index, r) in data.ratings.enumerated() { byUser[r.user, default: []].append(index) }
  for u in 0..<data.userCount {
    let indices = byUser[u] ?? []
    let expected =
      indices.count < 2
      ? nil
      : indices.max { a, b in
        let (x, y) = (data.ratings[a], data.ratings[b])
        return (x.timestamp, x.rating, -x.item) < (y.timestamp, y.rating, -y.item)
      }
    #expect(try Chapter2Exercises.heldOutIndex(data.ratings, user: u) == expected, "user \(u)")
  }
}

// END HIDDEN TESTS
