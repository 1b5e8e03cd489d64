import RecData
import RecEval

/// The popularity baseline: recommend what most users interacted with in training, the same
/// list for everyone.
///
///     let pop = ItemPop(train: trainMatrix)
///     let result = sampled.evaluate { user, items in pop.scores(user: user, items: items) }
///
/// ```
/// score(u, i) = |{ v : (v, i) in train }|      (the item's training popularity; u is ignored)
/// ```
/// Introduced in Chapter 2.
public struct ItemPop: ItemScorer, Sendable {
  /// Training interactions per item.
  public let popularity: [Int]

  /// Counts each item's training interactions.
  public init(train: InteractionMatrix) {
    popularity = (0..<train.itemCount).map { train.degree(ofItem: $0) }
  }

  /// The scores of `items` for `user` (the user is ignored), ready for the evaluators.
  ///
  /// - Shape: items (n) -> scores (n)
  public func scores(user: Int, items: [Int]) -> [Float] {
    items.map { Float(popularity[$0]) }
  }
}
