// The gnuplot script of a figure: inline data blocks first, then the terminal, then one
// block of settings and a `plot` command per panel. Same figure, same bytes.

import Foundation

// MARK: - Terminals

/// Where a script draws.
enum Terminal: Equatable {
  /// An image file: SVG or PNG, `width` × `height` pixels, written to `output`.
  case image(ImageFormat, output: String)
  /// Text on standard output, `columns` × `lines` characters.
  case dumb(columns: Int, lines: Int)
}

extension Figure {
  // MARK: - The script

  /// The self-contained gnuplot script that draws this figure into `output` (a path relative
  /// to the folder gnuplot runs in, such as "loss.svg").
  ///
  /// - Throws: `PlotError.invalidData` when a series is empty, lengths disagree, a format
  ///   is not a single `%f`/`%e`/`%g`, or the size is not positive.
  public func script(format: ImageFormat = .svg, output: String) throws -> String {
    try script(for: .image(format, output: output))
  }

  /// The script for any terminal (`dumb` draws the ASCII preview).
  func script(for terminal: Terminal) throws -> String {
    guard width > 0, height > 0 else {
      throw PlotError.invalidData(
        chart: "the figure", message: "its size \(width)×\(height) must be positive")
    }
    guard !panels.isEmpty else {
      throw PlotError.invalidData(chart: "the figure", message: "it has no panels")
    }
    var data: [String] = []
    var body: [String] = []
    for (index, chart) in panels.enumerated() {
      let writer = try ChartWriter(
        chart: chart, panel: index + 1, fallbackTitle: panels.count == 1 ? title : nil,
        terminal: terminal)
      data += writer.dataBlocks
      body.append("")
      body.append("# Panel \(index + 1)" + (chart.title.map { ": \($0)" } ?? ""))
      body += writer.commands
    }

    var lines: [String] = []
    lines.append("# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this")
    lines.append("# file in its folder to redraw the figure.")
    if !data.isEmpty {
      lines.append("")
      lines.append("# MARK: data")
      lines += data
    }
    lines.append("")
    lines.append("# MARK: terminal")
    lines.append("set encoding utf8")
    switch terminal {
    case .image(.svg, let output):
      lines.append(
        "set terminal svg size \(width),\(height) fixed noenhanced "
          + "font '\(Style.svgFontFamily),\(baseFontSize(terminal))' linewidth 1 "
          + "background '#ffffff'")
      lines.append("set output \(gnuplotQuoted(output))")
    case .image(.png, let output):
      lines.append(
        "set terminal pngcairo size \(width),\(height) noenhanced "
          + "font '\(Style.pngFontFamily),\(baseFontSize(terminal))' linewidth 1 "
          + "background '#ffffff'")
      lines.append("set output \(gnuplotQuoted(output))")
    case .dumb(let columns, let rows):
      lines.append("set terminal dumb size \(columns),\(rows) noenhanced")
      lines.append("set output")
    }
    if panels.count > 1 {
      var multiplot = "set multiplot layout \(rows),\(columns)"
      if let title {
        multiplot += " title \(gnuplotQuoted(title)) font ',\(baseFontSize(terminal) + 3)'"
      }
      lines.append(multiplot)
    }
    lines += body
    lines.append("")
    if panels.count > 1 { lines.append("unset multiplot") }
    lines.append("unset output")
    return lines.joined(separator: "\n") + "\n"
  }
}

/// The base font size of a terminal (points); titles and cell labels are sized from it.
func baseFontSize(_ terminal: Terminal) -> Int {
  switch terminal {
  case .image(.svg, _): return 13
  case .image(.png, _): return 11
  case .dumb: return 10
  }
}

// MARK: - ChartWriter

/// Turns one chart into data blocks and commands; checks its data on the way.
struct ChartWriter {
  var dataBlocks: [String] = []
  var commands: [String] = []
  private var clauses: [String] = []
  private var colorIndex = 0
  private var titled = false
  private let panel: Int
  private let fontSize: Int
  private let isText: Bool
  private let gridEnabled: Bool

