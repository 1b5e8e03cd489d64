// Writing values into gnuplot script text: numbers, quoted strings, printf formats.

import Foundation

// MARK: - Numbers

/// A number as gnuplot reads it, the same for the same value on every run: Swift's shortest
/// round-trip digits ("0.1", "1e-05", "3.0"); NaN and ±infinity as "NaN" (a missing point).
func gnuplotNumber(_ value: Double) -> String {
  value.isFinite ? value.description : "NaN"
}

/// A number at single precision (shortest digits of the `Float`): for heatmap grids, where
/// the value only picks a colour.
func gnuplotSingle(_ value: Float) -> String {
  value.isFinite ? value.description : "NaN"
}

// MARK: - Strings

/// A string in single quotes for a gnuplot command: `it's` -> `'it''s'`. Newlines become
/// spaces (a command is one line).
func gnuplotQuoted(_ text: String) -> String {
  let oneLine = text.replacingOccurrences(of: "\r\n", with: " ")
    .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
  return "'" + oneLine.replacingOccurrences(of: "'", with: "''") + "'"
}

/// A string as one column of an inline data block: in double quotes, with any double quote
/// turned into a single one (gnuplot's data reader has no escape for it) and newlines into spaces.
func gnuplotDataString(_ text: String) -> String {
  let cleaned = text.replacingOccurrences(of: "\"", with: "'")
    .replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
    .replacingOccurrences(of: "\r", with: " ")
  return "\"" + cleaned + "\""
}

// MARK: - printf formats

/// Whether `format` holds exactly one floating-point conversion (`%f`, `%e`, `%g`, with
/// optional flags, width and precision) and otherwise only text and `%%`; anything else would
/// read the wrong argument type in `String(format:)`.
func isSingleFloatFormat(_ format: String) -> Bool {
  var conversions = 0
  var characters = Array(format)[...]
  while let c = characters.popFirst() {
    guard c == "%" else { continue }
    if characters.first == "%" {
      characters.removeFirst()
      continue
    }
    while let f = characters.first, "-+ 0#".contains(f) { characters.removeFirst() }
    while let d = characters.first, d.isASCII, d.isNumber { characters.removeFirst() }
    if characters.first == "." {
      characters.removeFirst()
      while let d = characters.first, d.isASCII, d.isNumber { characters.removeFirst() }
    }
    guard let conversion = characters.popFirst(), "feEgG".contains(conversion) else { return false }
    conversions += 1
  }
  return conversions == 1
}

/// `value` printed with a checked format (see `isSingleFloatFormat`); NaN prints as "NaN".
func formatted(_ value: Double, _ format: String) -> String {
  value.isNaN ? "NaN" : String(format: format, value)
}
