// The numbers and tables a chapter text quotes from its run, marked in the Markdown so that
// they can be rewritten from results.json after every run (`book-text`, `make text`).

import Foundation

// MARK: - Rendering a chapter text

/// Rewrites the numbers and tables a chapter text cites from its run's `results.json`.
///
///     let markdown = "The MLP reaches an AUC of <!--m MLP/AUC-->0.6464<!--/m-->."
///     let text = try ResultSpans.render(markdown, results: results, file: "README.md").text
///
/// The marks are HTML comments: GitHub shows only the value, an editor shows where it comes from.
///
/// A **number span** is `<!--m SOURCE-->value<!--/m-->`, all on one line and not at the start of
/// one (Markdown reads a line that begins with `<!--` as raw HTML). SOURCE is
///
/// - a metric of `results.json`: `<!--m NeuMF/HR@10-->0.647<!--/m-->`;
/// - two operands and one operator, `-` or `/`, with spaces around it; an operand is a metric or a
///   number: `<!--m 1 - MovieLens/density-->93.7%<!--/m-->` (for the few numbers a sentence derives);
/// - a cell of a results table, `table | row | column`, the row named by its first cell:
///   `<!--m largest-crosses | AND(occupation=none, genres=War) | liked-->0.850<!--/m-->`, copied as is.
///
/// A number keeps the format of the value the span holds now: as many decimals, a `%` suffix (the
/// value times 100), a leading `+` (a sign even when positive), commas between thousands
/// (`100,000`), or an exponent (`2.4e-6`). ` as PICTURE` after SOURCE states the format instead, as a
/// number written the way values should look (`<!--m A - B as +0.000-->`): use it when a sign or
/// the commas must survive a value that changes sign or size.
///
/// A **table span** is two lines of their own, `<!--table NAME-->` and `<!--/table-->`. What lies
/// between them is replaced by a blank line, the results table NAME exactly as
/// `MarkdownTable.render()` writes it (the chapter's `NAME.md`), and a blank line.
///
/// Marks inside fenced code blocks are text like any other and are left alone.
public enum ResultSpans {
  /// A rendered text and what changed in it.
  public struct Rendering: Equatable, Sendable {
    /// The text with every span rewritten.
    public var text: String
    /// The spans whose text changed, in order.
    public var changes: [Change]
    /// How many number spans the text has.
    public var numberCount: Int
    /// How many table spans the text has.
    public var tableCount: Int
  }

  /// One span whose text changed.
  public struct Change: Equatable, Sendable, CustomStringConvertible {
    /// The line of the span's opening mark (from 1).
    public var line: Int
    /// What the span reads: a metric, an expression, a cell, or `table NAME`.
    public var source: String
    /// The span's text before rendering.
    public var old: String
    /// The span's text after rendering.
    public var new: String

    /// `line 262: NeuMF/HR@10: 0.647 -> 0.651`, or `line 287: table comparison redrawn`.
    public var description: String {
      source.hasPrefix("table ")
        ? "line \(line): \(source) redrawn" : "line \(line): \(source): \(old) -> \(new)"
    }
  }

  /// Rewrites every span of `text` from `results`. `file` names the text in error messages.
  /// - Throws: `ResultSpanError` naming the file, the line and what is wrong (an unknown metric
  ///   or table, a mark without its partner, spans inside spans); the text is then not rendered.
  public static func render(_ text: String, results: ChapterResults, file: String) throws
    -> Rendering
  {
    var renderer = SpanRenderer(results: results, file: file)
    return try renderer.render(text)
  }
}

/// A chapter text that cannot be rendered: the file, the line, and why.
public struct ResultSpanError: Error, Equatable, CustomStringConvertible {
  /// The text, as the caller named it (`Chapters/03-…/README.md`).
  public var file: String
  /// The line of the mark at fault (from 1).
  public var line: Int
  /// What is wrong, naming the unknown metric or table or the unbalanced mark.
  public var message: String

  /// `file:line: message`, the form editors and terminals link to the line.
  public var description: String { "\(file):\(line): \(message)" }
}

// MARK: - The marks

private let numberOpen = "<!--m "
private let numberClose = "<!--/m-->"
private let tableOpen = "<!--table "
private let tableClose = "<!--/table-->"
private let markEnd = "-->"

/// One pass over a text, line by line: table spans across lines, number spans within one.
private struct SpanRenderer {
  let results: ChapterResults
  let file: String
  var changes: [ResultSpans.Change] = []
  var numberCount = 0
  var tableCount = 0

