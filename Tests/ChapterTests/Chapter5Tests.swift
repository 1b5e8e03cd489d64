import Book
import Foundation
import RecData
import Testing

/// Chapter 5 end to end: the built `chapter-5` against its golden file, floors on the
/// committed full run and on the real data, and clean failures.
@Suite struct Chapter5Tests {
  static let figures = [
    "toy-reconstruction", "autorec-training", "autorec-capacity", "topn-training", "corruption",
  ]

  @Test func quickRunMatchesGolden() throws {
    try ChapterHarness.quickRun(chapter: 5) { results, out, _ in
      try ChapterHarness.compareWithGolden(results, chapter: 5)
      ChapterHarness.expectOutputs(
        in: out, figures: Self.figures,
        tables: ["rating-prediction", "autorec-sweeps", "top-n", "corruption"])
    }
  }

  /// The toy example's point holds in any run: a loss on every entry pulls missing ratings
  /// towards 0, a loss on the observed entries only does not.
  @Test func maskedLossFillsMissingRatingsWithRatingsNotZeros() throws {
    let (results, _) = try ChapterHarness.quickRun(chapter: 5)
    let plain = try #require(results.metrics["Toy/plain: mean reconstruction of missing entries"])
    let masked = try #require(results.metrics["Toy/masked: mean reconstruction of missing entries"])
    #expect(plain < 1.5 && masked > 2, "plain \(plain), masked \(masked)")
    // u1 (an action fan) should get a low rating for the romance R3, u5 (a romance fan) a high one.
    let u1 = try #require(results.metrics["Toy/masked: u1 on R3"])
    let u5 = try #require(results.metrics["Toy/masked: u5 on R3"])
    #expect(u1 < 3 && u5 > 3.5, "u1 \(u1), u5 \(u5)")
  }

  /// The book's run (Figures/chapter-5/results.json) holds the floors the text states.
  @Test func committedFullRunHoldsTheFloors() throws {
    let results = try ChapterHarness.committedFullRun(chapter: 5)
    let m = results.metrics
    let autoRec = try #require(m["I-AutoRec/RMSE"])
    let mf = try #require(m["MF/RMSE"])
    let mean = try #require(m["Global mean/RMSE"])
    #expect(autoRec < mf && mf < mean, "I-AutoRec \(autoRec), MF \(mf), global mean \(mean)")
    #expect(autoRec < 0.9, "I-AutoRec's RMSE \(autoRec)")
    let pop = try #require(m["ItemPop/NDCG@10"])
    for model in ["Mult-DAE", "CDAE", "Mult-VAE"] {
      let ndcg = try #require(m["\(model)/NDCG@10"])
      #expect(ndcg > pop + 0.05, "\(model) NDCG@10 \(ndcg) vs ItemPop \(pop)")
    }
    #expect(try #require(m["Mult-VAE/NDCG@10"]) > 0.35)
  }

  /// On the real data, even the quick run's autoencoders train and rank sensibly.
  @Test(ChapterHarness.needsRealData)
  func quickRunOnRealDataStaysInRange() throws {
    let results = try ChapterHarness.quickRunOnRealData(chapter: 5)
    let m = results.metrics
    for name in ["Global mean/RMSE", "MF/RMSE", "I-AutoRec/RMSE", "U-AutoRec/RMSE"] {
      let value = try #require(m[name])
      #expect(value > 0.5 && value < 2.5, "\(name) \(value)")
    }
    #expect(try #require(m["MF/RMSE"]) < (try #require(m["Global mean/RMSE"])))
    for model in ["ItemPop", "Mult-DAE", "Mult-VAE"] {
      let ndcg = try #require(m["\(model)/NDCG@10"])
      #expect(ndcg > 0.05 && ndcg <= 1, "\(model) NDCG@10 \(ndcg)")
    }
  }

  /// A small but valid dataset in a folder runs in full mode's code paths without a trap
  /// (cold items in the test split, users with few ratings).
  @Test func aSmallDatasetFolderRunsCleanly() throws {
    try ChapterHarness.withTemporaryDirectory("chapter-5-small") { folder in
      try MovieLens.synthetic(size: .small, seed: 3).write(to: folder.path)
      let (results, _) = try ChapterHarness.quickRun(chapter: 5, data: folder.path)
      #expect(results.data == "ml-100k")
      #expect(results.metrics["I-AutoRec/RMSE"]?.isFinite == true)
    }
  }

  @Test func aMalformedDataFolderIsAClearError() throws {
    try ChapterHarness.withTemporaryDirectory("chapter-5-broken") { folder in
      try MovieLens.synthetic(size: .small, seed: 3).write(to: folder.path)
      try "1\t2\tfive\t881250949\n".write(
        to: folder.appendingPathComponent("u.data"), atomically: true, encoding: .utf8)
      try ChapterHarness.expectCleanFailure(chapter: 5, data: folder, stderrContains: ["u.data"])
    }
  }
}
