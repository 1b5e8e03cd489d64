import Foundation
import Testing

@testable import RecData

@Test func sameSeedGivesIdenticalSyntheticData() {
  let a = MovieLens.synthetic(size: .small, seed: 11)
  let b = MovieLens.synthetic(size: .small, seed: 11)
  let c = MovieLens.synthetic(size: .small, seed: 12)
  #expect(a.ratings == b.ratings && a.users == b.users && a.items == b.items)
  #expect(a.ratings != c.ratings)
}

@Test func smallSyntheticHasTheRequestedShape() {
  let size = SyntheticSize.small
  let ml = MovieLens.synthetic(size: size, seed: 3)
  #expect(ml.users.count == size.users && ml.items.count == size.items)
  #expect(ml.ratings.count == size.ratings)
  #expect(ml.genreNames.count == 19 && ml.occupationNames.count == 21)
  #expect(ml.ratings.allSatisfy { (1...5).contains($0.rating) })
  let matrix = ml.interactions()
  #expect(matrix.interactionCount == ml.ratings.count)  // no user rates an item twice
  #expect((0..<ml.userCount).allSatisfy { matrix.degree(ofUser: $0) >= size.minimumPerUser })
  #expect(ml.items.allSatisfy { !$0.genres.isEmpty && $0.year != nil })
  #expect(ml.users.allSatisfy { (7...73).contains($0.age) && $0.zip.count == 5 })
}

@Test func fullSyntheticHasMovieLensShapeAndALongTail() {
  let ml = MovieLens.synthetic(seed: 1)
  #expect(ml.users.count == 943 && ml.items.count == 1682 && ml.ratings.count == 100_000)
  let matrix = ml.interactions()
  let userDegrees = (0..<943).map { matrix.degree(ofUser: $0) }
  #expect(userDegrees.min()! >= 20)
  let itemDegrees = (0..<1682).map { matrix.degree(ofItem: $0) }.sorted(by: >)
  // Long tail: the 10% most popular items hold well over a quarter of the ratings.
  let head = itemDegrees.prefix(168).reduce(0, +)
  #expect(Double(head) > 0.25 * 100_000)
  // Star histogram follows MovieLens-100K's (4 stars most common).
  var stars = [Int](repeating: 0, count: 6)
  for r in ml.ratings { stars[r.rating] += 1 }
  #expect(stars[4] == stars.max())
}

@Test func syntheticGenresMoveTheStars() {
  // Genres and demographics enter the scores: the mean star of some genre among women and among
  // men must differ by a visible amount (in the absence of the effect they match to ~0.05).
  let ml = MovieLens.synthetic(seed: 5)
  var sum = [[Double]](repeating: [Double](repeating: 0, count: 19), count: 2)
  var count = sum
  for r in ml.ratings {
    let g = ml.users[r.user].gender == .male ? 0 : 1
    for genre in ml.items[r.item].genres {
      sum[g][genre] += Double(r.rating)
      count[g][genre] += 1
    }
  }
  let gaps = (1..<19).filter { count[0][$0] > 200 && count[1][$0] > 200 }.map {
    abs(sum[0][$0] / count[0][$0] - sum[1][$0] / count[1][$0])
  }
  #expect(gaps.max()! > 0.15)
}

@Test func syntheticRoundTripsThroughFiles() throws {
  let ml = MovieLens.synthetic(size: .small, seed: 9)
  let folder = NSTemporaryDirectory() + "recdata-roundtrip-\(UInt32.random(in: 0...UInt32.max))"
  defer { try? FileManager.default.removeItem(atPath: folder) }
  try ml.write(to: folder)
  let back = try MovieLens.load(from: folder)
  #expect(back.users == ml.users)
  #expect(back.items == ml.items)
  #expect(back.ratings == ml.ratings)
  #expect(back.genreNames == ml.genreNames && back.occupationNames == ml.occupationNames)
  // Titles with é/ñ are written as single Latin-1 bytes, like the real u.item.
  let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/u.item")))
  #expect(!bytes.contains(0xC3))  // no UTF-8 lead byte of é/ñ
}
