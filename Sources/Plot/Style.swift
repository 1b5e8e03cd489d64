// The house style: one colour palette, fonts and line widths shared by every figure.

import Foundation

// MARK: - RGB

/// A colour with red, green and blue in 0...255.
struct RGB: Equatable, Sendable {
  var red: Double
  var green: Double
  var blue: Double

  init(red: Double, green: Double, blue: Double) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  /// A colour from 0xRRGGBB.
  init(_ hex: Int) {
    self.init(
      red: Double((hex >> 16) & 0xFF), green: Double((hex >> 8) & 0xFF), blue: Double(hex & 0xFF))
  }

  /// 0xRRGGBB, each channel rounded.
  var hex: Int {
    func channel(_ v: Double) -> Int { Int(min(max(v, 0), 255).rounded()) }
    return channel(red) << 16 | channel(green) << 8 | channel(blue)
  }

  /// "#rrggbb".
  var hexString: String {
    let digits = String(hex, radix: 16)
    return "#" + String(repeating: "0", count: 6 - digits.count) + digits
  }

  /// The relative luminance (WCAG): 0 for black, 1 for white.
  ///
  /// ```
  /// c = channel / 255;  lin(c) = c / 12.92 if c <= 0.04045, else ((c + 0.055) / 1.055)^2.4
  /// L = 0.2126 lin(r) + 0.7152 lin(g) + 0.0722 lin(b)
  /// ```
  var luminance: Double {
    func linear(_ v: Double) -> Double {
      let c = v / 255
      return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
  }

  /// Black or white, whichever contrasts more with this colour (for text on a cell).
  var contrastingText: RGB {
    // Contrast with white: 1.05 / (L + 0.05); with black: (L + 0.05) / 0.05. Equal at L ≈ 0.179.
    luminance > 0.179 ? RGB(0x000000) : RGB(0xFFFFFF)
  }

  /// This colour mixed with black: `amount` 0 keeps it, 1 gives black.
  func darkened(_ amount: Double) -> RGB {
    RGB(red: red * (1 - amount), green: green * (1 - amount), blue: blue * (1 - amount))
  }
}

// MARK: - The house style

/// Colours, fonts and widths of every figure.
enum Style {
  /// Series colours, in order (Tableau 10: distinct, and readable by most colour-blind readers).
  static let series: [RGB] = [
    RGB(0x1F77B4), RGB(0xFF7F0E), RGB(0x2CA02C), RGB(0xD62728), RGB(0x9467BD),
    RGB(0x8C564B), RGB(0xE377C2), RGB(0x7F7F7F), RGB(0xBCBD22), RGB(0x17BECF),
  ]
  /// The colour of the `index`-th series (0-based), cycling through the palette.
  static func seriesColor(_ index: Int) -> RGB { series[index % series.count] }

  /// Text, axes and grid colours.
  static let text = "#262626"
  static let axes = "#595959"
  static let gridLines = "#dcdcdc"
  static let minorGridLines = "#f0f0f0"
  /// The outline drawn around points over a heatmap.
  static let outline = "#1a1a1a"

  /// Font families: SVG names one every viewer has; PNG uses one cairo finds here.
  static let svgFontFamily = "Helvetica"
  static let pngFontFamily = "DejaVu Sans"
}
