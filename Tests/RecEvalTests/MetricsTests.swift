import Testing

@testable import RecEval

func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance }

// MARK: - Ranks and the tie rule

@Test func tiedNegativeIsRankedAheadOfThePositive() {
  // Positive 0.9; negatives 0.95 (above) and 0.9 (tied, so ahead): rank = 1 + 2 = 3.
  #expect(Metrics.rank(ofPositive: 0.9, amongNegatives: [0.95, 0.2, 0.9]) == 3)
  #expect(Metrics.rank(ofPositive: 0.96, amongNegatives: [0.95, 0.2, 0.9]) == 1)
}

@Test func constantScorerGetsNoCredit() {
  // All 100 candidates tie: the held-out item is ranked behind all 99 negatives.
  let rank = Metrics.rank(ofPositive: 0.5, amongNegatives: [Float](repeating: 0.5, count: 99))
  #expect(rank == 100)
  #expect(Metrics.hitRate(rank: rank, k: 10) == 0 && Metrics.ndcg(rank: rank, k: 10) == 0)
}

@Test func nanScoreCountsAsLowest() {
  // A NaN positive ties with -infinity and falls behind everything: rank 3 of 3.
  #expect(Metrics.rank(ofPositive: .nan, amongNegatives: [-.infinity, 0]) == 3)
  // A NaN negative is below a positive scored 0.
  #expect(Metrics.rank(ofPositive: 0, amongNegatives: [.nan, .nan]) == 1)
}

@Test func relevantRanksFollowThePessimisticSort() {
  // scores  0.5  0.9  0.5  0.1  0.7
  // relevant T    F    F    T    T
  // Sorted, a tied non-relevant ahead: 0.9(F) 0.7(T) 0.5(F) 0.5(T) 0.1(T) -> ranks 2, 4, 5.
  let ranks = Metrics.relevantRanks(
    scores: [0.5, 0.9, 0.5, 0.1, 0.7], isRelevant: [true, false, false, true, true])
  #expect(ranks == [2, 4, 5])
  // Two relevant items tied with each other take consecutive ranks.
  #expect(Metrics.relevantRanks(scores: [1, 1, 2], isRelevant: [true, true, false]) == [2, 3])
}

// MARK: - Metrics at K, one held-out item

@Test func hitRateAndNDCGOfOneItemAtRankThree() {
  #expect(Metrics.hitRate(rank: 3, k: 2) == 0)
  #expect(Metrics.hitRate(rank: 3, k: 3) == 1)
  // 1 / log2(3 + 1) = 1 / 2
  #expect(Metrics.ndcg(rank: 3, k: 3) == 0.5)
  #expect(Metrics.ndcg(rank: 1, k: 1) == 1)
  #expect(Metrics.ndcg(rank: 3, k: 2) == 0)
}

// MARK: - Metrics at K, several relevant items (ranks 2, 4, 5 of R = 3)

@Test func precisionAndRecallCountHitsInTopK() {
  let ranks = [2, 4, 5]
  #expect(Metrics.precision(ranks: ranks, k: 5) == 0.6)  // 3 hits / 5
  #expect(Metrics.precision(ranks: ranks, k: 4) == 0.5)  // 2 hits / 4
  #expect(close(Metrics.recall(ranks: ranks, relevantCount: 3, k: 4), 2.0 / 3.0))  // 2 of 3
  #expect(Metrics.hitRate(ranks: ranks, k: 1) == 0 && Metrics.hitRate(ranks: ranks, k: 2) == 1)
}

@Test func ndcgWithThreeRelevantItemsMatchesHandSum() {
  // DCG@5  = 1/log2(3) + 1/log2(5) + 1/log2(6) = 0.630930 + 0.430677 + 0.386853 = 1.448460
  // IDCG@5 = 1/log2(2) + 1/log2(3) + 1/log2(4) = 1 + 0.630930 + 0.5            = 2.130930
  // NDCG@5 = 1.448460 / 2.130930 = 0.679731
  #expect(close(Metrics.ndcg(ranks: [2, 4, 5], relevantCount: 3, k: 5), 0.679731, 1e-6))
  // At K = 2 only rank 2 counts; IDCG@2 = 1 + 0.630930: 0.630930 / 1.630930 = 0.386853
  #expect(close(Metrics.ndcg(ranks: [2, 4, 5], relevantCount: 3, k: 2), 0.386853, 1e-6))
}

@Test func averagePrecisionIsNormalisedByMinOfKAndR() {
  // AP@5 = (1/min(5,3)) (1/2 + 2/4 + 3/5) = 1.6 / 3
  #expect(close(Metrics.averagePrecision(ranks: [2, 4, 5], relevantCount: 3, k: 5), 1.6 / 3))
  // AP@4 = (1/3) (1/2 + 2/4) = 1/3
  #expect(close(Metrics.averagePrecision(ranks: [2, 4, 5], relevantCount: 3, k: 4), 1.0 / 3))
  // AP@2 = (1/min(2,3)) (1/2) = 1/4
  #expect(Metrics.averagePrecision(ranks: [2, 4, 5], relevantCount: 3, k: 2) == 0.25)
  // A perfect list scores 1 even when R > K: ranks 1, 2 with R = 5, K = 2 -> (1/2)(1 + 1).
  #expect(Metrics.averagePrecision(ranks: [1, 2], relevantCount: 5, k: 2) == 1)
}

// MARK: - Pointwise metrics

@Test func aucCountsTiesAsHalf() {
  // Positives {0.9, 0.8}, negatives {0.8, 0.3}: pairs 0.9>0.8, 0.9>0.3, 0.8=0.8 (1/2), 0.8>0.3.
  // AUC = (1 + 1 + 0.5 + 1) / 4 = 0.875
  #expect(Metrics.auc(scores: [0.9, 0.8, 0.8, 0.3], labels: [true, true, false, false]) == 0.875)
  #expect(Metrics.auc(scores: [1, 1, 1, 1], labels: [true, false, true, false]) == 0.5)
  #expect(Metrics.auc(scores: [0.1, 0.2, 0.3], labels: [false, false, true]) == 1)
  #expect(Metrics.auc(scores: [0.1, 0.2], labels: [true, true]).isNaN)
}

@Test func logLossMatchesHandComputation() {
  // -(ln 0.8 + ln(1 - 0.4)) / 2 = (0.223144 + 0.510826) / 2 = 0.366985
  #expect(close(Metrics.logLoss(probabilities: [0.8, 0.4], labels: [1, 0]), 0.366985, 1e-6))
  // p = 0 for a positive is clamped to 1e-7, not infinite: -ln(1e-7) = 16.118096
  #expect(close(Metrics.logLoss(probabilities: [0], labels: [1]), 16.118096, 1e-5))
}

@Test func rmseAndMAEOfThreePredictions() {
  // errors -1, 0, 2: RMSE = sqrt((1 + 0 + 4) / 3) = sqrt(5/3) = 1.290994; MAE = 3 / 3 = 1
  #expect(close(Metrics.rmse(predictions: [3, 4, 5], targets: [4, 4, 3]), (5.0 / 3).squareRoot()))
  #expect(Metrics.mae(predictions: [3, 4, 5], targets: [4, 4, 3]) == 1)
}