  init(results: ChapterResults, file: String) {
    self.results = results
    self.file = file
  }

  func error(_ line: Int, _ message: String) -> ResultSpanError {
    ResultSpanError(file: file, line: line, message: message)
  }

  mutating func render(_ text: String) throws -> ResultSpans.Rendering {
    var out: [String] = []
    var inFence = false
    var table: (name: String, line: Int, body: [String])? = nil
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() {
      let number = index + 1
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if var open = table {
        if trimmed == tableClose {
          let body = try tableBody(open.name, line: open.line)
          if body != open.body {
            changes.append(
              .init(
                line: open.line, source: "table \(open.name)",
                old: open.body.joined(separator: "\n"), new: body.joined(separator: "\n")))
          }
          out += body + [String(line)]
          table = nil
        } else if line.contains("<!--") {
          throw error(
            number,
            "a mark inside the table span opened on line \(open.line): spans do not nest; close the table with \(tableClose) first"
          )
        } else {
          open.body.append(String(line))
          table = open
        }
        continue
      }
      if trimmed.hasPrefix("```") { inFence.toggle() }
      if inFence || trimmed.hasPrefix("```") {
        out.append(String(line))
        continue
      }
      if trimmed.hasPrefix(tableOpen) {
        guard trimmed.hasSuffix(markEnd) else {
          throw error(number, "a table mark is one line of its own: <!--table NAME-->")
        }
        let name = trimmed.dropFirst(tableOpen.count).dropLast(markEnd.count)
          .trimmingCharacters(in: .whitespaces)
        table = (name, number, [])
        tableCount += 1
        out.append(String(line))
        continue
      }
      if trimmed == tableClose {
        throw error(number, "\(tableClose) without an opening <!--table NAME-->")
      }
      out.append(try renderNumbers(in: line, line: number))
    }
    if let open = table {
      throw error(open.line, "the table span <!--table \(open.name)--> has no \(tableClose) line")
    }
    return .init(
      text: out.joined(separator: "\n"), changes: changes, numberCount: numberCount,
      tableCount: tableCount)
  }

  /// A blank line, the table as `MarkdownTable.render()` writes it, a blank line.
  func tableBody(_ name: String, line: Int) throws -> [String] {
    guard let table = results.tables[name] else {
      throw error(
        line,
        "unknown table '\(name)': results.json has \(results.tables.keys.sorted().joined(separator: ", "))"
      )
    }
    let rows = table.render().split(separator: "\n").map(String.init)
    return [""] + rows + [""]
  }

  /// Rewrites the number spans of one line.
  mutating func renderNumbers(in line: Substring, line number: Int) throws -> String {
    if line.contains("<!--table") || line.contains("<!--/table") {
      throw error(number, "a table mark is one line of its own: <!--table NAME-->, <!--/table-->")
    }
    if line.contains("<!--m-->") {
      throw error(number, "a span names what it shows: <!--m NeuMF/HR@10-->0.647<!--/m-->")
    }
    var output = ""
    var rest = line
    while let open = rest.range(of: numberOpen) {
      if let close = rest.range(of: numberClose), close.lowerBound < open.lowerBound {
        throw error(number, "\(numberClose) without an opening <!--m SOURCE-->")
      }
      guard let end = rest[open.upperBound...].range(of: markEnd) else {
        throw error(number, "the mark <!--m … is not closed with --> on its line")
      }
      let source = rest[open.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespaces)
      guard !source.isEmpty else {
        throw error(number, "a span names what it shows: <!--m NeuMF/HR@10-->0.647<!--/m-->")
      }
      if source.contains("<!--") {
        throw error(number, "the mark <!--m … is not closed with --> before its value")
      }
      if beginsBlock(output + rest[..<open.lowerBound]) {
        throw error(
          number,
          "the span <!--m \(source)--> begins its line, which Markdown would show as raw HTML: put a word before it"
        )
      }
      guard let close = rest[end.upperBound...].range(of: numberClose) else {
        throw error(
          number, "the span <!--m \(source)--> has no \(numberClose) after its value on this line")
      }
      let current = String(rest[end.upperBound..<close.lowerBound])
      if current.contains("<!--") {
        throw error(number, "spans do not nest: <!--m \(source)--> holds another mark")
      }
      let new = try text(of: source, current: current, line: number)
      if new != current {
        changes.append(.init(line: number, source: source, old: current, new: new))
      }
      numberCount += 1
      output += rest[..<end.upperBound]
      output += new + numberClose
      rest = rest[close.upperBound...]
    }
    if rest.contains(numberClose) {
      throw error(number, "\(numberClose) without an opening <!--m SOURCE-->")
    }
    return output + rest
  }

