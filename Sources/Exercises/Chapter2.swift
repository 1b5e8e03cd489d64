// Chapter 2's exercises: reference solutions between `// BEGIN SOLUTION` and
// `// END SOLUTION` (a student copy replaces each region with `fatalError("Exercise 2.k")`).
// Graded by Tests/ExercisesTests/Chapter2ExercisesTests.swift:
// `swift test --filter "Exercise 2."`.

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

  // MARK: - Exercise 2.3: NDCG@K from a ranked list

  /// NDCG@K of a ranked list of items (best first) against a set of relevant items, binary
  /// relevance, log base 2, ranks from 1:
  ///
  /// ```
  /// DCG@K  = sum over positions r = 1 ... K with ranked[r-1] relevant of 1 / log2(r + 1)
  /// IDCG@K = sum over r = 1 ... min(K, |relevant|) of 1 / log2(r + 1)
  /// NDCG@K = DCG@K / IDCG@K             (0 when there is nothing relevant)
  /// ```
  public static func ndcg(ranked: [Int], relevant: Set<Int>, k: Int) throws -> Double {
    // BEGIN SOLUTION
    guard !relevant.isEmpty else { return 0 }
    var dcg = 0.0
    for (position, item) in ranked.prefix(k).enumerated() where relevant.contains(item) {
      dcg += 1 / log2(Double(position + 1) + 1)
    }
    var ideal = 0.0
    for r in 1...min(k, relevant.count) { ideal += 1 / log2(Double(r) + 1) }
    return dcg / ideal
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

  // MARK: - Exercise 2.5: leave-one-out with a stated tie rule

  /// The index (into `ratings`) of the rating leave-one-out holds out for `user`: the latest
  /// timestamp, and among ratings tied at that second the one with the HIGHEST item index
  /// (`TieRule.highestItemID`). Nil when the user has fewer than two ratings.
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
      if r.timestamp > current.timestamp
        || (r.timestamp == current.timestamp && r.item > current.item)
      {
        best = index
      }
    }
    return count >= 2 ? best : nil
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 2.5")
  }
}
