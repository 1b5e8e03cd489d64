import Book
import Foundation
import RecData
import Testing

/// Chapter 5 end to end (its golden file is compared in EveryChapterTests): floors on the
/// committed full run and on the real data, and clean failures.
@Suite struct Chapter5Tests {
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

  /// The committed full run holds what the text and the figures' alt text say in words.
  @Test func committedFullRunHoldsTheTextsClaims() throws {
    let results = try ChapterHarness.committedFullRun(chapter: 5)
    func m(_ name: String) throws -> Double {
      try #require(results.metrics[name], "no metric \(name)")
    }
    func curve(_ name: String) throws -> ChapterResults.Curve {
      try #require(results.curves[name], "no curve \(name)")
    }
    // The parameter count the text works out: 943 * 500 + 500 + 500 * 943 + 943.
    #expect(try m("I-AutoRec/parameters") == Double(943 * 500 + 500 + 500 * 943 + 943))

    // Rating prediction: I-AutoRec beats d2l's 0.898, narrowly; U-AutoRec ends above MF.
    let (autoRec, mf) = (try m("I-AutoRec/RMSE"), try m("MF/RMSE"))
    #expect(autoRec < 0.898 && autoRec > 0.88, "I-AutoRec \(autoRec)")
    #expect(try m("U-AutoRec/RMSE") > mf)
    // Few test ratings fall on an item with no training rating (under 1% of the 10,000).
    #expect(try m("U-AutoRec/cold test ratings") < 100)
    // I-AutoRec's test RMSE falls fast for 30 epochs, then flattens (within 0.01 of its value
    // at epoch 30) while the training loss keeps falling.
    let rmse = try curve("I-AutoRec/test RMSE by epoch")
    let at30 = try #require(rmse.x.firstIndex(of: 30))
    #expect(rmse.y[0] - rmse.y[at30] > 0.1)
    #expect(rmse.y[at30...].allSatisfy { abs($0 - rmse.y[at30]) < 0.01 })
    let trainLoss = try curve("I-AutoRec/training loss by epoch")
    let train30 = try #require(trainLoss.x.firstIndex(of: 30))
    #expect(trainLoss.y.last! < trainLoss.y[train30])

    // The sweeps: the RMSE falls at every wider code, 25 units end far worse than MF, the L2
    // weight has a U shape with its best value at 0.001, and most sweep numbers are above the
    // main run's.
    let bySize = try curve("I-AutoRec/test RMSE by hidden size").y
    #expect(zip(bySize, bySize.dropFirst()).allSatisfy { $0 > $1 })
    #expect(try m("I-AutoRec k=25/RMSE") > mf + 0.05)
    let lambdaCurve = try curve("I-AutoRec/test RMSE by lambda")
    let byLambda = lambdaCurve.y
    let best = try #require(byLambda.indices.min { byLambda[$0] < byLambda[$1] })
    #expect(abs(lambdaCurve.x[best] - 0.001) < 1e-6, "best lambda \(lambdaCurve.x[best])")
    #expect(zip(byLambda[...best], byLambda[...best].dropFirst()).allSatisfy { $0 > $1 })
    #expect(zip(byLambda[best...], byLambda[best...].dropFirst()).allSatisfy { $0 < $1 })
    #expect(best > 0 && best < byLambda.count - 1)
    let sweeps = try byLambda + ["25", "100", "250", "750"].map { try m("I-AutoRec k=\($0)/RMSE") }
    #expect(sweeps.filter { $0 > autoRec }.count * 2 > sweeps.count)

    // Top-N: CDAE below Chapter 3's NeuMF, NeuMF below both multinomial autoencoders.
    let (dae, vae) = (try m("Mult-DAE/NDCG@10"), try m("Mult-VAE/NDCG@10"))
    let (cdae, neumf) = (try m("CDAE/NDCG@10"), try m("NeuMF/NDCG@10"))
    #expect(cdae < neumf && neumf < min(dae, vae), "CDAE \(cdae), NeuMF \(neumf)")
    // Mult-VAE ends ahead of Mult-DAE by less than the largest step either curve takes
    // between two evaluations over the last ten epochs, and the two trade places there.
    let daeCurve = try curve("Mult-DAE/NDCG@10 by epoch")
    let vaeCurve = try curve("Mult-VAE/NDCG@10 by epoch")
    #expect(daeCurve.x == vaeCurve.x)
    let last = try #require(daeCurve.x.firstIndex { $0 >= daeCurve.x.last! - 10 })
    func largestStep(_ y: [Double]) -> Double {
      zip(y[last...], y[last...].dropFirst()).map { abs($1 - $0) }.max()!
    }
    #expect(vae > dae)
    #expect(vae - dae < min(largestStep(daeCurve.y), largestStep(vaeCurve.y)))
    let lead = zip(daeCurve.y[last...], vaeCurve.y[last...]).map { $0 - $1 }
    #expect(lead.contains { $0 > 0 } && lead.contains { $0 < 0 }, "Mult-DAE's lead \(lead)")
    // CDAE climbs below both at every evaluation; Mult-DAE peaks before the last epoch.
    let cdaeCurve = try curve("CDAE/NDCG@10 by epoch").y
    for (i, c) in cdaeCurve.enumerated() {
      #expect(c < min(daeCurve.y[i], vaeCurve.y[i]), "epoch \(daeCurve.x[i])")
    }
    #expect(daeCurve.y.max()! > daeCurve.y.last!)

    // Corruption: from p = 0 to 0.75 the NDCG@10 barely moves (a spread under 0.005), and
    // p = 0.9 costs clearly: it is below every other rate by more than that spread.
    let rates = try ["0.0", "0.25", "0.5", "0.75"].map { try m("Mult-DAE p=\($0)/NDCG@10") }
    let spread = rates.max()! - rates.min()!
    #expect(spread < 0.005, "spread \(spread)")
    #expect(try m("Mult-DAE p=0.9/NDCG@10") < rates.min()! - spread)
  }

