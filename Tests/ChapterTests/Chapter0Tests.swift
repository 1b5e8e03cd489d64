import Book
import Foundation
import RecData
import Testing

/// Chapter 0 end to end: the built `chapter-0` against its golden file, its failure
/// modes, and its figures' scripts.
@Suite struct Chapter0Tests {
  @Test func quickRunMatchesGolden() throws {
    try ChapterHarness.quickRun(chapter: 0) { results, out, run in
      try ChapterHarness.compareWithGolden(results, chapter: 0)
      #expect(run.stdout.contains("using the built-in synthetic dataset"))
      ChapterHarness.expectOutputs(
        in: out,
        figures: [
          "rating-histogram", "long-tail", "ratings-per-user", "ratings-over-time",
          "movies-per-genre",
        ], tables: ["statistics"])
    }
  }

  @Test func aFigureScriptRedrawsItsFigureAlone() throws {
    try ChapterHarness.quickRun(chapter: 0) { _, out, _ in
      try ChapterHarness.withTemporaryDirectory("gp-alone") { alone in
        try FileManager.default.copyItem(
          at: out.appendingPathComponent("long-tail.gp"),
          to: alone.appendingPathComponent("long-tail.gp"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gnuplot", "long-tail.gp"]
        process.currentDirectoryURL = alone
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let redrawn = try Data(contentsOf: alone.appendingPathComponent("long-tail.svg"))
        let original = try Data(contentsOf: out.appendingPathComponent("long-tail.svg"))
        #expect(redrawn == original)
      }
    }
  }

  @Test func helpListsTheSharedOptions() throws {
    let run = try ChapterHarness.run("chapter-0", ["--help"])
    #expect(run.status == 0)
    for option in ["--quick", "--epochs", "--seed", "--data", "--out", "--format"] {
      #expect(run.stdout.contains(option), "--help should list \(option)")
    }
  }

  /// A truncated u.data stops the chapter with file, line and reason, a non-zero exit and
  /// no trap, and the figures of an earlier run are left intact.
  @Test func aTruncatedRatingsFileStopsWithFileLineAndReason() throws {
    try ChapterHarness.quickRun(chapter: 0) { _, out, _ in
      let before = try Data(contentsOf: out.appendingPathComponent("long-tail.svg"))
      let beforeResults = try Data(contentsOf: out.appendingPathComponent("results.json"))

      // A copy of the synthetic dataset's files with u.data cut in the middle of line 3.
      try ChapterHarness.withTemporaryDirectory("broken-data") { broken in
        try MovieLens.synthetic(size: .small, seed: 1).write(to: broken.path)
        let lines = try String(contentsOf: broken.appendingPathComponent("u.data"), encoding: .utf8)
          .split(separator: "\n", omittingEmptySubsequences: false)
        let truncated = lines[0..<2].joined(separator: "\n") + "\n" + lines[2].prefix(6)
        try truncated.write(
          to: broken.appendingPathComponent("u.data"), atomically: true, encoding: .utf8)

        let run = try ChapterHarness.run("chapter-0", ["--data", broken.path, "--out", out.path])
        #expect(run.status == 1, "a thrown error exits 1; a trap would be a signal")
        #expect(run.stderr.contains("u.data"), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("line 3"), "stderr: \(run.stderr)")
      }
      #expect(try Data(contentsOf: out.appendingPathComponent("long-tail.svg")) == before)
      #expect(try Data(contentsOf: out.appendingPathComponent("results.json")) == beforeResults)
    }
  }

  /// The real data's exact counts, when it is there.
  @Test(ChapterHarness.needsRealData)
  func realDataHasTheKnownShape() throws {
    let results = try ChapterHarness.quickRunOnRealData(chapter: 0)
    #expect(results.metrics["MovieLens/users"] == 943)
    #expect(results.metrics["MovieLens/items"] == 1682)
    #expect(results.metrics["MovieLens/ratings"] == 100_000)
    #expect(results.metrics["Time/users with several ratings in their last second"] == 415)
  }
}
