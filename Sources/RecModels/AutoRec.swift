import NN
import RecData
import RecEval
import Tensors

// MARK: - Rating rows

/// Explicit ratings laid out as a dense matrix with a 0/1 mask of the observed entries: the
/// input of AutoRec. With `.items` each row is an item and its columns are users (I-AutoRec);
/// with `.users` each row is a user and its columns are items (U-AutoRec).
///
///     let rows = RatingRows(ratings: split.train, userCount: 943, itemCount: 1682, by: .items)
///     let (r, mask) = rows.batch([0, 1, 2])     // (3, 943) ratings, (3, 943) mask
///
/// ```
/// values[row, column] = r(u, i) if observed, else 0      mask[row, column] = 1 if observed, else 0
/// ```
/// Introduced in Chapter 5.
public struct RatingRows: Sendable {
  /// Which entity a row is.
  public enum Orientation: String, Sendable {
    /// One row per item, one column per user (I-AutoRec).
    case items
    /// One row per user, one column per item (U-AutoRec).
    case users
  }

  /// Which entity a row is.
  public let orientation: Orientation
  /// Number of rows (items for `.items`, users for `.users`).
  public let rowCount: Int
  /// Number of columns.
  public let columnCount: Int
  /// The ratings, row-major, 0 where unobserved.
  public let values: [Float]
  /// 1 where a rating is observed, row-major.
  public let mask: [Float]
  /// Observed ratings per row.
  public let rowCounts: [Int]
  /// Observed ratings per column.
  public let columnCounts: [Int]

  /// Lays `ratings` out by `orientation`. A repeated (user, item) keeps the last rating.
  public init(ratings: [Rating], userCount: Int, itemCount: Int, by orientation: Orientation) {
    self.orientation = orientation
    (rowCount, columnCount) =
      orientation == .items ? (itemCount, userCount) : (userCount, itemCount)
    var values = [Float](repeating: 0, count: rowCount * columnCount)
    var mask = values
    for r in ratings {
      let (row, column) = orientation == .items ? (r.item, r.user) : (r.user, r.item)
      ensure(
        row < rowCount && column < columnCount,
        "RatingRows: rating (user \(r.user), item \(r.item)) outside \(userCount) users x \(itemCount) items"
      )
      values[row * columnCount + column] = Float(r.rating)
      mask[row * columnCount + column] = 1
    }
    var rowCounts = [Int](repeating: 0, count: rowCount)
    var columnCounts = [Int](repeating: 0, count: columnCount)
    for row in 0..<rowCount {
      for column in 0..<columnCount where mask[row * columnCount + column] != 0 {
        rowCounts[row] += 1
        columnCounts[column] += 1
      }
    }
    self.values = values
    self.mask = mask
    self.rowCounts = rowCounts
    self.columnCounts = columnCounts
  }

  /// The (row, column) of a user–item pair in this layout.
  public func position(user: Int, item: Int) -> (row: Int, column: Int) {
    orientation == .items ? (item, user) : (user, item)
  }

  /// The rows `rows` as two tensors: ratings and mask.
  /// - Shape: rows (batch) -> (batch, columnCount), (batch, columnCount)
  public func batch(_ rows: [Int]) -> (ratings: Tensor, mask: Tensor) {
    let n = columnCount
    func gather(_ source: [Float]) -> Tensor {
      Tensor(shape: [rows.count, n]) { out in
        source.withUnsafeBufferPointer { src in
          for (k, row) in rows.enumerated() {
            (out.baseAddress! + k * n).update(from: src.baseAddress! + row * n, count: n)
          }
        }
      }
    }
    return (gather(values), gather(mask))
  }
}

// MARK: - AutoRec

/// AutoRec (Sedhain et al., 2015): an autoencoder that reads one row of the rating matrix
/// (an item's ratings from every user, for I-AutoRec) and reconstructs it; the reconstruction
/// at an unobserved entry is the predicted rating.
///
///     let model = AutoRec(inputSize: 943, hiddenSize: 500, using: &rng)
///     let reconstruction = model(ratings)     // (batch, 943) -> (batch, 943)
///
/// ```
/// h(r) = f(r V + b)          encoder, f = sigmoid, V: (n, k)
/// r^   = g(h(r) W + c)       decoder, g = identity, W: (k, n)
/// loss = sum over observed (r - r^)^2 / |observed| + (lambda/2) ||theta||^2
/// ```
/// - Shape: (batch, n) -> (batch, n)
/// Introduced in Chapter 5.
public final class AutoRec: Layer {
  /// The encoder, n -> k.
  public let encoder: Linear
  /// The decoder, k -> n.
  public let decoder: Linear

