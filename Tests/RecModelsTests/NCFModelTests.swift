import Foundation
import NN
import RecData
import RecEval
import RecModels
import Tensors
import Testing

// GMF, MLPRecommender and NeuMF (Chapter 3): shapes, the math each one states, and the
// pretraining rule.

// MARK: - GMF

@Test func gmfWithUnitOutputWeightsIsTheDotProductOfMatrixFactorisation() {
  var rng = SeededGenerator(seed: 1)
  let gmf = GMF(userCount: 5, itemCount: 7, factors: 4, using: &rng)
  gmf.output.weight.assign(Tensor.ones([4, 1]))
  gmf.output.bias!.assign(Tensor.zeros([1]))
  let users = [0, 3, 4]
  let items = [6, 1, 1]
  let logits = gmf.logits(users: users, items: items)
  #expect(logits.shape == [3, 1])
  let p = gmf.userEmbedding.table
  let q = gmf.itemEmbedding.table
  for (r, (u, i)) in zip(users, items).enumerated() {
    var dot: Float = 0
    for k in 0..<4 { dot += p[u, k] * q[i, k] }
    #expect(abs(logits[r, 0] - dot) < 1e-7)
  }
}

@Test func gmfOutputGradientIsTheSumOfInteractionVectors() {
  var rng = SeededGenerator(seed: 2)
  let gmf = GMF(userCount: 4, itemCount: 4, factors: 3, using: &rng)
  let users = [0, 1, 1]
  let items = [2, 3, 0]
  gmf.logits(users: users, items: items).sum().backward()
  // d(sum of logits)/dh = sum over rows of phi = p_u ⊙ q_i; d/db = number of rows.
  let phi = withNoGrad { gmf.interaction(users: users, items: items) }
  let grad = gmf.output.weight.grad!
  for k in 0..<3 {
    let expected = (0..<3).reduce(Float(0)) { $0 + phi[$1, k] }
    #expect(abs(grad[k, 0] - expected) < 1e-7)
  }
  #expect(gmf.output.bias!.grad!.scalars == [3])
}

@Test func gmfEmbeddingsStartSmallAsInThePaper() {
  var rng = SeededGenerator(seed: 3)
  let gmf = GMF(userCount: 943, itemCount: 1682, factors: 8, using: &rng)
  let values = gmf.itemEmbedding.table.scalars
  let mean = values.reduce(0, +) / Float(values.count)
  let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(values.count))
    .squareRoot()
  #expect(abs(mean) < 0.001)
  #expect(abs(sd - 0.01) < 0.001)
  #expect(
    gmf.namedParameters.map(\.0) == ["user.table", "item.table", "output.weight", "output.bias"])
}

// MARK: - MLP

@Test func mlpTowerHalvesFrom64To8ForEightFactors() {
  #expect(MLPRecommender.towerSizes(factors: 8, hiddenLayers: 3) == [64, 32, 16, 8])
  #expect(MLPRecommender.towerSizes(factors: 16, hiddenLayers: 1) == [32, 16])
  #expect(MLPRecommender.towerSizes(factors: 8, hiddenLayers: 0) == [8])
  var rng = SeededGenerator(seed: 4)
  let mlp = MLPRecommender(userCount: 10, itemCount: 20, factors: 8, hiddenLayers: 3, using: &rng)
  #expect(mlp.userEmbedding.table.shape == [10, 32])
  #expect(mlp.itemEmbedding.table.shape == [20, 32])
  #expect(mlp.tower!.layers.map(\.weight.shape) == [[64, 32], [32, 16], [16, 8]])
  #expect(mlp.output.weight.shape == [8, 1])
  #expect(mlp.logits(users: [1, 2], items: [3, 4]).shape == [2, 1])
  #expect(mlp.interaction(users: [1], items: [3]).scalars.allSatisfy { $0 >= 0 })  // ReLU last
}

