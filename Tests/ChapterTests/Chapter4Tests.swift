import Book
import Foundation
import RecData
import Testing

/// Chapter 4 end to end (its golden file is compared in EveryChapterTests): on the real data
/// against floors, and the committed full run's claims.
@Suite struct Chapter4Tests {
  static let models = ["Wide", "Deep", "Wide & Deep", "Deep (Adam)", "Wide & Deep (Adam)"]

  /// The malformed specs the chapter shows are reported, not fatal.
  @Test func malformedSpecsAreReportedNotFatal() throws {
    try ChapterHarness.quickRun(chapter: 4) { _, _, run in
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
    // Joint training is below the deep half alone, by less than the standard error of either
    // AUC (the text calls the gap noise), and both beat the wide half alone by more than that.
    let (wide, deep, joint) = (try m("Wide/AUC"), try m("Deep/AUC"), try m("Wide & Deep/AUC"))
    let standardError = try m("Wide & Deep/AUC standard error")
    #expect(deep > joint)
    #expect(deep - joint < min(standardError, try m("Deep/AUC standard error")))
    #expect(min(joint, deep) - wide > standardError)
    // With Adam the deep part is ahead too, again by less than one standard error.
    let (deepAdam, jointAdam) = (try m("Deep (Adam)/AUC"), try m("Wide & Deep (Adam)/AUC"))
    #expect(deepAdam > jointAdam)
    #expect(deepAdam - jointAdam < min(try m("Deep (Adam)/AUC standard error"), standardError))
    // AdaGrad or Adam: no difference beyond noise for the deep part.
    #expect(abs(deepAdam - deep) < (try m("Deep/AUC standard error")))
    // Wide & Deep's log loss is worse than the deep part's.
    #expect(try m("Wide & Deep/log loss") > m("Deep/log loss"))
    // L1 removes weights: without it, the zero weights are the ids never seen in training;
    // the strongest L1 keeps fewer than half of the seen ids.
    let seen = try m("Wide (L1 0.0)/non-zero weights")
    #expect(try m("Wide (L1 0.0)/zero weights") + seen == m("Data/wide ids"))
    #expect(try m("Wide (L1 0.1)/non-zero weights") < seen / 2)
    // Memorising user x item cannot help on pairs never seen in training.
    #expect(r["Data/test pairs seen in training"] == 0)
    #expect(try m("Wide & Deep + user x item/train loss") < m("Wide & Deep/train loss"))
    // It raises the test AUC by about one standard error: at the edge of noise.
    let userItemGain = try m("Wide & Deep + user x item/AUC") - joint
    #expect(userItemGain > 0.5 * standardError && userItemGain < 1.5 * standardError)
  }

  /// The committed full run's ranking beside Chapter 3, against the standard error of an
  /// HR@10 measured on every user once, sqrt(HR (1 - HR) / users).
  @Test func committedFullRunHoldsTheRankingClaims() throws {
    let results = try ChapterHarness.committedFullRun(chapter: 4)
    func m(_ name: String) throws -> Double {
      try #require(results.metrics[name], "no metric \(name)")
    }
    let columns = try #require(results.tables["feature-columns"])
    let ids = try #require(columns.columns.firstIndex(of: "ids"))
    let userRow = try #require(columns.rows.first { $0.first == "user" })
    let users = try #require(Double(userRow[ids]))
    func standardError(_ hr: Double) -> Double { (hr * (1 - hr) / users).squareRoot() }
    let (pop, wide) = (try m("ItemPop/HR@10"), try m("Wide (ranking)/HR@10"))
    let (deep, joint) = (try m("Deep (ranking)/HR@10"), try m("Wide & Deep (ranking)/HR@10"))
    // The wide model ranks no better than popularity.
    #expect(wide < pop + standardError(pop), "Wide \(wide), ItemPop \(pop)")
    // The deep model sits below all three of Chapter 3's models, closest to NeuMF and
    // furthest from GMF.
    let (gmf, mlp, neumf) = (
      try m("Chapter 3 GMF/HR@10"), try m("Chapter 3 MLP/HR@10"), try m("Chapter 3 NeuMF/HR@10")
    )
    #expect(deep < neumf && neumf < mlp && mlp < gmf, "Deep \(deep), \(neumf), \(mlp), \(gmf)")
    // The wide part adds nothing measurable: a gap under the standard error of either HR@10.
    #expect(abs(joint - deep) < min(standardError(joint), standardError(deep)))
  }

  /// The committed full run's curves: what the text and the figures' alt text say of them.
  @Test func committedFullRunHoldsTheCurvesShapes() throws {
    let results = try ChapterHarness.committedFullRun(chapter: 4)
    func m(_ name: String) throws -> Double {
      try #require(results.metrics[name], "no metric \(name)")
    }
    func curve(_ name: String) throws -> ChapterResults.Curve {
      try #require(results.curves[name], "no curve \(name)")
    }
    let epochs = try curve("Wide & Deep/test AUC by epoch").x
    // Both Wide & Deep variants peak before the last epoch and end below their peak.
    for model in ["Wide & Deep", "Wide & Deep (Adam)"] {
      #expect(try m("\(model)/best AUC epoch") < epochs.last!, "\(model)")
      #expect(try m("\(model)/AUC") < m("\(model)/best AUC"), "\(model)")
    }
    // Wide & Deep's test log loss is lowest early (in the first half of training) and rises
    // from there while its training loss keeps falling; it rises faster than the deep
    // part's, which turns up too.
    func rise(_ losses: [Double]) -> (at: Int, by: Double) {
      let lowest = losses.indices.min { losses[$0] < losses[$1] }!
      return (lowest, losses.last! - losses[lowest])
    }
    let jointLoss = try curve("Wide & Deep/test log loss by epoch").y
    let joint = rise(jointLoss)
    let deep = rise(try curve("Deep/test log loss by epoch").y)
    #expect(joint.at < epochs.count / 2)
    let after = jointLoss[joint.at...]
    #expect(zip(after, after.dropFirst()).allSatisfy { $0 < $1 }, "\(jointLoss)")
    #expect(deep.by > 0 && joint.by > deep.by, "rises: joint \(joint.by), deep \(deep.by)")
    let train = try curve("Wide & Deep/train loss by epoch").y
    #expect(zip(train, train.dropFirst()).allSatisfy { $0 > $1 })
    // Test AUC figure: the wide model climbs at every epoch and stays more than a standard
    // error below both the deep and the Wide & Deep models at every epoch.
    let wideAUC = try curve("Wide/test AUC by epoch").y
    let deepAUC = try curve("Deep/test AUC by epoch").y
    let jointAUC = try curve("Wide & Deep/test AUC by epoch").y
    let standardError = try m("Wide/AUC standard error")
    #expect(zip(wideAUC, wideAUC.dropFirst()).allSatisfy { $0 < $1 })
    for (i, w) in wideAUC.enumerated() {
      #expect(w + standardError < min(deepAUC[i], jointAUC[i]), "epoch \(epochs[i])")
    }
  }

  /// The committed full run's crosses: the cells the text and the heatmaps' alt text name.
  @Test func committedFullRunHoldsTheWideWeightsClaims() throws {
    let results = try ChapterHarness.committedFullRun(chapter: 4)
    let likeRate = try #require(results.metrics["Data/like rate"])
    let table = try #require(results.tables["largest-crosses"])
    func cell(_ row: String, _ column: String) throws -> Double {
      let c = try #require(table.columns.firstIndex(of: column), "no column \(column)")
      let r = try #require(table.rows.first { $0.first == row }, "no row \(row)")
      return try #require(Double(r[c]), "\(row) | \(column): \(r[c])")
    }
    func cross(_ occupation: String, _ genre: String) -> String {
      "AND(occupation=\(occupation), genres=\(genre))"
    }
    // Users with no occupation like war films; entertainment workers do not like children's
    // films; lawyers liked their dramas more than the average, yet the weight is negative.
    #expect(try cell(cross("none", "War"), "weight") > 0)
    #expect(try cell(cross("none", "War"), "liked") > likeRate)
    #expect(try cell(cross("entertainment", "Children's"), "weight") < 0)
    #expect(try cell(cross("entertainment", "Children's"), "liked") < likeRate)
    #expect(try cell(cross("lawyer", "Drama"), "weight") < 0)
    #expect(try cell(cross("lawyer", "Drama"), "liked") > likeRate)
    // Small cells: the two the text cites have fewer than 50 training examples.
    #expect(try cell(cross("doctor", "Animation"), "training examples") < 50)
    #expect(try cell(cross("doctor", "Crime"), "training examples") < 50)

    // The occupation heatmap: mostly pale (the median cell under a third of the strongest),
    // its strongest cells lawyers x Sci-Fi and Drama (negative), no occupation x War (positive).
    let occupation = try Self.heatmap("weights-occupation-x-genre")
    let magnitudes = occupation.values.flatMap(\.values).map(abs).sorted()
    #expect(magnitudes[magnitudes.count / 2] < magnitudes.last! / 3)
    let fourth = magnitudes[magnitudes.count - 4]
    let strongest: [(String, String, Double)] = [
      ("Sci-Fi", "lawyer", -1), ("Drama", "lawyer", -1), ("War", "none", 1),
    ]
    for (genre, occupationName, sign) in strongest {
      let w = try #require(occupation[genre]?[occupationName], "\(occupationName) x \(genre)")
      #expect(w * sign >= fourth, "\(occupationName) x \(genre): \(w)")
    }

    // The gender heatmap: the cells the text names, each with its sign and at least 0.1.
    let gender = try Self.heatmap("weights-gender-x-genre")
    let named: [(String, [String], Double)] = [
      ("F", ["Musical", "Documentary", "Romance", "Animation"], 1),
      ("F", ["Horror", "Sci-Fi", "Western"], -1),
      ("M", ["Sci-Fi", "Mystery", "Thriller", "War", "Animation"], 1),
      ("M", ["Romance", "Musical"], -1),
    ]
    for (sex, genres, sign) in named {
      for genre in genres {
        let w = try #require(gender[sex]?[genre], "\(sex) x \(genre)")
        #expect(w * sign >= 0.1, "\(sex) x \(genre): \(w)")
      }
    }
  }

  /// The cells of a committed heatmap, read from its gnuplot script
  /// `Figures/chapter-4/NAME.gp`: `cells[column label][row label]`.
  static func heatmap(_ name: String) throws -> [String: [String: Double]] {
    let url = ChapterHarness.packageRoot.appendingPathComponent("Figures/chapter-4/\(name).gp")
    let lines = try String(contentsOf: url, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    let (columns, rows) = (try tics("x", lines), try tics("y", lines))
    let start = try #require(lines.firstIndex { $0.hasSuffix("<< EOD") }, "no data in \(name).gp")
    var cells: [String: [String: Double]] = [:]
    for line in lines[(start + 1)...].prefix(while: { $0 != "EOD" }) {
      let f = line.split(separator: " ")
      try #require(f.count >= 3, "\(name).gp: '\(line)'")
      let column = try #require(Int(f[0]).flatMap { columns[$0] }, "\(name).gp: '\(line)'")
      let row = try #require(Int(f[1]).flatMap { rows[$0] }, "\(name).gp: '\(line)'")
      cells[column, default: [:]][row] = try #require(Double(f[2]), "\(name).gp: '\(line)'")
    }
    return cells
  }

  /// The labels of `set xtics ('F' 0, 'M' 1)` by position; a quote in a label is doubled.
  static func tics(_ axis: String, _ lines: [Substring]) throws -> [Int: String] {
    let prefix = "set \(axis)tics ("
    let line = try #require(lines.first { $0.hasPrefix(prefix) }, "no \(axis)tics")
    var labels: [Int: String] = [:]
    var rest = line.dropFirst(prefix.count)
    while let open = rest.firstIndex(of: "'") {
      var label = ""
      var i = rest.index(after: open)
      while true {
        try #require(i < rest.endIndex, "unterminated label in '\(line)'")
        let next = rest.index(after: i)
        if rest[i] == "'" {
          guard next < rest.endIndex, rest[next] == "'" else { break }
          label.append("'")
          i = rest.index(after: next)
        } else {
          label.append(rest[i])
          i = next
        }
      }
      rest = rest[rest.index(after: i)...].drop { $0 == " " }
      let digits = rest.prefix { $0.isNumber }
      let position = try #require(Int(digits), "no position after '\(label)'")
      labels[position] = label
      rest = rest.dropFirst(digits.count)
    }
    return labels
  }
}
