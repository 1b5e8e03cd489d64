// From test outcomes to grades: points per test (all or nothing), summed per exercise
// (partial credit when some of an exercise's tests pass), and three ways to show them —
// a table per chapter for the terminal, Gradescope's results.json, JUnit XML.

import Foundation

/// One graded test: the test, what happened, the points it earned.
public struct TestGrade: Sendable {
  public var test: ExerciseTest
  public var outcome: TestOutcome
  public var earned: Int { outcome.status == .passed ? test.points : 0 }
}

/// One exercise: its tests' grades, summed.
public struct ExerciseGrade: Sendable {
  public var exercise: String
  public var tests: [TestGrade]

  public var points: Int { tests.reduce(0) { $0 + $1.test.points } }
  public var earned: Int { tests.reduce(0) { $0 + $1.earned } }
  public var chapter: String { tests.first?.test.chapter ?? "" }

  /// Passed when every test passed, not attempted when the stub ran in every test that did
  /// not pass, crashed or timed out when any did; failed otherwise.
  public var status: TestStatus {
    let statuses = tests.map(\.outcome.status)
    if statuses.allSatisfy({ $0 == .passed }) { return .passed }
    if statuses.contains(.crashed) { return .crashed }
    if statuses.contains(.timedOut) { return .timedOut }
    if statuses.allSatisfy({ $0 == .notAttempted }) { return .notAttempted }
    if statuses.contains(.failed) || statuses.contains(.passed) { return .failed }
    return statuses.first ?? .notRun
  }

  /// The first reason of a test that did not pass.
  public var reason: String {
    if status == .notAttempted { return "not written yet (its stub ran)" }
    let failing = tests.filter { $0.outcome.status != .passed }
    guard let first = failing.first else { return "" }
    let counted = failing.count > 1 ? " (+\(failing.count - 1) more)" : ""
    return first.outcome.reason + counted
  }
}

/// Every exercise graded.
public struct GradeReport: Sendable {
  public var exercises: [ExerciseGrade]

  public init(exercises: [ExerciseGrade]) { self.exercises = exercises }

  public var points: Int { exercises.reduce(0) { $0 + $1.points } }
  public var earned: Int { exercises.reduce(0) { $0 + $1.earned } }

