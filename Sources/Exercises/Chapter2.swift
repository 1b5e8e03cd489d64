// Chapter 2's exercises: reference solutions between `// BEGIN SOLUTION` and
// `// END SOLUTION` (a student copy replaces each region with its `// STUB:` statement, which
// throws `NotAttempted`). Graded by Tests/ExercisesTests/Chapter2ExercisesTests.swift:
// `make exercise E=2.3` grades one, `make grade` all.

import RecData

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Chapter 2's exercises.
public enum Chapter2Exercises {
  // MARK: - Exercise 2.1: Jaccard similarity of two item sets

  /// The Jaccard similarity of two users given their items as ascending, duplicate-free lists:
  ///
  /// ```
  /// J(a, b) = |a ∩ b| / |a ∪ b|        (0 when both lists are empty)
  /// ```
  ///
  /// Walk both lists at once (they are sorted): O(|a| + |b|), no sets needed.
  public static func jaccard(_ a: [Int], _ b: [Int]) throws -> Double {
    // BEGIN SOLUTION
    var i = 0
    var j = 0
    var shared = 0
    while i < a.count && j < b.count {
      if a[i] == b[j] {
        shared += 1
        i += 1
        j += 1
      } else if a[i] < b[j] {
        i += 1
      } else {
        j += 1
      }
    }
    let union = a.count + b.count - shared
    return union == 0 ? 0 : Double(shared) / Double(union)
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 2.1")
  }

  // MARK: - Exercise 2.2: user-based nearest neighbours

  /// User-based kNN scores: the `neighbours` users most similar to `user` (Jaccard, the user
  /// itself excluded, ties broken by the lower user index) vote for the items they have,
  /// each with its similarity:
  ///
  /// ```
  /// score(u, i) = sum over v in N_k(u) of J(u, v) * y(v, i)
  /// ```
  ///
  /// - Shape: items (n) -> scores (n)
  public static func userKNNScores(
    train: InteractionMatrix, user: Int, items: [Int], neighbours: Int
  ) throws -> [Float] {
    // BEGIN SOLUTION
    let others = (0..<train.userCount).filter { $0 != user }
    let similarity = others.map { train.jaccard(user: user, $0) }
    let order = others.indices.sorted {
      similarity[$0] != similarity[$1] ? similarity[$0] > similarity[$1] : others[$0] < others[$1]
    }
    var scores = [Float](repeating: 0, count: items.count)
    for index in order.prefix(neighbours) {
      let v = others[index]
      for (k, item) in items.enumerated() where train.contains(user: v, item: item) {
        scores[k] += Float(similarity[index])
      }
    }
    return scores
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 2.2")
  }

  // MARK: - Exercise 2.3: NDCG@K with graded relevance

  /// NDCG@K of a ranked list of items (best first) with graded relevance: `gains[item]` is
  /// how relevant an item is (a rating above 3, say); an item missing from `gains` has gain
  /// 0. Exponential gain, log base 2, ranks from 1 (Järvelin & Kekäläinen, 2002; Burges et
  /// al., 2005):
  ///
  /// ```
  /// DCG@K  = sum over positions r = 1 ... K of (2^gain(ranked[r-1]) - 1) / log2(r + 1)
  /// IDCG@K = the same sum over the K largest gains, sorted from largest to smallest
  /// NDCG@K = DCG@K / IDCG@K             (0 when IDCG@K is 0: nothing is relevant)
  /// ```
  ///
  /// With every gain 1 it is the binary NDCG of the text (`Metrics.ndcg(ranks:…)`).
  public static func ndcg(ranked: [Int], gains: [Int: Double], k: Int) throws -> Double {
    // BEGIN SOLUTION
    func discounted(_ gain: Double, atPosition r: Int) -> Double {  // r counts from 1
      (pow(2, gain) - 1) / log2(Double(r) + 1)
    }
    var dcg = 0.0
    for (index, item) in ranked.prefix(k).enumerated() {
      dcg += discounted(gains[item] ?? 0, atPosition: index + 1)
    }
    var ideal = 0.0
    for (index, gain) in gains.values.sorted(by: >).prefix(k).enumerated() {
      ideal += discounted(gain, atPosition: index + 1)
    }
    return ideal > 0 ? dcg / ideal : 0
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 2.3")
  }

  // MARK: - Exercise 2.4: what the sampled protocol sees of a full rank

  /// The probability that the sampled protocol counts a hit at K for a held-out item whose
  /// full rank is `fullRank` among `candidateCount` candidates (so `fullRank - 1` of the
  /// other `candidateCount - 1` items score above it), when `negatives` of those others are
  /// drawn uniformly without replacement. It is a hit when fewer than K of the items above
  /// are drawn (hypergeometric):
  ///
  /// ```
  /// a = fullRank - 1,  b = candidateCount - fullRank   (items above, items below)
  /// P(hit@K) = sum over j = 0 ... K-1 of C(a, j) C(b, n - j) / C(a + b, n)
  /// ```
  ///
  /// (Krichene & Rendle, 2020: a sampled metric estimates this expectation, not the full metric.)
  public static func sampledHitProbability(
    fullRank: Int, candidateCount: Int, negatives: Int, k: Int
  ) throws -> Double {
    // BEGIN SOLUTION
    let above = fullRank - 1
    let below = candidateCount - fullRank
    func logChoose(_ m: Int, _ r: Int) -> Double {
      guard r >= 0 && r <= m else { return -.infinity }
      return lgamma(Double(m) + 1) - lgamma(Double(r) + 1) - lgamma(Double(m - r) + 1)
    }
    let total = logChoose(above + below, negatives)
    var p = 0.0
    for j in 0..<k {
      let term = logChoose(above, j) + logChoose(below, negatives - j) - total
      if term.isFinite { p += exp(term) }
    }
    return min(p, 1)
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 2.4")
  }

  // MARK: - Exercise 2.5: leave-one-out with a tie rule of your own

  /// The index (into `ratings`) of the rating leave-one-out holds out for `user` under a tie
  /// rule that `RatingSplit` does not have: the latest timestamp; among ratings tied at that
  /// second, the one with the HIGHEST rating (the held-out item is then the clearest
  /// positive); among those, the LOWEST item index. Nil when the user has fewer than two
  /// ratings.
  ///
  /// ```
  /// held out = the rating that is largest by (timestamp, rating, -item)
  /// ```
  public static func heldOutIndex(_ ratings: [Rating], user: Int) throws -> Int? {
    // BEGIN SOLUTION
    var best: Int? = nil
    var count = 0
    for (index, r) in ratings.enumerated() where r.user == user {
      count += 1
      guard let b = best else {
        best = index
        continue
      }
      let current = ratings[b]
      if (r.timestamp, r.rating, -r.item) > (current.timestamp, current.rating, -current.item) {
        best = index
      }
    }
    return count >= 2 ? best : nil
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 2.5")
  }
}
