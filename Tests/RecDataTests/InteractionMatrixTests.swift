import Testing

@testable import RecData

@Test func jaccardOfSeedMatrixMatchesTheNCFFigure() {
  let toy = ToyMatrix.interactions
  // 0-based users: u1 = 0, ..., u4 = 3. Hand counts of common / union items:
  #expect(toy.jaccard(user: 1, 2) == 2.0 / 3.0)  // u2,u3: {i2,i3} / {i2,i3,i4}
  #expect(toy.jaccard(user: 0, 1) == 2.0 / 4.0)  // u1,u2: {i2,i3} / {i1,i2,i3,i5}
  #expect(toy.jaccard(user: 0, 2) == 2.0 / 5.0)  // u1,u3: {i2,i3} / all five
  #expect(toy.jaccard(user: 3, 0) == 3.0 / 5.0)  // u4,u1: {i1,i3,i5} / all five
  #expect(toy.jaccard(user: 3, 1) == 1.0 / 5.0)  // u4,u2: {i3} / all five
  #expect(toy.jaccard(user: 3, 2) == 2.0 / 5.0)  // u4,u3: {i3,i4} / {i1,i2,i3,i4,i5}
}

@Test func toyMatrixRoundTripsToDenseRows() {
  #expect(ToyMatrix.interactions.denseRows() == ToyMatrix.rows)
  #expect(ToyMatrix.interactions.interactionCount == 13)
}

@Test func csrRowsAreSortedAndTransposeAgrees() {
  let m = InteractionMatrix(
    userCount: 3, itemCount: 4, pairs: [(2, 3), (0, 2), (0, 0), (2, 0), (0, 2), (1, 1)])
  #expect(Array(m.items(of: 0)) == [0, 2])  // the duplicate (0, 2) is stored once
  #expect(Array(m.items(of: 1)) == [1])
  #expect(Array(m.items(of: 2)) == [0, 3])
  #expect(Array(m.users(of: 0)) == [0, 2])
  #expect(Array(m.users(of: 2)) == [0])
  #expect(m.users(of: 3).count == 1 && m.degree(ofItem: 1) == 1)
  #expect(m.contains(user: 2, item: 3) && !m.contains(user: 2, item: 2))
  #expect(m.denseRow(user: 0) == [1, 0, 1, 0])
}

@Test func implicitThresholdKeepsOnlyHighRatings() {
  let ml = MovieLens.synthetic(size: .small, seed: 2)
  let liked = ml.implicitRatings(minimumRating: 4)
  #expect(liked.allSatisfy { $0.rating >= 4 })
  #expect(liked.count == ml.ratings.filter { $0.rating >= 4 }.count)
  #expect(ml.implicitRatings().count == ml.ratings.count)
}
