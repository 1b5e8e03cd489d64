import Book
import Foundation
import RecData
import Testing

/// Chapter 1 end to end: the built `chapter-1` against its golden file, the claims its text
/// makes (on the quick run and on the committed full run), and its failure modes.
@Suite struct Chapter1Tests {
  @Test func quickRunMatchesGolden() throws {
    try ChapterHarness.quickRun(chapter: 1) { results, out, _ in
      try ChapterHarness.compareWithGolden(results, chapter: 1)
      ChapterHarness.expectOutputs(
        in: out,
        figures: [
          "activations", "xor-boundaries", "xor-training", "like-dislike-training",
          "like-dislike-auc",
        ],
        tables: [
          "activations", "backprop", "gradient-check", "xor", "like-dislike",
          "logistic-regression-weights",
        ])
    }
  }

  /// What the text claims about the math holds on any data: these sections use none.
  @Test func quickRunBacksTheTextsClaimsAboutTheMath() throws {
    let (results, _) = try ChapterHarness.quickRun(chapter: 1)
    let m = results.metrics
    // One neuron: sigmoid(0.8 - 0.2 - 0.45 + 0.1) = sigmoid(0.25), by hand and by the engine.
    #expect(abs(try #require(m["Neuron/pre-activation"]) - 0.25) < 1e-12)
    #expect(abs(try #require(m["Neuron/output"]) - 1 / (1 + exp(-0.25))) < 1e-12)
    #expect(abs(try #require(m["Neuron/engine output"]) - 1 / (1 + exp(-0.25))) < 1e-6)
    // Autograd's derivatives of the four activations equal the formulas.
    for name in ["sigmoid", "tanh", "ReLU", "SiLU"] {
      #expect(try #require(m["\(name)/max derivative error"]) < 1e-5, "\(name)")
    }
    // Stacked linear layers are one linear map; with ReLU they are not.
    #expect(try #require(m["Collapse/max difference"]) < 1e-4)
    #expect(try #require(m["Collapse/linear superposition gap"]) < 1e-4)
    #expect(try #require(m["Collapse/ReLU superposition gap"]) > 0.1)
    // Backpropagation by hand equals autograd.
    #expect(try #require(m["Backprop/max gradient difference"]) < 1e-5)
    #expect(
      abs(try #require(m["Backprop/loss by hand"]) - (try #require(m["Backprop/loss by engine"])))
        < 1e-5)
    // Every op passes the gradient check, and every row says so.
    #expect(try #require(m["Gradient check/worst relative error"]) < 1e-2)
    let table = try #require(results.tables["gradient-check"])
    #expect(table.rows.count == Int(try #require(m["Gradient check/ops checked"])))
    #expect(table.rows.allSatisfy { $0.last == "yes" })
    // XOR: linear models stay near chance, the MLP solves it.
    #expect(try #require(m["XOR/Logistic regression/test accuracy"]) < 0.7)
    #expect(try #require(m["XOR/Linear stack/test accuracy"]) < 0.7)
    #expect(try #require(m["XOR/MLP/test accuracy"]) > 0.9)
  }

  /// The floor the issue asks for, on a quick run of the real data.
  @Test(ChapterHarness.needsRealData)
  func onRealDataTheMLPBeatsLogisticRegressionQuickly() throws {
    let results = try ChapterHarness.quickRunOnRealData(chapter: 1)
    let mlp = try #require(results.metrics["MLP/AUC"])
    let logistic = try #require(results.metrics["Logistic regression/AUC"])
    #expect(mlp > logistic + 0.02, "MLP AUC \(mlp), logistic regression AUC \(logistic)")
    #expect(logistic > 0.5, "logistic regression should beat chance: \(logistic)")
  }

  /// The committed full run, whose numbers the text cites.
  @Test func committedFullRunHoldsTheFloors() throws {
    let results = try ChapterHarness.committedFullRun(chapter: 1)
    let m = results.metrics
    let mlp = try #require(m["MLP/AUC"])
    let logistic = try #require(m["Logistic regression/AUC"])
    #expect(mlp > logistic + 0.02, "MLP AUC \(mlp), logistic regression AUC \(logistic)")
    #expect(logistic > 0.58 && mlp > 0.62)
    #expect(try #require(m["MLP/log loss"]) < (try #require(m["Logistic regression/log loss"])))
    #expect(
      try #require(m["Logistic regression/log loss"]) < (try #require(m["Base rate/log loss"])))
    #expect(m["Data/train examples"] == 80_000 && m["Data/test examples"] == 10_000)
  }

  /// A valid dataset too small to split into training, validation and test parts, each
  /// with likes and dislikes, stops the chapter with a message, not a trap.
  @Test func tooFewRatingsToSplitIsAClearError() throws {
    try ChapterHarness.withTemporaryDirectory("chapter-1-tiny") { tiny in
      try MovieLens.synthetic(
        size: SyntheticSize(users: 3, items: 5, ratings: 6, minimumPerUser: 2), seed: 1
      )
      .write(to: tiny.path)
      try ChapterHarness.expectCleanFailure(
        chapter: 1, data: tiny, stderrContains: ["LikeDislikeTask", "too few"])
    }
  }
}
