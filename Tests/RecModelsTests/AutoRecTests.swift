import Foundation
import NN
import RecData
import RecModels
import Tensors
import Testing

// Three users, four items; user 2 never rated item 3, and nobody rated item 3... except user 0.
let autoRecRatings = [
  Rating(user: 0, item: 0, rating: 5, timestamp: 0),
  Rating(user: 0, item: 3, rating: 1, timestamp: 0),
  Rating(user: 1, item: 0, rating: 4, timestamp: 0),
  Rating(user: 1, item: 1, rating: 2, timestamp: 0),
  Rating(user: 2, item: 1, rating: 3, timestamp: 0),
]

@Test func ratingRowsByItemsPutUsersInColumns() {
  let rows = RatingRows(ratings: autoRecRatings, userCount: 3, itemCount: 5, by: .items)
  #expect(rows.rowCount == 5 && rows.columnCount == 3)
  #expect(rows.values[0 * 3 + 1] == 4)  // item 0, user 1
  #expect(rows.mask[3 * 3 + 0] == 1 && rows.mask[3 * 3 + 2] == 0)
  #expect(rows.rowCounts == [2, 2, 0, 1, 0])
  #expect(rows.columnCounts == [2, 2, 1])
  #expect(rows.position(user: 2, item: 1) == (row: 1, column: 2))
  let byUser = RatingRows(ratings: autoRecRatings, userCount: 3, itemCount: 5, by: .users)
  #expect(byUser.values[1 * 5 + 1] == 2 && byUser.rowCounts == [2, 2, 1])
  let (r, m) = byUser.batch([2, 0])
  #expect(r.shape == [2, 5] && r.scalars == [0, 3, 0, 0, 0, 5, 0, 0, 1, 0])
  #expect(m.scalars == [0, 1, 0, 0, 0, 1, 0, 0, 1, 0])
}

@Test func autoRecLossIgnoresUnobservedEntriesAndAddsTheL2Penalty() {
  var rng = SeededGenerator(seed: 5)
  let model = AutoRec(inputSize: 5, hiddenSize: 3, using: &rng)
  let rows = RatingRows(ratings: autoRecRatings, userCount: 3, itemCount: 5, by: .users)
  let (r, m) = rows.batch([0, 1, 2])
  let reconstruction = evaluating { model(r) }.scalars
  // By hand: squared errors on the five observed entries, over 5.
  var sum: Float = 0
  for i in 0..<15 where m.scalars[i] == 1 {
    sum += (reconstruction[i] - r.scalars[i]) * (reconstruction[i] - r.scalars[i])
  }
  let plain = withNoGrad { model.loss(ratings: r, mask: m, l2: 0) }.scalar
  #expect(abs(plain - sum / 5) < 1e-4)
  // The penalty is (lambda / 2)(||V||^2 + ||W||^2), biases excluded.
  let squares = (model.encoder.weight.scalars + model.decoder.weight.scalars).reduce(0) {
    $0 + $1 * $1
  }
  let penalised = withNoGrad { model.loss(ratings: r, mask: m, l2: 0.1) }.scalar
  #expect(abs(penalised - plain - 0.05 * squares) < 1e-4)
}

@Test func autoRecLossGradientMatchesCentralDifference() {
  var rng = SeededGenerator(seed: 6)
  let model = AutoRec(inputSize: 5, hiddenSize: 3, using: &rng)
  let rows = RatingRows(ratings: autoRecRatings, userCount: 3, itemCount: 5, by: .users)
  let (r, m) = rows.batch([0, 1, 2])
  let report = checkGradients(
    of: [model.encoder.weight, model.decoder.weight, model.decoder.bias!]
  ) { model.loss(ratings: r, mask: m, l2: 0.1) }
  #expect(report.passes(tolerance: 2e-2), "\(report)")
}

@Test func autoRecPredictionsAreClippedAndColdPairsGetTheDefault() {
  var rng = SeededGenerator(seed: 7)
  let model = AutoRec(inputSize: 3, hiddenSize: 2, using: &rng)
  // Push every output far above 5: a huge decoder bias.
  model.decoder.bias!.withUnsafeMutableBufferPointer { for i in $0.indices { $0[i] = 40 } }
  let rows = RatingRows(ratings: autoRecRatings, userCount: 3, itemCount: 5, by: .items)
  let test = [
    Rating(user: 2, item: 0, rating: 4, timestamp: 0),  // item 0 has ratings: clipped to 5
    Rating(user: 0, item: 2, rating: 4, timestamp: 0),  // item 2 has none: the default 3
  ]
  #expect(model.predict(test, from: rows) == [5, 3])
  #expect(abs(model.rmse(on: test, from: rows) - 1) < 1e-6)  // both predictions are 1 star off
}

@Test func autoRecFitsASmallRatingMatrixBetterThanTheMean() {
  // Two tastes: users 0-3 like items 0-2, users 4-7 like items 3-5.
  var ratings: [Rating] = []
  for u in 0..<8 {
    for i in 0..<6 where (u + i) % 5 != 0 {
      let likes = (u < 4) == (i < 3)
      ratings.append(Rating(user: u, item: i, rating: likes ? 5 : 1, timestamp: 0))
    }
  }
  let rows = RatingRows(ratings: ratings, userCount: 8, itemCount: 6, by: .users)
  var rng = SeededGenerator(seed: 8)
  let model = AutoRec(inputSize: 6, hiddenSize: 2, using: &rng)
  let optimizer = Adam(model.parameters, learningRate: 0.05)
  var first = 0.0
  var last = 0.0
  for epoch in 0..<300 {
    let loss = model.trainEpoch(on: rows, optimizer: optimizer, batchSize: 8, l2: 0, using: &rng)
    if epoch == 0 { first = loss }
    last = loss
  }
  #expect(last < first / 10, "loss \(first) -> \(last)")
  #expect(model.rmse(on: ratings, from: rows) < 0.5)  // the mean (3) would be 2 off everywhere
}