  init(chart: Chart, panel: Int, fallbackTitle: String?, terminal: Terminal) throws {
    self.panel = panel
    self.fontSize = baseFontSize(terminal)
    if case .dumb = terminal { self.isText = true } else { self.isText = false }
    self.gridEnabled = chart.grid && !isText  // in characters a grid would drown the curves
    let name = "panel \(panel)" + (chart.title.map { " ('\($0)')" } ?? "")
    guard !chart.layers.isEmpty else {
      throw PlotError.invalidData(chart: name, message: "it has nothing to draw (no layers)")
    }
    commands.append("reset")
    commands += houseStyle(grid: gridEnabled)
    if let title = chart.title ?? fallbackTitle {
      commands.append("set title \(gnuplotQuoted(title)) font ',\(fontSize + 2)'")
    }
    if let label = chart.xLabel { commands.append("set xlabel \(gnuplotQuoted(label))") }
    if let label = chart.yLabel { commands.append("set ylabel \(gnuplotQuoted(label))") }
    if chart.xLogScale { commands += logScaleCommands("x", chart.layers.flatMap(\.xValues)) }
    if chart.yLogScale { commands += logScaleCommands("y", chart.layers.flatMap(\.yValues)) }

    for (index, layer) in chart.layers.enumerated() {
      let block = "$p\(panel)_\(index + 1)"
      switch layer {
      case .line(let series): try addLine(series, block: block, chart: name)
      case .scatter(let series): try addScatter(series, block: block, chart: name)
      case .heatmap(let heatmap): try addHeatmap(heatmap, block: block, chart: name)
      case .bars(let bars): try addBars(bars, block: block, chart: name)
      case .histogram(let histogram): try addHistogram(histogram, block: block, chart: name)
      }
    }
    // The user's ranges come last, so they win over a heatmap's or bar chart's defaults.
    if let range = chart.xRange { commands.append("set xrange \(rangeText(range))") }
    if let range = chart.yRange { commands.append("set yrange \(rangeText(range))") }
    commands.append(titled ? legendCommand(chart.legend) : "unset key")
    commands += chart.extraCommands
    commands.append("plot " + clauses.joined(separator: ", \\\n     "))
  }

  // MARK: Style

  private func houseStyle(grid: Bool) -> [String] {
    var style = [
      "set border 3 front linecolor rgb '\(Style.axes)' linewidth 1",
      "set tics nomirror out scale 0.5 textcolor rgb '\(Style.text)'",
      "set xlabel textcolor rgb '\(Style.text)'",
      "set ylabel textcolor rgb '\(Style.text)'",
      "set title textcolor rgb '\(Style.text)'",
      "set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '\(Style.text)'",
    ]
    if grid {
      style.append(
        "set grid back linetype 1 linecolor rgb '\(Style.gridLines)' linewidth 1 dashtype solid")
    }
    return style
  }

  private func legendCommand(_ position: LegendPosition) -> String {
    switch position {
    case .topRight: return "set key inside top right"
    case .topLeft: return "set key inside top left"
    case .bottomRight: return "set key inside bottom right"
    case .bottomLeft: return "set key inside bottom left"
    case .outsideRight: return "set key outside right top vertical"
    case .outsideBelow: return "set key outside bottom center horizontal"
    case .hidden: return "unset key"
    }
  }

  /// A base-10 log axis, labelled at 1, 2 and 5 times each power of ten the data spans
  /// (gnuplot alone labels only the powers of ten), with a faint grid at the minor tics.
  private func logScaleCommands(_ axis: String, _ values: [Double]) -> [String] {
    var commands = ["set logscale \(axis) 10", "set m\(axis)tics 10"]
    let positive = values.filter { $0 > 0 && $0.isFinite }
    if let low = positive.min(), let high = positive.max() {
      // gnuplot's autoscale widens a log axis to whole decades: label inside those.
      let first = Int(log10(low).rounded(.down))
      let last = max(Int(log10(high).rounded(.up)), first + 1)
      let multiples: [Int] = last - first <= 1 ? [2, 3, 5] : last - first <= 3 ? [2, 5] : []
      let extra = (first..<last).flatMap { power in
        multiples.map { gnuplotNumber(Double("\($0)e\(power)") ?? 0) }
      }
      if !extra.isEmpty {
        commands.append("set \(axis)tics add (\(extra.joined(separator: ", ")))")
      }
    }
    if gridEnabled {
      commands.append(
        "set grid m\(axis)tics linetype 1 linecolor rgb '\(Style.minorGridLines)' linewidth 1, "
          + "linetype 1 linecolor rgb '\(Style.minorGridLines)' linewidth 1")
    }
    return commands
  }

