import Foundation
import RecData
import RecEval
import RecModels
import Testing

// The toy matrix (rows u1...u4, columns i1...i5):
//   u1 1 1 1 0 1 / u2 0 1 1 0 0 / u3 0 1 1 1 0 / u4 1 0 1 1 1
// Item columns: i1 {u1,u4}, i2 {u1,u2,u3}, i3 {u1,u2,u3,u4}, i4 {u3,u4}, i5 {u1,u4}.

func near(_ a: Float, _ b: Double, _ tolerance: Double = 1e-5) -> Bool {
  abs(Double(a) - b) <= tolerance
}

@Test func itemPopScoresAreToyColumnCounts() {
  let pop = ItemPop(train: ToyMatrix.interactions)
  #expect(pop.popularity == [2, 3, 4, 2, 2])
  #expect(pop.scores(user: 0, items: [4, 2, 0]) == [2, 4, 2])
}

@Test func itemKNNCosinesOnToyMatrixMatchHandCounts() {
  let knn = ItemKNN(train: ToyMatrix.interactions)
  #expect(knn.similarity(0, 4) == 1)  // i1, i5: 2 / sqrt(2 * 2)
  #expect(near(knn.similarity(1, 2), 3 / 12.0.squareRoot()))  // i2, i3: 3 / sqrt(3 * 4) = 0.866025
  #expect(near(knn.similarity(0, 1), 1 / 6.0.squareRoot()))  // i1, i2: 1 / sqrt(2 * 3)
  #expect(near(knn.similarity(2, 3), 2 / 8.0.squareRoot()))  // i3, i4: 2 / sqrt(4 * 2)
  #expect(knn.similarity(3, 0) == 0.5)  // i4, i1: 1 / sqrt(2 * 2)
  #expect(knn.similarity(2, 2) == 0)  // no self-similarity
  // u3 = {i2, i3, i4}; score(i1) = sim(1,2) + sim(1,3) + sim(1,4) = 0.408248 + 0.707107 + 0.5
  #expect(near(knn.scores(user: 2, items: [0])[0], 1.615355))
}

@Test func oneNeighbourKNNRecommendsI4ToU2() {
  // Top-1 neighbours: i1 -> i5 (1.0), i2 -> i3, i3 -> i2 (0.866), i4 -> i3 (0.707), i5 -> i1.
  // u2 = {i2, i3}: i1 scores 0 (its neighbour i5 is not u2's), i4 scores sim(4,3) = 0.707107, i5 scores 0.
  let knn = ItemKNN(train: ToyMatrix.interactions, neighbours: 1)
  let scores = knn.scores(user: 1, items: [0, 3, 4])
  #expect(scores[0] == 0 && scores[2] == 0)
  #expect(near(scores[1], 2 / 8.0.squareRoot()))
  // With all neighbours the three tie at 1/sqrt(6) + 2/sqrt(8) = 1.115355.
  let all = ItemKNN(train: ToyMatrix.interactions).scores(user: 1, items: [0, 3, 4])
  #expect(all.allSatisfy { near($0, 1.115355) })
}

@Test func baselinesThroughFullRankingOnToyHoldout() {
  // Hold out (u4, i5): train u4 = {i1, i3, i4}; its candidates are i2 and i5.
  var rows = ToyMatrix.rows
  rows[3][4] = 0
  let train = InteractionMatrix(rows: rows)
  let test = InteractionMatrix(userCount: 4, itemCount: 5, pairs: [(3, 4)])
  let full = FullRankingProtocol(train: train, test: test)
  // ItemPop: i2 has 3 users, i5 now 1 -> i5 at rank 2.
  let pop = ItemPop(train: train)
  let popResult = full.evaluate(cutoffs: 1...2) { pop.scores(user: $0, items: $1) }
  #expect(popResult.hitRate(at: 1) == 0 && popResult.hitRate(at: 2) == 1)
  // ItemKNN: score(i2) = 1/sqrt6 + 3/sqrt12 + 1/sqrt6 = 1.682532; score(i5) = 1/sqrt2 + 1/2 + 0 = 1.207107
  let knn = ItemKNN(train: train)
  let s = knn.scores(user: 3, items: [1, 4])
  #expect(near(s[0], 1.682532) && near(s[1], 1.207107))
  let knnResult = full.evaluate(cutoffs: 1...2) { knn.scores(user: $0, items: $1) }
  #expect(knnResult.ndcg(at: 2) == 1 / log2(3.0))
}
