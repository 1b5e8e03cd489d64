import Testing

@testable import Book

// MARK: - Number spans

/// A small results.json for the tests below.
func sampleResults() -> ChapterResults {
  var results = ChapterResults(chapter: 3, mode: .full, seed: 2017, data: "ml-100k")
  results.metrics["NeuMF/HR@10"] = 0.68345
  results.metrics["GMF/HR@10"] = 0.6310
  results.metrics["MovieLens/density"] = 0.063047
  results.metrics["MovieLens/ratings"] = 100_000
  results.metrics["Collapse/max difference"] = 2.384e-6
  results.metrics["Gap/negative"] = -0.01234
  results.tables["comparison"] = MarkdownTable(
    columns: ["model", "HR@10"], rows: [["GMF", "0.631"], ["NeuMF", "0.683"]])
  return results
}

/// Renders `text` with `sampleResults()` and returns the new text.
func rendered(_ text: String) throws -> String {
  try ResultSpans.render(text, results: sampleResults(), file: "ch.md").text
}

@Test func aNumberSpanIsRewrittenFromItsMetricAndTheRestIsKept() throws {
  let text =
    "NeuMF reaches <!--m NeuMF/HR@10-->0.600<!--/m--> (GMF <!--m GMF/HR@10-->0.6<!--/m-->).\n"
  let rendering = try ResultSpans.render(text, results: sampleResults(), file: "ch.md")
  #expect(
    rendering.text
      == "NeuMF reaches <!--m NeuMF/HR@10-->0.683<!--/m--> (GMF <!--m GMF/HR@10-->0.6<!--/m-->).\n")
  #expect(rendering.numberCount == 2 && rendering.tableCount == 0)
  #expect(
    rendering.changes == [.init(line: 1, source: "NeuMF/HR@10", old: "0.600", new: "0.683")])
  #expect(rendering.changes[0].description == "line 1: NeuMF/HR@10: 0.600 -> 0.683")
}

@Test func aSpanKeepsTheDecimalsPercentSignAndCommasItShowsNow() throws {
  #expect(
    try rendered("a <!--m NeuMF/HR@10-->0.1<!--/m-->") == "a <!--m NeuMF/HR@10-->0.7<!--/m-->")
  #expect(
    try rendered("a <!--m NeuMF/HR@10-->1.00000<!--/m-->")
      == "a <!--m NeuMF/HR@10-->0.68345<!--/m-->")
  #expect(
    try rendered("a <!--m NeuMF/HR@10-->50%<!--/m-->") == "a <!--m NeuMF/HR@10-->68%<!--/m-->")
  #expect(
    try rendered("a <!--m NeuMF/HR@10-->50.0%<!--/m-->") == "a <!--m NeuMF/HR@10-->68.3%<!--/m-->")
  #expect(
    try rendered("a <!--m NeuMF/HR@10-->+0.00<!--/m-->") == "a <!--m NeuMF/HR@10-->+0.68<!--/m-->")
  #expect(
    try rendered("a <!--m Gap/negative-->+0.00<!--/m-->") == "a <!--m Gap/negative-->-0.01<!--/m-->"
  )
  #expect(
    try rendered("a <!--m MovieLens/ratings-->1,000<!--/m-->")
      == "a <!--m MovieLens/ratings-->100,000<!--/m-->")
  #expect(
    try rendered("a <!--m MovieLens/ratings-->7<!--/m-->")
      == "a <!--m MovieLens/ratings-->100000<!--/m-->")
  #expect(
    try rendered("a <!--m Collapse/max difference-->1.0e-3<!--/m-->")
      == "a <!--m Collapse/max difference-->2.4e-6<!--/m-->")
  #expect(
    try rendered("a <!--m Collapse/max difference-->1e-03<!--/m-->")
      == "a <!--m Collapse/max difference-->2e-06<!--/m-->")
}

@Test func aPictureAfterAsStatesTheFormatWhateverTheSpanShows() throws {
  #expect(
    try rendered("a <!--m Gap/negative as +0.000-->x<!--/m-->")
      == "a <!--m Gap/negative as +0.000-->-0.012<!--/m-->")
  #expect(
    try rendered("a <!--m GMF/HR@10 as +0.0%-->-0.0%<!--/m-->")
      == "a <!--m GMF/HR@10 as +0.0%-->+63.1%<!--/m-->")
  let error = #expect(throws: ResultSpanError.self) {
    try rendered("a <!--m GMF/HR@10 as three decimals-->0.631<!--/m-->")
  }
  #expect(error?.message.contains("'three decimals' is not a number format") == true)
}

@Test func anExpressionSubtractsOrDividesTwoOperands() throws {
  #expect(
    try rendered("empty: <!--m 1 - MovieLens/density-->90.0%<!--/m-->")
      == "empty: <!--m 1 - MovieLens/density-->93.7%<!--/m-->")
  #expect(
    try rendered("gap <!--m NeuMF/HR@10 - GMF/HR@10-->0.0<!--/m-->")
      == "gap <!--m NeuMF/HR@10 - GMF/HR@10-->0.1<!--/m-->")
  #expect(
    try rendered("ratio <!--m NeuMF/HR@10 / GMF/HR@10-->1.00<!--/m-->")
      == "ratio <!--m NeuMF/HR@10 / GMF/HR@10-->1.08<!--/m-->")
  #expect(throws: ResultSpanError.self) { try rendered("a <!--m 1 / 0-->1<!--/m-->") }
  #expect(throws: ResultSpanError.self) {
    try rendered("a <!--m 1 - GMF/HR@10 / NeuMF/HR@10-->1<!--/m-->")
  }
}

