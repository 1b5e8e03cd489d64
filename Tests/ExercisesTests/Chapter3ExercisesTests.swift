import Exercises
import Foundation
import NN
import RecData
import RecModels
import Tensors
import Testing

// Chapter 3's exercises: each test passes with the reference solution and fails with a
// plausible wrong one (noted beside the check that catches it).

@Test(.exercise("3.1", points: 2))
func `Exercise 3.1: the pointwise log loss is stable and matches the engine’s`() throws {
  // Hand values: x = 0 gives log 2 whatever the label; x = ln 3, y = 1 gives log(4/3).
  #expect(try abs(Chapter3Exercises.logLoss(logits: [0], labels: [1]) - log(2.0)) < 1e-9)
  #expect(
    try abs(Chapter3Exercises.logLoss(logits: [Float(log(3.0))], labels: [1]) - log(4.0 / 3)) < 1e-6
  )
  // Large logits: 0 when right, |x| when wrong, never inf (naive log(sigmoid) is -inf):
  // (0 + 0 + 1000 + 1000) / 4.
  let extreme = try Chapter3Exercises.logLoss(
    logits: [1000, -1000, 1000, -1000], labels: [1, 0, 0, 1])
  #expect(extreme.isFinite && abs(extreme - 500) < 1e-6)
  // The same number as the engine's fused loss on random logits (a sign slip fails here).
  var rng = SeededGenerator(seed: 31)
  let x = (0..<64).map { _ in rng.uniform(-6, 6) }
  let y = (0..<64).map { _ in Float(rng.int(below: 2)) }
  let engine = binaryCrossEntropyWithLogits(Tensor(x, shape: [64, 1]), Tensor(y, shape: [64, 1]))
    .scalar
  #expect(try abs(Chapter3Exercises.logLoss(logits: x, labels: y) - Double(engine)) < 1e-5)
}

@Test(.exercise("3.2", points: 1))
func `Exercise 3.2: the MLP tower halves down to the predictive factors`() throws {
  #expect(try Chapter3Exercises.towerSizes(factors: 8, hiddenLayers: 3) == [64, 32, 16, 8])
  #expect(try Chapter3Exercises.towerSizes(factors: 64, hiddenLayers: 3) == [512, 256, 128, 64])
  #expect(try Chapter3Exercises.towerSizes(factors: 16, hiddenLayers: 1) == [32, 16])
  #expect(try Chapter3Exercises.towerSizes(factors: 8, hiddenLayers: 0) == [8])
  for f in [4, 8, 32] {
    for l in 0...4 {
      #expect(
        try Chapter3Exercises.towerSizes(factors: f, hiddenLayers: l)
          == MLPRecommender.towerSizes(factors: f, hiddenLayers: l))
    }
  }
}

@Test(.exercise("3.3", points: 1))
func `Exercise 3.3: NeuMF’s pretrained output layer mixes the two with alpha`() throws {
  let out = try Chapter3Exercises.pretrainedOutput(
    gmfWeights: [1, 2], gmfBias: 4, mlpWeights: [10, 20, 30], mlpBias: -2, alpha: 0.25)
  #expect(out.weights == [0.25, 0.5, 7.5, 15, 22.5])  // GMF first, then MLP
  #expect(out.bias == 0.25 * 4 + 0.75 * -2)
  // Same as the library's NeuMF(pretrainedGMF:mlp:alpha:).
  var rng = SeededGenerator(seed: 32)
  let gmf = GMF(userCount: 3, itemCount: 3, factors: 2, using: &rng)
  let mlp = MLPRecommender(userCount: 3, itemCount: 3, factors: 2, hiddenLayers: 1, using: &rng)
  gmf.output.bias!.assign(Tensor([0.3]))
  mlp.output.bias!.assign(Tensor([-0.7]))
  let neumf = NeuMF(pretrainedGMF: gmf, mlp: mlp, alpha: 0.7, using: &rng)
  let mine = try Chapter3Exercises.pretrainedOutput(
    gmfWeights: gmf.output.weight.scalars, gmfBias: 0.3, mlpWeights: mlp.output.weight.scalars,
    mlpBias: -0.7, alpha: 0.7)
  #expect(zip(mine.weights, neumf.output.weight.scalars).allSatisfy { abs($0 - $1) < 1e-6 })
  #expect(abs(mine.bias - neumf.output.bias!.scalars[0]) < 1e-6)
}

