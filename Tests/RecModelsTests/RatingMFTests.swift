import Foundation
import RecData
import RecEval
import RecModels
import Tensors
import Testing

@Test func ratingMFPredictsMeanPlusBiasesPlusDot() {
  var rng = SeededGenerator(seed: 1)
  let mf = RatingMF(userCount: 2, itemCount: 3, factors: 2, using: &rng)
  mf.setMean(from: [
    Rating(user: 0, item: 0, rating: 4, timestamp: 0),
    Rating(user: 1, item: 2, rating: 2, timestamp: 0),
  ])
  #expect(mf.mean == 3)
  let dot = mf.userFactors[2] * mf.itemFactors[4] + mf.userFactors[3] * mf.itemFactors[5]
  #expect(abs(mf.predict(user: 1, item: 2) - (3 + dot)) < 1e-6)
}

@Test func ratingMFStepMovesThePredictionTowardTheRating() {
  var rng = SeededGenerator(seed: 2)
  let mf = RatingMF(
    userCount: 1, itemCount: 1, factors: 4, learningRate: 0.1, regularization: 0, using: &rng)
  let ratings = [Rating(user: 0, item: 0, rating: 5, timestamp: 0)]
  mf.setMean(from: [Rating(user: 0, item: 0, rating: 3, timestamp: 0)])
  let before = mf.predict(user: 0, item: 0)
  mf.trainEpoch(ratings, using: &rng)
  let after = mf.predict(user: 0, item: 0)
  #expect(after > before && after < 5)
  // The biases move by lr * error exactly (no regularisation).
  #expect(abs(mf.userBias[0] - 0.1 * (5 - before)) < 1e-6)
}

@Test func ratingMFFitsSyntheticRatingsBetterThanTheMean() {
  let ml = MovieLens.synthetic(size: .small, seed: 3)
  let split = RatingSplit.random(ml.ratings, testFraction: 0.1, seed: 3)
  var rng = SeededGenerator(seed: 3)
  let mf = RatingMF(
    userCount: ml.userCount, itemCount: ml.itemCount, factors: 5, learningRate: 0.01,
    regularization: 0.05, using: &rng)
  mf.fit(split.train, epochs: 30, using: &rng)
  let targets = split.test.map { Float($0.rating) }
  let meanRMSE = Metrics.rmse(predictions: targets.map { _ in mf.mean }, targets: targets)
  #expect(mf.rmse(on: split.test) < meanRMSE)
}
