import Exercises
import Foundation
import NN
import RecData
import RecModels
import Tensors
import Testing

// Chapter 3's exercises: `make exercise E=3.2` grades one, `make grade` all. Each test
// passes with the reference solution and fails with a plausible wrong one (noted beside the
// check that catches it). The hidden tests at the end are the instructor's: the student copy
// leaves them out.

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
func `Exercise 3.2: the tower’s weights and biases, for NCF’s halving and another shrink`() throws {
  // 64·32 + 32 + 32·16 + 16 + 16·8 + 8 = 2744 (counting the output layer too gives 2753,
  // forgetting the biases 2688).
  #expect(try Chapter3Exercises.towerParameterCount(factors: 8, hiddenLayers: 3, shrink: 2) == 2744)
  #expect(
    try Chapter3Exercises.towerParameterCount(factors: 16, hiddenLayers: 1, shrink: 2) == 32 * 16
      + 16)
  #expect(try Chapter3Exercises.towerParameterCount(factors: 8, hiddenLayers: 0, shrink: 2) == 0)  // MLP-0
  // Shrinking by 3: widths 36, 12, 4 (NCF's towerSizes would give 16, 8, 4).
  #expect(
    try Chapter3Exercises.towerParameterCount(factors: 4, hiddenLayers: 2, shrink: 3)
      == 36 * 12 + 12 + 12 * 4 + 4)
  // With shrink 2 it counts the library's tower (its hidden layers' weights and biases).
  var rng = SeededGenerator(seed: 32)
  for (f, l) in [(4, 1), (8, 2), (6, 3)] {
    let mlp = MLPRecommender(userCount: 2, itemCount: 2, factors: f, hiddenLayers: l, using: &rng)
    let inTower = try #require(mlp.tower).parameters.map(\.count).reduce(0, +)
    #expect(
      try Chapter3Exercises.towerParameterCount(factors: f, hiddenLayers: l, shrink: 2) == inTower)
  }
}

@Test(.exercise("3.3", points: 1))
func `Exercise 3.3: the pretrained NeuMF’s first logit mixes GMF’s and the MLP’s with alpha`()
  throws
{
  // h = [0.25, 0.5, 7.5, 15, 22.5], b = 0.25·4 + 0.75·(-2) = -0.5; x = [1, -1, 0.1, 0, 0.2]:
  // 0.25 - 0.5 + 0.75 + 0 + 4.5 - 0.5 = 4.5.
  let logit = try Chapter3Exercises.pretrainedLogit(
    gmfVector: [1, -1], mlpVector: [0.1, 0, 0.2], gmfWeights: [1, 2], gmfBias: 4,
    mlpWeights: [10, 20, 30], mlpBias: -2, alpha: 0.25)
  #expect(abs(logit - 4.5) < 1e-5, "got \(logit)")  // GMF's weights on the MLP's vector fail here
  // It is alpha times GMF's logit plus (1 - alpha) times the MLP's (the written part).
  var rng = SeededGenerator(seed: 33)
  let g = (0..<4).map { _ in rng.uniform(-1, 1) }
  let m = (0..<6).map { _ in rng.uniform(-1, 1) }
  let hg = (0..<4).map { _ in rng.uniform(-1, 1) }
  let hm = (0..<6).map { _ in rng.uniform(-1, 1) }
  let gmfLogit = zip(hg, g).map(*).reduce(0.3, +)
  let mlpLogit = zip(hm, m).map(*).reduce(-0.7, +)
  let mixed = try Chapter3Exercises.pretrainedLogit(
    gmfVector: g, mlpVector: m, gmfWeights: hg, gmfBias: 0.3, mlpWeights: hm, mlpBias: -0.7,
    alpha: 0.7)
  #expect(abs(mixed - (0.7 * gmfLogit + 0.3 * mlpLogit)) < 1e-5)  // alpha on the MLP fails here
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
  // Gradients reach every parameter (a model built from raw values would not train, and
  // its backward() would trap: checked first, so an unfinished stub reports, not crashes).
  try #require(
    logits.requiresGrad, "the logits must be built from the parameters with the engine's ops")
  logits.sum().backward()
  try #require(mf.parameters.allSatisfy { $0.grad != nil }, "every parameter should get a gradient")
  let itemBiasGrad = try #require(mf.itemBias.grad)
  #expect(itemBiasGrad[4, 0] == 1 && itemBiasGrad[1, 0] == 0)
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
func `Exercise 3.5: how many ratings share each user’s last second`() throws {
  func r(_ u: Int, _ i: Int, _ t: Int) -> Rating {
    Rating(user: u, item: i, rating: 4, timestamp: t)
  }
  let ratings = [
    r(0, 0, 10), r(0, 1, 20), r(0, 2, 20),  // user 0: two at the latest second
    r(1, 0, 30), r(1, 1, 30), r(1, 2, 40),  // user 1: a tie, but not at the latest second
    r(2, 5, 7),  // user 2: one rating
    r(3, 1, 50), r(3, 2, 50), r(3, 3, 50), r(3, 4, 1),  // user 3: three tied, then an older one
  ]
  // User 4 has no rating. (A count of tied users alone, 2, is not the answer.)
  #expect(try Chapter3Exercises.latestSecondCounts(ratings, userCount: 5) == [2, 1, 1, 3, 0])
  #expect(try Chapter3Exercises.latestSecondCounts([], userCount: 3) == [0, 0, 0])
  // Ratings out of time order: a later second resets the count.
  let shuffled = [r(0, 1, 5), r(0, 2, 5), r(0, 3, 9), r(0, 4, 5)]
  #expect(try Chapter3Exercises.latestSecondCounts(shuffled, userCount: 1) == [1])
}

