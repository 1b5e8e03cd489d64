import RecData
import RecEval
import Tensors

/// Item-based k-nearest-neighbours on implicit feedback: items are similar when the same
/// users interacted with both (cosine of their columns), and a user's score for an item is
/// the summed similarity of that item to the items the user has.
///
///     let knn = ItemKNN(train: trainMatrix, neighbours: 50)
///     let result = full.evaluate { user, items in knn.scores(user: user, items: items) }
///
/// ```
/// sim(i, j) = |U(i) ∩ U(j)| / sqrt(|U(i)| |U(j)|)      (0 when i == j or either column is empty)
/// score(u, i) = sum over j in I(u) of sim_k(i, j)
/// ```
///
/// where U(i) are the training users of item i, I(u) the training items of user u, and
/// sim_k keeps, for each item i, only its k most similar items (all of them when
/// `neighbours` is nil; ties at the k-th place broken by the lower item index).
///
/// The similarity matrix is dense, itemCount x itemCount Floats (11 MB for MovieLens-100K).
/// Introduced in Chapter 2.
public struct ItemKNN: ItemScorer, Sendable {
  /// Number of items.
  public let itemCount: Int
  /// The number of neighbours kept per item, or nil for all.
  public let neighbours: Int?
  /// Row-major item x item similarities (after keeping the top-k per row).
  public let similarity: [Float]
  /// The training interactions (for the users' items).
  public let train: InteractionMatrix

  /// Computes the cosine similarities from the training matrix, keeping `neighbours` per item.
  public init(train: InteractionMatrix, neighbours: Int? = nil) {
    ensure(neighbours.map { $0 > 0 } ?? true, "ItemKNN: neighbours must be > 0")
    self.train = train
    self.neighbours = neighbours
    let n = train.itemCount
    itemCount = n
    // Co-occurrence counts: every pair of items in a user's row shares that user.
    var counts = [Float](repeating: 0, count: n * n)
    for u in 0..<train.userCount {
      let row = train.items(of: u)
      for i in row {
        for j in row where j != i { counts[i * n + j] += 1 }
      }
    }
    for i in 0..<n {
      let di = Float(train.degree(ofItem: i))
      for j in 0..<n where counts[i * n + j] > 0 {
        counts[i * n + j] /= (di * Float(train.degree(ofItem: j))).squareRoot()
      }
    }
    if let k = neighbours, k < n - 1 {
      for i in 0..<n {
        // A copy of the row, not a slice: a live slice would make `replaceSubrange` copy
        // the whole n x n matrix on every row.
        let row = Array(counts[(i * n)..<(i * n + n)])
        let keep = row.indices.sorted { row[$0] != row[$1] ? row[$0] > row[$1] : $0 < $1 }.prefix(k)
        var kept = [Float](repeating: 0, count: n)
        for index in keep { kept[index] = row[index] }
        counts.replaceSubrange((i * n)..<(i * n + n), with: kept)
      }
    }
    similarity = counts
  }

  /// sim_k(i, j) as stored.
  public func similarity(_ i: Int, _ j: Int) -> Float { similarity[i * itemCount + j] }

  /// The scores of `items` for `user`: each item's summed similarity to the user's training items.
  ///
  /// - Shape: items (n) -> scores (n)
  public func scores(user: Int, items: [Int]) -> [Float] {
    let history = train.items(of: user)
    return items.map { i in
      var s: Float = 0
      for j in history { s += similarity[i * itemCount + j] }
      return s
    }
  }
}