  /// An AutoRec over rows of length `inputSize` with a code of `hiddenSize`.
  public init(inputSize: Int, hiddenSize: Int, using rng: inout SeededGenerator) {
    encoder = Linear(inputSize, hiddenSize, using: &rng)
    decoder = Linear(hiddenSize, inputSize, using: &rng)
  }

  /// The reconstruction of each row: `decoder(sigmoid(encoder(r)))`.
  public func callAsFunction(_ ratings: Tensor) -> Tensor {
    decoder(encoder(ratings).sigmoid())
  }

  /// The encoder's, then the decoder's parameters.
  public var namedParameters: [(String, Tensor)] {
    encoder.namedParameters(prefixedBy: "encoder") + decoder.namedParameters(prefixedBy: "decoder")
  }
}

// MARK: - Training and prediction

extension AutoRec {
  /// The training objective of one batch: the squared error on the observed entries only
  /// (an unobserved 0 is not a rating), plus an L2 penalty on the two weight matrices
  /// (not the biases, which carry the mean rating).
  public func loss(ratings: Tensor, mask: Tensor, l2: Float) -> Tensor {
    let error = maskedMeanSquaredError(self(ratings), ratings, mask: mask)
    guard l2 > 0 else { return error }
    let (v, w) = (encoder.weight, decoder.weight)
    return error + (l2 / 2) * ((v * v).sum() + (w * w).sum())
  }

  /// One pass over every row with at least one rating, in shuffled mini-batches. Returns the
  /// mean batch loss; `progress` is called after each step with the batch's loss.
  public func trainEpoch(
    on rows: RatingRows, optimizer: Optimizer, batchSize: Int, l2: Float,
    using rng: inout SeededGenerator, progress: ((Double) -> Void)? = nil
  ) -> Double {
    let batches = epochBatches(rows, batchSize: batchSize, using: &rng)
    return fit(
      epochs: 1, optimizers: [optimizer], batches: { _ in batches },
      loss: { self.loss(rows, batch: $0, l2: l2) },
      onEvent: { event in
        if case .batch(_, _, _, let loss, _) = event { progress?(Double(loss)) }
      }
    )[0].loss.zeroIfNaN
  }

  /// One epoch's mini-batches: the rows that have at least one rating, shuffled, cut into
  /// batches of `batchSize` row numbers.
  public func epochBatches(_ rows: RatingRows, batchSize: Int, using rng: inout SeededGenerator)
    -> [[Int]]
  {
    var order = (0..<rows.rowCount).filter { rows.rowCounts[$0] > 0 }
    rng.shuffle(&order)
    return miniBatches(order, size: batchSize)
  }

  /// The masked loss of the rows `batch` (with the L2 penalty `l2`), with its graph.
  public func loss(_ rows: RatingRows, batch: [Int], l2: Float) -> Tensor {
    let (ratings, mask) = rows.batch(batch)
    return loss(ratings: ratings, mask: mask, l2: l2)
  }

  /// Every row's reconstruction, row-major (rows.rowCount x rows.columnCount), computed in
  /// batches in evaluation mode.
  public func reconstructAll(_ rows: RatingRows, batchSize: Int = 512) -> [Float] {
    var out: [Float] = []
    out.reserveCapacity(rows.rowCount * rows.columnCount)
    evaluating {
      for start in stride(from: 0, to: rows.rowCount, by: batchSize) {
        let (ratings, _) = rows.batch(Array(start..<min(start + batchSize, rows.rowCount)))
        out += self(ratings).scalars
      }
    }
    return out
  }

  /// Predicted ratings for user–item pairs, read from the reconstruction of the training
  /// rows and clipped to `range`. A pair whose row or column had no training rating gets
  /// `defaultRating` (the paper's rule for cold users and items: 3).
  public func predict(
    _ pairs: [Rating], from rows: RatingRows, range: ClosedRange<Float> = 1...5,
    defaultRating: Float = 3
  ) -> [Float] {
    let reconstruction = reconstructAll(rows)
    return pairs.map { r in
      let (row, column) = rows.position(user: r.user, item: r.item)
      guard rows.rowCounts[row] > 0 && rows.columnCounts[column] > 0 else { return defaultRating }
      return min(
        max(reconstruction[row * rows.columnCount + column], range.lowerBound), range.upperBound)
    }
  }

  /// Test RMSE of the clipped predictions.
  public func rmse(on test: [Rating], from rows: RatingRows) -> Double {
    Metrics.rmse(predictions: predict(test, from: rows), targets: test.map { Float($0.rating) })
  }
}