  /// Every p-value the text cites (a span on a key ending in `/p`) is worded by what it
  /// says: "significant" needs p < 0.05 in the committed run, "within noise" needs
  /// p >= 0.05, and the sentence must say one of the two. Once the committed run carries
  /// per-seed values, the text must cite at least one such comparison.
  @Test func textsSignificanceWordsAgreeWithThePValues() throws {
    let results = try ChapterHarness.committedFullRun(chapter: 5)
    let text = try String(
      contentsOf: ChapterHarness.packageRoot.appendingPathComponent(
        "Chapters/05-autoencoders/README.md"), encoding: .utf8)
    let claims = significanceClaims(in: text)
    if results.metrics["I-AutoRec/RMSE seed 0"] != nil {
      #expect(!claims.isEmpty, "the text cites no paired comparison")
    }
    for (key, context) in claims {
      let p = try #require(results.metrics[key], "no metric \(key)")
      let saysWithinNoise = context.contains("within noise") || context.contains("not significant")
      let saysSignificant = !saysWithinNoise && context.contains("significant")
      #expect(saysWithinNoise || saysSignificant, "\(key): the sentence says neither: \(context)")
      if saysSignificant { #expect(p < 0.05, "\(key) = \(p) is called significant") }
      if saysWithinNoise { #expect(p >= 0.05, "\(key) = \(p) is called within noise") }
    }
  }

  @Test func significanceClaimsAreFoundInText() {
    let text = "A is ahead, a significant gap (p <!--m A vs B/p-->0.01<!--/m-->)."
    let claims = significanceClaims(in: text)
    #expect(claims.count == 1 && claims[0].key == "A vs B/p")
    #expect(claims[0].context.contains("significant"))
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

/// Each number span on a key ending in `/p`, with the text of its sentence up to the span
/// (from the previous full stop, at most 300 characters back).
func significanceClaims(in text: String) -> [(key: String, context: String)] {
  var claims: [(key: String, context: String)] = []
  var rest = text[...]
  while let open = rest.range(of: "<!--m ") {
    guard let close = rest.range(of: "-->", range: open.upperBound..<rest.endIndex) else { break }
    let key = String(rest[open.upperBound..<close.lowerBound])
    if key.hasSuffix("/p") {
      let before = String(text[..<open.lowerBound].suffix(300))
      let sentence = before.components(separatedBy: ". ").last ?? before
      claims.append((key, sentence))
    }
    rest = rest[close.upperBound...]
  }
  return claims
}
