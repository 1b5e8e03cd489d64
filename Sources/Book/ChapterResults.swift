import Foundation
import Tensors

/// Everything a chapter's text cites and every curve it plots: written as
/// `Figures/chapter-N/results.json`, compared with a golden file by the regression tests.
///
///     var results = ChapterResults(chapter: 3, mode: .full, seed: 2017, data: "ml-100k")
///     results.metrics["NeuMF/HR@10"] = 0.683
///
/// The file is pretty-printed with sorted keys, so the same run gives the same bytes and
/// a change shows up as a readable diff. Nothing that depends on the clock (timings) goes
/// here: a chapter prints its timings instead.
public struct ChapterResults: Codable, Equatable, Sendable {
  /// `quick` runs in seconds on a slice of the data (tests); `full` is the book's run.
  public enum Mode: String, Codable, Sendable {
    case quick, full
  }

  /// A plotted curve: `y[i]` at `x[i]`.
  public struct Curve: Codable, Equatable, Sendable {
    public var x: [Double]
    public var y: [Double]
    public init(x: [Double], y: [Double]) {
      ensure(x.count == y.count, "Curve: \(x.count) x values for \(y.count) y values")
      self.x = x
      self.y = y
    }
  }

  public var chapter: Int
  public var mode: Mode
  public var seed: UInt64
  /// `ml-100k` or `synthetic`: which data the numbers come from.
  public var data: String
  /// Named numbers, `"Model/metric"`: `"NeuMF/HR@10"`, `"ItemPop/NDCG@10"`.
  public var metrics: [String: Double] = [:]
  /// Named curves, `"Model/what"`: `"GMF/HR@10 by epoch"`.
  public var curves: [String: Curve] = [:]
  /// Named tables, as printed and as written to `name.md`.
  public var tables: [String: MarkdownTable] = [:]

  public init(chapter: Int, mode: Mode, seed: UInt64, data: String) {
    self.chapter = chapter
    self.mode = mode
    self.seed = seed
    self.data = data
  }

  /// The JSON text: pretty-printed, sorted keys, slashes unescaped, a final newline.
  /// Non-finite numbers (a diverged loss) are written as the strings "nan", "inf", "-inf".
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    var data = try encoder.encode(self)
    data.append(0x0A)
    return data
  }

  /// Reads a results file back (the regression tests compare two of them).
  public static func decode(from data: Data) throws -> ChapterResults {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try decoder.decode(ChapterResults.self, from: data)
  }
}
