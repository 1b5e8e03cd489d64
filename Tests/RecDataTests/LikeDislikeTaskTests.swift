import RecData
import Tensors
import Testing

/// Two users, three movies, hand-checkable features.
private func toyData() -> MovieLens {
  let users = [
    User(id: 1, age: 20, gender: .male, occupation: 1, zip: "00000"),
    User(id: 2, age: 40, gender: .female, occupation: 0, zip: "00000"),
  ]
  let items = [
    Movie(id: 1, title: "A (1995)", releaseDate: "01-Jan-1995", genres: [0]),
    Movie(id: 2, title: "B (1996)", releaseDate: "01-Jan-1996", genres: [1, 2]),
    Movie(id: 3, title: "C (1997)", releaseDate: "01-Jan-1997", genres: []),
  ]
  let ratings = [
    Rating(user: 0, item: 1, rating: 4, timestamp: 1),
    Rating(user: 1, item: 0, rating: 3, timestamp: 2),
  ]
  return MovieLens(
    users: users, items: items, ratings: ratings, genreNames: ["Action", "Comedy", "Drama"],
    occupationNames: ["artist", "student"])
}

@Test func likeDislikeFeaturesHaveTheDocumentedLayout() {
  let features = LikeDislikeFeatures(toyData())
  #expect(features.count == 1 + 1 + 2 + 3)
  #expect(
    features.names == [
      "age", "female", "occupation=artist", "occupation=student", "genre=Action", "genre=Comedy",
      "genre=Drama",
    ])
  #expect(features.groups.map(\.name) == ["age", "gender", "occupation", "genres"])
  #expect(features.groups.map(\.columns) == [0..<1, 1..<2, 2..<4, 4..<7])
  // Ages 20 and 40: mean 30, (population) standard deviation 10, so -1 and +1.
  #expect(features.ageMean == 30 && features.ageStandardDeviation == 10)
  #expect(features.row(user: 0, item: 1) == [-1, 0, 0, 1, 0, 1, 1])
  #expect(features.row(user: 1, item: 0) == [1, 1, 1, 0, 1, 0, 0])
  #expect(features.row(user: 1, item: 2) == [1, 1, 1, 0, 0, 0, 0])
}

@Test func featureMatrixRowsEqualTheRowsOfEachRating() {
  let data = toyData()
  let features = LikeDislikeFeatures(data)
  let matrix = features.matrix(for: data.ratings)
  #expect(matrix.shape == [2, 7])
  #expect(matrix.scalars == features.row(user: 0, item: 1) + features.row(user: 1, item: 0))
}

@Test func fourOrFiveStarsIsALike() {
  let labels = (1...5).map {
    LikeDislikeTask.label(of: Rating(user: 0, item: 0, rating: $0, timestamp: 0))
  }
  #expect(labels == [0, 0, 0, 1, 1])
}

@Test func taskSplitsEveryRatingOnceDeterministically() throws {
  let data = MovieLens.synthetic(size: .small, seed: 3)
  let task = try LikeDislikeTask(data, validationFraction: 0.1, testFraction: 0.2, seed: 5)
  #expect(task.train.count + task.validation.count + task.test.count == data.ratings.count)
  #expect(task.test.count == 600)  // round(0.2 * 3000)
  #expect(task.validation.count == 300)  // round(0.125 * 2400): a tenth of the whole
  let all = Set(task.train.ratings + task.validation.ratings + task.test.ratings)
  #expect(all.count == data.ratings.count)
  #expect(task.train.features.shape == [task.train.count, task.encoder.count])
  let again = try LikeDislikeTask(data, validationFraction: 0.1, testFraction: 0.2, seed: 5)
  #expect(
    again.test.ratings == task.test.ratings && again.validation.ratings == task.validation.ratings)
  let other = try LikeDislikeTask(data, validationFraction: 0.1, testFraction: 0.2, seed: 6)
  #expect(other.test.ratings != task.test.ratings)
}

@Test func userLimitKeepsOnlyTheFirstUsers() throws {
  let data = MovieLens.synthetic(size: .small, seed: 3)
  let task = try LikeDislikeTask(data, seed: 1, userLimit: 10)
  let users = Set((task.train.ratings + task.validation.ratings + task.test.ratings).map(\.user))
  #expect(users.allSatisfy { $0 < 10 })
  #expect(
    task.train.count + task.validation.count + task.test.count
      == data.ratings.filter { $0.user < 10 }.count)
}

@Test func aBatchGathersTheAskedRowsAndLabels() throws {
  let data = MovieLens.synthetic(size: .small, seed: 3)
  let task = try LikeDislikeTask(data, seed: 1)
  let (x, y) = task.train.batch([4, 0, 4])
  let width = task.encoder.count
  #expect(x.shape == [3, width] && y.shape == [3, 1])
  let all = task.train.features.scalars
  #expect(Array(x.scalars[0..<width]) == Array(all[(4 * width)..<(5 * width)]))
  #expect(Array(x.scalars[width..<(2 * width)]) == Array(all[0..<width]))
  #expect(y.scalars == [task.train.labels[4], task.train.labels[0], task.train.labels[4]])
  #expect(!x.requiresGrad)
}

@Test func tooFewRatingsIsAnErrorNotATrap() {
  #expect(throws: LikeDislikeTaskError.self) { try LikeDislikeTask(toyData(), seed: 1) }
}
