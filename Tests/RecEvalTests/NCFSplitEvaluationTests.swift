import Foundation
import RecData
import Testing

@testable import RecEval

/// Loads a three-user split written to a temporary folder (removed afterwards): items 0...119,
/// user u trains on 3u ..< 3u + 5 (user 2 also on 119) and holds out 10 + u; the negatives
/// are 20...118, except user 1's, whose first id is its own held-out item 11, and user 2's,
/// whose last id repeats its first.
func tinyPublishedSplit() throws -> NCFSplit {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("modernrecsys-ncfeval-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  var train = ""
  for u in 0..<3 {
    for item in 3 * u..<3 * u + 5 { train += "\(u)\t\(item)\n" }
  }
  train += "2\t119\n"
  let negatives: [[Int]] = [Array(20...118), [11] + Array(21...118), Array(20...117) + [20]]
  var test = ""
  var negative = ""
  for u in 0..<3 {
    test += "\(u)\t\(10 + u)\t4\t97830000\(u)\n"
    let ids: [String] = negatives[u].map(String.init)
    negative += "(\(u),\(10 + u))\t" + ids.joined(separator: "\t") + "\n"
  }
  let files = [
    "tiny.train.pairs.tsv": train, "tiny.test.rating": test, "tiny.test.negative": negative,
  ]
  for (name, text) in files {
    try Data(text.utf8).write(to: folder.appendingPathComponent(name))
  }
  return try NCFSplit.load(from: folder.path, name: "tiny")
}

@Test func ncfSplitPublishedDataFillsEveryPart() throws {
  let split = try tinyPublishedSplit()
  let data = LeaveOneOutData(published: split)
  #expect(data.userCount == 3 && data.itemCount == 120)
  #expect(data.ratings == split.train + split.test)
  #expect(data.split == RatingSplit(train: split.train, test: split.test))
  #expect(data.train.interactionCount == 16 && data.test.interactionCount == 3)
  #expect(data.all.interactionCount == 19 && data.all.contains(user: 1, item: 11))
  #expect(data.full.train == data.train && data.full.test == data.test)
  #expect(data.sampled.cases.map(\.user) == [0, 1, 2])
  #expect(data.sampled.cases.map(\.heldOut) == [10, 11, 12])
  #expect(data.sampled.cases[0].negatives == split.negatives[0])  // the file's, not sampled
}

/// The paper's `evaluate.py` (`eval_one_rating`) scores candidates into a dict keyed by item
/// id, so an id listed twice is one candidate, and the held-out item among its own negatives
/// is not ranked against a copy of itself. The cases drop those repeats.
@Test func ncfSplitHeldOutAmongItsNegativesIsOneCandidate() throws {
  let split = try tinyPublishedSplit()
  #expect(split.heldOutAmongNegatives == [1])
  #expect(split.negatives[1].count == 99 && split.negatives[1].first == 11)
  let cases = LeaveOneOutData(published: split).sampled.cases
  #expect(cases[1].negatives == Array(21...118))  // 98: the held-out item removed
  #expect(cases[2].negatives == Array(20...117))  // 98: the repeated 20 removed
  #expect(cases[0].negatives.count == 99)
  // A scorer that puts each held-out item first: rank 1 for every user. Kept as a negative,
  // user 1's copy would tie with it and (ties pessimistic) push it to rank 2.
  let heldOut: Set<Int> = [10, 11, 12]
  let result = LeaveOneOutData(published: split).sampled.evaluate(cutoffs: 1...2) { _, items in
    items.map { heldOut.contains($0) ? 1000 : Float($0) }
  }
  #expect(result.hitRate(at: 1) == 1)
}
