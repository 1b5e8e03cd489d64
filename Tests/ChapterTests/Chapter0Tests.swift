import Book
import Foundation
import RecData
import Testing

/// Chapter 0 end to end (its golden file is compared in EveryChapterTests): its failure
/// modes, and its figures' scripts.
@Suite struct Chapter0Tests {
  /// Without MovieLens-100K the chapter says so and runs on the synthetic dataset.
  @Test func saysItUsesTheSyntheticDataset() throws {
    try ChapterHarness.quickRun(chapter: 0) { _, _, run in
      #expect(run.stdout.contains("using the built-in synthetic dataset"))
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

  // MARK: - Where a run writes

  /// `--help` gives `--out`'s real default: the committed folder for the book's run only.
  @Test func helpSaysWhichRunsWriteTheCommittedFigures() throws {
    let run = try ChapterHarness.run("chapter-0", ["--help"])
    let help = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(help.contains("Default: Figures/chapter-N (the committed figures the text cites)"))
    #expect(help.contains("Any other run writes to Runs/chapter-N (git-ignored)"), "\(help)")
  }

  /// The book's settings without MovieLens-100K (the synthetic fallback) are not the book's
  /// run: without --out it writes to Runs/chapter-0 and says so at its start and its end.
  /// It runs in an empty temporary working folder (removed afterwards), so the package's
  /// own Figures/ and Runs/ are never touched.
  @Test func aRunOnTheSyntheticFallbackWritesToRunsAndSaysSo() throws {
    try ChapterHarness.withTemporaryDirectory("chapter-0-workdir") { workdir in
      let run = try ChapterHarness.run("chapter-0", [], in: workdir)
      #expect(run.status == 0, "stderr: \(run.stderr)")
      let kind = "a run on synthetic data (no MovieLens-100K in Data/ml-100k)"
      #expect(
        run.stdout.contains(
          "\(kind): writing to Runs/chapter-0, not the committed Figures/chapter-0"),
        "\(run.stdout.prefix(600))")
      #expect(
        run.stdout.contains("\(kind): wrote to Runs/chapter-0, not the committed Figures/chapter-0")
      )
      let written = workdir.appendingPathComponent("Runs/chapter-0/results.json")
      #expect(FileManager.default.fileExists(atPath: written.path))
      #expect(
        !FileManager.default.fileExists(atPath: workdir.appendingPathComponent("Figures").path))
    }
  }

  /// On the real data, `--quick` alone sends the run to Runs/chapter-0, and the book's run
  /// (no options) to Figures/chapter-0, without a notice. Both run in a temporary working
  /// folder whose Data/ml-100k links to the real data.
  @Test(ChapterHarness.needsRealData)
  func onTheRealDataOnlyTheBooksRunWritesFigures() throws {
    let data = try #require(ChapterHarness.realData)
    try ChapterHarness.withTemporaryDirectory("chapter-0-workdir") { workdir in
      let link = workdir.appendingPathComponent("Data/ml-100k")
      try FileManager.default.createDirectory(
        at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
      try FileManager.default.createSymbolicLink(at: link, withDestinationURL: data)
      let figures = workdir.appendingPathComponent("Figures/chapter-0/results.json")
      let runs = workdir.appendingPathComponent("Runs/chapter-0/results.json")

      let quick = try ChapterHarness.run("chapter-0", ["--quick"], in: workdir)
      #expect(quick.status == 0, "stderr: \(quick.stderr)")
      #expect(
        quick.stdout.contains(
          "a --quick run: writing to Runs/chapter-0, not the committed Figures/chapter-0"))
      #expect(FileManager.default.fileExists(atPath: runs.path))
      #expect(!FileManager.default.fileExists(atPath: figures.path))

      let book = try ChapterHarness.run("chapter-0", [], in: workdir)
      #expect(book.status == 0, "stderr: \(book.stderr)")
      #expect(!book.stdout.contains("not the committed"))
      let results = try ChapterResults.decode(from: Data(contentsOf: figures))
      #expect(results.mode == .full && results.data == "ml-100k")
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

  /// What the text and the figures' alt text say in words about the committed full run.
  @Test func committedFullRunHoldsTheTextsClaims() throws {
    let results = try ChapterHarness.committedFullRun(chapter: 0)
    func m(_ name: String) throws -> Double {
      try #require(results.metrics[name], "no metric \(name)")
    }
    // "4 stars is the most common, then 3, 5, 2 and 1"; most ratings are 4 or 5 stars.
    let shares = try ["4", "3", "5", "2", "1"].map { try m("Ratings/share of \($0) stars") }
    #expect(zip(shares, shares.dropFirst()).allSatisfy { $0 > $1 }, "\(shares)")
    #expect(try m("Ratings/share of 4 or 5 stars") > 0.5)
    // "a few hundred movies carry most of the data": the most popular 20% hold over half.
    #expect(try m("Items/share of ratings on the most popular 20% of items") > 0.5)
    #expect((200...500).contains(Int(try m("MovieLens/items") / 5)))
    // "a handful rated more than 500": the heaviest user did.
    #expect(try m("MovieLens/ratings per user (max)") > 500)
    // "The ratings span eight months, with a burst in November 1997" ("a peak of about
    // 24,000").
    let months = results.metrics.filter { $0.key.hasPrefix("Time/ratings in ") }
    #expect(months.count == 8)
    let peak = try #require(months.max { $0.value < $1.value })
    #expect(peak.key == "Time/ratings in 1997-11" && abs(peak.value - 24_000) < 500, "\(peak)")
    // Genres: "Drama and Comedy dominate, then Action and Thriller (251 each) and Romance;
    // Film-Noir, Fantasy and Western have fewer than 30 each"; the alt text goes "down to
    // Fantasy (22) and unknown (2)".
    let genres = results.metrics.filter { $0.key.hasPrefix("Genres/movies in ") }
      .sorted { $0.value > $1.value }.map { String($0.key.dropFirst("Genres/movies in ".count)) }
    #expect(Array(genres.prefix(2)) == ["Drama", "Comedy"], "\(genres)")
    #expect(Set(genres[2...3]) == ["Action", "Thriller"] && genres[4] == "Romance", "\(genres)")
    #expect(try m("Genres/movies in Action") == m("Genres/movies in Thriller"))
    for genre in ["Film-Noir", "Fantasy", "Western"] {
      #expect(try m("Genres/movies in \(genre)") < 30, "\(genre)")
    }
    #expect(Array(genres.suffix(2)) == ["Fantasy", "unknown"], "\(genres)")
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
