import Foundation
import NN
import RecData
import RecEval
import RecModels
import Tensors
import Testing

/// Writes `values` into a parameter table (tests set vectors by hand).
private func set(_ table: Tensor, _ values: [Float]) {
  table.withUnsafeMutableBufferPointer { w in
    for i in w.indices { w[i] = values[i] }
  }
}

@Test func mfScoreIsInnerProductAndFastPathMatchesGraph() {
  var rng = SeededGenerator(seed: 3)
  let mf = MatrixFactorization(userCount: 2, itemCount: 3, factors: 2, using: &rng)
  set(mf.userEmbedding.table, [1, 2, -1, 0.5])  // p0 = (1, 2), p1 = (-1, 0.5)
  set(mf.itemEmbedding.table, [3, 0, 1, 1, -2, 4])  // q0 = (3, 0), q1 = (1, 1), q2 = (-2, 4)
  let graph = mf(users: [0, 0, 0, 1, 1, 1], items: [0, 1, 2, 0, 1, 2]).scalars
  #expect(graph == [3, 3, 6, -3, -0.5, 4])
  #expect(mf.scores(user: 0, items: [0, 1, 2]) == [3, 3, 6])
  #expect(mf.scores(user: 1, items: [2, 0]) == [4, -3])
  #expect(mf.userVector(1) == [-1, 0.5] && mf.itemVector(2) == [-2, 4])
  #expect(mf.parameterCount == 2 * 2 + 3 * 2)
}

@Test func bprLossOfEqualScoresIsLogTwo() throws {
  var rng = SeededGenerator(seed: 1)
  let mf = MatrixFactorization(userCount: 3, itemCount: 4, factors: 4, using: &rng)
  set(mf.itemEmbedding.table, [Float](repeating: 0, count: 16))
  let batch = PairwiseInstances(users: [0, 1, 2], positives: [0, 1, 2], negatives: [3, 3, 3])
  #expect(abs(Double(mf.bprLoss(batch).scalar) - log(2.0)) < 1e-6)
  let pointwise = try #require(
    TrainingInstances(users: [0, 1], items: [0, 1], labels: [1, 0]).batches(size: 2).first(where: {
      _ in true
    }))
  #expect(abs(Double(mf.logLoss(pointwise).scalar) - log(2.0)) < 1e-6)
}

@Test func bprGradientMatchesHandDerivation() {
  // One triple: x = p.(qi - qj) = (1, 2).((1, 0) - (0, 1)) = -1.
  // dL/dp = -(1 - sigmoid(x)) (qi - qj),  dL/dqi = -(1 - sigmoid(x)) p,  dL/dqj = +(1 - sigmoid(x)) p
  var rng = SeededGenerator(seed: 1)
  let mf = MatrixFactorization(userCount: 1, itemCount: 2, factors: 2, using: &rng)
  set(mf.userEmbedding.table, [1, 2])
  set(mf.itemEmbedding.table, [1, 0, 0, 1])
  let loss = mf.bprLoss(PairwiseInstances(users: [0], positives: [0], negatives: [1]))
  let c = 1 - 1 / (1 + exp(1.0))  // 1 - sigmoid(-1)
  #expect(abs(Double(loss.scalar) - log(1 + exp(1.0))) < 1e-6)
  loss.backward()
  let gp = mf.userEmbedding.table.grad!.scalars
  let gq = mf.itemEmbedding.table.grad!.scalars
  let expectedP = [-c, c]
  let expectedQ = [-c, -2 * c, c, 2 * c]
  #expect(zip(gp, expectedP).allSatisfy { abs(Double($0) - $1) < 1e-6 })
  #expect(zip(gq, expectedQ).allSatisfy { abs(Double($0) - $1) < 1e-6 })
}

