import Foundation
import NN
import RecData
import RecEval
import RecModels
import Tensors
import Testing

@Test func denseRowsAndL2NormalisationOfTheToyMatrix() {
  let rows = ToyMatrix.interactions.denseRows(users: [1, 3])
  #expect(rows.scalars == [0, 1, 1, 0, 0, 1, 0, 1, 1, 1])
  let normalised = l2NormalizedRows(Tensor([[3, 4, 0], [0, 0, 0]])).scalars
  #expect(normalised == [0.6, 0.8, 0, 0, 0, 0])
}

/// Two groups of 6 users over 8 items: group A has items 0-3, group B items 4-7; each user
/// misses one item of their group, which is held out as the test.
func twoTasteData() -> (train: InteractionMatrix, test: InteractionMatrix) {
  var train: [(user: Int, item: Int)] = []
  var test: [(user: Int, item: Int)] = []
  for u in 0..<12 {
    let base = u < 6 ? 0 : 4
    for k in 0..<4 {
      if k == u % 4 { test.append((u, base + k)) } else { train.append((u, base + k)) }
    }
  }
  return (
    InteractionMatrix(userCount: 12, itemCount: 8, pairs: train),
    InteractionMatrix(userCount: 12, itemCount: 8, pairs: test)
  )
}

func trainToy(_ model: some ImplicitAutoencoder, epochs: Int, seed: UInt64) -> (
  first: Double, last: Double, ndcg: Double
) {
  let (train, test) = twoTasteData()
  var rng = SeededGenerator(seed: seed)
  let optimizer = Adam(model.parameters, learningRate: 0.01)
  var first = 0.0
  var last = 0.0
  for epoch in 0..<epochs {
    let loss = model.trainEpoch(on: train, optimizer: optimizer, batchSize: 4, using: &rng)
    if epoch == 0 { first = loss }
    last = loss
  }
  return (first, last, model.evaluate(train: train, test: test, cutoffs: 1...1).ndcg(at: 1))
}

@Test func multDAELearnsTwoTastesAndRanksTheHeldOutItemFirst() {
  var rng = SeededGenerator(seed: 11)
  let dae = MultDAE(itemCount: 8, hiddenSizes: [6, 2], dropout: 0.2, using: &rng)
  let (first, last, ndcg) = trainToy(dae, epochs: 150, seed: 11)
  #expect(last < first)
  #expect(ndcg == 1, "NDCG@1 \(ndcg): the one unseen item of the user's group should come first")
}

@Test func cdaeLearnsTwoTastesAndItsUserNodeSeparatesIdenticalRows() {
  var rng = SeededGenerator(seed: 12)
  let cdae = CDAE(userCount: 12, itemCount: 8, hiddenSize: 4, corruption: 0.2, using: &rng)
  let (first, last, ndcg) = trainToy(cdae, epochs: 150, seed: 12)
  #expect(last < first)
  #expect(ndcg == 1)
  // Same input row, different users: different scores (the per-user node), unless it is removed.
  let row = Tensor([[1, 1, 0, 0, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0, 0, 0]])
  let scores = evaluating { cdae.scores(rows: row, users: [0, 7]) }.scalars
  #expect(Array(scores[0..<8]) != Array(scores[8..<16]))
  #expect(cdae.parameters.count == 5)  // encoder W, b; user table; decoder W, b
}

@Test func multVAELearnsTwoTastesAndScoresDeterministicallyInEvaluation() {
  var rng = SeededGenerator(seed: 13)
  let vae = MultVAE(
    itemCount: 8, hiddenSize: 6, latentSize: 2, dropout: 0.2, annealSteps: 200, betaCap: 0.2,
    using: &rng)
  let (first, last, ndcg) = trainToy(vae, epochs: 150, seed: 13)
  #expect(last < first)
  #expect(ndcg == 1)
  #expect(vae.updates == 450 && vae.beta == 0.2)  // 150 epochs x 3 batches; the cap reached
  let (train, _) = twoTasteData()
  #expect(vae.scoreAll(train) == vae.scoreAll(train))  // evaluation uses the mean code, no noise
}

@Test func multVAEKLIsZeroForTheStandardNormalAndPositiveOtherwise() {
  var rng = SeededGenerator(seed: 14)
  let vae = MultVAE(itemCount: 4, hiddenSize: 3, latentSize: 2, using: &rng)
  #expect(vae.klDivergence(mean: .zeros([3, 2]), logVariance: .zeros([3, 2])).scalar == 0)
  // mean (1, 0), log variance 0: KL = 0.5 per row.
  #expect(
    abs(vae.klDivergence(mean: Tensor([[1, 0]]), logVariance: .zeros([1, 2])).scalar - 0.5) < 1e-6)
}

@Test func multVAELossGradientMatchesCentralDifference() {
  // In evaluation phase the loss is deterministic (no dropout, z = mean), so a central
  // difference is meaningful; the KL term still depends on the encoder's variance half.
  var rng = SeededGenerator(seed: 15)
  let vae = MultVAE(
    itemCount: 5, hiddenSize: 4, latentSize: 2, annealSteps: 1, betaCap: 0.5, using: &rng)
  let x = Tensor([[1, 0, 1, 0, 0], [0, 1, 1, 0, 1]])
  _ = withNoGrad { vae.loss(rows: x, users: [0, 1]) }  // one update: beta = 0.5 from now on
  func loss() -> Tensor { Phase.$isTraining.withValue(false) { vae.loss(rows: x, users: [0, 1]) } }
  let report = checkGradients(of: [vae.encoder.layers[1].weight], loss)
  #expect(report.passes(tolerance: 2e-2), "\(report)")
}
