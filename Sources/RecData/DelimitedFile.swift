import Foundation

/// A text file of records, one per line, fields separated by one byte (`\t` or `|`), read
/// as raw bytes so that 100,000 lines parse in milliseconds and Latin-1 text stays intact.
///
///     let file = try DelimitedFile(path: "Data/ml-100k/u.data", separator: UInt8(ascii: "\t"))
///     try file.forEachRecord { record in let user = try record.int(0, "user id") }
///
/// Lines may end in `\n` or `\r\n`; the last line needs no newline; blank lines are skipped.
struct DelimitedFile {
  /// The name shown in error messages (the file's last path component).
  let name: String
  let bytes: [UInt8]
  let separator: UInt8

  /// Reads the file at `path`; a missing file throws `.missingFile` saying to run `make data`.
  init(path: String, separator: UInt8) throws {
    let name = (path as NSString).lastPathComponent
    guard FileManager.default.fileExists(atPath: path) else {
      throw DataError(
        .missingFile, file: name,
        "no such file at \(path) (run `make data` to download MovieLens-100K)")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw DataError(.missingFile, file: name, "could not read \(path)")
    }
    self.init(name: name, bytes: [UInt8](data), separator: separator)
  }

  /// Wraps bytes already in memory (tests use this).
  init(name: String, bytes: [UInt8], separator: UInt8) {
    self.name = name
    self.bytes = bytes
    self.separator = separator
  }

  /// Calls `body` once per non-blank line, in file order. Throws `.emptyFile` when there is none.
  func forEachRecord(_ body: (Record) throws -> Void) throws {
    var recordCount = 0
    try bytes.withUnsafeBufferPointer { buffer in
      var fields: [Range<Int>] = []
      fields.reserveCapacity(32)
      var lineStart = 0
      var lineNumber = 0
      let newline = UInt8(ascii: "\n")
      let carriageReturn = UInt8(ascii: "\r")
      while lineStart < buffer.count {
        lineNumber += 1
        var lineEnd = lineStart
        while lineEnd < buffer.count && buffer[lineEnd] != newline { lineEnd += 1 }
        let next = lineEnd + 1
        var contentEnd = lineEnd
        if contentEnd > lineStart && buffer[contentEnd - 1] == carriageReturn { contentEnd -= 1 }
        if !Self.isBlank(buffer, lineStart..<contentEnd) {
          fields.removeAll(keepingCapacity: true)
          var fieldStart = lineStart
          for i in lineStart..<contentEnd where buffer[i] == separator {
            fields.append(fieldStart..<i)
            fieldStart = i + 1
          }
          fields.append(fieldStart..<contentEnd)
          recordCount += 1
          try body(Record(file: name, line: lineNumber, buffer: buffer, fields: fields))
        }
        lineStart = next
      }
    }
    if recordCount == 0 {
      throw DataError(.emptyFile, file: name, "the file is empty (expected one record per line)")
    }
  }

  private static func isBlank(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    for i in range where buffer[i] != UInt8(ascii: " ") && buffer[i] != UInt8(ascii: "\t") {
      return false
    }
    return true
  }
}

/// One line of a `DelimitedFile`: its number and its fields, read on demand.
struct Record {
  let file: String
  /// 1-based line number in the file.
  let line: Int
  let buffer: UnsafeBufferPointer<UInt8>
  let fields: [Range<Int>]

  /// An error about this line.
  func error(_ kind: DataError.Kind, _ problem: String) -> DataError {
    DataError(kind, file: file, line: line, problem)
  }

  /// Throws `.wrongFieldCount` unless the line has exactly `count` fields.
  func expectFieldCount(_ count: Int, _ format: String) throws {
    guard fields.count == count else {
      throw error(
        .wrongFieldCount, "expected \(count) fields (\(format)), found \(fields.count)")
    }
  }

  /// Field `index` as a decimal integer (optional leading `-`), or `.notANumber`.
  func int(_ index: Int, _ what: String) throws -> Int {
    let range = fields[index]
    var i = range.lowerBound
    var negative = false
    if i < range.upperBound && buffer[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    }
    guard i < range.upperBound, range.upperBound - i <= 18 else {
      throw error(.notANumber, "\(what) '\(text(index))' is not a number")
    }
    var value = 0
    while i < range.upperBound {
      let digit = Int(buffer[i]) &- 48
      guard digit >= 0 && digit <= 9 else {
        throw error(.notANumber, "\(what) '\(text(index))' is not a number")
      }
      value = value * 10 + digit
      i += 1
    }
    return negative ? -value : value
  }

  /// Field `index` decoded as ISO-8859-1 (Latin-1): every byte is the Unicode scalar of the
  /// same value, so `0xE9` becomes "é". (MovieLens-100K's `u.item` is Latin-1, not UTF-8.)
  func text(_ index: Int) -> String {
    let slice = UnsafeBufferPointer(rebasing: buffer[fields[index]])
    if !slice.contains(where: { $0 >= 0x80 }) { return String(decoding: slice, as: UTF8.self) }
    var scalars = String.UnicodeScalarView()
    for byte in slice { scalars.append(Unicode.Scalar(byte)) }
    return String(scalars)
  }
}
