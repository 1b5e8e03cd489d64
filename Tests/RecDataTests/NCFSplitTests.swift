import Foundation
import TestSupport
import Testing

@testable import RecData

// MARK: - A tiny well-formed split, as text

/// Three users, items 0...119 (the training file names item 119, so itemCount is 120).
/// Training: user u has items 3u ..< 3u + 5 (user 2 also 119). Held out: user u's item 10 + u.
/// Negatives: items 20...118 (99 ids), except that user 1's list starts with its own
/// held-out item 11 instead of 20, as in 156 lines of the real file.
struct TinyNCFFiles {
  var trainName = "tiny.train.pairs.tsv"
  var train = TinyNCFFiles.pairs.map { "\($0.user)\t\($0.item)\n" }.joined()
  var test = "0\t10\t5\t978824351\n1\t11\t3\t978300174\n2\t12\t4\t978298504\n"
  var negative = (0..<3).map { TinyNCFFiles.negativeLine(user: $0) }.joined()

  static let pairs: [(user: Int, item: Int)] =
    (0..<3).flatMap { u in (3 * u..<3 * u + 5).map { (u, $0) } } + [(2, 119)]

  static func negativeLine(user: Int, ids: [Int]? = nil) -> String {
    let list = ids ?? (user == 1 ? [11] + Array(21...118) : Array(20...118))
    return "(\(user),\(10 + user))\t" + list.map(String.init).joined(separator: "\t") + "\n"
  }

  /// The same pairs as upstream's four-column `.train.rating`, in another (reversed) order.
  static var fourColumnTrain: String {
    pairs.reversed().map { "\($0.user)\t\($0.item)\t4\t97830\($0.item % 10)\n" }.joined()
  }

