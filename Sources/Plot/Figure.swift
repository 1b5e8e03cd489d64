// A figure: one chart, or several panels in a grid, with a size; saved as a gnuplot script
// plus the SVG or PNG it draws.

import Foundation

// MARK: - Figure

/// What is saved as one image: a chart, or a grid of charts (panels).
///
///     let figure = Figure(.lines([LineSeries("train", y: loss)], title: "Loss", xLabel: "epoch"))
///     try figure.save(as: outDir.appendingPathComponent("loss"))   // loss.gp + loss.svg
public struct Figure: Sendable, Equatable {
  /// The title over all panels (a single chart without a title of its own shows it instead).
  public var title: String?
  /// The charts, filled row by row into the grid.
  public var panels: [Chart]
  /// The number of panels per row.
  public var columns: Int
  /// The image width in pixels (SVG and PNG alike).
  public var width: Int
  /// The image height in pixels.
  public var height: Int

  /// A figure of one chart, 800 × 500 pixels unless said otherwise.
  public init(_ chart: Chart, title: String? = nil, width: Int = 800, height: Int = 500) {
    self.title = title
    self.panels = [chart]
    self.columns = 1
    self.width = width
    self.height = height
  }

  /// A grid of panels, `columns` per row (default: up to 3), sized about 460 × 360 per panel
  /// unless `width` and `height` are given.
  public init(
    title: String? = nil, panels: [Chart], columns: Int? = nil, width: Int? = nil,
    height: Int? = nil
  ) {
    let columns = max(1, columns ?? min(max(panels.count, 1), 3))
    let rows = max(1, (panels.count + columns - 1) / columns)
    self.title = title
    self.panels = panels
    self.columns = columns
    self.width = width ?? 460 * columns
    self.height = height ?? (360 * rows + (title == nil ? 0 : 30))
  }

  /// The number of rows of the panel grid.
  public var rows: Int { max(1, (panels.count + columns - 1) / columns) }
}

// MARK: - ImageFormat

/// The kind of image a figure is saved as.
public enum ImageFormat: String, Sendable, Equatable, CaseIterable {
  /// Scalable vector graphics (gnuplot's `svg` terminal): the default, small and crisp.
  case svg
  /// A bitmap (gnuplot's `pngcairo` terminal).
  case png

  /// The file extension: "svg" or "png".
  public var fileExtension: String { rawValue }
}

// MARK: - SavedFigure

/// The files a saved figure wrote.
public struct SavedFigure: Sendable, Equatable {
  /// The self-contained gnuplot script, `name.gp`.
  public var script: URL
  /// The image, `name.svg` or `name.png`.
  public var image: URL
}