  /// What a number span shows: a table cell as is, else its expression in its format.
  func text(of source: String, current: String, line: Int) throws -> String {
    let cell = source.components(separatedBy: " | ")
    if cell.count > 1 {
      guard cell.count == 3 else {
        throw error(line, "a table cell is named 'table | row | column', not '\(source)'")
      }
      return try self.cell(table: cell[0], row: cell[1], column: cell[2], line: line)
    }
    var expression = source
    let format: NumberFormat
    if let picture = source.range(of: " as ", options: .backwards) {
      let written = source[picture.upperBound...].trimmingCharacters(in: .whitespaces)
      guard let stated = NumberFormat(picture: written) else {
        throw error(
          line,
          "'\(written)' is not a number format; write a number as values should look: 0.000, 12.3%, +0.00, 1,234, 2.4e-6"
        )
      }
      format = stated
      expression = String(source[..<picture.lowerBound])
    } else {
      guard let shown = NumberFormat(picture: current) else {
        throw error(
          line,
          "cannot tell a number format from '\(current)'; state one: <!--m \(source) as 0.000-->")
      }
      format = shown
    }
    return format.string(try evaluate(expression, line: line))
  }

  /// `operand`, `operand - operand` or `operand / operand`.
  func evaluate(_ expression: String, line: Int) throws -> Double {
    let operators = [" - ", " / "].filter { expression.contains($0) }
    guard let op = operators.first else { return try operand(expression, line: line) }
    let parts = expression.components(separatedBy: op)
    guard operators.count == 1, parts.count == 2 else {
      throw error(line, "one operator at most ('a - b' or 'a / b'), not '\(expression)'")
    }
    let (a, b) = (try operand(parts[0], line: line), try operand(parts[1], line: line))
    if op == " - " { return a - b }
    guard b != 0 else { throw error(line, "'\(expression)' divides by zero") }
    return a / b
  }

  /// A number written in the span, or a metric of results.json.
  func operand(_ text: String, line: Int) throws -> Double {
    let name = text.trimmingCharacters(in: .whitespaces)
    if let first = name.first, first.isNumber, let literal = Double(name) { return literal }
    guard let value = results.metrics[name] else {
      let model = name.split(separator: "/").first.map { $0 + "/" } ?? ""
      let near = results.metrics.keys.filter { !model.isEmpty && $0.hasPrefix(model) }.sorted()
      throw error(
        line,
        "unknown metric '\(name)' in results.json"
          + (near.isEmpty ? "" : " (it has \(near.prefix(6).joined(separator: ", ")))"))
    }
    return value
  }

  /// The text of one cell: the column by its header, the row by its first cell.
  func cell(table name: String, row: String, column: String, line: Int) throws -> String {
    let (name, row, column) = (
      name.trimmingCharacters(in: .whitespaces), row.trimmingCharacters(in: .whitespaces),
      column.trimmingCharacters(in: .whitespaces)
    )
    guard let table = results.tables[name] else {
      throw error(
        line,
        "unknown table '\(name)': results.json has \(results.tables.keys.sorted().joined(separator: ", "))"
      )
    }
    guard let c = table.columns.firstIndex(of: column) else {
      throw error(
        line,
        "table '\(name)' has no column '\(column)' (its columns: \(table.columns.joined(separator: ", ")))"
      )
    }
    let rows = table.rows.filter { $0.first == row }
    guard rows.count == 1 else {
      throw error(
        line,
        rows.isEmpty
          ? "table '\(name)' has no row '\(row)'"
          : "table '\(name)' has \(rows.count) rows '\(row)'")
    }
    return rows[0][c]
  }
}

/// Whether the text before a mark is only indentation and list or quote markers: the mark would
/// then begin a Markdown block, and a block that begins with `<!--` is raw HTML.
private func beginsBlock(_ prefix: String) -> Bool {
  prefix.split(separator: " ").allSatisfy { token in
    let ordinal = token.dropLast()
    return token.allSatisfy { $0 == ">" } || ["-", "*", "+"].contains(token)
      || (!ordinal.isEmpty && ordinal.allSatisfy(\.isNumber) && [".", ")"].contains(token.last))
  }
}

