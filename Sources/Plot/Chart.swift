// One panel of a figure: axes, a legend, and the layers drawn on them.

// MARK: - Chart

/// One set of axes and what is drawn on them: lines, points, a heatmap, bars, histograms.
///
///     var chart = Chart.lines([LineSeries("train", y: trainLoss), LineSeries("test", y: testLoss)],
///                             title: "Loss", xLabel: "epoch", yLabel: "BCE"); chart.yLogScale = true
public struct Chart: Sendable, Equatable {
  /// The title above the axes.
  public var title: String?
  /// The label under the x axis.
  public var xLabel: String?
  /// The label beside the y axis.
  public var yLabel: String?
  /// The x axis range; `nil` (or a `nil` bound) lets gnuplot choose.
  public var xRange: AxisRange?
  /// The y axis range; `nil` (or a `nil` bound) lets gnuplot choose.
  public var yRange: AxisRange?
  /// A logarithmic x axis (base 10); every x must then be positive.
  public var xLogScale: Bool
  /// A logarithmic y axis (base 10); every y must then be positive.
  public var yLogScale: Bool
  /// Where the legend goes.
  public var legend: LegendPosition
  /// Light grid lines at the major tics.
  public var grid: Bool
  /// What is drawn, first layer at the back.
  public var layers: [ChartLayer]
  /// Raw gnuplot commands, sent just before this chart's `plot` command (an escape hatch:
  /// anything gnuplot rejects makes rendering throw `PlotError.gnuplotFailed`).
  public var extraCommands: [String]

  /// A chart with the given layers; every other setting has its default.
  public init(
    title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, layers: [ChartLayer] = []
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.xRange = nil
    self.yRange = nil
    self.xLogScale = false
    self.yLogScale = false
    self.legend = .topRight
    self.grid = true
    self.layers = layers
    self.extraCommands = []
  }

  // MARK: Chart kinds

  /// Several curves on shared axes (training curves).
  public static func lines(
    _ series: [LineSeries], title: String? = nil, xLabel: String? = nil, yLabel: String? = nil
  ) -> Chart {
    Chart(title: title, xLabel: xLabel, yLabel: yLabel, layers: series.map { .line($0) })
  }

  /// Labelled points, one colour per series (2-D embeddings of users and items).
  public static func scatter(
    _ series: [ScatterSeries], title: String? = nil, xLabel: String? = nil, yLabel: String? = nil
  ) -> Chart {
    Chart(title: title, xLabel: xLabel, yLabel: yLabel, layers: series.map { .scatter($0) })
  }

  /// A heatmap, with points drawn on top (a decision boundary with its training points).
  /// The overlaid points get a dark outline so they stand out on any cell colour.
  public static func heatmap(
    _ heatmap: Heatmap, overlay: [ScatterSeries] = [], title: String? = nil,
    xLabel: String? = nil, yLabel: String? = nil
  ) -> Chart {
    var chart = Chart(title: title, xLabel: xLabel, yLabel: yLabel, layers: [.heatmap(heatmap)])
    for var points in overlay {
      points.outlined = true
      chart.layers.append(.scatter(points))
    }
    chart.grid = false
    chart.legend = overlay.isEmpty ? .hidden : .outsideBelow
    return chart
  }

  /// Bars in groups, one colour per series (model comparison: groups × models).
  public static func bars(
    _ bars: GroupedBars, title: String? = nil, xLabel: String? = nil, yLabel: String? = nil
  ) -> Chart {
    Chart(title: title, xLabel: xLabel, yLabel: yLabel, layers: [.bars(bars)])
  }

  /// One or more histograms on shared axes, half transparent (a legend only when several).
  public static func histogram(
    _ histograms: [Histogram], title: String? = nil, xLabel: String? = nil,
    yLabel: String? = "count"
  ) -> Chart {
    var chart = Chart(
      title: title, xLabel: xLabel, yLabel: yLabel, layers: histograms.map { .histogram($0) })
    chart.legend = histograms.count > 1 ? .topRight : .hidden  // one histogram: the title says it
    return chart
  }
}

// MARK: - Chart layers

/// One thing drawn on a chart.
public enum ChartLayer: Sendable, Equatable {
  /// A curve through points.
  case line(LineSeries)
  /// Points, optionally labelled.
  case scatter(ScatterSeries)
  /// A grid of coloured cells.
  case heatmap(Heatmap)
  /// Grouped bars.
  case bars(GroupedBars)
  /// A histogram.
  case histogram(Histogram)
}

// MARK: - Axes and legend

/// The visible range of one axis; a `nil` bound is chosen by gnuplot.
public struct AxisRange: Sendable, Equatable {
  /// The lower end, or `nil` for automatic.
  public var min: Double?
  /// The upper end, or `nil` for automatic.
  public var max: Double?

  /// A range with either end automatic: `AxisRange(min: 0)`.
  public init(min: Double? = nil, max: Double? = nil) {
    self.min = min
    self.max = max
  }

  /// A fixed range: `AxisRange(0...1)`.
  public init(_ range: ClosedRange<Double>) {
    self.init(min: range.lowerBound, max: range.upperBound)
  }
}

/// Where a chart's legend (gnuplot's "key") goes.
public enum LegendPosition: Sendable, Equatable {
  /// Inside the axes, top right (the default).
  case topRight
  /// Inside the axes, top left.
  case topLeft
  /// Inside the axes, bottom right.
  case bottomRight
  /// Inside the axes, bottom left.
  case bottomLeft
  /// Outside the axes, on the right.
  case outsideRight
  /// Outside the axes, under them, in a row.
  case outsideBelow
  /// No legend.
  case hidden
}

extension ChartLayer {
  /// The x values of lines and points (for log-axis tics).
  var xValues: [Double] {
    switch self {
    case .line(let s): return s.x
    case .scatter(let s): return s.x
    case .histogram(let h): return h.edges
    default: return []
    }
  }

  /// The y values of lines, points and histograms (for log-axis tics).
  var yValues: [Double] {
    switch self {
    case .line(let s): return s.y
    case .scatter(let s): return s.y
    case .histogram(let h): return h.counts
    case .bars(let b): return b.series.flatMap(\.values)
    default: return []
    }
  }
}