@Test func aCellSpanCopiesTheCellOfItsRowAndColumn() throws {
  #expect(
    try rendered("GMF: <!--m comparison | GMF | HR@10-->?<!--/m-->.")
      == "GMF: <!--m comparison | GMF | HR@10-->0.631<!--/m-->.")
  let noRow = #expect(throws: ResultSpanError.self) {
    try rendered("x <!--m comparison | MLP | HR@10-->?<!--/m-->")
  }
  #expect(noRow?.message == "table 'comparison' has no row 'MLP'")
  let noColumn = #expect(throws: ResultSpanError.self) {
    try rendered("x <!--m comparison | GMF | HR@5-->?<!--/m-->")
  }
  #expect(noColumn?.message.contains("no column 'HR@5'") == true)
}

// MARK: - Table spans

@Test func aTableSpanIsReplacedByTheTableAsItsMarkdownFileHasIt() throws {
  let text = """
    Before.

    <!--table comparison-->
    | model | HR@10 |
    | --- | --- |
    | GMF | 0.5 |
    <!--/table-->

    After, <!--m GMF/HR@10-->0.631<!--/m-->.
    """
  let rendering = try ResultSpans.render(text, results: sampleResults(), file: "ch.md")
  let table = sampleResults().tables["comparison"]!.render()
  #expect(
    rendering.text
      == "Before.\n\n<!--table comparison-->\n\n\(table)\n<!--/table-->\n\nAfter, <!--m GMF/HR@10-->0.631<!--/m-->."
  )
  #expect(rendering.tableCount == 1 && rendering.numberCount == 1)
  #expect(rendering.changes.map(\.description) == ["line 3: table comparison redrawn"])
  // Rendered once, the text renders to itself: after a run, `--check` finds nothing to do.
  let again = try ResultSpans.render(rendering.text, results: sampleResults(), file: "ch.md")
  #expect(again.text == rendering.text && again.changes.isEmpty)
}

@Test func marksInsideFencedCodeAreLeftAlone() throws {
  let text =
    "```markdown\nHR@10 is <!--m Unknown/metric-->0.5<!--/m-->\n<!--table nowhere-->\n```\n"
  #expect(try rendered(text) == text)
}

// MARK: - Errors

@Test func anUnknownMetricOrTableIsAnErrorNamingTheFileTheLineAndTheName() throws {
  let metric = #expect(throws: ResultSpanError.self) {
    try rendered("one\ntwo <!--m NeuMF/HR@20-->0.5<!--/m-->\n")
  }
  #expect(metric?.file == "ch.md" && metric?.line == 2)
  #expect(metric?.message.hasPrefix("unknown metric 'NeuMF/HR@20' in results.json") == true)
  #expect(metric?.message.contains("NeuMF/HR@10") == true, "it lists the model's metrics")
  #expect(metric?.description.hasPrefix("ch.md:2: unknown metric 'NeuMF/HR@20'") == true)
  let table = #expect(throws: ResultSpanError.self) {
    try rendered("one\n\n<!--table comparisons-->\n<!--/table-->\n")
  }
  #expect(table?.line == 3)
  #expect(table?.message == "unknown table 'comparisons': results.json has comparison")
}

@Test func unbalancedOrNestedMarksAreErrors() throws {
  let cases: [(text: String, line: Int, says: String)] = [
    ("a\nb <!--m GMF/HR@10-->0.631\n", 2, "has no <!--/m--> after its value on this line"),
    ("a 0.631<!--/m-->\n", 1, "<!--/m--> without an opening"),
    ("a <!--m GMF/HR@10-->0.6 <!--m NeuMF/HR@10-->0.6<!--/m--><!--/m-->", 1, "spans do not nest"),
    ("a <!--m GMF/HR@10 0.631<!--/m-->", 1, "is not closed with --> before its value"),
    ("a <!--m-->0.631<!--/m-->", 1, "a span names what it shows"),
    ("x\n<!--table comparison-->\n| a |\n", 2, "has no <!--/table--> line"),
    ("x\n<!--/table-->\n", 2, "<!--/table--> without an opening"),
    (
      "<!--table comparison-->\nsee <!--m GMF/HR@10-->0.6<!--/m-->\n<!--/table-->", 2,
      "spans do not nest"
    ),
    ("see the table <!--table comparison--> here", 1, "a table mark is one line of its own"),
    (
      "a <!--m GMF/HR@10-->about a half<!--/m-->", 1,
      "cannot tell a number format from 'about a half'"
    ),
  ]
  for (text, line, says) in cases {
    let error = #expect(throws: ResultSpanError.self, "\(text)") { try rendered(text) }
    #expect(error?.line == line, "\(text)")
    #expect(error?.message.contains(says) == true, "\(text): \(error?.message ?? "")")
  }
}

@Test func aSpanThatWouldBeginAMarkdownBlockIsAnError() throws {
  for text in [
    "<!--m GMF/HR@10-->0.631<!--/m--> is GMF's HR@10.",
    "  <!--m GMF/HR@10-->0.631<!--/m--> is GMF's HR@10.",
    "- <!--m GMF/HR@10-->0.631<!--/m--> for GMF",
    "> 12. <!--m GMF/HR@10-->0.631<!--/m--> for GMF",
  ] {
    let error = #expect(throws: ResultSpanError.self, "\(text)") { try rendered(text) }
    #expect(error?.message.contains("begins its line") == true, "\(text)")
  }
  #expect(
    try rendered("- GMF: <!--m GMF/HR@10-->0.631<!--/m-->")
      == "- GMF: <!--m GMF/HR@10-->0.631<!--/m-->"
  )
  #expect(
    try rendered("| GMF | <!--m GMF/HR@10-->0.631<!--/m--> |")
      == "| GMF | <!--m GMF/HR@10-->0.631<!--/m--> |")
}
