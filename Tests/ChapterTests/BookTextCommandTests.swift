import Book
import Foundation
import Testing

/// `book-text`, the command behind `make text` and the last step of `make chapter-N`, run as
/// a reader runs it, on a small package folder of its own.
@Suite struct BookTextCommandTests {
  /// Calls `body` with a temporary folder holding `Chapters/NN-test/README.md` and
  /// `Figures/chapter-N/results.json` for each of `chapters` (number, text, results), then
  /// removes the folder.
  func withPackage(
    _ chapters: [(Int, String, ChapterResults)], _ body: (URL) throws -> Void
  ) throws {
    try ChapterHarness.withTemporaryDirectory("book-text") { root in
      try fill(root, chapters)
      try body(root)
    }
  }

  func fill(_ root: URL, _ chapters: [(Int, String, ChapterResults)]) throws {
    let fm = FileManager.default
    for (number, text, results) in chapters {
      let folder = root.appendingPathComponent("Chapters/0\(number)-test")
      let figures = root.appendingPathComponent("Figures/chapter-\(number)")
      try fm.createDirectory(at: folder, withIntermediateDirectories: true)
      try fm.createDirectory(at: figures, withIntermediateDirectories: true)
      try text.write(
        to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
      try results.jsonData().write(to: figures.appendingPathComponent("results.json"))
    }
  }

  func text(_ root: URL, chapter: Int) throws -> String {
    try String(
      contentsOf: root.appendingPathComponent("Chapters/0\(chapter)-test/README.md"),
      encoding: .utf8)
  }

  /// The book's run: full, on MovieLens-100K, with the default seed.
  func bookRun(chapter: Int, hr: Double) -> ChapterResults {
    var results = ChapterResults(chapter: chapter, mode: .full, seed: 2017, data: "ml-100k")
    results.metrics["NeuMF/HR@10"] = hr
    return results
  }

  let stale = "NeuMF reaches <!--m NeuMF/HR@10-->0.600<!--/m-->.\n"

  @Test func checkReportsAStaleTextAndTheRewriteBringsItUpToDate() throws {
    try withPackage([(3, stale, bookRun(chapter: 3, hr: 0.68345))]) { root in
      let check = try ChapterHarness.run("book-text", ["--root", root.path, "--check"])
      #expect(check.status == 1, "stdout: \(check.stdout)\nstderr: \(check.stderr)")
      #expect(check.stdout.contains("line 1: NeuMF/HR@10: 0.600 -> 0.683"), "\(check.stdout)")
      #expect(try text(root, chapter: 3) == stale, "--check must not write")

      let rewrite = try ChapterHarness.run("book-text", ["--root", root.path, "--chapter", "3"])
      #expect(rewrite.status == 0, "stderr: \(rewrite.stderr)")
      #expect(try text(root, chapter: 3) == "NeuMF reaches <!--m NeuMF/HR@10-->0.683<!--/m-->.\n")
      let again = try ChapterHarness.run("book-text", ["--root", root.path, "--check"])
      #expect(again.status == 0, "\(again.stdout)")
    }
  }

  @Test func aRunThatIsNotTheBooksLeavesTheTextAsItIs() throws {
    var quick = bookRun(chapter: 3, hr: 0.5)
    quick.mode = .quick
    var synthetic = bookRun(chapter: 4, hr: 0.5)
    synthetic.data = "synthetic"
    var seeded = bookRun(chapter: 5, hr: 0.5)
    seeded.seed = 7
    try withPackage([(3, stale, quick), (4, stale, synthetic), (5, stale, seeded)]) { root in
      for chapter in 3...5 {
        let run = try ChapterHarness.run(
          "book-text", ["--root", root.path, "--chapter", "\(chapter)"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("is not the book's run"), "\(run.stdout)")
        #expect(try text(root, chapter: chapter) == stale)
      }
    }
  }

  @Test func aChapterThatCannotRenderLeavesEveryTextUntouched() throws {
    let broken = "one\ntwo <!--m NeuMF/HR@20-->0.5<!--/m-->\n"
    try withPackage([
      (2, stale, bookRun(chapter: 2, hr: 0.7)), (3, broken, bookRun(chapter: 3, hr: 0.7)),
    ]) { root in
      let run = try ChapterHarness.run("book-text", ["--root", root.path])
      #expect(run.status == 1, "a thrown error, not a trap: \(run.status)")
      #expect(
        run.stderr.contains("Chapters/03-test/README.md:2: unknown metric 'NeuMF/HR@20'"),
        "stderr: \(run.stderr)")
      #expect(try text(root, chapter: 2) == stale, "chapter 2 rendered, but must not be written")
      #expect(try text(root, chapter: 3) == broken)
    }
  }

  @Test func aCompanionRunIsCitedUnderItsNameAndOnlyWhenItIsTheBooks() throws {
    let text =
      "100K <!--m NeuMF/HR@10-->0.600<!--/m-->, 1M <!--m ml-1m:NeuMF/HR@10-->0.600<!--/m-->.\n"
    try withPackage([(3, text, bookRun(chapter: 3, hr: 0.68345))]) { root in
      let folder = root.appendingPathComponent("Figures/chapter-3-ml-1m")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      var companion = ChapterResults(chapter: 3, mode: .full, seed: 2017, data: "ncf-ml-1m")
      companion.metrics["NeuMF/HR@10"] = 0.7012
      try companion.jsonData().write(to: folder.appendingPathComponent("results.json"))
      let run = try ChapterHarness.run("book-text", ["--root", root.path, "--chapter", "3"])
      #expect(run.status == 0, "stderr: \(run.stderr)")
      #expect(
        try self.text(root, chapter: 3)
          == "100K <!--m NeuMF/HR@10-->0.683<!--/m-->, 1M <!--m ml-1m:NeuMF/HR@10-->0.701<!--/m-->.\n"
      )
      // A quick run of the companion is not cited: its name is unknown to the text's spans.
      companion.mode = .quick
      try companion.jsonData().write(to: folder.appendingPathComponent("results.json"))
      let quick = try ChapterHarness.run("book-text", ["--root", root.path, "--chapter", "3"])
      #expect(quick.status == 1, "stdout: \(quick.stdout)")
      #expect(
        quick.stdout.contains("Figures/chapter-3-ml-1m is not the book's run"), "\(quick.stdout)")
      #expect(quick.stderr.contains("unknown metric 'ml-1m:NeuMF/HR@10'"), "\(quick.stderr)")
    }
  }
}
