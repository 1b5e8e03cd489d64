/// Scores many items for one user in one call (one batched forward pass):
/// `score(user, items)[k]` is the score of `items[k]`; higher means more recommended. The
/// evaluation protocols take one; an `ItemScorer` is the same thing as a type.
public typealias ScoreFunction = (_ user: Int, _ items: [Int]) throws -> [Float]

/// Mean ranking metrics over the evaluated users, one value per cutoff K.
///
///     let result = try protocol.evaluate(cutoffs: 1...10) { user, items in model.scores(user, items) }
///     print(result.hitRate(at: 10), result.ndcg(at: 10))
public struct RankingResult: Sendable, Equatable, CustomStringConvertible {
  /// The cutoffs K, ascending.
  public var cutoffs: [Int]
  /// Mean HR@K, parallel to `cutoffs`.
  public var hitRates: [Double]
  /// Mean NDCG@K, parallel to `cutoffs`.
  public var ndcgs: [Double]
  /// Mean Precision@K, parallel to `cutoffs`.
  public var precisions: [Double]
  /// Mean Recall@K, parallel to `cutoffs`.
  public var recalls: [Double]
  /// MAP@K (mean of AP@K, normalised by min(K, R)), parallel to `cutoffs`.
  public var maps: [Double]
  /// How many users (or held-out cases, for the sampled protocol) were averaged.
  public var userCount: Int
  /// Each evaluated user's (or case's) 1-based ranks of their relevant items, in evaluation
  /// order: what paired comparisons between two models need (`perUser(_:)`).
  public var userRanks: [[Int]]
  /// Each evaluated user's number of relevant items, parallel to `userRanks`.
  public var userRelevantCounts: [Int]

  /// Zeros for the given cutoffs.
  init(cutoffs: [Int]) {
    self.cutoffs = cutoffs
    hitRates = [Double](repeating: 0, count: cutoffs.count)
    ndcgs = hitRates
    precisions = hitRates
    recalls = hitRates
    maps = hitRates
    userCount = 0
    userRanks = []
    userRelevantCounts = []
  }

  /// Adds one user's ranks (1-based ranks of their R relevant items).
  mutating func accumulate(ranks: [Int], relevantCount: Int) {
    for (c, k) in cutoffs.enumerated() {
      hitRates[c] += Metrics.hitRate(ranks: ranks, k: k)
      ndcgs[c] += Metrics.ndcg(ranks: ranks, relevantCount: relevantCount, k: k)
      precisions[c] += Metrics.precision(ranks: ranks, k: k)
      recalls[c] += Metrics.recall(ranks: ranks, relevantCount: relevantCount, k: k)
      maps[c] += Metrics.averagePrecision(ranks: ranks, relevantCount: relevantCount, k: k)
    }
    userCount += 1
    userRanks.append(ranks)
    userRelevantCounts.append(relevantCount)
  }

  /// Divides the sums by the number of users.
  mutating func finish() {
    guard userCount > 0 else { return }
    let n = Double(userCount)
    for c in cutoffs.indices {
      hitRates[c] /= n
      ndcgs[c] /= n
      precisions[c] /= n
      recalls[c] /= n
      maps[c] /= n
    }
  }

  /// One metric per evaluated user, in evaluation order (the mean of which is the reported
  /// value): `result.perUser { ranks, relevant in Metrics.hitRate(ranks: ranks, k: 10) }`.
  /// Two models evaluated on the same protocol give parallel lists, for a paired test.
  public func perUser(_ metric: (_ ranks: [Int], _ relevantCount: Int) -> Double) -> [Double] {
    zip(userRanks, userRelevantCounts).map { metric($0, $1) }
  }

  private func index(_ k: Int) -> Int {
    guard let c = cutoffs.firstIndex(of: k) else {
      fatalError("RankingResult: K = \(k) was not evaluated (cutoffs: \(cutoffs))")
    }
    return c
  }

  /// Mean HR@K.
  public func hitRate(at k: Int) -> Double { hitRates[index(k)] }
  /// Mean NDCG@K.
  public func ndcg(at k: Int) -> Double { ndcgs[index(k)] }
  /// Mean Precision@K.
  public func precision(at k: Int) -> Double { precisions[index(k)] }
  /// Mean Recall@K.
  public func recall(at k: Int) -> Double { recalls[index(k)] }
  /// MAP@K.
  public func map(at k: Int) -> Double { maps[index(k)] }

  /// One line at the largest K, e.g. `HR@10 0.6543  NDCG@10 0.3912  (943 users)`.
  public var description: String {
    guard let k = cutoffs.last else { return "no cutoffs" }
    func f(_ x: Double) -> String {
      let scaled = Int((x * 10_000).rounded())
      let digits = String(scaled % 10_000)
      return "\(scaled / 10_000)." + String(repeating: "0", count: 4 - digits.count) + digits
    }
    return "HR@\(k) \(f(hitRate(at: k)))  NDCG@\(k) \(f(ndcg(at: k)))  (\(userCount) users)"
  }
}
