import Foundation
import ModernRecSys
import Testing

// MARK: - The sparse op

@Test func sumOfRowsEqualsDenseMultiHotMatmulInValueAndGradient() {
  var rng = SeededGenerator(seed: 3)
  let table = Tensor.normal([6, 2], standardDeviation: 1, using: &rng).requiringGrad()
  // Example 0: ids {1, 4}; example 1: none; example 2: {0, 4, 4} (a repeat counts twice).
  let offsets = [0, 2, 2, 5]
  let ids = [1, 4, 0, 4, 4]
  var multiHot = [Float](repeating: 0, count: 3 * 6)
  for r in 0..<3 { for k in offsets[r]..<offsets[r + 1] { multiHot[r * 6 + ids[k]] += 1 } }
  let weights = Tensor([1, -2, 0.5, 3, -1, 2], shape: [3, 2])

  let sparse = table.sumOfRows(offsets: offsets, ids: ids)
  (sparse * weights).sum().backward()
  let sparseGrad = table.grad!.scalars
  table.zeroGrad()
  let dense = Tensor(multiHot, shape: [3, 6]).matmul(table)
  (dense * weights).sum().backward()

  for (a, b) in zip(sparse.scalars, dense.scalars) { #expect(abs(a - b) < 1e-5) }
  for (a, b) in zip(sparseGrad, table.grad!.scalars) { #expect(abs(a - b) < 1e-5) }
  #expect(sparse[1, 0] == 0 && sparse[1, 1] == 0)
}

// MARK: - Sparse FTRL

@Test func sparseFTRLEqualsDenseFTRLOnSparseGradients() {
  var rng = SeededGenerator(seed: 9)
  let a = Tensor.zeros([20, 1]).requiringGrad()
  let b = Tensor.zeros([20, 1]).requiringGrad()
  let dense = FTRL([a], alpha: 0.3, beta: 0.1, l1: 0.05, l2: 0.01)
  let sparse = SparseFTRL(b, alpha: 0.3, beta: 0.1, l1: 0.05, l2: 0.01)
  for _ in 0..<50 {
    // Four ids (repeats allowed), each weighted: the gradient of row j is the sum of the
    // weights of its occurrences, written by sumOfRows, which records the rows it touched.
    let touched = (0..<4).map { _ in rng.int(below: 20) }
    let weights = Tensor((0..<4).map { _ in rng.uniform(-1, 1) }, shape: [4, 1])
    dense.zeroGrad()
    sparse.zeroGrad()
    (a.sumOfRows(offsets: [0, 1, 2, 3, 4], ids: touched) * weights).sum().backward()
    (b.sumOfRows(offsets: [0, 1, 2, 3, 4], ids: touched) * weights).sum().backward()
    #expect(Set(b.gradientRowsWritten ?? []) == Set(touched), "the gradient knows its rows")
    dense.step()
    sparse.step()
  }
  #expect(a.scalars == b.scalars)
  #expect(
    a.scalars.contains(0) && a.scalars.contains { $0 != 0 }, "L1 leaves some weights at exactly 0")
}

// MARK: - The model

/// Two genders x two genres, label = XOR: liked when (F, Romance) or (M, Action).
/// No linear model on the one-hot columns alone can fit it; the cross makes it linear.
private func xorTask(withCross: Bool) throws -> (FeatureEncoder, FeatureBatch) {
  let gender = try CategoricalColumn("gender", vocabulary: ["F", "M"])
  let genre = try CategoricalColumn("genre", vocabulary: ["Action", "Romance"])
  var wide: [any FeatureColumn] = [gender, genre]
  if withCross { wide.append(try CrossedColumn([gender, genre])) }
  let encoder = try FeatureEncoder(wide: wide, deep: [gender, genre])
  var rows: [FeatureRow] = []
  var labels: [Float] = []
  for _ in 0..<50 {
    for (g, m, y) in [
      ("F", "Romance", 1), ("F", "Action", 0), ("M", "Action", 1), ("M", "Romance", 0),
    ] {
      rows.append(["gender": .category(g), "genre": .category(m)])
      labels.append(Float(y))
    }
  }
  return (encoder, try encoder.encode(rows, labels: labels))
}

private func trainedAUC(_ encoder: FeatureEncoder, _ data: FeatureBatch, parts: WideAndDeep.Parts)
  -> Double
{
  var rng = SeededGenerator(seed: 1)
  let model = WideAndDeep(
    encoder: encoder, parts: parts, embeddingDimension: 4, hiddenSizes: [8], using: &rng)
  let trainer = WideAndDeepTrainer(
    model, ftrl: .init(alpha: 0.5, beta: 0.01), deep: .adam(learningRate: 0.02))
  for _ in 0..<60 { trainer.trainEpoch(data, batchSize: 20, using: &rng) }
  return Metrics.auc(scores: model.probabilities(data), labels: data.labels.map { $0 > 0.5 })
}

@Test func wideModelLearnsXorOnlyWithTheCross() throws {
  let (plain, plainData) = try xorTask(withCross: false)
  let (crossed, crossedData) = try xorTask(withCross: true)
  #expect(trainedAUC(plain, plainData, parts: .wide) < 0.6)
  #expect(trainedAUC(crossed, crossedData, parts: .wide) > 0.99)
}

@Test func deepModelLearnsXorFromEmbeddings() throws {
  let (plain, plainData) = try xorTask(withCross: false)
  #expect(trainedAUC(plain, plainData, parts: .deep) > 0.99)
}

@Test func untrainedWideModelPredictsOneHalf() throws {
  let (encoder, data) = try xorTask(withCross: true)
  var rng = SeededGenerator(seed: 1)
  let model = WideAndDeep(encoder: encoder, parts: .wide, using: &rng)
  #expect(model.probabilities(data).allSatisfy { $0 == 0.5 })
  #expect(model.wideSparsity == (zeros: encoder.wideSize, total: encoder.wideSize))
}

@Test func partsDecideWhichParametersExistAndWhoTrainsThem() throws {
  let (encoder, _) = try xorTask(withCross: true)
  var rng = SeededGenerator(seed: 1)
  let wide = WideAndDeep(encoder: encoder, parts: .wide, using: &rng)
  let deep = WideAndDeep(encoder: encoder, parts: .deep, using: &rng)
  let both = WideAndDeep(encoder: encoder, parts: .both, using: &rng)
  #expect(wide.deepParameters.isEmpty && wide.parameterCount == encoder.wideSize + 1)
  #expect(deep.wideParameters.isEmpty)
  #expect(both.parameterCount == wide.parameterCount + deep.parameterCount)
  #expect(WideAndDeepTrainer(wide).deepOptimizer == nil)
  #expect(WideAndDeepTrainer(deep).wideOptimizer == nil)
}

@Test func jointLogitIsTheSumOfTheHalves() throws {
  let (encoder, data) = try xorTask(withCross: true)
  var rng = SeededGenerator(seed: 4)
  let model = WideAndDeep(encoder: encoder, parts: .both, using: &rng)
  let trainer = WideAndDeepTrainer(model)
  trainer.trainEpoch(data, batchSize: 32, using: &rng)  // move the wide weights off zero
  let joint = evaluating { model.logits(data).scalars }
  let wide = evaluating { model.wideLogits(data).scalars }
  let deep = evaluating { model.deepLogits(data).scalars }
  for r in 0..<data.count { #expect(abs(joint[r] - (wide[r] + deep[r])) < 1e-5) }
  #expect(wide.contains { $0 != 0 })
}

@Test func trainingIsDeterministicForASeed() throws {
  let (encoder, data) = try xorTask(withCross: true)
  func run() -> [Float] {
    var rng = SeededGenerator(seed: 8)
    let model = WideAndDeep(encoder: encoder, parts: .both, using: &rng)
    let trainer = WideAndDeepTrainer(model)
    for _ in 0..<3 { trainer.trainEpoch(data, batchSize: 16, using: &rng) }
    return model.probabilities(data)
  }
  #expect(run() == run())
}