  /// Writes the files (a nil one is left out) into a fresh temporary folder, loads them as
  /// `tiny`, and removes the folder whatever happens.
  func load() throws -> NCFSplit {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("modernrecsys-ncfsplit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, text) in [
      (trainName, train), ("tiny.test.rating", test), ("tiny.test.negative", negative),
    ] where !name.isEmpty {
      try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
    return try NCFSplit.load(from: folder.path, name: "tiny")
  }

  /// The DataError loading throws (nil when it loads or throws something else).
  func error() -> DataError? {
    do {
      _ = try load()
      return nil
    } catch let error as DataError {
      return error
    } catch {
      return nil
    }
  }
}

/// The error of `files`, which must be `kind` about `file` at `line`.
func expectNCFError(
  _ files: TinyNCFFiles, _ kind: DataError.Kind, _ file: String, line: Int?,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let error = files.error() else {
    Issue.record("loading did not throw a DataError", sourceLocation: sourceLocation)
    return
  }
  #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
  #expect(error.file == file && error.line == line, "\(error)", sourceLocation: sourceLocation)
}

// MARK: - Well-formed files

@Test func ncfSplitTinyPairsLoad() throws {
  let split = try TinyNCFFiles().load()
  #expect(split.userCount == 3 && split.itemCount == 120)
  #expect(split.train.count == 16)
  #expect(split.train[0] == Rating(user: 0, item: 0, rating: 1, timestamp: 0))
  #expect(split.test[1] == Rating(user: 1, item: 11, rating: 3, timestamp: 978_300_174))
  #expect(split.negatives.count == 3 && split.negatives.allSatisfy { $0.count == 99 })
  #expect(split.negatives[1].first == 11 && split.negatives[0].first == 20)
  #expect(split.heldOutAmongNegatives == [1])
}

@Test func ncfSplitFirstUsersKeepsTheirLinesAndEveryItem() throws {
  let split = try TinyNCFFiles().load()
  let two = split.firstUsers(2)
  #expect(two.userCount == 2 && two.itemCount == split.itemCount)
  #expect(two.train == split.train.filter { $0.user < 2 })
  #expect(two.test.map(\.user) == [0, 1])
  #expect(two.negatives == Array(split.negatives.prefix(2)))
  // User 1's line lists its held-out item among its negatives; it is still line 1.
  #expect(two.heldOutAmongNegatives == [1])
  #expect(split.firstUsers(1).heldOutAmongNegatives.isEmpty)
}

@Test func ncfSplitTwoAndFourColumnTrainingLoadTheSameSplit() throws {
  let pairs = try TinyNCFFiles().load()
  var upstream = TinyNCFFiles()
  upstream.trainName = "tiny.train.rating"
  upstream.train = TinyNCFFiles.fourColumnTrain
  let rating = try upstream.load()
  #expect(rating.userCount == pairs.userCount && rating.itemCount == pairs.itemCount)
  // The same pairs (in another order, with stars and times instead of 1 and 0).
  let key = { (r: Rating) in [r.user, r.item] }
  #expect(Set(rating.train.map(key)) == Set(pairs.train.map(key)))
  #expect(rating.train.count == pairs.train.count)
  #expect(rating.train[0] == Rating(user: 2, item: 119, rating: 4, timestamp: 978_309))
  #expect(rating.test == pairs.test && rating.negatives == pairs.negatives)
  #expect(rating.heldOutAmongNegatives == pairs.heldOutAmongNegatives)
}

@Test func ncfSplitPrefersTheUpstreamTrainingFile() throws {
  // With both present, `.train.rating` is read: here it lacks user 2's item 119, so its
  // items are 0..<11 and the held-out item 11 is out of range.
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("modernrecsys-ncfsplit-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  let files = TinyNCFFiles()
  let upstream = TinyNCFFiles.fourColumnTrain.split(separator: "\n").dropFirst()
    .map { $0 + "\n" }.joined()
  for (name, text) in [
    ("tiny.train.pairs.tsv", files.train), ("tiny.train.rating", upstream),
    ("tiny.test.rating", files.test), ("tiny.test.negative", files.negative),
  ] {
    try Data(text.utf8).write(to: folder.appendingPathComponent(name))
  }
  do {
    _ = try NCFSplit.load(from: folder.path, name: "tiny")
    Issue.record("the test file's item 11 is outside the 4-column file's items 0..<11: must throw")
  } catch let error as DataError {
    #expect(error.kind == .unknownItem && error.file == "tiny.test.rating" && error.line == 2)
    #expect(error.problem.contains("0..<11"))
  }
}

@Test func ncfSplitAcceptsCRLFAndNoFinalNewline() throws {
  var files = TinyNCFFiles()
  files.train = files.train.replacingOccurrences(of: "\n", with: "\r\n")
  files.negative = String(files.negative.dropLast())
  let split = try files.load()
  #expect(split.train.count == 16 && split.negatives[2].last == 118)
}

// MARK: - Every malformed case names file, line and problem

@Test func ncfSplitMissingFileSaysToRunMakeDataML1M() throws {
  var files = TinyNCFFiles()
  files.trainName = ""
  let error = try #require(files.error())
  #expect(error.kind == .missingFile && error.file == "tiny.train.pairs.tsv")
  #expect(error.problem.contains("make data-ml-1m") && error.problem.contains("tiny.train.rating"))
}

@Test func ncfSplitEmptyFile() {
  var files = TinyNCFFiles()
  files.test = "\n\n"
  expectNCFError(files, .emptyFile, "tiny.test.rating", line: nil)
}

@Test func ncfSplitTrainingLinesHaveTwoOrFourFields() {
  var files = TinyNCFFiles()
  files.train = "0\t0\t5\n"
  expectNCFError(files, .wrongFieldCount, "tiny.train.pairs.tsv", line: 1)
  files.train = "0\t0\n0\t1\t5\t978300760\n"  // every line as wide as the first
  expectNCFError(files, .wrongFieldCount, "tiny.train.pairs.tsv", line: 2)
  files = TinyNCFFiles()
  files.test = "0\t10\t5\n"
  expectNCFError(files, .wrongFieldCount, "tiny.test.rating", line: 1)
}

@Test func ncfSplitNotANumber() {
  var files = TinyNCFFiles()
  files.train = "0\t0\n0\tx1\n"
  expectNCFError(files, .notANumber, "tiny.train.pairs.tsv", line: 2)
  files = TinyNCFFiles()
  files.negative = files.negative.replacingOccurrences(of: "(0,10)\t20\t", with: "(0,10)\t2o\t")
  expectNCFError(files, .notANumber, "tiny.test.negative", line: 1)
}

@Test func ncfSplitNegativeID() {
  var files = TinyNCFFiles()
  files.train = "0\t0\n-1\t3\n"
  expectNCFError(files, .invalidValue, "tiny.train.pairs.tsv", line: 2)
  files = TinyNCFFiles()
  files.negative = TinyNCFFiles.negativeLine(user: 0, ids: [-5] + Array(21...118))
  expectNCFError(files, .invalidValue, "tiny.test.negative", line: 1)
}

@Test func ncfSplitRatingOutsideOneToFive() {
  var files = TinyNCFFiles()
  files.test = "0\t10\t0\t978824351\n"
  expectNCFError(files, .ratingOutOfRange, "tiny.test.rating", line: 1)
}

@Test func ncfSplitTestIDsOutsideTheTrainingFile() {
  var files = TinyNCFFiles()
  files.test = "0\t10\t5\t1\n3\t11\t3\t1\n"  // users are 0..<3
  expectNCFError(files, .unknownUser, "tiny.test.rating", line: 2)
  files.test = "0\t120\t5\t1\n"  // items are 0..<120
  expectNCFError(files, .unknownItem, "tiny.test.rating", line: 1)
}

@Test func ncfSplitTestUserWithoutTrainingPairs() {
  // User 1 has a test line but no training pair (user 2's make userCount 3): an error.
  var files = TinyNCFFiles()
  files.train = TinyNCFFiles.pairs.filter { $0.user != 1 }.map { "\($0.user)\t\($0.item)\n" }
    .joined()
  expectNCFError(files, .unknownUser, "tiny.test.rating", line: 2)
}

@Test func ncfSplitNegativeIDOutOfRange() {
  var files = TinyNCFFiles()
  files.negative =
    TinyNCFFiles.negativeLine(user: 0)
    + TinyNCFFiles.negativeLine(user: 1, ids: Array(21...118) + [120])
  expectNCFError(files, .unknownItem, "tiny.test.negative", line: 2)
}

@Test func ncfSplitNegativeLineNeeds99IDs() {
  var files = TinyNCFFiles()
  files.negative = TinyNCFFiles.negativeLine(user: 0, ids: Array(20...117))
  expectNCFError(files, .wrongFieldCount, "tiny.test.negative", line: 1)
  files.negative = TinyNCFFiles.negativeLine(user: 0, ids: Array(20...119))
  expectNCFError(files, .wrongFieldCount, "tiny.test.negative", line: 1)
}

@Test func ncfSplitNegativeHeadMustMatchTheTestLine() throws {
  var files = TinyNCFFiles()
  // Lines 2 and 3 swapped: line 2 names (2,12) where the test file has (1,11).
  let lines = files.negative.split(separator: "\n").map { String($0) + "\n" }
  files.negative = lines[0] + lines[2] + lines[1]
  expectNCFError(files, .invalidValue, "tiny.test.negative", line: 2)
  let error = try #require(files.error())
  #expect(error.problem.contains("does not match line 2 of tiny.test.rating"))
}

@Test func ncfSplitMalformedHead() {
  for head in ["(0;10)", "0,10", "(0,10", "(0,)", "(a,10)", "(0,10,1)"] {
    var files = TinyNCFFiles()
    files.negative = files.negative.replacingOccurrences(of: "(0,10)", with: head)
    expectNCFError(files, .invalidValue, "tiny.test.negative", line: 1)
  }
}

@Test func ncfSplitNegativeFileMustHaveOneLinePerTestLine() {
  var files = TinyNCFFiles()
  files.negative = TinyNCFFiles.negativeLine(user: 0) + TinyNCFFiles.negativeLine(user: 1)
  expectNCFError(files, .invalidValue, "tiny.test.negative", line: nil)
  files.negative += TinyNCFFiles.negativeLine(user: 2) + TinyNCFFiles.negativeLine(user: 2)
  expectNCFError(files, .invalidValue, "tiny.test.negative", line: 4)
}

@Test func ncfSplitDuplicateTestUser() {
  var files = TinyNCFFiles()
  files.test = "0\t10\t5\t1\n1\t11\t3\t1\n1\t12\t4\t1\n"
  expectNCFError(files, .duplicateID, "tiny.test.rating", line: 3)
}

@Test func ncfSplitTestPairAlsoInTraining() {
  var files = TinyNCFFiles()
  files.test = "0\t10\t5\t1\n1\t4\t3\t1\n"  // user 1 trains on items 3...7
  expectNCFError(files, .duplicatePair, "tiny.test.rating", line: 2)
}

@Test func ncfSplitDuplicateTrainingPair() {
  var files = TinyNCFFiles()
  files.train += "1\t5\n"
  expectNCFError(files, .duplicatePair, "tiny.train.pairs.tsv", line: 17)
}

// MARK: - The published files, when present

@Test(
  .enabled(
    if: ncfDataFolder() != nil,
    "Data/ncf-ml-1m is absent: run `make data-ml-1m` to test on the NCF paper's MovieLens-1M split"
  ))
func ncfSplitPublishedMovieLens1MLoads() throws {
  let start = Date()
  let split = try NCFSplit.load(from: ncfDataFolder()!)
  let seconds = Date().timeIntervalSince(start)
  print("NCFSplit: loaded the published ML-1M split in \(String(format: "%.3f", seconds)) s")
  #expect(split.userCount == 6040 && split.itemCount == 3706)
  #expect(split.train.count == 994_169)
  #expect(split.test.count == 6040 && split.negatives.count == 6040)
  #expect(split.heldOutAmongNegatives.count == 156)
  #expect(split.test.map(\.user) == Array(0..<6040))
  #expect(split.test[0] == Rating(user: 0, item: 25, rating: 5, timestamp: 978_824_351))
  #expect(split.negatives[0].prefix(3) == [1064, 174, 2791])
  // Optimised builds (make test) load the 1M lines in a fraction of a second.
  #expect(seconds < 5, "loading took \(seconds) s")
}
