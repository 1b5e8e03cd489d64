import Tensors

/// The evaluation metrics, each a small function with its formula.
///
///     let rank = Metrics.rank(ofPositive: 0.9, amongNegatives: [0.95, 0.2, 0.9])   // 3
///     Metrics.ndcg(rank: rank, k: 10)                                           // 1/log2(4) = 0.5
///
/// Ranking metrics are computed from the 1-based ranks of the relevant items in the
/// ranked candidate list.
///
/// Ties (the rule every ranking function here follows): an item whose score equals a
/// relevant item's score is ranked AHEAD of it (pessimistic). So a constant scorer puts every
/// held-out item last and gets no credit, and a model cannot gain from ties. A NaN score
/// counts as -infinity (the lowest). Among relevant items with equal scores, the one that
/// comes first in the candidate list is ranked first (which of them it is never changes a metric).
public enum Metrics {}

// MARK: - Ranks

extension Metrics {
  /// The 1-based rank of one relevant item among negatives, pessimistic on ties:
  ///
  /// ```
  /// rank = 1 + #{ j : score_j >= score_positive }
  /// ```
  public static func rank(ofPositive score: Float, amongNegatives negatives: [Float]) -> Int {
    let s = orderable(score)
    var ahead = 0
    for n in negatives where orderable(n) >= s { ahead += 1 }
    return 1 + ahead
  }

  /// The 1-based ranks, ascending, of the relevant candidates when all candidates are sorted by
  /// score descending, with the pessimistic tie rule.
  ///
  /// ```
  /// rank of the j-th relevant item (relevant items by score desc, j from 0)
  ///   = j + 1 + #{ non-relevant c : score_c >= its score }
  /// ```
  ///
  /// - Shape: scores (n), isRelevant (n) -> ranks (number of relevant)
  public static func relevantRanks(scores: [Float], isRelevant: [Bool]) -> [Int] {
    ensure(
      scores.count == isRelevant.count,
      "Metrics.relevantRanks: \(scores.count) scores but \(isRelevant.count) flags")
    var others: [Float] = []
    var relevant: [(score: Float, index: Int)] = []
    others.reserveCapacity(scores.count)
    for (i, score) in scores.enumerated() {
      if isRelevant[i] {
        relevant.append((orderable(score), i))
      } else {
        others.append(orderable(score))
      }
    }
    others.sort(by: >)
    relevant.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
    return relevant.enumerated().map { j, r in
      // Count of non-relevant scores >= r.score: the first position whose score is below it.
      var low = 0
      var high = others.count
      while low < high {
        let mid = (low + high) / 2
        if others[mid] >= r.score { low = mid + 1 } else { high = mid }
      }
      return j + 1 + low
    }
  }

  /// NaN becomes -infinity, so it sorts last and ties with -infinity.
  @inline(__always)
  static func orderable(_ x: Float) -> Float { x.isNaN ? -Float.infinity : x }
}

// MARK: - Metrics at a cutoff K

extension Metrics {
  /// Hit ratio at K for one held-out item: 1 if it is in the top K.
  ///
  /// ```
  /// HR@K = 1 if rank <= K else 0
  /// ```
  public static func hitRate(rank: Int, k: Int) -> Double { rank <= k ? 1 : 0 }

  /// NDCG at K for one held-out item (log base 2, ranks from 1; the ideal DCG is 1):
  ///
  /// ```
  /// NDCG@K = 1 / Elementary.log2(rank + 1)  if rank <= K,  else 0
  /// ```
  public static func ndcg(rank: Int, k: Int) -> Double {
    rank <= k ? 1 / Elementary.log2(Double(rank) + 1) : 0
  }

  /// Hit ratio at K with several relevant items: 1 if any is in the top K.
  ///
  /// ```
  /// HR@K = 1 if min(ranks) <= K else 0
  /// ```
  public static func hitRate(ranks: [Int], k: Int) -> Double {
    ranks.contains { $0 <= k } ? 1 : 0
  }

  /// NDCG at K with R relevant items (binary relevance, log base 2):
  ///
  /// ```
  /// DCG@K  = sum over relevant ranks r <= K of 1 / Elementary.log2(r + 1)
  /// IDCG@K = sum for i = 1 ... min(K, R) of 1 / Elementary.log2(i + 1)
  /// NDCG@K = DCG@K / IDCG@K
  /// ```
  public static func ndcg(ranks: [Int], relevantCount: Int, k: Int) -> Double {
    guard relevantCount > 0 else { return 0 }
    var dcg = 0.0
    for r in ranks where r <= k { dcg += 1 / Elementary.log2(Double(r) + 1) }
    var ideal = 0.0
    for i in 1...min(k, relevantCount) { ideal += 1 / Elementary.log2(Double(i) + 1) }
    return dcg / ideal
  }

  /// Precision at K: the share of the top K that is relevant.
  ///
  /// ```
  /// P@K = #{ relevant ranks <= K } / K
  /// ```
  public static func precision(ranks: [Int], k: Int) -> Double {
    Double(ranks.filter { $0 <= k }.count) / Double(k)
  }

  /// Recall at K: the share of the R relevant items found in the top K.
  ///
  /// ```
  /// R@K = #{ relevant ranks <= K } / R
  /// ```
  public static func recall(ranks: [Int], relevantCount: Int, k: Int) -> Double {
    guard relevantCount > 0 else { return 0 }
    return Double(ranks.filter { $0 <= k }.count) / Double(relevantCount)
  }

  /// Average precision at K, normalised by min(K, R) (so a perfect list scores 1 even when
  /// R > K):
  ///
  /// ```
  /// AP@K = 1 / min(K, R) * sum over relevant ranks r <= K of P@r
  ///      = 1 / min(K, R) * sum over j = 1, 2, ... with r_j <= K of  j / r_j   (r_1 < r_2 < ... ascending)
  /// ```
  ///
  /// MAP@K is its mean over users.
  public static func averagePrecision(ranks: [Int], relevantCount: Int, k: Int) -> Double {
    guard relevantCount > 0 else { return 0 }
    var sum = 0.0
    for (j, r) in ranks.sorted().enumerated() where r <= k { sum += Double(j + 1) / Double(r) }
    return sum / Double(min(k, relevantCount))
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif
