// The marked regions of the sources that a student copy leaves out.
//
// Solutions, in Sources/Exercises (nbgrader's markers, in Swift comments):
//
//     public static func towerSizes(factors: Int, hiddenLayers: Int) throws -> [Int] {
//       // BEGIN SOLUTION
//       …the reference answer…
//       // END SOLUTION
//       // STUB: throw NotAttempted("Exercise 3.2")
//     }
//
// becomes, in the student copy, `// YOUR CODE HERE` and the stub's statement. Hidden tests,
// in Tests/ExercisesTests: whole `@Test` functions between `// BEGIN HIDDEN TESTS` and
// `// END HIDDEN TESTS`, which the student copy drops (the instructor's copy runs them).

import Foundation

/// A marker line, matched on its trimmed text.
public enum Marker {
  public static let beginSolution = "// BEGIN SOLUTION"
  public static let endSolution = "// END SOLUTION"
  public static let stub = "// STUB:"
  public static let beginHiddenTests = "// BEGIN HIDDEN TESTS"
  public static let endHiddenTests = "// END HIDDEN TESTS"
  /// What replaces a solution in the student copy, above the stub.
  public static let yourCode = "// YOUR CODE HERE"
}

/// A marker out of place: the file, the line (1-based) and what is wrong.
public struct MarkerError: Error, CustomStringConvertible, Equatable {
  public let file: String
  public let line: Int
  public let problem: String
  public var description: String { "\(file):\(line): \(problem)" }
}

/// What `studentVersion` found in one file.
public struct StrippedFile: Equatable {
  /// The file as the student sees it.
  public var text: String
  /// The exercises whose solutions were removed ("Exercise 3.2", from the stubs), in order.
  public var stubs: [String]
  /// How many hidden-test regions were removed.
  public var hiddenRegions: Int
}

/// The student's version of one source file: every solution region replaced by
/// `// YOUR CODE HERE` and the statement of the `// STUB:` line that must follow it
/// (indented like the `// BEGIN SOLUTION` line), and every hidden-test region dropped with
/// its markers. Throws `MarkerError` on a nested or unterminated region, an end without a
/// begin, or a solution without its stub, so a malformed file never yields a copy that
/// leaks an answer. The solutions of the exercises in `keeping` ("Exercise 3.1") stay, without
/// their markers: a student copy with those exercises done as the reference does them.
public func studentVersion(
  of text: String, file: String, keeping: Set<String> = []
) throws -> StrippedFile {
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  var output: [String] = []
  var stubs: [String] = []
  var hiddenRegions = 0
  /// The open region: its begin marker and line number.
  var open: (marker: String, line: Int, indent: String)? = nil
  /// The open solution's lines, kept in case its exercise is in `keeping`.
  var solution: [String] = []
  var index = 0
  func fail(_ line: Int, _ problem: String) -> MarkerError {
    MarkerError(file: file, line: line, problem: problem)
  }
  while index < lines.count {
    let line = lines[index]
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    let number = index + 1
    index += 1
    switch trimmed {
    case Marker.beginSolution, Marker.beginHiddenTests:
      if let open {
        throw fail(number, "\(trimmed) inside the \(open.marker) of line \(open.line)")
      }
      open = (trimmed, number, String(line.prefix { $0 == " " || $0 == "\t" }))
      solution = []
    case Marker.endSolution:
      guard let region = open, region.marker == Marker.beginSolution else {
        throw fail(number, "\(Marker.endSolution) without a \(Marker.beginSolution) before it")
      }
      open = nil
      guard index < lines.count,
        lines[index].trimmingCharacters(in: .whitespaces).hasPrefix(Marker.stub)
      else {
        throw fail(
          number, "\(Marker.endSolution) must be followed by a `\(Marker.stub) <statement>` line")
      }
      let stub = lines[index].trimmingCharacters(in: .whitespaces)
        .dropFirst(Marker.stub.count).trimmingCharacters(in: .whitespaces)
      guard !stub.isEmpty else { throw fail(index + 1, "the \(Marker.stub) line has no statement") }
      index += 1
      let exercise = exerciseName(inStub: stub) ?? stub
      if keeping.contains(exercise) {
        output += solution
      } else {
        output.append(region.indent + Marker.yourCode)
        output.append(region.indent + stub)
        stubs.append(exercise)
      }
    case Marker.endHiddenTests:
      guard let region = open, region.marker == Marker.beginHiddenTests else {
        throw fail(
          number, "\(Marker.endHiddenTests) without a \(Marker.beginHiddenTests) before it")
      }
      open = nil
      hiddenRegions += 1
    default:
      if trimmed.hasPrefix(Marker.stub), open == nil {
        throw fail(number, "a \(Marker.stub) line that does not follow \(Marker.endSolution)")
      }
      if open == nil { output.append(line) } else { solution.append(line) }
    }
  }
  if let open { throw fail(open.line, "\(open.marker) is never closed") }
  return StrippedFile(
    text: output.joined(separator: "\n"), stubs: stubs, hiddenRegions: hiddenRegions)
}

/// "Exercise 3.2" from `throw NotAttempted("Exercise 3.2")` or
/// `notAttempted("Exercise 3.2", placeholder: …)`.
func exerciseName(inStub stub: String) -> String? {
  guard let start = stub.range(of: "\"Exercise ") else { return nil }
  let rest = stub[start.upperBound...]
  guard let end = rest.firstIndex(of: "\"") else { return nil }
  return "Exercise " + rest[..<end]
}
