import Book
import Foundation
import RecData
import Testing

/// Chapter 3 end to end: the built `chapter-3` against its golden file, floors on the
/// committed full run, a quick run on the real data, and its new failure mode.
@Suite struct Chapter3Tests {
  static let models = ["GMF", "MLP", "NeuMF", "NeuMF (pretrained)"]
  /// The learned models of the comparison: Chapter 2's MF-BPR and this chapter's.
  static let learned = ["MF-BPR"] + models

  @Test func quickRunMatchesGolden() throws {
    try ChapterHarness.quickRun(chapter: 3) { results, out, run in
      try ChapterHarness.compareWithGolden(results, chapter: 3)
      #expect(run.stdout.contains("HR@10 by epoch"), "the terminal preview of the training curves")
      ChapterHarness.expectOutputs(
        in: out, figures: ["training-curves", "hr-at-k", "factors", "negatives", "tie-rules"],
        tables: ["comparison", "depth", "full-ranking", "tie-rules"])
    }
  }

  // MARK: - The committed full run (Figures/chapter-3/results.json)

  @Test func everyLearnedModelBeatsItemPopInTheCommittedFullRun() throws {
    let results = try ChapterHarness.committedFullRun(chapter: 3)
    let pop = try #require(results.metrics["ItemPop/HR@10"])
    let popNDCG = try #require(results.metrics["ItemPop/NDCG@10"])
    for model in Self.learned {
      let hr = try #require(results.metrics["\(model)/HR@10"])
      let ndcg = try #require(results.metrics["\(model)/NDCG@10"])
      #expect(hr > pop + 0.1, "\(model) HR@10 \(hr) vs ItemPop \(pop)")
      #expect(ndcg > popNDCG, "\(model) NDCG@10 \(ndcg) vs ItemPop \(popNDCG)")
    }
  }

  /// Floors set from the measured full run (with slack for another machine's BLAS):
  /// GMF, MLP and NeuMF reach HR@10 of about 0.62–0.65 on MovieLens-100K.
  @Test func committedFullRunHoldsItsFloors() throws {
    let r = try ChapterHarness.committedFullRun(chapter: 3).metrics
    func m(_ name: String) throws -> Double { try #require(r[name], "no metric \(name)") }
    #expect(try m("GMF/HR@10") >= 0.60)
    #expect(try m("MLP/HR@10") >= 0.59)
    #expect(try m("NeuMF/HR@10") >= 0.62)
    #expect(try m("NeuMF (pretrained)/HR@10") >= 0.60)
    #expect(try m("NeuMF/NDCG@10") >= 0.34)
    #expect(try m("MF-BPR/HR@10") >= 0.60)
    #expect(try m("ItemKNN/HR@10") >= 0.57)
    let pop = try m("ItemPop/HR@10")
    #expect(pop > 0.38 && pop < 0.44)  // the popularity list is fixed
    // Full ranking is much harder than 1-in-100; every model loses most of its hits.
    for model in ["ItemPop", "ItemKNN"] + Self.learned {
      let sampled = try m("\(model)/HR@10")
      let full = try m("\(model)/full HR@10")
      #expect(full > 0.02 && full < sampled / 2, "\(model): full HR@10 \(full), sampled \(sampled)")
    }
    // Tie rules: the same data, another held-out item, a different number.
    #expect(try m("Ties/users with several ratings in their last second") > 300)
    #expect(try m("Ties (last in file order)/test items changed") == 0)
    #expect(try m("Ties (lowest item id)/test items changed") > 200)
  }

  /// Chapter 3's MF-BPR and ItemKNN are Chapter 2's models (same split, settings and
  /// generator), so under full ranking, which does not depend on the sampled negatives'
  /// seed, they score exactly what Chapter 2's committed full run recorded.
  @Test func mfBPRAndItemKNNAreChapter2sModels() throws {
    let r = try ChapterHarness.committedFullRun(chapter: 3).metrics
    let chapter2 = try ChapterHarness.committedFullRun(chapter: 2)
    for model in ["MF-BPR", "ItemKNN"] {
      let ours = try #require(r["\(model)/full HR@10"])
      let theirs = try #require(chapter2.metrics["\(model)/HR@10 (full)"])
      #expect(ours == theirs, "\(model): full HR@10 \(ours) here, \(theirs) in Chapter 2")
      let oursNDCG = try #require(r["\(model)/full NDCG@10"])
      let theirsNDCG = try #require(chapter2.metrics["\(model)/NDCG@10 (full)"])
      #expect(oursNDCG == theirsNDCG, "\(model): full NDCG@10")
    }
  }

  // MARK: - Real data

  @Test(ChapterHarness.needsRealData)
  func quickRunOnRealDataLearnsAndSampledBeatsFullRanking() throws {
    let r = try ChapterHarness.quickRunOnRealData(chapter: 3).metrics
    for model in ["GMF", "MLP", "NeuMF"] {
      let sampled = try #require(r["\(model)/HR@10"])
      #expect(sampled > 0.3, "\(model): \(sampled)")
      #expect(try #require(r["\(model)/full HR@10"]) < sampled)
    }
  }

  // MARK: - Failure modes

  /// A valid MovieLens folder with too few ratings for leave-one-out is a clear error,
  /// not a trap.
  @Test func tooFewRatingsForLeaveOneOutIsAClearError() throws {
    try ChapterHarness.withTemporaryDirectory("chapter-3-few") { folder in
      try MovieLens.synthetic(size: .small, seed: 1).write(to: folder.path)
      let lines = try String(contentsOf: folder.appendingPathComponent("u.data"), encoding: .utf8)
        .split(separator: "\n")
      try (lines.prefix(3).joined(separator: "\n") + "\n")
        .write(to: folder.appendingPathComponent("u.data"), atomically: true, encoding: .utf8)
      try ChapterHarness.expectCleanFailure(
        chapter: 3, data: folder, stderrContains: ["too few for leave-one-out"])
    }
  }
}
