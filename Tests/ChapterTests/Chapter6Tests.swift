import Book
import Foundation
import RecData
import Testing

/// Chapter 6 end to end (its golden file is compared in EveryChapterTests): floors on the
/// real data and on the committed full run, the index's reproducibility, and clean failures.
@Suite struct Chapter6Tests {
  /// A malformed u.item (a genre flag that is not 0 or 1) stops the run with the file and
  /// line, before anything is written.
  @Test func malformedDataFolderFailsWithAMessage() throws {
    try ChapterHarness.withTemporaryDirectory("ch6-bad-data") { folder in
      try MovieLens.synthetic(size: .small, seed: 1).write(to: folder.path)
      let items = folder.appendingPathComponent("u.item")
      var lines = try String(contentsOf: items, encoding: .isoLatin1).split(
        separator: "\n", omittingEmptySubsequences: false)
      lines[2] = Substring(lines[2].dropLast() + "7")
      try lines.joined(separator: "\n").write(to: items, atomically: true, encoding: .isoLatin1)
      try ChapterHarness.expectCleanFailure(
        chapter: 6, data: folder, stderrContains: ["u.item line 3"])
    }
  }

  /// The options naming earlier chapters' results are read only when they hold the same
  /// protocol's numbers: a file that does not exist leaves the row out, and says so.
  @Test func earlierChaptersRowsNeedTheirResults() throws {
    let (results, run) = try ChapterHarness.quickRun(
      chapter: 6, extra: ["--ncf-results", "/nonexistent/results.json"])
    #expect(run.stdout.contains("NeuMF: no results at /nonexistent/results.json"))
    #expect(results.metrics["Chapter 3 NeuMF/full HR@10"] == nil)
  }

  /// On the real data, quick: the content towers beat chance on new movies and the index
  /// finds most of exact search's top 10.
  @Test(ChapterHarness.needsRealData)
  func quickRunOnRealDataBeatsFloors() throws {
    let r = try ChapterHarness.quickRunOnRealData(chapter: 6).metrics
    func m(_ name: String) throws -> Double { try #require(r[name], "no metric \(name)") }
    #expect(try m("Cold start: content towers/recall@10") > m("Cold start/chance recall@10"))
    #expect(try m("HNSW ef=64/recall@10") > 0.9)
    #expect(try m("Content towers + log-Q/top-100 accuracy") > 0.1)
    #expect(try m("Two towers (content + log-Q)/full HR@10") > m("ItemPop/full HR@10"))
  }

  /// The committed full run (`make chapter-6`): what the text claims, in words.
  @Test func committedFullRunHoldsTheTextsClaims() throws {
    let results = try ChapterHarness.committedFullRun(chapter: 6)
    func m(_ name: String) throws -> Double {
      try #require(results.metrics[name], "no metric \(name)")
    }
    // The TFRS setting reproduces the tutorial: within 0.01 of its executed copies' top-100
    // accuracy, and near its top-10; its test accuracy falls after the first epoch.
    #expect(try abs(m("Id-only, TFRS setting/top-100 minus anchor")) < 0.01)
    #expect(try abs(m("Id-only, TFRS setting/top-10 accuracy") - 0.022) < 0.005)
    let anchorCurve = try #require(
      results.curves["Id-only, TFRS setting/test top-100 accuracy by epoch"])
    #expect(anchorCurve.y.first! > anchorCurve.y.last!)
    // The content towers with log-Q do better, by far; without log-Q they do worse than the
    // tutorial's setting; the features add to the id-only towers with log-Q.
    let best = try m("Content towers + log-Q/top-100 accuracy")
    #expect(try best > m("Id-only, TFRS setting/top-100 accuracy") + 0.1)
    #expect(try m("Content towers/top-100 accuracy") < m("Id-only, TFRS setting/top-100 accuracy"))
    #expect(try best > m("Id-only, normalised + log-Q/top-100 accuracy"))
    // Mixed negatives change little (within 0.01).
    #expect(try abs(m("Content towers + log-Q + mixed negatives/top-100 accuracy") - best) < 0.01)

    // Full ranking: ItemPop is the same as Chapters 2 and 3 measure (same split, same code),
    // and so is MF-BPR; the two-tower model is ahead of MF-BPR by less than one standard
    // error, level on NDCG@10, far ahead of ItemPop.
    #expect(try m("ItemPop/full HR@10") == 0.08589607635206786)
    #expect(try m("MF-BPR/full HR@10") == 0.12407211028632026)
    let twoTowers = try m("Two towers (content + log-Q)/full HR@10")
    let gap = try twoTowers - m("MF-BPR/full HR@10")
    #expect(try gap > 0 && gap < m("Two towers (content + log-Q)/full HR@10 standard error"))
    #expect(
      try abs(m("Two towers (content + log-Q)/full NDCG@10") - m("MF-BPR/full NDCG@10")) < 0.005)
    #expect(try twoTowers > m("ItemPop/full HR@10") + 0.03)
    #expect(try m("Chapter 3 NeuMF/full HR@10") < twoTowers)
    #expect(results.metrics["Chapter 5 Mult-VAE/full HR@10"] == nil)

    // Cold start: about three times chance for the content towers, chance for the id-only ones.
    let chance = try m("Cold start/chance recall@10")
    #expect(try m("Cold start: content towers/recall@10") > 2.5 * chance)
    #expect(try abs(m("Cold start: id-only/recall@10") - chance) < 0.01)

    // Serving: at the default ef the index finds at least 95% of exact search's top 10, with
    // several times fewer inner products.
    #expect(try m("HNSW default/recall@10") >= 0.95)
    #expect(try m("HNSW default/fewer inner products than exact") > 5)
  }
}
