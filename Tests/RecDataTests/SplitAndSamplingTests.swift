import Tensors
import Testing

@testable import RecData

// MARK: - Leave-one-out

/// User 0 has three ratings in its last second (items 5, 2, 9 in file order); user 1 has a unique latest.
let tiedRatings = [
  Rating(user: 0, item: 1, rating: 4, timestamp: 100),
  Rating(user: 0, item: 5, rating: 3, timestamp: 200),
  Rating(user: 1, item: 3, rating: 5, timestamp: 50),
  Rating(user: 0, item: 2, rating: 5, timestamp: 200),
  Rating(user: 1, item: 4, rating: 2, timestamp: 60),
  Rating(user: 0, item: 9, rating: 1, timestamp: 200),
  Rating(user: 0, item: 7, rating: 1, timestamp: 150),
]

@Test func tieRulesPickTheStatedRating() {
  func heldOutItem(_ rule: TieRule) -> Int {
    RatingSplit.leaveOneOut(tiedRatings, userCount: 2, ties: rule).test.first { $0.user == 0 }!.item
  }
  #expect(heldOutItem(.lastInFileOrder) == 9)
  #expect(heldOutItem(.highestItemID) == 9)
  #expect(heldOutItem(.lowestItemID) == 2)
  // The random rule only ever picks among the tied three, and reaches all of them across seeds.
  let picks = Set((0..<60).map { heldOutItem(.random(seed: UInt64($0))) })
  #expect(picks == [5, 2, 9])
  #expect(heldOutItem(.random(seed: 4)) == heldOutItem(.random(seed: 4)))
  // User 1's latest is unique whatever the rule.
  #expect(
    RatingSplit.leaveOneOut(tiedRatings, userCount: 2, ties: .lowestItemID).test.first {
      $0.user == 1
    }!.item == 4)
}

@Test func lastInFileOrderDiffersFromHighestIDWhenFileOrderDoes() {
  var ratings = tiedRatings
  ratings.swapAt(3, 5)  // now the tied items come in file order 5, 9, 2
  #expect(RatingSplit.leaveOneOut(ratings, userCount: 2).test.first { $0.user == 0 }!.item == 2)
  #expect(
    RatingSplit.leaveOneOut(ratings, userCount: 2, ties: .highestItemID).test.first {
      $0.user == 0
    }!.item == 9)
}

@Test func leaveOneOutHoldsOutExactlyOneLatestItemPerUser() {
  let ml = MovieLens.synthetic(size: .small, seed: 4)
  let split = RatingSplit.leaveOneOut(ml.ratings, userCount: ml.userCount)
  #expect(split.test.count == ml.userCount)
  #expect(Set(split.test.map(\.user)).count == ml.userCount)
  #expect(split.train.count + split.test.count == ml.ratings.count)
  let train = InteractionMatrix(
    ratings: split.train, userCount: ml.userCount, itemCount: ml.itemCount)
  for held in split.test {
    #expect(!train.contains(user: held.user, item: held.item))
    #expect(split.train.allSatisfy { $0.user != held.user || $0.timestamp <= held.timestamp })
  }
}

// MARK: - Ratio splits

@Test func perUserSplitHoldsOutTwentyPercentOfEachUser() {
  let ml = MovieLens.synthetic(size: .small, seed: 4)
  let split = RatingSplit.perUser(ml.ratings, userCount: ml.userCount, testFraction: 0.2, seed: 1)
  let all = ml.interactions()
  for u in 0..<ml.userCount {
    let n = all.degree(ofUser: u)
    let held = split.test.filter { $0.user == u }.count
    #expect(held == Int((Double(n) * 0.2).rounded()))
  }
  #expect(Set(split.train).isDisjoint(with: split.test))
  #expect(
    split == RatingSplit.perUser(ml.ratings, userCount: ml.userCount, testFraction: 0.2, seed: 1))
}