  private func rangeText(_ range: AxisRange) -> String {
    "[\(range.min.map(gnuplotNumber) ?? "*"):\(range.max.map(gnuplotNumber) ?? "*")]"
  }

  /// The next palette colour, or the series' own.
  private mutating func nextColor(_ custom: String?) -> RGB {
    defer { colorIndex += 1 }
    if let custom, let parsed = parseColor(custom) { return parsed }
    return Style.seriesColor(colorIndex)
  }

  private func checkColor(_ color: String?, _ what: String, _ chart: String) throws {
    if let color, parseColor(color) == nil {
      throw PlotError.invalidData(
        chart: chart, message: "\(what) has colour '\(color)'; write it as \"#rrggbb\"")
    }
  }

  private mutating func dataBlock(_ block: String, _ rows: [String]) {
    dataBlocks.append("\(block) << EOD")
    dataBlocks += rows
    dataBlocks.append("EOD")
  }

  private mutating func title(_ name: String) -> String {
    titled = true
    return "title \(gnuplotQuoted(name))"
  }

  // MARK: Lines

  private mutating func addLine(_ series: LineSeries, block: String, chart: String) throws {
    let what = "line series '\(series.name)'"
    try checkXY(series.x, series.y, what, chart)
    try checkColor(series.color, what, chart)
    dataBlock(block, zip(series.x, series.y).map { "\(gnuplotNumber($0)) \(gnuplotNumber($1))" })
    let color = nextColor(series.color).hexString
    var clause = "\(block) using 1:2 with "
    if series.markers {
      let interval = max(1, series.x.count / 25)
      clause += "linespoints pointtype 7 pointsize 1 pointinterval \(interval)"
    } else {
      clause += "lines"
    }
    clause += " linecolor rgb '\(color)' linewidth 2"
    if series.dashed { clause += " dashtype 2" }
    clauses.append(clause + " " + title(series.name))
  }

  // MARK: Scatter

  private mutating func addScatter(_ series: ScatterSeries, block: String, chart: String) throws {
    let what = "scatter series '\(series.name)'"
    try checkXY(series.x, series.y, what, chart)
    try checkColor(series.color, what, chart)
    if let labels = series.labels, labels.count != series.x.count {
      throw PlotError.invalidData(
        chart: chart,
        message: "\(what) has \(series.x.count) points but \(labels.count) labels")
    }
    guard series.pointSize.isFinite, series.pointSize > 0 else {
      throw PlotError.invalidData(chart: chart, message: "\(what) needs a positive point size")
    }
    var rows: [String] = []
    for i in series.x.indices {
      var row = "\(gnuplotNumber(series.x[i])) \(gnuplotNumber(series.y[i]))"
      if let labels = series.labels { row += " " + gnuplotDataString(labels[i]) }
      rows.append(row)
    }
    dataBlock(block, rows)
    let color = nextColor(series.color)
    let (filled, open) = pointTypes(series.shape)
    let size = gnuplotNumber(1.5 * series.pointSize)  // gnuplot's size 1 is small on a page
    clauses.append(
      "\(block) using 1:2 with points pointtype \(filled) pointsize \(size) "
        + "linecolor rgb '\(color.hexString)' \(title(series.name))")
    if series.outlined, let open {
      clauses.append(
        "\(block) using 1:2 with points pointtype \(open) pointsize \(size) "
          + "linecolor rgb '\(Style.outline)' linewidth 1 notitle")
    }
    if series.labels != nil {
      let small = Int((Double(fontSize) * 0.8).rounded())
      clauses.append(
        "\(block) using 1:2:3 with labels offset character 0.6,0.5 left font ',\(small)' "
          + "textcolor rgb '\(color.darkened(0.35).hexString)' notitle")
    }
  }

