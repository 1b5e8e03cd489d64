// A grid of coloured cells: similarity tables (labelled rows and columns, a value printed in
// each cell) and decision boundaries (predictions over a grid of x, y coordinates).

// MARK: - Heatmap

/// A grid of values drawn as coloured cells, optionally with each value printed in its cell.
///
///     Heatmap(values: similarity, rowLabels: users, columnLabels: users, cellFormat: "%.2f")
///     Heatmap(x: xs, y: ys, values: predictions)   // values[j][i] is the cell at (xs[i], ys[j])
public struct Heatmap: Sendable, Equatable {
  /// The cells, row by row; every row has the same count.
  public var values: [[Double]]
  /// Names of the rows (a table, row 0 at the top), or `nil`.
  public var rowLabels: [String]?
  /// Names of the columns, or `nil`.
  public var columnLabels: [String]?
  /// The x coordinate of each column's centre (a grid; row 0 at the bottom), or `nil` for a
  /// table with columns at 0, 1, 2, ...
  public var x: [Double]?
  /// The y coordinate of each row's centre (with `x`), or `nil`.
  public var y: [Double]?
  /// A printf format for the value printed in each cell (one of `%f %e %g`, such as "%.2f"),
  /// or `nil` for no text. Text is white on dark cells and black on light ones.
  public var cellFormat: String?
  /// The colour scale.
  public var palette: HeatmapPalette
  /// The values mapped to the ends of the colour scale; `nil` uses the data's min and max.
  public var colorRange: ClosedRange<Double>?
  /// Shows the colour scale beside the chart.
  public var showsColorBox: Bool

  /// A table: row 0 at the top, labels along the axes, each value printed in its cell.
  public init(
    values: [[Double]], rowLabels: [String]? = nil, columnLabels: [String]? = nil,
    cellFormat: String? = "%.2f", palette: HeatmapPalette = .sequential,
    colorRange: ClosedRange<Double>? = nil, showsColorBox: Bool = true
  ) {
    self.values = values
    self.rowLabels = rowLabels
    self.columnLabels = columnLabels
    self.x = nil
    self.y = nil
    self.cellFormat = cellFormat
    self.palette = palette
    self.colorRange = colorRange
    self.showsColorBox = showsColorBox
  }

  /// A grid over the plane: `values[j][i]` is the cell centred at `(x[i], y[j])`; no text.
  public init(
    x: [Double], y: [Double], values: [[Double]], palette: HeatmapPalette = .softDiverging,
    colorRange: ClosedRange<Double>? = nil, showsColorBox: Bool = true
  ) {
    self.values = values
    self.rowLabels = nil
    self.columnLabels = nil
    self.x = x
    self.y = y
    self.cellFormat = nil
    self.palette = palette
    self.colorRange = colorRange
    self.showsColorBox = showsColorBox
  }

  /// Whether the cells sit at coordinates (a grid) rather than at row and column numbers.
  var isGrid: Bool { x != nil || y != nil }
}

// MARK: - HeatmapPalette

/// A colour scale from low to high values.
public enum HeatmapPalette: Sendable, Equatable {
  /// Dark purple → blue → green → yellow (viridis-like): for values of one sign.
  case sequential
  /// Blue → white → red: for values around a midpoint (a probability of 0.5, a correlation of 0).
  case diverging
  /// White → dark blue: for counts and similarities, quiet behind printed values.
  case blues
  /// Light blue → white → light red: a quiet background for saturated points on top
  /// (decision boundaries).
  case softDiverging

  /// The colour stops: position in 0...1 and an RGB colour.
  var stops: [(position: Double, color: RGB)] {
    switch self {
    case .sequential:
      return [
        (0, RGB(0x440154)), (0.25, RGB(0x3B528B)), (0.5, RGB(0x21918C)), (0.75, RGB(0x5EC962)),
        (1, RGB(0xFDE725)),
      ]
    case .diverging:
      return [
        (0, RGB(0x2166AC)), (0.25, RGB(0x92C5DE)), (0.5, RGB(0xF7F7F7)), (0.75, RGB(0xF4A582)),
        (1, RGB(0xB2182B)),
      ]
    case .blues:
      return [(0, RGB(0xF7FBFF)), (0.5, RGB(0x6BAED6)), (1, RGB(0x08306B))]
    case .softDiverging:
      return [(0, RGB(0x8FB9DF)), (0.5, RGB(0xF7F7F7)), (1, RGB(0xF0A08A))]
    }
  }

  /// The colour at `t` in 0...1 (linear between stops, as gnuplot's `defined` palette).
  func color(at t: Double) -> RGB {
    let t = Swift.min(Swift.max(t.isNaN ? 0 : t, 0), 1)
    let stops = self.stops
    for k in 1..<stops.count where t <= stops[k].position {
      let (p0, c0) = stops[k - 1]
      let (p1, c1) = stops[k]
      let s = p1 > p0 ? (t - p0) / (p1 - p0) : 0
      return RGB(
        red: c0.red + (c1.red - c0.red) * s, green: c0.green + (c1.green - c0.green) * s,
        blue: c0.blue + (c1.blue - c0.blue) * s)
    }
    return stops[stops.count - 1].color
  }
}