@Test func mlpWithoutHiddenLayersIsLinearInTheConcatenatedEmbeddings() {
  var rng = SeededGenerator(seed: 5)
  let mlp = MLPRecommender(userCount: 3, itemCount: 3, factors: 4, hiddenLayers: 0, using: &rng)
  #expect(mlp.tower == nil)
  #expect(mlp.userEmbedding.table.shape == [3, 2])
  // logit = h_user · p_u + h_item · q_i + b: a user part plus an item part, no interaction,
  // so logit(u, i) - logit(u, j) is the same for every user.
  let l = withNoGrad { mlp.logits(users: [0, 0, 2, 2], items: [0, 1, 0, 1]).scalars }
  #expect(abs((l[0] - l[1]) - (l[2] - l[3])) < 1e-7)
}

// MARK: - NeuMF

@Test func neumfHasSeparateBranchEmbeddingsAndOneFusedOutput() {
  var rng = SeededGenerator(seed: 6)
  let neumf = NeuMF(userCount: 10, itemCount: 20, factors: 8, hiddenLayers: 3, using: &rng)
  let names = neumf.namedParameters.map(\.0)
  #expect(
    names == [
      "gmf.user.table", "gmf.item.table", "mlp.user.table", "mlp.item.table",
      "mlp.tower.layers.0.weight", "mlp.tower.layers.0.bias", "mlp.tower.layers.1.weight",
      "mlp.tower.layers.1.bias", "mlp.tower.layers.2.weight", "mlp.tower.layers.2.bias",
      "output.weight", "output.bias",
    ])
  #expect(neumf.output.weight.shape == [16, 1])
  #expect(!neumf.gmf.userEmbedding.table.isIdentical(to: neumf.mlp.userEmbedding.table))
  #expect(
    neumf.parameterCount == 10 * 8 + 20 * 8 + 10 * 32 + 20 * 32 + (64 * 32 + 32) + (32 * 16 + 16)
      + (16 * 8 + 8) + 17)
}

@Test func pretrainedNeuMFStartsAsTheAlphaWeightedSumOfItsTwoModels() {
  var rng = SeededGenerator(seed: 7)
  let gmf = GMF(userCount: 6, itemCount: 9, factors: 4, using: &rng)
  let mlp = MLPRecommender(userCount: 6, itemCount: 9, factors: 4, hiddenLayers: 2, using: &rng)
  // Make the embeddings large enough for the tower to be away from zero.
  for p in gmf.parameters + mlp.parameters {
    p.assign(Tensor.normal(p.shape, standardDeviation: 0.5, using: &rng))
  }
  let users = [0, 1, 5, 5]
  let items = [8, 2, 0, 3]
  for alpha: Float in [0.5, 0.2] {
    let neumf = NeuMF(pretrainedGMF: gmf, mlp: mlp, alpha: alpha, using: &rng)
    let fused = withNoGrad { neumf.logits(users: users, items: items).scalars }
    let a = withNoGrad { gmf.logits(users: users, items: items).scalars }
    let b = withNoGrad { mlp.logits(users: users, items: items).scalars }
    for r in 0..<4 {
      #expect(abs(fused[r] - (alpha * a[r] + (1 - alpha) * b[r])) < 1e-5)
    }
    // Copies: training the NeuMF must not move the pretrained models.
    #expect(!neumf.gmf.userEmbedding.table.isIdentical(to: gmf.userEmbedding.table))
    #expect(neumf.gmf.userEmbedding.table.scalars == gmf.userEmbedding.table.scalars)
  }
}

@Test func scoresForEvaluationEqualTheLogitsAndRecordNoGraph() {
  var rng = SeededGenerator(seed: 8)
  let neumf = NeuMF(userCount: 4, itemCount: 12, factors: 4, hiddenLayers: 2, using: &rng)
  let items = [11, 0, 5, 5, 7]
  let scores = neumf.scores(user: 2, items: items)
  let logits = neumf.logits(users: [Int](repeating: 2, count: 5), items: items)
  #expect(scores == logits.scalars)
  #expect(logits.requiresGrad)
  #expect(!evaluating { neumf.logits(users: [2], items: [0]) }.requiresGrad)
}
