import Foundation
import Plot
import TestSupport
import Testing

@testable import Book

// MARK: - results.json

@Test func resultsJSONIsStableByteForByte() throws {
  func make() -> ChapterResults {
    var r = ChapterResults(chapter: 3, mode: .quick, seed: 7, data: "synthetic")
    // Insert in different orders: sorted keys must make the bytes equal.
    r.metrics["NeuMF/HR@10"] = 0.6831
    r.metrics["GMF/HR@10"] = 0.1 + 0.2
    r.curves["GMF/loss"] = .init(x: [1, 2], y: [0.5, 0.25])
    r.tables["compare"] = MarkdownTable(columns: ["model", "HR@10"], rows: [["GMF", "0.300"]])
    return r
  }
  var other = ChapterResults(chapter: 3, mode: .quick, seed: 7, data: "synthetic")
  other.tables["compare"] = MarkdownTable(columns: ["model", "HR@10"], rows: [["GMF", "0.300"]])
  other.curves["GMF/loss"] = .init(x: [1, 2], y: [0.5, 0.25])
  other.metrics["GMF/HR@10"] = 0.1 + 0.2
  other.metrics["NeuMF/HR@10"] = 0.6831
  let a = try make().jsonData()
  let b = try other.jsonData()
  #expect(a == b)
  let text = String(decoding: a, as: UTF8.self)
  // The format the issue asks for: sorted keys, slashes unescaped, a final newline.
  #expect(text.contains("\"GMF/HR@10\" : 0.30000000000000004"))
  #expect(
    text.range(of: "\"GMF/HR@10\"")!.lowerBound < text.range(of: "\"NeuMF/HR@10\"")!.lowerBound)
  #expect(text.hasSuffix("}\n"))
  #expect(try ChapterResults.decode(from: a) == make())
}

@Test func resultsJSONWritesNonFiniteNumbersAsStrings() throws {
  var r = ChapterResults(chapter: 1, mode: .full, seed: 1, data: "ml-100k")
  r.metrics["diverged/loss"] = .nan
  r.metrics["huge"] = .infinity
  let data = try r.jsonData()
  let back = try ChapterResults.decode(from: data)
  #expect(back.metrics["diverged/loss"]!.isNaN)
  #expect(back.metrics["huge"] == .infinity)
}

// MARK: - Atomic writes

@Test func atomicWriteReplacesWholeFileAndLeavesNoTemporaries() throws {
  try withScratchFolder("atomic") { dir in
    let url = dir.appendingPathComponent("results.json")
    try writeAtomically("first\n", to: url)
    try writeAtomically("second, longer\n", to: url)
    #expect(try String(contentsOf: url, encoding: .utf8) == "second, longer\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["results.json"])
  }
}

@Test func atomicWriteIntoAnUnwritablePlaceThrowsAndKeepsTheOldFile() throws {
  try withScratchFolder("atomic") { dir in
    let url = dir.appendingPathComponent("table.md")
    try writeAtomically("old\n", to: url)
    // A folder where the file should be: the rename cannot succeed.
    let blocked = dir.appendingPathComponent("blocked.md")
    try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: true)
    #expect(throws: (any Error).self) { try writeAtomically("new\n", to: blocked) }
    #expect(try String(contentsOf: url, encoding: .utf8) == "old\n")
  }
}

// MARK: - Markdown tables and numbers

@Test func markdownTablePadsAlignsAndEscapesPipes() {
  var table = MarkdownTable(columns: ["model", "HR@10"])
  table.append(["NeuMF", "0.683"])
  table.append(["a|b", "1"])
  #expect(
    table.render() == """
      | model | HR@10 |
      | :---- | ----: |
      | NeuMF | 0.683 |
      | a\\|b  |     1 |

      """)
}

@Test func formattedRoundsHalfAwayFromZeroWithFixedDecimals() {
  #expect(formatted(0.68345, decimals: 3) == "0.683")
  #expect(formatted(0.6835, decimals: 3) == "0.684")
  #expect(formatted(2.5, decimals: 0) == "3")
  #expect(formatted(-0.00004, decimals: 4) == "0.0000")
  #expect(formatted(-1.25, decimals: 1) == "-1.3")
  #expect(formatted(0.05, decimals: 3) == "0.050")
  #expect(formatted(.nan) == "nan")
}

// MARK: - Progress bar

@Test func progressBarShowsDoneTotalAndStatus() {
  let bar = ProgressBar("GMF epoch 1/20", total: 8, interactive: false)
  #expect(bar.line() == "GMF epoch 1/20 [························]   0% 0/8")
  bar.advance(by: 4, status: "loss 0.5000")
  #expect(bar.line() == "GMF epoch 1/20 [############············]  50% 4/8 loss 0.5000")
  bar.advance(by: 10)
  #expect(bar.done == 8)
}

// MARK: - Options

