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
    let (results, out, run) = try ChapterHarness.quickRun(chapter: 3)
    try ChapterHarness.compareWithGolden(results, chapter: 3)
    #expect(run.stdout.contains("HR@10 by epoch"), "the terminal preview of the training curves")
    for name in ["training-curves", "hr-at-k", "factors", "negatives", "tie-rules"] {
      #expect(
        FileManager.default.fileExists(atPath: out.appendingPathComponent("\(name).svg").path),
        "\(name).svg")
      #expect(
        FileManager.default.fileExists(atPath: out.appendingPathComponent("\(name).gp").path),
        "\(name).gp")
    }
    for table in ["comparison", "depth", "full-ranking", "tie-rules"] {
      #expect(
        FileManager.default.fileExists(atPath: out.appendingPathComponent("\(table).md").path),
        "\(table).md")
    }
  }

  // MARK: - The committed full run (Figures/chapter-3/results.json)

  static func committed() throws -> ChapterResults {
    let url = ChapterHarness.packageRoot.appendingPathComponent("Figures/chapter-3/results.json")
    return try ChapterResults.decode(from: Data(contentsOf: url))
  }

  @Test func everyLearnedModelBeatsItemPopInTheCommittedFullRun() throws {
    let results = try Self.committed()
    #expect(results.mode == .full && results.data == "ml-100k")
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
    let r = try Self.committed().metrics
    #expect(r["GMF/HR@10"]! >= 0.60)
    #expect(r["MLP/HR@10"]! >= 0.59)
    #expect(r["NeuMF/HR@10"]! >= 0.62)
    #expect(r["NeuMF (pretrained)/HR@10"]! >= 0.60)
    #expect(r["NeuMF/NDCG@10"]! >= 0.34)
    #expect(r["MF-BPR/HR@10"]! >= 0.60)
    #expect(r["ItemKNN/HR@10"]! >= 0.57)
    #expect(r["ItemPop/HR@10"]! > 0.38 && r["ItemPop/HR@10"]! < 0.44)  // the popularity list is fixed
    // Full ranking is much harder than 1-in-100; every model loses most of its hits.
    for model in ["ItemPop", "ItemKNN"] + Self.learned {
      let sampled = r["\(model)/HR@10"]!
      let full = r["\(model)/full HR@10"]!
      #expect(full > 0.02 && full < sampled / 2, "\(model): full HR@10 \(full), sampled \(sampled)")
    }
    // Tie rules: the same data, another held-out item, a different number.
    #expect(r["Ties/users with several ratings in their last second"]! > 300)
    #expect(r["Ties (last in file order)/test items changed"]! == 0)
    #expect(r["Ties (lowest item id)/test items changed"]! > 200)
  }

  /// Chapter 3's MF-BPR and ItemKNN are Chapter 2's models (same split, settings and
  /// generator), so under full ranking, which does not depend on the sampled negatives'
  /// seed, they score exactly what Chapter 2's committed full run recorded.
  @Test func mfBPRAndItemKNNAreChapter2sModels() throws {
    let r = try Self.committed().metrics
    let url = ChapterHarness.packageRoot.appendingPathComponent("Figures/chapter-2/results.json")
    let chapter2 = try ChapterResults.decode(from: Data(contentsOf: url))
    try #require(chapter2.mode == .full && chapter2.data == "ml-100k")
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

  @Test(.enabled(if: ChapterHarness.realData != nil, "needs Data/ml-100k (make data)"))
  func quickRunOnRealDataLearnsAndSampledBeatsFullRanking() throws {
    let (results, _, _) = try ChapterHarness.quickRun(chapter: 3, data: "Data/ml-100k")
    #expect(results.data == "ml-100k")
    let r = results.metrics
    for model in ["GMF", "MLP", "NeuMF"] {
      #expect(r["\(model)/HR@10"]! > 0.3, "\(model): \(r["\(model)/HR@10"]!)")
      #expect(r["\(model)/full HR@10"]! < r["\(model)/HR@10"]!)
    }
  }

  // MARK: - Failure modes

  /// A valid MovieLens folder with too few ratings for leave-one-out is a clear error,
  /// not a trap.
  @Test func tooFewRatingsForLeaveOneOutIsAClearError() throws {
    let folder = try ChapterHarness.temporaryDirectory("chapter-3-few")
    try MovieLens.synthetic(size: .small, seed: 1).write(to: folder.path)
    let lines = try String(contentsOf: folder.appendingPathComponent("u.data"), encoding: .utf8)
      .split(separator: "\n")
    try (lines.prefix(3).joined(separator: "\n") + "\n")
      .write(to: folder.appendingPathComponent("u.data"), atomically: true, encoding: .utf8)
    let out = try ChapterHarness.temporaryDirectory("chapter-3-few-out")
    let run = try ChapterHarness.run(
      "chapter-3", ["--quick", "--data", folder.path, "--out", out.path])
    #expect(run.status == 1, "stdout: \(run.stdout.suffix(500))")
    #expect(run.stderr.contains("too few for leave-one-out"), "stderr: \(run.stderr)")
    #expect(!run.stderr.contains("Fatal error"))
    #expect(
      !FileManager.default.fileExists(atPath: out.appendingPathComponent("results.json").path))
  }
}