// BEGIN HIDDEN TESTS

@Test(.exercise("3.1", points: 1))
func `Exercise 3.1: the log loss with labels between 0 and 1 and one huge wrong logit`() throws {
  // Soft labels: y = 0.25 at x = 0 is still log 2; at x = 2, y = 0.5: the mean of both terms.
  #expect(try abs(Chapter3Exercises.logLoss(logits: [0], labels: [0.25]) - log(2.0)) < 1e-9)
  let x = 2.0
  let expected = 0.5 * log1p(exp(-x)) + 0.5 * (x + log1p(exp(-x)))
  #expect(try abs(Chapter3Exercises.logLoss(logits: [2], labels: [0.5]) - expected) < 1e-6)
  // One wrong logit of 90 among 9 right ones: 90 / 10, finite (exp(90) overflows in Float).
  let logits: [Float] = [90] + [Float](repeating: 30, count: 9)
  let labels: [Float] = [0] + [Float](repeating: 1, count: 9)
  let loss = try Chapter3Exercises.logLoss(logits: logits, labels: labels)
  #expect(loss.isFinite && abs(loss - 9) < 1e-6, "got \(loss)")
}

@Test(.exercise("3.2", points: 1))
func `Exercise 3.2: the tower’s count for wide towers and shrink 1`() throws {
  // NCF's 64 factors, 3 layers: 512·256 + 256 + 256·128 + 128 + 128·64 + 64.
  #expect(
    try Chapter3Exercises.towerParameterCount(factors: 64, hiddenLayers: 3, shrink: 2) == 172_480)
  // Shrink 1: L layers of k·k + k.
  #expect(try Chapter3Exercises.towerParameterCount(factors: 10, hiddenLayers: 4, shrink: 1) == 440)
  // Shrink 4, one layer: 4k·k + k.
  #expect(try Chapter3Exercises.towerParameterCount(factors: 5, hiddenLayers: 1, shrink: 4) == 105)
}

