import Tensors

/// A table a chapter prints in the terminal, writes as Markdown, and stores in results.json.
///
///     var table = MarkdownTable(columns: ["model", "HR@10"], alignments: [.left, .right])
///     table.append(["NeuMF", "0.683"])
///
/// Rendered as GitHub-flavoured Markdown with the columns padded, so the same text reads
/// well in a terminal and on GitHub.
public struct MarkdownTable: Codable, Equatable, Sendable {
  /// How a column's cells line up.
  public enum Alignment: String, Codable, Sendable {
    case left, right, center
  }

  /// The header cells.
  public var columns: [String]
  /// The body, one array of cells per row; each row has `columns.count` cells.
  public var rows: [[String]]
  /// One alignment per column (numbers read best right-aligned).
  public var alignments: [Alignment]

  /// Creates an empty table. Alignments default to left for the first column and right
  /// for the others (a label, then numbers: the usual shape of a results table).
  public init(columns: [String], alignments: [Alignment]? = nil, rows: [[String]] = []) {
    ensure(!columns.isEmpty, "MarkdownTable needs at least one column")
    self.columns = columns
    self.alignments =
      alignments ?? ([.left] + Array(repeating: .right, count: columns.count - 1))
    ensure(
      self.alignments.count == columns.count,
      "MarkdownTable: \(self.alignments.count) alignments for \(columns.count) columns")
    self.rows = []
    for row in rows { append(row) }
  }

  /// Appends a row; it must have one cell per column.
  public mutating func append(_ row: [String]) {
    ensure(
      row.count == columns.count,
      "MarkdownTable: a row of \(row.count) cells in a table of \(columns.count) columns")
    rows.append(row)
  }

  /// The table as Markdown text, ending with a newline.
  public func render() -> String {
    let escaped = ([columns] + rows).map { $0.map { $0.replacingPipes() } }
    var widths = Array(repeating: 3, count: columns.count)
    for row in escaped {
      for (c, cell) in row.enumerated() { widths[c] = max(widths[c], cell.count) }
    }
    func line(_ cells: [String]) -> String {
      let padded = cells.enumerated().map { c, cell in pad(cell, widths[c], alignments[c]) }
      return "| " + padded.joined(separator: " | ") + " |"
    }
    let rule = alignments.enumerated().map { c, alignment -> String in
      let dashes = String(repeating: "-", count: widths[c] - 1)
      switch alignment {
      case .left: return ":" + dashes
      case .right: return dashes + ":"
      case .center: return ":" + String(repeating: "-", count: widths[c] - 2) + ":"
      }
    }
    var out = line(escaped[0]) + "\n" + "| " + rule.joined(separator: " | ") + " |\n"
    for row in escaped.dropFirst() { out += line(row) + "\n" }
    return out
  }

  private func pad(_ text: String, _ width: Int, _ alignment: Alignment) -> String {
    let gap = width - text.count
    guard gap > 0 else { return text }
    switch alignment {
    case .left: return text + String(repeating: " ", count: gap)
    case .right: return String(repeating: " ", count: gap) + text
    case .center:
      let left = gap / 2
      return String(repeating: " ", count: left) + text + String(repeating: " ", count: gap - left)
    }
  }
}

extension String {
  /// A `|` inside a cell would end the cell: Markdown wants it escaped.
  fileprivate func replacingPipes() -> String {
    contains("|")
      ? split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") : self
  }
}

// MARK: - Number formatting

/// Formats a number with a fixed count of decimals, the way the chapters' tables show
/// metrics (`formatted(0.68345, decimals: 3) == "0.683"`). Deterministic and
/// locale-independent.
public func formatted(_ value: Double, decimals: Int = 4) -> String {
  guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }
  let rounded = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
  let negative = value < 0 && rounded != 0
  var digits = String(Int64(rounded))
  if decimals > 0 {
    if digits.count <= decimals {
      digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
    }
    digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
  }
  return (negative ? "-" : "") + digits
}
