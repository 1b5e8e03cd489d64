import Tensors

/// A table of learned vectors, one row per id (a user, an item, a feature value).
///
///     let users = Embedding(943, 8, using: &rng)
///     let p = users([0, 5, 5])   // (3, 8)
///
/// Initialised from N(0, 0.01²) as in NCF (He et al., 2017). Looking up rows is a
/// `gatherRows`; its backward scatter-adds into the looked-up rows only.
/// - Shape: ids (batch) -> (batch, dimension)
public final class Embedding: Layer {
  /// The table, (count, dimension).
  public let table: Tensor

  /// `count` vectors of `dimension` values each.
  public init(
    _ count: Int, _ dimension: Int, standardDeviation: Float = 0.01,
    using rng: inout SeededGenerator
  ) {
    table = Tensor.normal([count, dimension], standardDeviation: standardDeviation, using: &rng)
      .requiringGrad()
  }

  /// The rows of `ids`.
  public func callAsFunction(_ ids: [Int]) -> Tensor { table.gatherRows(ids) }

  /// `table`.
  public var namedParameters: [(String, Tensor)] { [("table", table)] }
}