@Test(.exercise("3.3", points: 1))
func `Exercise 3.3: alpha 1 is GMF alone, alpha 0 the MLP alone, and the library’s NeuMF agrees`()
  throws
{
  let args = (
    g: [Float]([0.5, 2]), m: [Float]([1, 1, -1]), hg: [Float]([2, -1]), hm: [Float]([3, 1, 4])
  )
  #expect(
    try Chapter3Exercises.pretrainedLogit(
      gmfVector: args.g, mlpVector: args.m, gmfWeights: args.hg, gmfBias: 1, mlpWeights: args.hm,
      mlpBias: 9, alpha: 1) == 1 - 2 + 1)
  #expect(
    try Chapter3Exercises.pretrainedLogit(
      gmfVector: args.g, mlpVector: args.m, gmfWeights: args.hg, gmfBias: 1, mlpWeights: args.hm,
      mlpBias: 9, alpha: 0) == 3 + 1 - 4 + 9)
  // The library's NeuMF, built from a GMF and an MLP, gives the same logit for a pair.
  var rng = SeededGenerator(seed: 333)
  let gmf = GMF(userCount: 3, itemCount: 4, factors: 3, using: &rng)
  let mlp = MLPRecommender(userCount: 3, itemCount: 4, factors: 2, hiddenLayers: 1, using: &rng)
  for t in [
    gmf.userEmbedding.table, gmf.itemEmbedding.table, mlp.userEmbedding.table,
    mlp.itemEmbedding.table,
  ] {
    t.assign(Tensor.normal(t.shape, standardDeviation: 0.8, using: &rng))
  }
  gmf.output.bias!.assign(Tensor([0.3]))
  mlp.output.bias!.assign(Tensor([-0.7]))
  let neumf = NeuMF(pretrainedGMF: gmf, mlp: mlp, alpha: 0.6, using: &rng)
  for (u, i) in [(0, 1), (2, 3), (1, 0)] {
    let gmfVector = gmf.interaction(users: [u], items: [i]).scalars
    let mlpVector = mlp.interaction(users: [u], items: [i]).scalars
    let mine = try Chapter3Exercises.pretrainedLogit(
      gmfVector: gmfVector, mlpVector: mlpVector, gmfWeights: gmf.output.weight.scalars,
      gmfBias: 0.3, mlpWeights: mlp.output.weight.scalars, mlpBias: -0.7, alpha: 0.6)
    let library = neumf.logits(users: [u], items: [i]).scalars[0]
    #expect(abs(mine - library) < 1e-5, "(\(u), \(i)): \(mine) vs NeuMF's \(library)")
  }
}

@Test(.exercise("3.4", points: 1))
func `Exercise 3.4: biased MF's gradients match a central difference`() throws {
  var rng = SeededGenerator(seed: 334)
  let mf = Chapter3Exercises.BiasedMF(userCount: 3, itemCount: 4, factors: 2, using: &rng)
  for t in [mf.userEmbedding.table, mf.itemEmbedding.table, mf.userBias, mf.itemBias] {
    t.assign(Tensor.normal(t.shape, standardDeviation: 0.5, using: &rng))
  }
  let users = [0, 2, 2, 1]
  let items = [3, 0, 3, 1]
  try #require(
    mf.logits(users: users, items: items).requiresGrad, "logits built from the parameters")
  let report = checkGradients(of: mf.parameters) {
    (mf.logits(users: users, items: items) * mf.logits(users: users, items: items)).sum()
  }
  #expect(report.passes(tolerance: 1e-2), "\(report)")
}

@Test(.exercise("3.5", points: 1))
func `Exercise 3.5: the counts on a synthetic MovieLens, against a direct computation`() throws {
  let data = MovieLens.synthetic(size: .ml100k, seed: 100)
  var stamps = [[Int]](repeating: [], count: data.userCount)
  for x in data.ratings { stamps[x.user].append(x.timestamp) }
  let expected = stamps.map { ts in ts.isEmpty ? 0 : ts.filter { $0 == ts.max()! }.count }
  let counts = try Chapter3Exercises.latestSecondCounts(data.ratings, userCount: data.userCount)
  #expect(counts == expected)
  // Its users with 2 or more are the ones the library counts.
  #expect(
    counts.filter { $0 >= 2 }.count
      == usersWithTiesInTheirLastSecond(data.ratings, userCount: data.userCount))
}

// END HIDDEN TESTS
