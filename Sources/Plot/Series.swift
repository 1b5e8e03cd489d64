// The data of lines and scatter plots.

// MARK: - LineSeries

/// A named curve: points joined by a line, with optional markers and dashes.
///
///     LineSeries("train", y: losses)                       // x = 1, 2, 3, ... (epochs)
///     LineSeries("lr=0.1", x: steps, y: losses, markers: true, dashed: true)
public struct LineSeries: Sendable, Equatable {
  /// The name in the legend.
  public var name: String
  /// The x coordinates.
  public var x: [Double]
  /// The y coordinates (same count as `x`); NaN leaves a gap.
  public var y: [Double]
  /// Draws a marker at (some of) the points.
  public var markers: Bool
  /// Draws the line dashed.
  public var dashed: Bool
  /// A colour such as "#1f77b4"; `nil` takes the next colour of the palette.
  public var color: String?

  /// A curve through `(x[i], y[i])`.
  public init(
    _ name: String, x: [Double], y: [Double], markers: Bool = false, dashed: Bool = false,
    color: String? = nil
  ) {
    self.name = name
    self.x = x
    self.y = y
    self.markers = markers
    self.dashed = dashed
    self.color = color
  }

  /// A curve through `(i + 1, y[i])`: one point per epoch.
  public init(
    _ name: String, y: [Double], markers: Bool = false, dashed: Bool = false, color: String? = nil
  ) {
    self.init(
      name, x: (0..<y.count).map { Double($0 + 1) }, y: y, markers: markers, dashed: dashed,
      color: color)
  }

  /// A curve from any floating-point values (a `Float` is written as its own shortest digits).
  public init<X: BinaryFloatingPoint, Y: BinaryFloatingPoint>(
    _ name: String, x: [X], y: [Y], markers: Bool = false, dashed: Bool = false,
    color: String? = nil
  ) {
    self.init(
      name, x: x.map(plotDouble), y: y.map(plotDouble), markers: markers, dashed: dashed,
      color: color)
  }

  /// A curve through `(i + 1, y[i])` from any floating-point values.
  public init<Y: BinaryFloatingPoint>(
    _ name: String, y: [Y], markers: Bool = false, dashed: Bool = false, color: String? = nil
  ) {
    self.init(name, y: y.map(plotDouble), markers: markers, dashed: dashed, color: color)
  }
}

// MARK: - ScatterSeries

/// The shape of a scatter plot's points.
public enum PointShape: Sendable, Equatable {
  /// A filled circle.
  case circle
  /// A filled square.
  case square
  /// A filled triangle.
  case triangle
  /// A filled diamond.
  case diamond
  /// A cross (×).
  case cross
}

/// Named points, each optionally labelled (users and items in a 2-D embedding).
///
///     ScatterSeries("users", x: u.map { $0[0] }, y: u.map { $0[1] }, labels: ["u1", "u2", "u3"])
public struct ScatterSeries: Sendable, Equatable {
  /// The name in the legend.
  public var name: String
  /// The x coordinates.
  public var x: [Double]
  /// The y coordinates (same count as `x`).
  public var y: [Double]
  /// A text beside each point (same count as `x`), or `nil`.
  public var labels: [String]?
  /// The marker shape.
  public var shape: PointShape
  /// The marker size (1 is the default size).
  public var pointSize: Double
  /// A colour such as "#d62728"; `nil` takes the next colour of the palette.
  public var color: String?
  /// Draws a dark outline around each marker (set for points over a heatmap).
  public var outlined: Bool

  /// Points at `(x[i], y[i])`, labelled with `labels[i]` when given.
  public init(
    _ name: String, x: [Double], y: [Double], labels: [String]? = nil, shape: PointShape = .circle,
    pointSize: Double = 1, color: String? = nil, outlined: Bool = false
  ) {
    self.name = name
    self.x = x
    self.y = y
    self.labels = labels
    self.shape = shape
    self.pointSize = pointSize
    self.color = color
    self.outlined = outlined
  }

  /// Points from any floating-point values (a `Float` is written as its own shortest digits).
  public init<X: BinaryFloatingPoint, Y: BinaryFloatingPoint>(
    _ name: String, x: [X], y: [Y], labels: [String]? = nil, shape: PointShape = .circle,
    pointSize: Double = 1, color: String? = nil, outlined: Bool = false
  ) {
    self.init(
      name, x: x.map(plotDouble), y: y.map(plotDouble), labels: labels, shape: shape,
      pointSize: pointSize, color: color, outlined: outlined)
  }
}

// MARK: - Converting values

/// A value as a `Double`; a `Float` goes through its shortest decimal form, so `Float(0.1)`
/// is written 0.1 and not 0.10000000149011612.
func plotDouble<T: BinaryFloatingPoint>(_ value: T) -> Double {
  if let single = value as? Float, single.isFinite {
    return Double(single.description) ?? Double(single)
  }
  return Double(value)
}
