import Book
import Foundation
import RecData
import Testing

/// Chapter 4 end to end: the built `chapter-4` against its golden file, on the real data
/// against floors, and the committed full run's claims.
@Suite struct Chapter4Tests {
  static let models = ["Wide", "Deep", "Wide & Deep", "Deep (Adam)", "Wide & Deep (Adam)"]

  @Test func quickRunMatchesGolden() throws {
    try ChapterHarness.quickRun(chapter: 4) { results, out, run in
      try ChapterHarness.compareWithGolden(results, chapter: 4)
      ChapterHarness.expectOutputs(
        in: out,
        figures: [
          "training-curves", "test-auc", "weights-gender-x-genre", "weights-occupation-x-genre",
          "l1-sparsity",
        ])
      // The malformed specs the chapter shows are reported, not fatal.
      #expect(run.stdout.contains("unknown column 'genre'"))
      #expect(run.stdout.contains("crosses column 'genres' with itself"))
    }
  }

  @Test func malformedDataFolderFailsWithAMessage() throws {
    try ChapterHarness.withTemporaryDirectory("ch4-bad-data") { folder in
      try MovieLens.synthetic(size: .small, seed: 1).write(to: folder.path)
      let users = folder.appendingPathComponent("u.user")
      var text = try String(contentsOf: users, encoding: .isoLatin1)
      text = text.replacingOccurrences(of: "|M|", with: "|X|")
      try text.write(to: users, atomically: true, encoding: .isoLatin1)
      try ChapterHarness.expectCleanFailure(chapter: 4, data: folder, stderrContains: ["u.user"])
    }
  }

  @Test(ChapterHarness.needsRealData)
  func quickRunOnRealDataBeatsFloors() throws {
    let r = try ChapterHarness.quickRunOnRealData(chapter: 4).metrics
    func m(_ name: String) throws -> Double { try #require(r[name], "no metric \(name)") }
    // 150 users, 2 epochs: every model is well above chance and the constant predictor.
    for name in Self.models {
      #expect(try m("\(name)/AUC") > 0.68, "\(name)/AUC")
      #expect(try m("\(name)/log loss") < m("Constant/log loss"), "\(name)/log loss")
    }
    #expect(r["Data/test pairs seen in training"] == 0)
    #expect(try m("Deep (ranking)/HR@10") > m("Wide (ranking)/HR@10"))
  }

  /// The committed full run (`make chapter-4`): what the text claims.
  @Test func committedFullRunHoldsTheTextsClaims() throws {
    let r = try ChapterHarness.committedFullRun(chapter: 4).metrics
    func m(_ name: String) throws -> Double { try #require(r[name], "no metric \(name)") }
    // Floors, a little under the measured values.
    #expect(try m("Wide/AUC") > 0.765)
    #expect(try m("Deep/AUC") > 0.78)
    #expect(try m("Wide & Deep/AUC") > 0.78)
    #expect(try m("Wide & Deep (ranking)/HR@10") > 0.58)
    #expect(try m("Deep (ranking)/HR@10") > 0.58)
    // Joint training and the deep half alone are within one standard error of each other
    // (the text calls the gap noise), and both beat the wide half alone by more than that.
    let (wide, deep, joint) = (try m("Wide/AUC"), try m("Deep/AUC"), try m("Wide & Deep/AUC"))
    let standardError = try m("Wide & Deep/AUC standard error")
    #expect(abs(joint - deep) < standardError)
    #expect(min(joint, deep) - wide > standardError)
    // L1 removes weights; the strongest L1 keeps fewer than two thirds of them.
    #expect(
      try m("Wide (L1 0.1)/non-zero weights") < (try m("Wide (L1 0.0)/non-zero weights")) * 2 / 3)
    // Memorising user x item cannot help on pairs never seen in training.
    #expect(r["Data/test pairs seen in training"] == 0)
    #expect(try m("Wide & Deep + user x item/train loss") < m("Wide & Deep/train loss"))
    // Its test AUC moves by no more than noise: two standard errors.
    #expect(abs(try m("Wide & Deep + user x item/AUC") - joint) < 2 * standardError)
  }
}