// MARK: - Number formats

/// How a number span writes its value, read from a picture: a number written the way values
/// should look. `0.000` has three decimals, `12.3%` one decimal of the value times 100, `+0.00`
/// a sign even when positive, `1,234` commas between thousands, `2.4e-6` one decimal and an
/// exponent.
struct NumberFormat: Equatable {
  var decimals = 0
  var percent = false
  var sign = false
  var grouping = false
  /// Digits of the exponent, for a picture with one (`2.4e-6`: 1).
  var exponentDigits: Int? = nil

  init?(picture: String) {
    var p = Substring(picture)
    if p.hasPrefix("+") {
      sign = true
      p = p.dropFirst()
    } else if p.hasPrefix("-") {
      p = p.dropFirst()
    }
    if p.hasSuffix("%") {
      percent = true
      p = p.dropLast()
    }
    if let e = p.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      var exponent = p[p.index(after: e)...]
      if exponent.hasPrefix("-") || exponent.hasPrefix("+") { exponent = exponent.dropFirst() }
      guard !exponent.isEmpty, exponent.allSatisfy(\.isASCIIDigit) else { return nil }
      exponentDigits = exponent.count
      p = p[..<e]
    }
    let parts = p.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, let whole = parts.first, whole.first?.isASCIIDigit == true,
      whole.allSatisfy({ $0.isASCIIDigit || $0 == "," }),
      parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy(\.isASCIIDigit))
    else { return nil }
    grouping = whole.contains(",")
    decimals = parts.count == 2 ? parts[1].count : 0
    if grouping && exponentDigits != nil { return nil }
  }

  /// The power of ten of `x`'s leading digit (0 for 0), by exact comparisons rather than
  /// the platform's log10, whose last bit at a power of ten is not the same everywhere.
  func decimalExponent(of x: Double) -> Int {
    let magnitude = abs(x)
    guard magnitude > 0 && magnitude.isFinite else { return 0 }
    var exponent = 0
    while magnitude >= powerOfTen(exponent + 1) { exponent += 1 }
    while magnitude < powerOfTen(exponent) { exponent -= 1 }
    return exponent
  }

  /// x / 10^n, with 10^n built by multiplications (exact up to 10^22).
  func shifted(_ x: Double, by n: Int) -> Double {
    n >= 0 ? x / powerOfTen(n) : x * powerOfTen(-n)
  }

  /// 10^n for n >= 0, or 1 / 10^-n for n < 0.
  func powerOfTen(_ n: Int) -> Double {
    var p = 1.0
    for _ in 0..<abs(n) { p *= 10 }
    return n >= 0 ? p : 1 / p
  }

  /// `value` in this format, rounded half away from zero like the chapters' tables.
  func string(_ value: Double) -> String {
    guard value.isFinite else { return formatted(value) }
    let scaled = percent ? value * 100 : value
    var text: String
    if let exponentDigits {
      var exponent = decimalExponent(of: scaled)
      var mantissa = formatted(shifted(scaled, by: exponent), decimals: decimals)
      if let m = Double(mantissa), abs(m) >= 10 {
        exponent += 1
        mantissa = formatted(shifted(scaled, by: exponent), decimals: decimals)
      }
      let digits = String(abs(exponent))
      text =
        mantissa + "e" + (exponent < 0 ? "-" : "")
        + String(repeating: "0", count: max(0, exponentDigits - digits.count)) + digits
    } else {
      text = formatted(scaled, decimals: decimals)
      if grouping { text = groupingThousands(text) }
    }
    if sign && !text.hasPrefix("-") { text = "+" + text }
    return percent ? text + "%" : text
  }
}

/// `-1234567.5` as `-1,234,567.5`.
private func groupingThousands(_ number: String) -> String {
  let negative = number.hasPrefix("-")
  let unsigned = negative ? number.dropFirst() : Substring(number)
  let whole = unsigned.prefix { $0 != "." }
  var groups: [Substring] = []
  var end = whole.endIndex
  while end > whole.startIndex {
    let start = whole.index(end, offsetBy: -3, limitedBy: whole.startIndex) ?? whole.startIndex
    groups.insert(whole[start..<end], at: 0)
    end = start
  }
  return (negative ? "-" : "") + groups.joined(separator: ",") + unsigned[whole.endIndex...]
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