@Test func globalSplitHoldsOutTenPercentAndIsSeeded() {
  let ml = MovieLens.synthetic(size: .small, seed: 4)
  let split = RatingSplit.random(ml.ratings, testFraction: 0.1, seed: 8)
  #expect(split.test.count == 300 && split.train.count == 2_700)
  #expect(Set(split.train).isDisjoint(with: split.test))
  #expect(split == RatingSplit.random(ml.ratings, testFraction: 0.1, seed: 8))
  #expect(split != RatingSplit.random(ml.ratings, testFraction: 0.1, seed: 9))
}

// MARK: - Negative sampling

@Test func sampledNegativesAreNeverPositivesAndDistinct() {
  let ml = MovieLens.synthetic(size: .small, seed: 6)
  let all = ml.interactions()
  let sampler = NegativeSampler(excluding: all)
  var rng = SeededGenerator(seed: 1)
  for u in 0..<ml.userCount {
    let negatives = sampler.sampleDistinct(99, for: u, using: &rng)
    #expect(negatives.count == min(99, sampler.availableCount(for: u)))
    #expect(Set(negatives).count == negatives.count)
    #expect(negatives.allSatisfy { !all.contains(user: u, item: $0) })
  }
  // A user with only two free items gets exactly those two.
  let toy = ToyMatrix.interactions
  var rng2 = SeededGenerator(seed: 2)
  #expect(Set(NegativeSampler(excluding: toy).sampleDistinct(99, for: 2, using: &rng2)) == [0, 4])
}

@Test func sameSeedSamplesSameNegatives() {
  let all = MovieLens.synthetic(size: .small, seed: 6).interactions()
  let sampler = NegativeSampler(excluding: all)
  var a = SeededGenerator(seed: 5)
  var b = SeededGenerator(seed: 5)
  #expect(
    sampler.sampleDistinct(50, for: 3, using: &a) == sampler.sampleDistinct(50, for: 3, using: &b))
}

@Test func epochPairsEachPositiveWithFourNegatives() {
  let ml = MovieLens.synthetic(size: .small, seed: 6)
  let train = ml.interactions()
  var rng = SeededGenerator(seed: 3)
  let epoch = TrainingInstances.epoch(positives: train, negativesPerPositive: 4, using: &rng)
  #expect(epoch.count == 5 * train.interactionCount)
  #expect(epoch.labels.filter { $0 == 1 }.count == train.interactionCount)
  for k in 0..<epoch.count {
    let isPositive = train.contains(user: Int(epoch.users[k]), item: Int(epoch.items[k]))
    #expect(isPositive == (epoch.labels[k] == 1))
  }
  // Shuffled: the first 100 labels are not all the same block.
  #expect(Set(epoch.labels.prefix(100)).count == 2)
  var rng2 = SeededGenerator(seed: 3)
  #expect(epoch == TrainingInstances.epoch(positives: train, negativesPerPositive: 4, using: &rng2))
}

@Test func miniBatchesCoverEveryInstanceWithASmallerLastBatch() {
  let instances = TrainingInstances(
    users: (0..<10).map(Int32.init), items: (0..<10).map(Int32.init),
    labels: [Float](repeating: 1, count: 10))
  let batches = Array(instances.batches(size: 4))
  #expect(batches.map(\.count) == [4, 4, 2])
  #expect(instances.batches(size: 4).count == 3)
  #expect(batches.flatMap(\.users) == instances.users)
}

@Test func usersWithTiesInTheirLastSecondCountsOnlyTiesAtTheLatestTime() {
  let ratings = [
    Rating(user: 0, item: 0, rating: 3, timestamp: 10),
    Rating(user: 0, item: 1, rating: 3, timestamp: 10),  // user 0: tie at its latest second
    Rating(user: 1, item: 0, rating: 3, timestamp: 5),
    Rating(user: 1, item: 1, rating: 3, timestamp: 5),  // user 1: tie, but not at its latest
    Rating(user: 1, item: 2, rating: 3, timestamp: 9),
    Rating(user: 2, item: 2, rating: 3, timestamp: 1),
  ]
  #expect(usersWithTiesInTheirLastSecond(ratings, userCount: 3) == 1)
}