@Test func l2PenaltyAddsSquaredNormsOfUsedVectors() {
  var rng = SeededGenerator(seed: 1)
  let mf = MatrixFactorization(userCount: 1, itemCount: 2, factors: 2, using: &rng)
  set(mf.userEmbedding.table, [1, 2])
  set(mf.itemEmbedding.table, [1, 0, 0, 1])
  let batch = PairwiseInstances(users: [0], positives: [0], negatives: [1])
  let penalty = mf.bprLoss(batch, l2: 0.1).scalar - mf.bprLoss(batch).scalar
  #expect(abs(penalty - 0.1 * (5 + 1 + 1)) < 1e-5)
}

@Test func pairwiseEpochPairsEveryPositiveWithATrueNegative() {
  let train = ToyMatrix.interactions
  let sampler = NegativeSampler(excluding: train)
  var rng = SeededGenerator(seed: 11)
  let triples = PairwiseInstances.epoch(positives: train, sampler: sampler, using: &rng)
  #expect(triples.count == train.interactionCount)
  for t in 0..<triples.count {
    let u = Int(triples.users[t])
    #expect(train.contains(user: u, item: Int(triples.positives[t])))
    #expect(!train.contains(user: u, item: Int(triples.negatives[t])))
  }
  var again = SeededGenerator(seed: 11)
  #expect(PairwiseInstances.epoch(positives: train, sampler: sampler, using: &again) == triples)
  let batches = triples.batches(size: 5)
  #expect(batches.map(\.count) == [5, 5, 3])
  #expect(batches.flatMap(\.users) == triples.users)
}

@Test(arguments: [ImplicitObjective.bpr, .logLoss(negativesPerPositive: 2)])
func mfLearnsToyMatrixRanking(objective: ImplicitObjective) {
  // With k = 4 and no penalty, every positive should end above every negative of its user.
  let train = ToyMatrix.interactions
  var rng = SeededGenerator(seed: 5)
  let mf = MatrixFactorization(
    userCount: 4, itemCount: 5, factors: 4, standardDeviation: 0.1, using: &rng)
  let adam = Adam(mf.parameters, learningRate: 0.05)
  var first = 0.0
  var last = 0.0
  for epoch in 0..<300 {
    last = mf.trainEpoch(
      on: train, objective: objective, optimizer: adam, batchSize: 4, using: &rng)
    if epoch == 0 { first = last }
  }
  #expect(last < first / 4, "loss went from \(first) to \(last)")
  for u in 0..<4 {
    let s = mf.scores(user: u, items: Array(0..<5))
    let positives = train.items(of: u).map { s[$0] }
    let negatives = (0..<5).filter { !train.contains(user: u, item: $0) }.map { s[$0] }
    #expect(positives.min()! > negatives.max()!, "user \(u): \(s)")
  }
}

@Test func mfGeneralisesToUnseenItemsOfAPlantedCommunity() {
  // Three communities of 20 users and 20 items; each user saw a random half of their
  // community's items and nothing else. Items are equally popular, so only the structure
  // helps: after training, an unseen item of the user's own community must outscore every
  // item of the other communities for most users (chance would be far below).
  var rng = SeededGenerator(seed: 21)
  var pairs: [(user: Int, item: Int)] = []
  for u in 0..<60 {
    let community = u / 20
    for item in rng.sample(10, from: 20) { pairs.append((u, community * 20 + item)) }
  }
  let train = InteractionMatrix(userCount: 60, itemCount: 60, pairs: pairs)
  let mf = MatrixFactorization(
    userCount: 60, itemCount: 60, factors: 8, standardDeviation: 0.1, using: &rng)
  let adam = Adam(mf.parameters, learningRate: 0.02)
  for _ in 0..<40 {
    mf.trainEpoch(on: train, objective: .bpr, optimizer: adam, batchSize: 64, using: &rng)
  }
  var separated = 0
  for u in 0..<60 {
    let community = u / 20
    let s = mf.scores(user: u, items: Array(0..<60))
    let unseenInside = (community * 20..<community * 20 + 20).filter {
      !train.contains(user: u, item: $0)
    }
    let outside = (0..<60).filter { $0 / 20 != community }
    if unseenInside.map({ s[$0] }).max()! > outside.map({ s[$0] }).max()! { separated += 1 }
  }
  #expect(separated >= 50, "only \(separated) of 60 users rank an unseen community item first")
}