@Test(.exercise("3.4", points: 3))
func `Exercise 3.4: biased MF is a dot product plus two biases, and it trains`() throws {
  var rng = SeededGenerator(seed: 33)
  let mf = Chapter3Exercises.BiasedMF(userCount: 4, itemCount: 5, factors: 3, using: &rng)
  mf.userBias.assign(Tensor([[0.1], [0.2], [0.3], [0.4]]))
  mf.itemBias.assign(Tensor([[1], [2], [3], [4], [5]]))
  let users = [0, 3, 3]
  let items = [4, 0, 2]
  let logits = mf.logits(users: users, items: items)
  #expect(logits.shape == [3, 1])
  let p = mf.userEmbedding.table
  let q = mf.itemEmbedding.table
  for (r, (u, i)) in zip(users, items).enumerated() {
    var expected = mf.userBias[u, 0] + mf.itemBias[i, 0]
    for k in 0..<3 { expected += p[u, k] * q[i, k] }
    #expect(abs(logits[r, 0] - expected) < 1e-6)  // a missing bias fails here
  }
  // Gradients reach every parameter (a model built from raw values would not train).
  logits.sum().backward()
  #expect(mf.parameters.allSatisfy { $0.grad != nil })
  #expect(mf.itemBias.grad![4, 0] == 1 && mf.itemBias.grad![1, 0] == 0)
  // And it learns two taste groups with the library's trainer.
  var pairs: [(user: Int, item: Int)] = []
  for u in 0..<12 { for k in 0..<4 { pairs.append((u, (u < 6 ? 0 : 6) + (u + k) % 6)) } }
  let train = InteractionMatrix(userCount: 12, itemCount: 12, pairs: pairs)
  let model = Chapter3Exercises.BiasedMF(userCount: 12, itemCount: 12, factors: 2, using: &rng)
  for t in [model.userEmbedding.table, model.itemEmbedding.table] {
    t.assign(Tensor.normal(t.shape, standardDeviation: 0.3, using: &rng))
  }
  let trainer = PointwiseTrainer(
    model: model, train: train, optimizer: Adam(model.parameters, learningRate: 0.02), batchSize: 32
  )
  let first = trainer.trainEpoch(using: &rng)
  var last = first
  for _ in 0..<40 { last = trainer.trainEpoch(using: &rng) }
  #expect(last < first * 0.8)
  // Unseen items of a user's own group score above the other group's items, on average
  // over users: the two groups were learned.
  var inGroup: Float = 0
  var outGroup: Float = 0
  for u in 0..<12 {
    let own = u < 6 ? 0 : 6
    let seen = Set(train.items(of: u))
    let unseen = (own..<own + 6).filter { !seen.contains($0) }
    let other = Array((6 - own)..<(12 - own))
    let s = model.scores(user: u, items: unseen + other)
    inGroup += s[..<unseen.count].reduce(0, +) / Float(unseen.count)
    outGroup += s[unseen.count...].reduce(0, +) / Float(other.count)
  }
  #expect(inGroup > outGroup, "in-group \(inGroup / 12), out-of-group \(outGroup / 12)")
}

@Test(.exercise("3.5", points: 2))
func `Exercise 3.5: users with several ratings in their last second`() throws {
  func r(_ u: Int, _ i: Int, _ t: Int) -> Rating {
    Rating(user: u, item: i, rating: 4, timestamp: t)
  }
  let ratings = [
    r(0, 0, 10), r(0, 1, 20), r(0, 2, 20),  // user 0: two at the latest second -> tied
    r(1, 0, 30), r(1, 1, 30), r(1, 2, 40),  // user 1: a tie, but not at the latest second
    r(2, 5, 7),  // user 2: one rating
    r(3, 1, 50), r(3, 2, 50), r(3, 3, 50), r(3, 4, 1),  // user 3: three tied, then an older one
  ]
  #expect(try Chapter3Exercises.usersWithTiedLatestRatings(ratings, userCount: 5) == 2)
  #expect(try Chapter3Exercises.usersWithTiedLatestRatings([], userCount: 3) == 0)
  // On the synthetic MovieLens: the same count as a direct computation.
  let data = MovieLens.synthetic(size: .ml100k, seed: 100)
  var last: [Int: [Int]] = [:]
  for x in data.ratings { last[x.user, default: []].append(x.timestamp) }
  let expected = last.values.filter { ts in ts.filter { $0 == ts.max()! }.count >= 2 }.count
  #expect(
    try Chapter3Exercises.usersWithTiedLatestRatings(data.ratings, userCount: data.userCount)
      == expected)
}
