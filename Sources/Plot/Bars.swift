// Grouped bars and histograms.

// MARK: - GroupedBars

/// Bars in groups: one group per category, one bar per series in each group.
///
///     GroupedBars(groups: ["HR@10", "NDCG@10"],
///                 series: [BarSeries("GMF", [0.64, 0.37]), BarSeries("NeuMF", [0.68, 0.40])])
public struct GroupedBars: Sendable, Equatable {
  /// The category under each group of bars.
  public var groups: [String]
  /// One entry per bar colour; each has one value per group.
  public var series: [BarSeries]
  /// A printf format (`%f %e %g`) for the value printed above each bar, or `nil`.
  public var valueFormat: String?

  /// Bars for `groups.count` categories and `series.count` series.
  public init(groups: [String], series: [BarSeries], valueFormat: String? = nil) {
    self.groups = groups
    self.series = series
    self.valueFormat = valueFormat
  }
}

/// One series of grouped bars: a name and one value per group.
public struct BarSeries: Sendable, Equatable {
  /// The name in the legend.
  public var name: String
  /// One bar height per group.
  public var values: [Double]
  /// A colour such as "#2ca02c"; `nil` takes the next colour of the palette.
  public var color: String?

  /// A named series of bar heights.
  public init(_ name: String, _ values: [Double], color: String? = nil) {
    self.name = name
    self.values = values
    self.color = color
  }
}

// MARK: - Histogram

/// Counts of values in bins, drawn as adjacent boxes.
///
///     Histogram("ratings", values: ratings, bins: 5, range: 0.5...5.5)
///     Histogram("items", edges: [0, 10, 100, 1000], counts: [812, 600, 270])
public struct Histogram: Sendable, Equatable {
  /// The name in the legend.
  public var name: String
  /// The bin edges, increasing: bin `k` is `edges[k] ..< edges[k + 1]` (the last is closed).
  public var edges: [Double]
  /// The count (or any height) of each bin: `edges.count - 1` values.
  public var counts: [Double]
  /// A colour such as "#9467bd"; `nil` takes the next colour of the palette.
  public var color: String?

  /// Precomputed counts over the given bin edges.
  public init(_ name: String, edges: [Double], counts: [Double], color: String? = nil) {
    self.name = name
    self.edges = edges
    self.counts = counts
    self.color = color
  }

  /// Counts `values` in `bins` equal bins spanning `range` (default: the values' min...max).
  /// NaN and values outside the range are not counted.
  ///
  /// ```
  /// width = (hi - lo) / bins
  /// bin(v) = min(floor((v - lo) / width), bins - 1)     for lo <= v <= hi
  /// ```
  public init(
    _ name: String, values: [Double], bins: Int = 20, range: ClosedRange<Double>? = nil,
    color: String? = nil
  ) {
    self.name = name
    self.color = color
    let finite = values.filter { $0.isFinite }
    guard bins >= 1, let lowest = range?.lowerBound ?? finite.min(),
      let highest = range?.upperBound ?? finite.max()
    else {
      // Nothing to count: an empty histogram, reported when the figure is drawn.
      self.edges = []
      self.counts = []
      return
    }
    let lo = lowest
    let hi = highest > lowest ? highest : lowest + 1
    let width = (hi - lo) / Double(bins)
    self.edges = (0...bins).map { $0 == bins ? hi : lo + Double($0) * width }
    var counts = [Double](repeating: 0, count: bins)
    for v in finite where v >= lo && v <= hi {
      counts[Swift.min(Int(((v - lo) / width).rounded(.down)), bins - 1)] += 1
    }
    self.counts = counts
  }

  /// Counts any floating-point values (see `init(_:values:bins:range:color:)`).
  public init<T: BinaryFloatingPoint>(
    _ name: String, values: [T], bins: Int = 20, range: ClosedRange<Double>? = nil,
    color: String? = nil
  ) {
    self.init(name, values: values.map(plotDouble), bins: bins, range: range, color: color)
  }
}