  /// gnuplot's point types (cairo and svg terminals): filled shape, and its outline.
  private func pointTypes(_ shape: PointShape) -> (filled: Int, open: Int?) {
    switch shape {
    case .circle: return (7, 6)
    case .square: return (5, 4)
    case .triangle: return (9, 8)
    case .diamond: return (13, 12)
    case .cross: return (2, nil)
    }
  }

  // MARK: Heatmap

  private mutating func addHeatmap(_ heatmap: Heatmap, block: String, chart: String) throws {
    let rows = heatmap.values.count
    let columns = heatmap.values.first?.count ?? 0
    guard rows > 0, columns > 0 else {
      throw PlotError.invalidData(chart: chart, message: "the heatmap has no cells")
    }
    if let r = heatmap.values.firstIndex(where: { $0.count != columns }) {
      throw PlotError.invalidData(
        chart: chart,
        message: "heatmap row \(r) has \(heatmap.values[r].count) values, row 0 has \(columns)")
    }
    if let labels = heatmap.rowLabels, labels.count != rows {
      throw PlotError.invalidData(
        chart: chart, message: "the heatmap has \(rows) rows but \(labels.count) row labels")
    }
    if let labels = heatmap.columnLabels, labels.count != columns {
      throw PlotError.invalidData(
        chart: chart,
        message: "the heatmap has \(columns) columns but \(labels.count) column labels")
    }
    if let format = heatmap.cellFormat, !isSingleFloatFormat(format) {
      throw PlotError.invalidData(
        chart: chart,
        message: "cell format '\(format)' must hold one %f, %e or %g conversion (such as \"%.2f\")")
    }

    // The colour scale: the given range, or the finite values' min...max.
    let finite = heatmap.values.joined().filter { $0.isFinite }
    var low = heatmap.colorRange?.lowerBound ?? finite.min() ?? 0
    var high = heatmap.colorRange?.upperBound ?? finite.max() ?? 1
    if high <= low {
      low -= 0.5
      high += 0.5
    }
    let stops = heatmap.palette.stops.map {
      "\(gnuplotNumber($0.position)) '\($0.color.hexString)'"
    }
    commands.append("set palette defined (\(stops.joined(separator: ", ")))")
    commands.append("set cbrange [\(gnuplotNumber(low)):\(gnuplotNumber(high))]")
    commands.append(heatmap.showsColorBox ? "set colorbox" : "unset colorbox")
    commands.append("set cbtics scale 0.5 textcolor rgb '\(Style.text)'")
    commands.append("unset grid")

    if heatmap.isGrid {
      try addGridHeatmap(heatmap, block: block, chart: chart, rows: rows, columns: columns)
    } else {
      try addTableHeatmap(
        heatmap, block: block, rows: rows, columns: columns, low: low, high: high)
    }
  }

  /// A grid over the plane, drawn as an image (smooth colours, small SVG).
  private mutating func addGridHeatmap(
    _ heatmap: Heatmap, block: String, chart: String, rows: Int, columns: Int
  ) throws {
    guard let xs = heatmap.x, let ys = heatmap.y, xs.count == columns, ys.count == rows else {
      throw PlotError.invalidData(
        chart: chart,
        message: "a heatmap grid needs x (\(columns) values, one per column) and "
          + "y (\(rows) values, one per row); got \(heatmap.x?.count ?? 0) and \(heatmap.y?.count ?? 0)"
      )
    }
    guard rows >= 2, columns >= 2 else {
      throw PlotError.invalidData(chart: chart, message: "a heatmap grid needs at least 2×2 cells")
    }
    guard (xs + ys).allSatisfy({ $0.isFinite }) else {
      throw PlotError.invalidData(chart: chart, message: "heatmap coordinates must be finite")
    }
    var lines: [String] = []
    for j in 0..<rows {
      if j > 0 { lines.append("") }  // a blank line ends a scan line
      for i in 0..<columns {
        // Single precision is plenty for a colour and a pixel, and halves the script.
        lines.append(
          "\(gnuplotSingle(Float(xs[i]))) \(gnuplotSingle(Float(ys[j]))) "
            + gnuplotSingle(Float(heatmap.values[j][i])))
      }
    }
    dataBlock(block, lines)
    // Show whole cells: the axes end half a cell beyond the first and last centres.
    let halfX = abs(xs[columns - 1] - xs[0]) / Double(2 * (columns - 1))
    let halfY = abs(ys[rows - 1] - ys[0]) / Double(2 * (rows - 1))
    let (x0, x1) = (min(xs[0], xs[columns - 1]) - halfX, max(xs[0], xs[columns - 1]) + halfX)
    let (y0, y1) = (min(ys[0], ys[rows - 1]) - halfY, max(ys[0], ys[rows - 1]) + halfY)
    commands.append("set xrange [\(gnuplotNumber(x0)):\(gnuplotNumber(x1))]")
    commands.append("set yrange [\(gnuplotNumber(y0)):\(gnuplotNumber(y1))]")
    commands.append("set border 15 front linecolor rgb '\(Style.axes)' linewidth 1")
    clauses.append("\(block) using 1:2:3 with image notitle")
  }

