import Foundation
import Testing

@testable import RecData

// MARK: - A tiny well-formed MovieLens folder, as text

/// Two genres, two occupations, two users, three items, three ratings.
struct TinyFiles {
  var genre = "unknown|0\nComedy|1\n"
  var occupation = "student\nwriter\n"
  var user = "1|24|M|student|85711\n2|53|F|writer|94043\n"
  var item =
    "1|Toy Story (1995)|01-Jan-1995||http://x|0|1\n2|Mis\u{E9}rables|01-Jan-1995||http://y|0|0\n3|unknown||||1|0\n"
  var data = "1\t1\t5\t881250949\n2\t2\t3\t891717742\n1\t3\t1\t878887116\n"

  func parse() throws -> MovieLens {
    // u.item is Latin-1: encode each scalar as one byte.
    let itemBytes = item.unicodeScalars.map { UInt8($0.value) }
    return try MovieLens.parse(
      genre: Array(genre.utf8), occupation: Array(occupation.utf8), user: Array(user.utf8),
      item: itemBytes, data: Array(data.utf8))
  }
}

/// Parses `files` expecting a DataError; returns it.
func expectDataError(_ files: TinyFiles) -> DataError? {
  do {
    _ = try files.parse()
    return nil
  } catch let error as DataError {
    return error
  } catch {
    return nil
  }
}

@Test func tinyFilesParseWithIndicesFromZero() throws {
  let ml = try TinyFiles().parse()
  #expect(ml.users.count == 2 && ml.items.count == 3 && ml.ratings.count == 3)
  #expect(ml.genreNames == ["unknown", "Comedy"])
  #expect(ml.occupationNames == ["student", "writer"])
  #expect(ml.ratings[0] == Rating(user: 0, item: 0, rating: 5, timestamp: 881_250_949))
  #expect(ml.ratings[2] == Rating(user: 0, item: 2, rating: 1, timestamp: 878_887_116))
  #expect(ml.users[1] == User(id: 2, age: 53, gender: .female, occupation: 1, zip: "94043"))
  #expect(ml.items[0].genres == [1] && ml.items[0].year == 1995)
  #expect(ml.items[2].year == nil && ml.items[2].genres == [0])
}

@Test func latin1TitleIsDecodedToEAcute() throws {
  let ml = try TinyFiles().parse()
  #expect(ml.items[1].title == "Misérables")
}

@Test func crlfLineEndsAndMissingFinalNewlineAreAccepted() throws {
  var files = TinyFiles()
  files.data = "1\t1\t5\t881250949\r\n2\t2\t3\t891717742\r\n1\t3\t1\t878887116"
  files.user = "1|24|M|student|85711\r\n2|53|F|writer|94043"
  files.genre = "unknown|0\r\nComedy|1\r\n\r\n\r\n"  // blank trailing lines too
  let ml = try files.parse()
  #expect(ml.ratings.count == 3)
  #expect(ml.ratings[2].timestamp == 878_887_116)
  #expect(ml.users[1].zip == "94043")  // no stray "\r"
  #expect(ml.genreNames == ["unknown", "Comedy"])
}

// MARK: - Every malformed case names file, line and problem

@Test func wrongFieldCountNamesFileAndLine() throws {
  var files = TinyFiles()
  files.data = "1\t1\t5\t881250949\n2\t2\t3\n"
  let error = try #require(expectDataError(files))
  #expect(error.kind == .wrongFieldCount)
  #expect(error.description.hasPrefix("u.data line 2:"))
  #expect(error.description.contains("expected 4 fields"))
}

@Test func nonNumberNamesFileAndLine() throws {
  var files = TinyFiles()
  files.data = "1\t1\t5\t881250949\n2\t2\tthree\t891717742\n"
  let error = try #require(expectDataError(files))
  #expect(error.kind == .notANumber)
  #expect(error.description == "u.data line 2: rating 'three' is not a number")
}

@Test func ratingZeroIsOutOfRange() throws {
  var files = TinyFiles()
  files.data = "1\t1\t0\t881250949\n"
  let error = try #require(expectDataError(files))
  #expect(error.kind == .ratingOutOfRange)
  #expect(error.description == "u.data line 1: rating 0 is outside 1...5")
}

@Test func ratingSixIsOutOfRange() throws {
  var files = TinyFiles()
  files.data = "1\t1\t5\t881250949\n\n1\t2\t6\t881250949\n"  // the blank line still counts
  let error = try #require(expectDataError(files))
  #expect(error.kind == .ratingOutOfRange)
  #expect(error.description == "u.data line 3: rating 6 is outside 1...5")
}

@Test func unknownUserIDIsReported() throws {
  var files = TinyFiles()
  files.data = "1\t1\t5\t881250949\n7\t1\t5\t881250949\n"
  let error = try #require(expectDataError(files))
  #expect(error.kind == .unknownUser)
  #expect(error.description == "u.data line 2: user id 7 is not in u.user")
}

@Test func unknownItemIDIsReported() throws {
  var files = TinyFiles()
  files.data = "1\t4\t5\t881250949\n"
  let error = try #require(expectDataError(files))
  #expect(error.kind == .unknownItem)
  #expect(error.description == "u.data line 1: item id 4 is not in u.item")
}

@Test func emptyFileIsReported() throws {
  var files = TinyFiles()
  files.user = "\n\n"
  let error = try #require(expectDataError(files))
  #expect(error.kind == .emptyFile)
  #expect(error.description.hasPrefix("u.user: the file is empty"))
}

@Test func wrongItemFieldCountNamesUItem() throws {
  var files = TinyFiles()
  files.item = "1|Toy Story (1995)|01-Jan-1995||http://x|0\n"
  let error = try #require(expectDataError(files))
  #expect(error.kind == .wrongFieldCount)
  #expect(error.description.hasPrefix("u.item line 1: expected 7 fields"))
}

@Test func missingFileSaysToRunMakeData() throws {
  let folder = NSTemporaryDirectory() + "no-such-movielens-\(UInt32.random(in: 0...UInt32.max))"
  do {
    _ = try MovieLens.load(from: folder)
    Issue.record("loading a missing folder did not throw")
  } catch let error as DataError {
    #expect(error.kind == .missingFile)
    #expect(error.file == "u.genre")
    #expect(error.description.contains("make data"))
  }
}

// MARK: - The real MovieLens-100K, when present

/// `Data/ml-100k` in the package root, found from this file's path.
func realDataFolder() -> String? {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  let folder = root.appendingPathComponent("Data/ml-100k").path
  return FileManager.default.fileExists(atPath: folder + "/u.data") ? folder : nil
}

@Test(
  .enabled(
    if: realDataFolder() != nil, "Data/ml-100k is absent: run `make data` to test on MovieLens-100K"
  ))
func realMovieLensHasItsPublishedCounts() throws {
  let ml = try MovieLens.load(from: realDataFolder()!)
  #expect(ml.users.count == 943)
  #expect(ml.items.count == 1682)
  #expect(ml.ratings.count == 100_000)
  #expect(ml.genreNames.count == 19)
  #expect(ml.occupationNames.count == 21)
  #expect(ml.users.enumerated().allSatisfy { $0.element.id == $0.offset + 1 })
  #expect(ml.items[0].title == "Toy Story (1995)")
  #expect(ml.items[542].title == "Misérables, Les (1995)")
  // u.data's first line: 196 242 3 881250949
  #expect(ml.ratings[0] == Rating(user: 195, item: 241, rating: 3, timestamp: 881_250_949))
}
