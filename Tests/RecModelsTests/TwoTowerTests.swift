import Foundation
import NN
import RecData
import RecModels
import Tensors
import Testing

/// Unit vectors, row-major.
private func unitVectors(_ n: Int, _ d: Int, seed: UInt64) -> [Float] {
  var rng = SeededGenerator(seed: seed)
  return l2Normalized(Tensor.normal([n, d], using: &rng)).scalars
}

/// The indices of the k largest inner products with `query`, by the engine's product.
private func exactTop(_ query: [Float], _ items: [Float], n: Int, d: Int, k: Int) -> [Int] {
  let s = Tensor.matmul(
    Tensor(query, shape: [1, d]), Tensor(items, shape: [n, d]), transposeB: true
  )
  .scalars
  return Array(s.indices.sorted { s[$0] != s[$1] ? s[$0] > s[$1] : $0 < $1 }.prefix(k))
}

@Suite struct HNSWIndexTests {
  /// At a generous ef the index finds nearly all of exact search's top 10, and the scores it
  /// reports are the engine's inner products, bit for bit.
  @Test func findsExactSearchsNeighboursWithTheEnginesScores() throws {
    let (n, d, k) = (600, 16, 10)
    let items = unitVectors(n, d, seed: 1)
    let queries = unitVectors(40, d, seed: 2)
    let index = try HNSWIndex(vectors: items, dimension: d, m: 12, efConstruction: 80, seed: 3)
    index.ef = 100
    var found = 0
    for q in 0..<40 {
      let query = Array(queries[(q * d)..<(q * d + d)])
      let exact = exactTop(query, items, n: n, d: d, k: k)
      let result = query.withUnsafeBufferPointer { index.search($0.baseAddress!, k: k) }
      found += Set(result.labels).intersection(exact).count
      let engine = Tensor.matmul(
        Tensor(query, shape: [1, d]), Tensor(items, shape: [n, d]), transposeB: true
      ).scalars
      for (label, score) in zip(result.labels, result.scores) { #expect(score == engine[label]) }
    }
    #expect(Double(found) / Double(40 * k) > 0.95)
  }

  /// The same seed builds the same graph: the same levels and the same answers and work.
  @Test func theSameSeedGivesTheSameIndex() throws {
    let (n, d) = (300, 8)
    let items = unitVectors(n, d, seed: 4)
    let a = try HNSWIndex(vectors: items, dimension: d, seed: 9)
    let b = try HNSWIndex(vectors: items, dimension: d, seed: 9)
    #expect(a.levels == b.levels)
    #expect(a.levels.contains { $0 > 0 })
    a.ef = 50
    b.ef = 50
    let query = Array(items[0..<d])
    let ra = query.withUnsafeBufferPointer { a.search($0.baseAddress!, k: 5) }
    let rb = query.withUnsafeBufferPointer { b.search($0.baseAddress!, k: 5) }
    #expect(ra.labels == rb.labels && ra.scores == rb.scores)
    #expect(a.distanceComputations == b.distanceComputations && a.distanceComputations > 0)
    #expect(ra.labels.first == 0)  // a point is its own best match
  }

  /// Vectors that are not whole rows are an error, not a crash.
  @Test func badSizesThrow() {
    #expect(throws: IndexError.self) { try HNSWIndex(vectors: [1, 2, 3], dimension: 2, seed: 1) }
  }
}

@Suite struct TwoTowerTests {
  @Test func titleWordsDropTheYearAndPunctuation() {
    #expect(TitleWords.words(in: "Usual Suspects, The (1995)") == ["usual", "suspects", "the"])
    #expect(TitleWords.words(in: "Se7en (1995)") == ["se7en"])
    #expect(TitleWords.words(in: "Things to Do in Denver when You're Dead (1995)").count == 9)
  }

  @Test func normalisedRowsHaveUnitLength() {
    var rng = SeededGenerator(seed: 5)
    let x = l2Normalized(Tensor.normal([7, 5], using: &rng)).scalars
    for r in 0..<7 {
      let norm = (0..<5).reduce(Float(0)) { $0 + x[r * 5 + $1] * x[r * 5 + $1] }
      #expect(abs(norm - 1) < 1e-5)
    }
  }

  /// A training step on a toy dataset lowers the in-batch softmax loss, and a user's history
  /// leaves out the example's own item.
  @Test func trainingLowersTheLossOnToyData() throws {
    let ml = MovieLens.synthetic(size: .small, seed: 3)
    let train = InteractionMatrix(
      ratings: ml.ratings, userCount: ml.userCount, itemCount: ml.itemCount)
    let inputs = try TwoTowerInputs(data: ml, features: try ml.featureColumns(), history: train)
    var rng = SeededGenerator(seed: 8)
    let model = TwoTowerModel(inputs: inputs, configuration: .init(), using: &rng)
    let pairs = Array(ml.ratings.prefix(64))
    let batch = TwoTowerBatch(users: pairs.map(\.user), items: pairs.map(\.item))
    let adam = Adam(model.parameters, learningRate: 0.01)
    let first = model.loss(batch).scalar
    for _ in 0..<20 {
      adam.zeroGrad()
      model.loss(batch).backward()
      adam.step()
    }
    #expect(model.loss(batch).scalar < first)
    #expect(model.userVectors().count == ml.userCount * 32)
  }
}