  /// A table: one box per cell, row 0 at the top, the value printed in each cell.
  private mutating func addTableHeatmap(
    _ heatmap: Heatmap, block: String, rows: Int, columns: Int, low: Double, high: Double
  ) throws {
    var lines: [String] = []
    for r in 0..<rows {
      for c in 0..<columns {
        let value = heatmap.values[r][c]
        var line = "\(c) \(r) \(gnuplotNumber(value))"
        if let format = heatmap.cellFormat {
          let fill = heatmap.palette.color(at: (value - low) / (high - low))
          let text = value.isFinite ? formatted(value, format) : "NaN"
          line += " \(gnuplotDataString(text)) \(fill.contrastingText.hex)"
        }
        lines.append(line)
      }
    }
    dataBlock(block, lines)
    commands.append("set xrange [-0.5:\(gnuplotNumber(Double(columns) - 0.5))]")
    commands.append("set yrange [\(gnuplotNumber(Double(rows) - 0.5)):-0.5]")
    commands.append("set border 0")
    commands.append("set tics scale 0")
    commands.append(ticsCommand("x", heatmap.columnLabels, count: columns))
    commands.append(ticsCommand("y", heatmap.rowLabels, count: rows))
    clauses.append(
      "\(block) using 1:2:(0.5):(0.5):3 with boxxyerror fillstyle solid 1.0 noborder "
        + "linecolor palette notitle")
    if heatmap.cellFormat != nil {
      clauses.append(
        "\(block) using 1:2:4:5 with labels center font ',\(fontSize)' "
          + "textcolor rgb variable notitle")
    }
  }

  /// Tics at 0, 1, 2, ... named by `labels` (rotated when long), or numbered.
  private func ticsCommand(_ axis: String, _ labels: [String]?, count: Int) -> String {
    guard let labels else { return "set \(axis)tics 0,1,\(max(count - 1, 0))" }
    let pairs = labels.enumerated().map { "\(gnuplotQuoted($0.element)) \($0.offset)" }
    let rotate = axis == "x" && (labels.map(\.count).max() ?? 0) > 6 ? " rotate by 30 right" : ""
    return "set \(axis)tics (\(pairs.joined(separator: ", ")))\(rotate)"
  }

  // MARK: Bars