  /// The table, one block per chapter:
  ///
  ///     Chapter 3                     points earned  status         reason
  ///       3.1                              2      2  passed
  ///       3.2                              3      1  failed         Expectation failed: …
  public func table() -> String {
    var lines: [String] = []
    let chapters = Dictionary(grouping: exercises, by: \.chapter)
    for chapter in chapters.keys.sorted(by: { (Int($0) ?? 0) < (Int($1) ?? 0) }) {
      let grades = chapters[chapter]!
      let points = grades.reduce(0) { $0 + $1.points }
      let earned = grades.reduce(0) { $0 + $1.earned }
      lines.append(
        pad("Chapter \(chapter)", 12) + pad("points", 8, right: true)
          + pad("earned", 8, right: true)
          + "  " + pad("status", 15) + "reason")
      for grade in grades {
        lines.append(
          pad("  " + grade.exercise, 12) + pad("\(grade.points)", 8, right: true)
            + pad("\(grade.earned)", 8, right: true) + "  " + pad(grade.status.rawValue, 15)
            + grade.reason)
      }
      lines.append(
        pad("  total", 12) + pad("\(points)", 8, right: true) + pad("\(earned)", 8, right: true))
      lines.append("")
    }
    let counts = Dictionary(grouping: exercises, by: \.status).mapValues(\.count)
    let summary = [TestStatus.passed, .failed, .notAttempted, .crashed, .timedOut, .notRun]
      .compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }
      .joined(separator: ", ")
    lines.append("Total: \(earned) of \(points) points (\(exercises.count) exercises: \(summary))")
    return lines.joined(separator: "\n")
  }

  /// Gradescope's results.json: `score` and one entry per test with `name`, `number`,
  /// `score`, `max_score`, `status` ("passed" or "failed"), `output` and `visibility`
  /// (hidden tests are shown once grades are published).
  public func gradescopeJSON() throws -> Data {
    let tests: [[String: Any]] = exercises.flatMap { exercise in
      exercise.tests.map { grade in
        [
          "name": grade.test.name,
          "number": grade.test.exercise,
          "score": grade.earned,
          "max_score": grade.test.points,
          "status": grade.outcome.status == .passed ? "passed" : "failed",
          "output": grade.outcome.status == .passed
            ? "passed"
            : "\(grade.outcome.status.rawValue): \(grade.outcome.reason)",
          "visibility": grade.test.hidden ? "after_published" : "visible",
        ]
      }
    }
    let object: [String: Any] = [
      "score": earned,
      "output": "\(earned) of \(points) points; `make grade` in your copy shows the table.",
      "visibility": "visible",
      "stdout_visibility": "hidden",
      "tests": tests,
    ]
    return try JSONSerialization.data(
      withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
  }

  /// JUnit XML: a test suite per chapter, a test case per test; a failure for failed, an
  /// error for crashed or timed out, skipped for not attempted or not run.
  public func junitXML() -> String {
    var xml = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
    let all = exercises.flatMap(\.tests)
    let failures = all.filter { $0.outcome.status == .failed }.count
    let errors = all.filter { [.crashed, .timedOut].contains($0.outcome.status) }.count
    xml.append(
      "<testsuites name=\"ModernRecSys exercises\" tests=\"\(all.count)\" failures=\"\(failures)\" errors=\"\(errors)\">"
    )
    let chapters = Dictionary(grouping: exercises, by: \.chapter)
    for chapter in chapters.keys.sorted(by: { (Int($0) ?? 0) < (Int($1) ?? 0) }) {
      let tests = chapters[chapter]!.flatMap(\.tests)
      let suiteFailures = tests.filter { $0.outcome.status == .failed }.count
      let suiteErrors = tests.filter { [.crashed, .timedOut].contains($0.outcome.status) }.count
      let skipped = tests.filter { [.notAttempted, .notRun].contains($0.outcome.status) }.count
      xml.append(
        "  <testsuite name=\"Chapter \(chapter)\" tests=\"\(tests.count)\" failures=\"\(suiteFailures)\" errors=\"\(suiteErrors)\" skipped=\"\(skipped)\">"
      )
      for grade in tests {
        let open =
          "    <testcase classname=\"Exercise \(grade.test.exercise)\" name=\"\(escaped(grade.test.name))\">"
        let reason = escaped(grade.outcome.reason)
        switch grade.outcome.status {
        case .passed: xml.append(open + "</testcase>")
        case .failed: xml.append(open + "<failure message=\"\(reason)\"/></testcase>")
        case .crashed, .timedOut:
          xml.append(
            open + "<error message=\"\(grade.outcome.status.rawValue): \(reason)\"/></testcase>")
        case .notAttempted, .notRun:
          xml.append(
            open + "<skipped message=\"\(grade.outcome.status.rawValue): \(reason)\"/></testcase>")
        }
      }
      xml.append("  </testsuite>")
    }
    xml.append("</testsuites>")
    return xml.joined(separator: "\n") + "\n"
  }
}

/// XML's five escapes, and control characters dropped.
func escaped(_ text: String) -> String {
  var result = ""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "&": result += "&amp;"
    case "<": result += "&lt;"
    case ">": result += "&gt;"
    case "\"": result += "&quot;"
    case "'": result += "&apos;"
    case _ where scalar.value < 0x20 && scalar != "\t": continue
    default: result.unicodeScalars.append(scalar)
    }
  }
  return result
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
  let space = String(repeating: " ", count: max(0, width - text.count))
  return right ? space + text : text + space
}
