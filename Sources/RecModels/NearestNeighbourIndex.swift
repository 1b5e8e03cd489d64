import CHNSW
import Tensors

/// An approximate nearest-neighbour index by inner product: hnswlib's hierarchical navigable
/// small-world graph (Malkov & Yashunin, 2018), through the C shim `CHNSW`. Introduced in
/// Chapter 6.
///
///     let index = try HNSWIndex(vectors: itemVectors, dimension: 32, seed: 1)
///     index.ef = 40
///     let best = index.search(userVector, k: 10)   // (labels, scores), best first
///
/// Every point gets a level of the hierarchy drawn as in the paper, but with the engine's
/// generator and logarithm, so that the graph, and every search result, is the same on every
/// machine:
///
/// ```
/// level = floor(-ln(u) * mL),   u uniform in (0, 1],   mL = 1 / ln(M)
/// ```
public final class HNSWIndex {
  /// The vectors' width.
  public let dimension: Int
  /// Points in the index.
  public let count: Int
  /// Links per node (2 M on the bottom layer).
  public let m: Int
  /// Each point's level.
  public let levels: [Int]
  private let index: OpaquePointer

  /// The candidate list's size while searching (hnswlib's `ef`): larger is slower and finds
  /// more of the true neighbours.
  public var ef: Int = 10 {
    didSet { chnsw_set_ef(index, Int32(ef)) }
  }

  /// Builds the index over `vectors` (row-major, `count` rows of `dimension`), inserting
  /// points 0, 1, ... in order on this thread; point i's label is i.
  /// - Throws: `IndexError` when hnswlib refuses (out of memory, bad sizes).
  public init(
    vectors: [Float], dimension: Int, m: Int = 16, efConstruction: Int = 100, seed: UInt64
  ) throws {
    guard dimension > 0, vectors.count % dimension == 0, m >= 2 else {
      throw IndexError("HNSWIndex: \(vectors.count) values are not rows of \(dimension)")
    }
    self.dimension = dimension
    self.m = m
    count = vectors.count / dimension
    guard
      let index = chnsw_create(
        Int32(dimension), Int32(max(count, 1)), Int32(m), Int32(efConstruction))
    else { throw IndexError("HNSWIndex: hnswlib could not create an index of \(count) points") }
    self.index = index
    var rng = SeededGenerator(seed: seed)
    let mL = 1 / Elementary.log(Double(m))
    var levels: [Int] = []
    for _ in 0..<count {
      let u = 1 - rng.nextDouble()  // in (0, 1]
      levels.append(Int((-Elementary.log(u) * mL).rounded(.down)))
    }
    self.levels = levels
    try vectors.withUnsafeBufferPointer { v in
      for i in 0..<count {
        guard chnsw_add(index, v.baseAddress! + i * dimension, Int32(i), Int32(levels[i])) == 0
        else {
          // Every stored property is set: deinit frees the index.
          throw IndexError("HNSWIndex: hnswlib could not insert point \(i)")
        }
      }
    }
    chnsw_set_ef(index, Int32(ef))
  }

  deinit { chnsw_free(index) }

  /// The `k` points with the largest inner product with `query` that the search finds, best
  /// first, with their inner products.
  public func search(_ query: UnsafePointer<Float>, k: Int) -> (labels: [Int], scores: [Float]) {
    var labels = [Int32](repeating: -1, count: k)
    var scores = [Float](repeating: 0, count: k)
    let found = Int(chnsw_search(index, query, Int32(k), &labels, &scores))
    let n = max(found, 0)
    return (labels.prefix(n).map(Int.init), Array(scores.prefix(n)))
  }

  /// Inner products computed by searches since the last `resetWork()`: the work of a search,
  /// the same on every machine.
  public var distanceComputations: Int { chnsw_distance_computations(index) }

  /// Sets `distanceComputations` back to 0.
  public func resetWork() { chnsw_reset_distance_computations(index) }

  /// Whether the inner product runs on the processor's FMA instruction (the same bits either way).
  public static var usesFMAInstruction: Bool { chnsw_uses_fma_instruction() != 0 }
}

/// An index that cannot be built; the message says why.
public struct IndexError: Error, CustomStringConvertible, Sendable {
  public let description: String
  /// An error with this message.
  public init(_ description: String) { self.description = description }
}