  private mutating func addBars(_ bars: GroupedBars, block: String, chart: String) throws {
    guard !bars.groups.isEmpty, !bars.series.isEmpty else {
      throw PlotError.invalidData(chart: chart, message: "the bar chart has no groups or no series")
    }
    if let format = bars.valueFormat, !isSingleFloatFormat(format) {
      throw PlotError.invalidData(
        chart: chart,
        message: "value format '\(format)' must hold one %f, %e or %g conversion (such as \"%.3f\")"
      )
    }
    let groupCount = bars.groups.count
    let seriesCount = bars.series.count
    let width = 0.8 / Double(seriesCount)
    for (s, series) in bars.series.enumerated() {
      let what = "bar series '\(series.name)'"
      guard series.values.count == groupCount else {
        throw PlotError.invalidData(
          chart: chart,
          message: "\(what) has \(series.values.count) values for \(groupCount) groups")
      }
      try checkColor(series.color, what, chart)
      let block = "\(block)_\(s + 1)"
      let offset = (Double(s) - Double(seriesCount - 1) / 2) * width
      dataBlock(
        block,
        series.values.enumerated().map { g, value in
          var line = "\(gnuplotNumber(Double(g) + offset)) \(gnuplotNumber(value)) "
          line += gnuplotNumber(width * 0.92)
          if let format = bars.valueFormat {
            line += " " + gnuplotDataString(formatted(value, format))
          }
          return line
        })
      let color = nextColor(series.color).hexString
      clauses.append(
        "\(block) using 1:2:3 with boxes fillstyle solid 0.9 noborder linecolor rgb '\(color)' "
          + title(series.name))
      if bars.valueFormat != nil {
        let small = Int((Double(fontSize) * 0.8).rounded())
        clauses.append(
          "\(block) using 1:2:4 with labels center offset character 0,0.7 font ',\(small)' "
            + "textcolor rgb '\(Style.text)' notitle")
      }
    }
    let pairs = bars.groups.enumerated().map { "\(gnuplotQuoted($0.element)) \($0.offset)" }
    commands.append("set xtics (\(pairs.joined(separator: ", "))) scale 0")
    commands.append("set xrange [-0.6:\(gnuplotNumber(Double(groupCount) - 0.4))]")
    let values = bars.series.flatMap(\.values).filter { $0.isFinite }
    if values.allSatisfy({ $0 >= 0 }) { commands.append("set yrange [0:*]") }
    if bars.valueFormat != nil { commands.append("set offsets 0, 0, graph 0.08, 0") }
    commands.append("unset grid")
    if gridEnabled {
      commands.append(
        "set grid ytics back linetype 1 linecolor rgb '\(Style.gridLines)' linewidth 1")
    }
  }

  // MARK: Histogram

  private mutating func addHistogram(_ histogram: Histogram, block: String, chart: String) throws {
    let what = "histogram '\(histogram.name)'"
    try checkColor(histogram.color, what, chart)
    guard !histogram.counts.isEmpty, histogram.edges.count == histogram.counts.count + 1 else {
      throw PlotError.invalidData(
        chart: chart,
        message: histogram.counts.isEmpty
          ? "\(what) is empty (no finite values to count)"
          : "\(what) has \(histogram.counts.count) counts but \(histogram.edges.count) edges "
            + "(needs counts + 1)")
    }
    let edges = histogram.edges
    guard edges.allSatisfy({ $0.isFinite }), zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 })
    else {
      throw PlotError.invalidData(chart: chart, message: "\(what) needs finite, increasing edges")
    }
    dataBlock(
      block,
      histogram.counts.enumerated().map { k, count in
        let center = (edges[k] + edges[k + 1]) / 2
        return
          "\(gnuplotNumber(center)) \(gnuplotNumber(count)) \(gnuplotNumber(edges[k + 1] - edges[k]))"
      })
    let color = nextColor(histogram.color).hexString
    clauses.append(
      "\(block) using 1:2:3 with boxes fillstyle transparent solid 0.6 border linecolor rgb "
        + "'\(color)' linecolor rgb '\(color)' \(title(histogram.name))")
    commands.append("set yrange [0:*]")
  }

  // MARK: Checks

  private func checkXY(_ x: [Double], _ y: [Double], _ what: String, _ chart: String) throws {
    guard !x.isEmpty else {
      throw PlotError.invalidData(chart: chart, message: "\(what) is empty")
    }
    guard x.count == y.count else {
      throw PlotError.invalidData(
        chart: chart, message: "\(what) has \(x.count) x values but \(y.count) y values")
    }
  }
}

/// "#rrggbb" as a colour, or `nil`.
func parseColor(_ text: String) -> RGB? {
  guard text.count == 7, text.first == "#", let value = Int(text.dropFirst(), radix: 16) else {
    return nil
  }
  return RGB(value)
}
