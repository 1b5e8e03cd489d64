import Book
import Foundation
import RecData
import Testing

/// Chapter 4 end to end: the built `chapter-4` against its golden file, on the real data
/// against floors, and the committed full run's claims.
@Suite struct Chapter4Tests {
  static let models = ["Wide", "Deep", "Wide & Deep", "Deep (Adam)", "Wide & Deep (Adam)"]

  @Test func quickRunMatchesGolden() throws {
    let (results, out, run) = try ChapterHarness.quickRun(chapter: 4)
    try ChapterHarness.compareWithGolden(results, chapter: 4)
    for name in [
      "training-curves", "test-auc", "weights-gender-x-genre", "weights-occupation-x-genre",
      "l1-sparsity",
    ] {
      #expect(
        FileManager.default.fileExists(atPath: out.appendingPathComponent("\(name).svg").path),
        "\(name).svg")
      #expect(
        FileManager.default.fileExists(atPath: out.appendingPathComponent("\(name).gp").path),
        "\(name).gp")
    }
    // The malformed specs the chapter shows are reported, not fatal.
    #expect(run.stdout.contains("unknown column 'genre'"))
    #expect(run.stdout.contains("crosses column 'genres' with itself"))
  }

  @Test func malformedDataFolderFailsWithAMessage() throws {
    let folder = try ChapterHarness.temporaryDirectory("ch4-bad-data")
    try MovieLens.synthetic(size: .small, seed: 1).write(to: folder.path)
    let users = folder.appendingPathComponent("u.user")
    var text = try String(contentsOf: users, encoding: .isoLatin1)
    text = text.replacingOccurrences(of: "|M|", with: "|X|")
    try text.write(to: users, atomically: true, encoding: .isoLatin1)
    let run = try ChapterHarness.run(
      "chapter-4",
      ["--quick", "--data", folder.path, "--out", folder.appendingPathComponent("out").path])
    #expect(run.status != 0)
    #expect(run.stderr.contains("u.user"), "the message names the file: \(run.stderr)")
    #expect(!run.stderr.contains("Fatal error"))
  }

  @Test(
    .enabled(
      if: ChapterHarness.realData != nil, "MovieLens-100K is not in Data/ml-100k (run `make data`)")
  )
  func quickRunOnRealDataBeatsFloors() throws {
    let (results, _, _) = try ChapterHarness.quickRun(
      chapter: 4, data: ChapterHarness.realData!.path)
    #expect(results.data == "ml-100k")
    let m = results.metrics
    // 150 users, 2 epochs: every model is well above chance and the constant predictor.
    for name in Self.models {
      #expect(m["\(name)/AUC"]! > 0.68, "\(name)/AUC \(m["\(name)/AUC"]!)")
      #expect(m["\(name)/log loss"]! < m["Constant/log loss"]!, "\(name)/log loss")
    }
    #expect(m["Data/test pairs seen in training"] == 0)
    #expect(m["Deep (ranking)/HR@10"]! > m["Wide (ranking)/HR@10"]!)
  }

  /// The committed full run (`make chapter-4`): what the text claims.
  @Test func committedFullRunHoldsTheTextsClaims() throws {
    let url = ChapterHarness.packageRoot.appendingPathComponent("Figures/chapter-4/results.json")
    let results = try ChapterResults.decode(from: Data(contentsOf: url))
    #expect(results.mode == .full && results.data == "ml-100k")
    let m = results.metrics
    // Floors, a little under the measured values.
    #expect(m["Wide/AUC"]! > 0.765)
    #expect(m["Deep/AUC"]! > 0.78)
    #expect(m["Wide & Deep/AUC"]! > 0.78)
    #expect(m["Wide & Deep (ranking)/HR@10"]! > 0.58)
    #expect(m["Deep (ranking)/HR@10"]! > 0.58)
    // Joint training is at least as good as either half trained alone (same optimisers).
    #expect(m["Wide & Deep/AUC"]! >= max(m["Wide/AUC"]!, m["Deep/AUC"]!))
    // ... but its margin over the deep half is inside one standard error of the AUC.
    #expect(m["Wide & Deep/AUC"]! - m["Deep/AUC"]! < m["Wide & Deep/AUC standard error"]!)
    // L1 removes weights; the strongest L1 keeps fewer than two thirds of them.
    #expect(m["Wide (L1 0.1)/non-zero weights"]! < m["Wide (L1 0.0)/non-zero weights"]! * 2 / 3)
    // Memorising user x item cannot help on pairs never seen in training.
    #expect(m["Data/test pairs seen in training"] == 0)
    #expect(m["Wide & Deep + user x item/train loss"]! < m["Wide & Deep/train loss"]!)
    #expect(m["Wide & Deep + user x item/AUC"]! < m["Wide & Deep/AUC"]! + 0.002)
  }
}
