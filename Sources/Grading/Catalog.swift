// What there is to grade, read from the test sources: every test with the `.exercise`
// trait, its exercise, its points, and whether it is hidden. Points are written once, in
// the trait beside the test (`@Test(.exercise("3.2", points: 2)) func `Exercise 3.2: …`()`);
// the grader reads them from there rather than from a second list that could disagree.

import Foundation

/// One graded test.
public struct ExerciseTest: Equatable, Sendable, Codable {
  /// "3.2".
  public var exercise: String
  /// The test's display name: "Exercise 3.2: the MLP tower halves down to the predictive factors".
  public var name: String
  public var points: Int
  /// Written between `// BEGIN HIDDEN TESTS` and `// END HIDDEN TESTS`: run by the
  /// instructor's grading only.
  public var hidden: Bool
  /// Where it is, "Tests/ExercisesTests/Chapter3ExercisesTests.swift:33".
  public var location: String

  /// The chapter, "3".
  public var chapter: String { String(exercise.prefix { $0 != "." }) }
}

/// Every exercise test in the test files under `folder` (relative paths are reported from
/// `root`), in file and line order. Throws on a trait whose test is not named
/// "Exercise N.M: …" after its exercise, so a renamed test cannot silently lose its points.
public func exerciseTests(inFolder folder: URL, root: URL) throws -> [ExerciseTest] {
  let files = try FileManager.default.contentsOfDirectory(
    at: folder, includingPropertiesForKeys: nil
  ).filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
  return try files.flatMap { file in
    let relative = file.path.replacingOccurrences(of: root.path + "/", with: "")
    return try exerciseTests(in: String(contentsOf: file, encoding: .utf8), file: relative)
  }
}

/// The exercise tests of one test file's text.
public func exerciseTests(in text: String, file: String) throws -> [ExerciseTest] {
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  let trait = /\.exercise\(\s*"(\d+\.\d+)"\s*,\s*points:\s*(\d+)\s*\)/
  let function = /func\s+`([^`]+)`/
  var tests: [ExerciseTest] = []
  var hidden = false
  for (index, line) in lines.enumerated() {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if trimmed == Marker.beginHiddenTests { hidden = true }
    if trimmed == Marker.endHiddenTests { hidden = false }
    guard trimmed.hasPrefix("@Test"), let match = line.firstMatch(of: trait) else { continue }
    let exercise = String(match.1)
    // The test's name: on this line or one of the next few (attributes may wrap).
    let following = lines[index..<min(lines.count, index + 4)].joined(separator: " ")
    guard let name = following.firstMatch(of: function).map({ String($0.1) }),
      isNamed(name, after: exercise)
    else {
      throw MarkerError(
        file: file, line: index + 1,
        problem:
          "the test of .exercise(\"\(exercise)\", …) must be named `Exercise \(exercise): …` or `Exercise \(exercise) (hidden): …`"
      )
    }
    tests.append(
      ExerciseTest(
        exercise: exercise, name: name, points: Int(match.2)!, hidden: hidden,
        location: "\(file):\(index + 1)"))
  }
  return tests
}

/// Whether a test's name starts with its exercise: "Exercise 3.2: …" or "Exercise 3.2 (…)".
func isNamed(_ name: String, after exercise: String) -> Bool {
  name.hasPrefix("Exercise \(exercise):") || name.hasPrefix("Exercise \(exercise) (")
}

/// The `--filter` of one exercise's tests: "Exercise 3\.2[: ]", which "Exercise 3.20" does
/// not match.
func testFilter(of exercise: String) -> String {
  "Exercise \(exercise.replacingOccurrences(of: ".", with: "\\."))[: ]"
}

/// "3.10" after "3.9": exercises in their numbering order.
public func exerciseOrder(_ a: String, _ b: String) -> Bool {
  let x = a.split(separator: ".").map { Int($0) ?? 0 }
  let y = b.split(separator: ".").map { Int($0) ?? 0 }
  return x.lexicographicallyPrecedes(y)
}
