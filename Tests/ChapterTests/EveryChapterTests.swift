import Foundation
import Testing

/// What the chapter contract promises of every chapter, checked on each built binary.
@Suite struct EveryChapterTests {
  /// Deterministic: the same seed gives the same results.json, byte for byte.
  @Test(arguments: 0...5)
  func sameSeedGivesSameResultsBytes(chapter: Int) throws {
    let a = try ChapterHarness.quickRun(chapter: chapter) { _, out, _ in
      try Data(contentsOf: out.appendingPathComponent("results.json"))
    }
    let b = try ChapterHarness.quickRun(chapter: chapter) { _, out, _ in
      try Data(contentsOf: out.appendingPathComponent("results.json"))
    }
    #expect(a == b, "chapter-\(chapter): two runs with seed 7 differ")
  }

  /// A --data folder that does not exist is a clear error naming the missing file and
  /// `make data`, with exit status 1 (a thrown error, not a trap) and no results.json.
  @Test(arguments: 0...5)
  func aMissingDataFolderIsAClearError(chapter: Int) throws {
    try ChapterHarness.withTemporaryDirectory("chapter-\(chapter)-missing") { out in
      let run = try ChapterHarness.run(
        "chapter-\(chapter)", ["--quick", "--data", "/nonexistent/ml-100k", "--out", out.path])
      #expect(
        run.status == 1, "chapter-\(chapter) exited \(run.status); a trap would be 128 + signal")
      #expect(run.stderr.contains("/nonexistent/ml-100k/u."), "stderr: \(run.stderr)")
      #expect(run.stderr.contains("make data"), "stderr: \(run.stderr)")
      #expect(
        !FileManager.default.fileExists(atPath: out.appendingPathComponent("results.json").path))
    }
  }
}
