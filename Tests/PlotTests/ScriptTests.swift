import Foundation
import Testing

@testable import Plot

// MARK: - Determinism and content of the script

@Test func sameFigureGivesTheSameScriptBytes() throws {
  let first = try Fixtures.trainingCurves.script(output: "loss.svg")
  let second = try Fixtures.trainingCurves.script(output: "loss.svg")
  #expect(first == second)
}

@Test func scriptHoldsDataBlockTitleAxisLabelsAndSeriesNames() throws {
  let script = try Fixtures.trainingCurves.script(output: "loss.svg")
  // Series 1 is the train curve at x = 1, 2, ...: its first two rows, written by hand.
  #expect(script.contains("$p1_1 << EOD\n1.0 0.69\n2.0 0.52\n"))
  #expect(script.contains("set title 'Binary cross-entropy by epoch'"))
  #expect(script.contains("set xlabel 'epoch'"))
  #expect(script.contains("title 'train loss'"))
  #expect(script.contains("title 'test loss'"))
  #expect(script.contains("dashtype 2"))
  #expect(script.contains("set logscale y 10"))
  #expect(script.contains("set output 'loss.svg'"))
}

@Test func heatmapScriptPrintsEveryCellWithTheGivenFormat() throws {
  let script = try Figure(.heatmap(Fixtures.similarity)).script(output: "s.svg")
  // 1 -> "1.00", 0.25 -> "0.25", 0.6667 -> "0.67", 0 -> "0.00"; each appears in its cell row.
  for (row, column, text) in [
    (0, 0, "1.00"), (0, 1, "0.25"), (0, 2, "0.67"), (1, 2, "0.00"), (2, 0, "0.67"), (2, 2, "1.00"),
  ] {
    #expect(script.contains("\n\(column) \(row) "), "cell (\(row), \(column)) missing")
    #expect(script.contains("\"\(text)\""), "value \(text) missing")
  }
  #expect(script.contains("set ytics ('Alice' 0, 'Bob' 1, 'Carol' 2)"))
}

@Test func heatmapCellTextIsWhiteOnDarkCellsAndBlackOnLightOnes() throws {
  // Sequential palette: 0 is dark purple (white text), 1 is yellow (black text).
  let heatmap = Heatmap(values: [[0, 1]], cellFormat: "%.1f")
  let script = try Figure(.heatmap(heatmap)).script(output: "h.svg")
  #expect(script.contains("0 0 0.0 \"0.0\" 16777215"))  // 0xFFFFFF
  #expect(script.contains("1 0 1.0 \"1.0\" 0\n"))  // 0x000000
}

@Test func scriptQuotesTitlesSoAnApostropheCannotEndTheString() throws {
  let figure = Figure(.lines([LineSeries("Schindler's List", y: [1, 2])], title: "it's"))
  let script = try figure.script(output: "q.svg")
  #expect(script.contains("set title 'it''s'"))
  #expect(script.contains("title 'Schindler''s List'"))
}

@Test func numbersUseShortestRoundTripDigitsAndNaNForNonFinite() {
  #expect(gnuplotNumber(0.1) == "0.1")
  #expect(gnuplotNumber(3) == "3.0")
  #expect(gnuplotNumber(1e-5) == "1e-05")
  #expect(gnuplotNumber(.nan) == "NaN")
  #expect(gnuplotNumber(-.infinity) == "NaN")
  #expect(plotDouble(Float(0.1)) == 0.1)  // not 0.10000000149011612
}

@Test func onlySingleFloatingPointFormatsAreAccepted() {
  #expect(isSingleFloatFormat("%.2f"))
  #expect(isSingleFloatFormat("%+8.3e%%"))
  #expect(!isSingleFloatFormat("%d"))
  #expect(!isSingleFloatFormat("%.2f %.2f"))
  #expect(!isSingleFloatFormat("%s"))
  #expect(!isSingleFloatFormat("no conversion"))
}

@Test func histogramCountsValuesIntoEqualBins() {
  // Bins of width 1 from 0.5: [0.5,1.5) holds one 1, [1.5,2.5) two 2s, ... [4.5,5.5] two 5s.
  let histogram = Histogram(
    "r", values: [1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, .nan, 9], bins: 5, range: 0.5...5.5)
  #expect(histogram.counts == [1, 2, 3, 4, 2])
  #expect(histogram.edges == [0.5, 1.5, 2.5, 3.5, 4.5, 5.5])
}

@Test func multiplePanelsBecomeAMultiplotGrid() throws {
  let script = try Fixtures.histograms.script(output: "h.svg")
  #expect(script.contains("set multiplot layout 1,2 title 'Distributions'"))
  #expect(script.contains("unset multiplot"))
  #expect(script.contains("# Panel 2: Ratings per item"))
}

// MARK: - Bad data gives clear errors

@Test func emptySeriesIsAnInvalidDataError() throws {
  let figure = Figure(.lines([LineSeries("train", y: [Double]())], title: "Loss"))
  let error = try #require(throws: PlotError.self) { try figure.script(output: "x.svg") }
  #expect(error.description.contains("line series 'train' is empty"))
}

@Test func mismatchedLengthsNameTheSeriesAndBothCounts() throws {
  let figure = Figure(.scatter([ScatterSeries("users", x: [1, 2, 3], y: [1, 2])]))
  let error = try #require(throws: PlotError.self) { try figure.script(output: "x.svg") }
  #expect(error.description.contains("scatter series 'users' has 3 x values but 2 y values"))
}

@Test func raggedHeatmapAndBadFormatAreRejected() throws {
  let ragged = Figure(.heatmap(Heatmap(values: [[1, 2], [3]])))
  #expect(throws: PlotError.self) { try ragged.script(output: "x.svg") }
  let badFormat = Figure(.heatmap(Heatmap(values: [[1, 2]], cellFormat: "%d")))
  let error = try #require(throws: PlotError.self) { try badFormat.script(output: "x.svg") }
  #expect(error.description.contains("'%d'"))
}

@Test func barSeriesMustHaveOneValuePerGroup() throws {
  let bars = GroupedBars(groups: ["a", "b"], series: [BarSeries("m", [1])])
  let error = try #require(throws: PlotError.self) {
    try Figure(.bars(bars)).script(output: "x.svg")
  }
  #expect(error.description.contains("bar series 'm' has 1 values for 2 groups"))
}
