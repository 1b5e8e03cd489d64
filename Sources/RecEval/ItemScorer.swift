/// Anything that scores items for a user — every recommender in the book: ItemPop,
/// ItemKNN, matrix factorisation, GMF, MLP, NeuMF, Wide & Deep, the autoencoders. The
/// evaluation protocols rank by these scores, so a table of models is a list of scorers:
///
///     let models: [(String, any ItemScorer)] = [("ItemPop", pop), ("NeuMF", neumf)]
///     for (name, model) in models { print(name, model.evaluate(sampled).hitRate(at: 10)) }
///
/// `scores(user:items:)[k]` is the score of `items[k]`, higher meaning more recommended,
/// computed for all of them in one call (one batched forward pass for a network).
public protocol ItemScorer {
  /// The scores of `items` for `user`, in the order of `items`.
  func scores(user: Int, items: [Int]) -> [Float]
}

extension ItemScorer {
  /// HR@K, NDCG@K, … under the sampled protocol (each held-out item among its sampled
  /// negatives), one call of `scores` per case.
  public func evaluate(_ sampled: SampledRankingProtocol, cutoffs: ClosedRange<Int> = 1...10)
    -> RankingResult
  {
    sampled.evaluate(cutoffs: cutoffs) { user, items in scores(user: user, items: items) }
  }

  /// The same metrics under the full-ranking protocol (every item the user did not train on
  /// is a candidate), one call of `scores` per user.
  public func evaluate(_ full: FullRankingProtocol, cutoffs: ClosedRange<Int> = 1...10)
    -> RankingResult
  {
    full.evaluate(cutoffs: cutoffs) { user, items in scores(user: user, items: items) }
  }
}

/// An `ItemScorer` made of a function: a model scored some other way, or a baseline
/// written in a line.
///
///     let random = Scorer { _, items in items.map { _ in Float.random(in: 0...1) } }
public struct Scorer: ItemScorer {
  /// The scoring function.
  public let body: (_ user: Int, _ items: [Int]) -> [Float]

  /// A scorer that calls `body`.
  public init(_ body: @escaping (_ user: Int, _ items: [Int]) -> [Float]) { self.body = body }

  public func scores(user: Int, items: [Int]) -> [Float] { body(user, items) }
}
