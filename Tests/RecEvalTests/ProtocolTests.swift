import RecData
import Testing

@testable import RecEval

/// Scores an item by its index, whoever the user: higher index, higher score.
func indexScorer(_ user: Int, _ items: [Int]) -> [Float] { items.map(Float.init) }

// MARK: - Sampled protocol

@Test func sampledProtocolOnHandMadeCases() {
  let cases = [
    SampledRankingProtocol.Case(user: 0, heldOut: 2, negatives: [0, 1, 3]),  // 3 above 2: rank 2
    SampledRankingProtocol.Case(user: 1, heldOut: 4, negatives: [0, 1, 2, 3]),  // top: rank 1
  ]
  let result = SampledRankingProtocol(cases: cases).evaluate(cutoffs: 1...3, score: indexScorer)
  #expect(result.userCount == 2)
  #expect(result.hitRate(at: 1) == 0.5)  // (0 + 1) / 2
  #expect(result.hitRate(at: 2) == 1)
  // NDCG@2 = (1/log2(3) + 1/log2(2)) / 2 = (0.630930 + 1) / 2 = 0.815465
  #expect(close(result.ndcg(at: 2), 0.815465, 1e-6))
  #expect(result.ndcg(at: 1) == 0.5)
  // One relevant item: recall = HR, precision = HR / K, AP = 1/rank within K.
  #expect(result.recall(at: 2) == 1 && result.precision(at: 2) == 0.5)
  #expect(result.map(at: 2) == 0.75)  // (1/2 + 1) / 2
  // A constant scorer: ranks 4 and 5, no hit at K <= 3.
  let flat = SampledRankingProtocol(cases: cases).evaluate(cutoffs: 1...3) { _, items in
    [Float](repeating: 1, count: items.count)
  }
  #expect(flat.hitRate(at: 3) == 0)
}

@Test func sampledCandidatesAreNeverInteractedAndFixedBySeed() {
  let ml = MovieLens.synthetic(size: SyntheticSize(users: 50, items: 400, ratings: 2_500), seed: 21)
  let all = ml.interactions()
  let split = RatingSplit.leaveOneOut(ml.ratings, userCount: ml.userCount)
  let a = SampledRankingProtocol(test: split.test, all: all, seed: 5)
  let b = SampledRankingProtocol(test: split.test, all: all, seed: 5)
  #expect(a.cases == b.cases)
  #expect(a.cases.count == ml.userCount)
  for c in a.cases {
    // 99: every user has at least 400 - 180 never-interacted items (at most 45% are rated).
    let free = ml.itemCount - all.degree(ofUser: c.user)
    #expect(c.negatives.count == min(99, free) && Set(c.negatives).count == c.negatives.count)
    #expect(!c.negatives.contains(c.heldOut))
    #expect(c.negatives.allSatisfy { !all.contains(user: c.user, item: $0) })
  }
  // The scorer is called once per case, with 100 items.
  var calls = 0
  _ = a.evaluate { user, items in
    #expect(items.count == a.cases[calls].negatives.count + 1)
    calls += 1
    return indexScorer(user, items)
  }
  #expect(calls == ml.userCount)
}

// MARK: - Full ranking

/// 3 users x 5 items. train: u0 {0, 1}, u1 {2}, u2 {0};  test: u0 {3}, u1 {0, 4}, u2 {}.
let fullTrain = InteractionMatrix(
  userCount: 3, itemCount: 5, pairs: [(0, 0), (0, 1), (1, 2), (2, 0)])
let fullTest = InteractionMatrix(userCount: 3, itemCount: 5, pairs: [(0, 3), (1, 0), (1, 4)])

@Test func fullRankingRemovesTrainingItems() {
  let full = FullRankingProtocol(train: fullTrain, test: fullTest)
  #expect(full.candidates(for: 0) == [2, 3, 4])
  #expect(full.candidates(for: 1) == [0, 1, 3, 4])
}

@Test func fullRankingOnHandMadeRatioSplit() {
  // With the index scorer: u0 ranks 4, 3, 2 -> test item 3 at rank 2.
  // u1 ranks 4, 3, 1, 0 -> test items at ranks 1 and 4 (R = 2). u2 has no test item: skipped.
  let result = FullRankingProtocol(train: fullTrain, test: fullTest).evaluate(
    cutoffs: 1...4, score: indexScorer)
  #expect(result.userCount == 2)
  #expect(result.hitRate(at: 1) == 0.5 && result.hitRate(at: 2) == 1)
  #expect(result.precision(at: 2) == 0.5)  // u0: 1/2, u1: 1/2
  #expect(result.recall(at: 2) == 0.75)  // u0: 1/1, u1: 1/2
  #expect(result.recall(at: 4) == 1)
  // NDCG@2: u0 = (1/log2 3) / 1 = 0.630930; u1 = 1 / (1 + 1/log2 3) = 0.613147; mean 0.622038
  #expect(close(result.ndcg(at: 2), 0.622038, 1e-6))
  // MAP@4: u0 = (1/1)(1/2) = 0.5; u1 = (1/2)(1/1 + 2/4) = 0.75; mean 0.625
  #expect(result.map(at: 4) == 0.625)
}

@Test func fullRankingWithLeaveOneOutScoresEveryUserOnce() {
  let ml = MovieLens.synthetic(size: .small, seed: 22)
  let split = RatingSplit.leaveOneOut(ml.ratings, userCount: ml.userCount)
  let train = InteractionMatrix(
    ratings: split.train, userCount: ml.userCount, itemCount: ml.itemCount)
  let test = InteractionMatrix(
    ratings: split.test, userCount: ml.userCount, itemCount: ml.itemCount)
  var users: [Int] = []
  let result = FullRankingProtocol(train: train, test: test).evaluate(cutoffs: 1...10) {
    user, items in
    users.append(user)
    #expect(items.allSatisfy { !train.contains(user: user, item: $0) })
    return [Float](repeating: 0, count: items.count)  // constant: no credit
  }
  #expect(users == Array(0..<ml.userCount))
  #expect(result.hitRate(at: 10) == 0)
}