@Test func chapterOptionsParseEveryFlagAndRejectBadValues() throws {
  let options = try ChapterOptions.parse([
    "--quick", "--epochs", "3", "--seed", "9", "--data", "synthetic", "--out", "/tmp/x", "--format",
    "png",
  ])
  #expect(options.quick && options.epochs == 3 && options.seed == 9)
  #expect(options.data == "synthetic" && options.out == "/tmp/x" && options.format == .png)
  #expect(throws: (any Error).self) { try ChapterOptions.parse(["--format", "gif"]) }
  #expect(throws: (any Error).self) { try ChapterOptions.parse(["--epochs", "0"]) }
}

@Test func chapterRunGeneratorsAreIndependentOfEachOtherAndFixedBySeed() throws {
  try withScratchFolder("run") { out in
    let options = try ChapterOptions.parse(["--seed", "5", "--out", out.path])
    let run = try ChapterRun(number: 9, title: "test", options: options)
    var a = run.generator("GMF")
    var b = run.generator("GMF")
    var c = run.generator("MLP")
    let x = a.next()
    #expect(x == b.next())
    #expect(x != c.next())
    #expect(run.epochs(full: 20, quick: 2) == 20)
  }
}

// MARK: - Where a run writes

@Test(arguments: [
  [], ["--seed", "2017"], ["--format", "svg"], ["--data", "Data/ml-100k"],
  ["--data", "./Data/ml-100k/"],
])
func onlyTheBooksSettingsOnTheRealDataWriteTheCommittedFolder(arguments: [String]) throws {
  let output = try ChapterOptions.parse(arguments).output(chapter: 3, movieLensFound: true)
  #expect(output.kind == .committed)
  #expect(output.path == "Figures/chapter-3")
  #expect(output.notice() == nil)
}

@Test(arguments: [
  (["--quick"], "--quick"), (["--epochs", "3"], "--epochs 3"), (["--seed", "1"], "--seed 1"),
  (["--format", "png"], "--format png"), (["--data", "synthetic"], "--data synthetic"),
  (["--data", "/elsewhere/ml-100k"], "--data /elsewhere/ml-100k"),
])
func everyOtherOptionSendsTheRunToRuns(arguments: [String], changed: String) throws {
  let output = try ChapterOptions.parse(arguments).output(chapter: 3, movieLensFound: true)
  #expect(output.kind == .scratch)
  #expect(output.path == "Runs/chapter-3")
  #expect(output.changedOptions == [changed])
  #expect(!output.syntheticFallback)
  #expect(
    output.notice()
      == "a \(changed) run: writing to Runs/chapter-3, not the committed Figures/chapter-3")
  #expect(
    output.notice(finished: true)
      == "a \(changed) run: wrote to Runs/chapter-3, not the committed Figures/chapter-3")
}

@Test func theSyntheticFallbackIsNeverTheBooksRun() throws {
  let output = try ChapterOptions.parse([]).output(chapter: 0, movieLensFound: false)
  #expect(output.kind == .scratch && output.path == "Runs/chapter-0")
  #expect(output.changedOptions.isEmpty && output.syntheticFallback)
  #expect(
    output.notice()
      == "a run on synthetic data (no MovieLens-100K in Data/ml-100k): writing to Runs/chapter-0, not the committed Figures/chapter-0"
  )
  // Several reasons at once read like the command line that was typed.
  let both = try ChapterOptions.parse(["--seed", "1", "--quick"])
    .output(chapter: 5, movieLensFound: false)
  #expect(both.changedOptions == ["--quick", "--seed 1"])
  #expect(
    both.notice()
      == "a --quick --seed 1 run on synthetic data (no MovieLens-100K in Data/ml-100k): writing to Runs/chapter-5, not the committed Figures/chapter-5"
  )
  // With --data, Data/ml-100k is not looked at: the run uses (or fails on) that folder.
  let given = try ChapterOptions.parse(["--data", "/elsewhere"])
    .output(chapter: 5, movieLensFound: false)
  #expect(!given.syntheticFallback && given.changedOptions == ["--data /elsewhere"])
}

@Test(arguments: [
  ["--out", "/x/ch3"], ["--out", "/x/ch3", "--quick", "--seed", "1", "--format", "png"],
  ["--out", "/x/ch3", "--data", "synthetic", "--epochs", "2"],
])
func anExplicitOutIsAlwaysHonoured(arguments: [String]) throws {
  for found in [true, false] {
    let output = try ChapterOptions.parse(arguments).output(chapter: 3, movieLensFound: found)
    #expect(output.kind == .chosen && output.path == "/x/ch3")
    #expect(output.notice() == nil)
  }
  // Even into the committed folder: the reader asked for it.
  let committed = try ChapterOptions.parse(["--quick", "--out", "Figures/chapter-3"])
    .output(chapter: 3, movieLensFound: true)
  #expect(committed.kind == .chosen && committed.path == "Figures/chapter-3")
}
