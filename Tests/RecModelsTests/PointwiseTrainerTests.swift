import Foundation
import NN
import RecData
import RecEval
import RecModels
import Tensors
import Testing

/// Two taste groups: users 0..<10 interact with items 0..<10, users 10..<20 with items
/// 10..<20, each with 6 of their group's 10 items; the other 4 are held out.
func twoGroups() -> (train: InteractionMatrix, heldOut: [(user: Int, item: Int)]) {
  var pairs: [(user: Int, item: Int)] = []
  var heldOut: [(user: Int, item: Int)] = []
  for u in 0..<20 {
    let base = u < 10 ? 0 : 10
    for k in 0..<10 {
      let item = base + (u + k) % 10
      if k < 6 { pairs.append((u, item)) } else { heldOut.append((u, item)) }
    }
  }
  return (InteractionMatrix(userCount: 20, itemCount: 20, pairs: pairs), heldOut)
}

/// The share of (held-out in-group item, out-of-group item) pairs ranked correctly.
func groupAUC(_ model: some PointwiseRecommender, _ heldOut: [(user: Int, item: Int)]) -> Double {
  var correct = 0
  var total = 0
  for (u, i) in heldOut {
    let outside = u < 10 ? Array(10..<20) : Array(0..<10)
    let s = model.scores(user: u, items: [i] + outside)
    for k in 1..<s.count {
      total += 1
      if s[0] > s[k] { correct += 1 }
    }
  }
  return Double(correct) / Double(total)
}

/// Trained on 6 of each user's 10 in-group items, every model ranks the other 4 above the
/// other group's items. Twenty users are few: how well one run does depends on its random
/// draws (GMF's AUC ranges from 0.72 to 0.88 over twelve seeds), so the claim is made over
/// six seeds: their mean AUC is well above chance, and no run is near chance.
@Test(arguments: ["GMF", "MLP", "NeuMF"])
func pointwiseTrainingLearnsTasteGroupsItNeverSawHeldOut(_ name: String) {
  var aucs: [Double] = []
  for seed in 1...6 {
    let (train, heldOut) = twoGroups()
    var rng = SeededGenerator(seed: UInt64(seed))
    let model: any PointwiseRecommender =
      switch name {
      case "GMF": GMF(userCount: 20, itemCount: 20, factors: 4, using: &rng)
      case "MLP":
        MLPRecommender(userCount: 20, itemCount: 20, factors: 8, hiddenLayers: 1, using: &rng)
      default: NeuMF(userCount: 20, itemCount: 20, factors: 4, hiddenLayers: 2, using: &rng)
      }
    for p in model.parameters where p.shape[0] == 20 {  // larger embeddings: learn in few steps
      p.assign(Tensor.normal(p.shape, standardDeviation: 0.3, using: &rng))
    }
    let trainer = PointwiseTrainer(
      model: model, train: train, optimizer: Adam(model.parameters, learningRate: 0.01),
      negativesPerPositive: 4, batchSize: 32)
    let first = trainer.trainEpoch(using: &rng)
    var last = first
    for _ in 0..<100 { last = trainer.trainEpoch(using: &rng) }
    #expect(last < first * 0.7, "\(name), seed \(seed): loss \(first) -> \(last)")
    aucs.append(groupAUC(model, heldOut))
  }
  let mean = aucs.reduce(0, +) / Double(aucs.count)
  #expect(mean > 0.75, "\(name): mean AUC \(mean) over seeds 1...6: \(aucs)")
  #expect(aucs.allSatisfy { $0 > 0.6 }, "\(name): AUCs \(aucs)")
}

@Test func anEpochVisitsEveryPositiveWithItsNegatives() {
  let (train, _) = twoGroups()
  var rng = SeededGenerator(seed: 12)
  let gmf = GMF(userCount: 20, itemCount: 20, factors: 2, using: &rng)
  let trainer = PointwiseTrainer(
    model: gmf, train: train, optimizer: SGD(gmf.parameters, learningRate: 0.1),
    negativesPerPositive: 3, batchSize: 50)
  var batches = 0
  var lastTotal = 0
  trainer.trainEpoch(using: &rng) { done, total, loss in
    batches = done
    lastTotal = total
    #expect(loss.isFinite)
  }
  // 120 positives, each with 3 negatives: 480 instances in batches of 50 -> 10 batches.
  #expect(batches == 10 && lastTotal == 10)
}

@Test func fitRecordsOneEvaluationPerEpoch() {
  let (train, heldOut) = twoGroups()
  var rng = SeededGenerator(seed: 13)
  let gmf = GMF(userCount: 20, itemCount: 20, factors: 4, using: &rng)
  let test = heldOut.enumerated().filter { $0.offset % 4 == 0 }.map { _, pair in
    Rating(user: pair.user, item: pair.item, rating: 5, timestamp: 0)
  }
  let all = InteractionMatrix(
    userCount: 20, itemCount: 20,
    pairs: heldOut + (0..<20).flatMap { u in train.items(of: u).map { (u, $0) } })
  let sampled = SampledRankingProtocol(test: test, all: all, negativeCount: 5, seed: 1)
  let trainer = PointwiseTrainer(
    model: gmf, train: train, optimizer: Adam(gmf.parameters, learningRate: 0.01))
  var seen = 0
  let history = trainer.fit(
    epochs: 3, evaluatingWith: sampled, using: &rng,
    onEpoch: { _ in
      seen += 1
    })
  #expect(history.map(\.epoch) == [1, 2, 3])
  #expect(seen == 3)
  #expect(
    history.allSatisfy { (0...1).contains($0.hitRate) && $0.ndcg <= $0.hitRate && $0.loss > 0 })
}
