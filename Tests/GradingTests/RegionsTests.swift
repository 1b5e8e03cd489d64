import Foundation
import Testing

@testable import Grading

// The student copy's transformation of a source file, on small texts. The texts write their
// markers through `Marker` (a line reading "\(Marker.beginSolution)"), never literally: a
// literal marker line here would itself be stripped from the student copy of this file.

let reference = """
  public static func twice(_ x: Int) throws -> Int {
    \(Marker.beginSolution)
    return 2 * x
    \(Marker.endSolution)
    \(Marker.stub) throw NotAttempted("Exercise 9.1")
  }
  \(Marker.beginHiddenTests)
  @Test(.exercise("9.1", points: 1)) func `Exercise 9.1: hidden`() {}
  \(Marker.endHiddenTests)
  let kept = 1
  """

@Test func `a solution becomes its stub and a hidden region disappears`() throws {
  let student = try studentVersion(of: reference, file: "A.swift")
  #expect(
    student.text == """
      public static func twice(_ x: Int) throws -> Int {
        // YOUR CODE HERE
        throw NotAttempted("Exercise 9.1")
      }
      let kept = 1
      """)
  #expect(student.stubs == ["Exercise 9.1"])
  #expect(student.hiddenRegions == 1)
}

@Test func `a kept solution stays without its markers`() throws {
  let restored = try studentVersion(of: reference, file: "A.swift", keeping: ["Exercise 9.1"])
  #expect(restored.text.contains("  return 2 * x"))
  #expect(!restored.text.contains("SOLUTION") && !restored.text.contains("STUB"))
  #expect(restored.stubs.isEmpty)
}

@Test(arguments: [
  ("// BEGIN SOLUTION\n// BEGIN SOLUTION\n", 2, "inside the // BEGIN SOLUTION of line 1"),
  ("x\n// BEGIN SOLUTION\nreturn 1\n", 2, "never closed"),
  ("// END SOLUTION\n", 1, "without a // BEGIN SOLUTION"),
  ("// BEGIN SOLUTION\nreturn 1\n// END SOLUTION\nreturn 2\n", 3, "must be followed by"),
  ("// BEGIN SOLUTION\n// END SOLUTION\n// STUB:\n", 3, "has no statement"),
  ("// STUB: throw X()\n", 1, "does not follow"),
  ("// BEGIN HIDDEN TESTS\n// END SOLUTION\n", 2, "without a // BEGIN SOLUTION"),
  ("// BEGIN HIDDEN TESTS\n", 1, "never closed"),
])
func `a malformed region is an error at its line`(text: String, line: Int, problem: String) {
  #expect {
    try studentVersion(of: text, file: "B.swift")
  } throws: { error in
    guard let error = error as? MarkerError else { return false }
    return error.file == "B.swift" && error.line == line && error.problem.contains(problem)
  }
}

@Test func `a marker inside a comment's prose is not a marker`() throws {
  let text = "/// Solutions sit between `// BEGIN SOLUTION` and `// END SOLUTION`.\nlet x = 1"
  #expect(try studentVersion(of: text, file: "C.swift").text == text)
}

@Test func `points, names and hidden tests are read from the test sources`() throws {
  let source = """
    @Test(.exercise("3.2", points: 1))
    func `Exercise 3.2: towers`() throws {}

    @Test(.exercise("3.10", points: 3), arguments: [1, 2])
    func `Exercise 3.10: later`(n: Int) throws {}
    \(Marker.beginHiddenTests)
    @Test(.exercise("3.2", points: 2)) func `Exercise 3.2: more towers`() throws {}
    \(Marker.endHiddenTests)
    @Test func `not an exercise`() {}
    """
  let tests = try exerciseTests(in: source, file: "T.swift")
  #expect(tests.map(\.exercise) == ["3.2", "3.10", "3.2"])
  #expect(tests.map(\.points) == [1, 3, 2])
  #expect(tests.map(\.hidden) == [false, false, true])
  #expect(tests[0].name == "Exercise 3.2: towers" && tests[0].location == "T.swift:1")
  #expect(exerciseOrder("3.2", "3.10") && !exerciseOrder("3.10", "3.2"))
  // A test named after another exercise would lose its points silently: an error instead.
  #expect(throws: MarkerError.self) {
    try exerciseTests(
      in: "@Test(.exercise(\"3.2\", points: 1)) func `Exercise 3.3: x`() {}", file: "T.swift")
  }
}

@Test func `a test is named after its exercise, and the filter runs that exercise only`() throws {
  #expect(isNamed("Exercise 6.1: the loss", after: "6.1"))
  #expect(isNamed("Exercise 6.1 (hidden): the loss", after: "6.1"))
  #expect(!isNamed("Exercise 6.10: later", after: "6.1") && !isNamed("Exercise 6.1x", after: "6.1"))
  let filter = try Regex(testFilter(of: "6.1"))
  #expect("Exercise 6.1: a".contains(filter) && "Exercise 6.1 (hidden): b".contains(filter))
  #expect(!"Exercise 6.10: c".contains(filter) && !"Exercise 601: d".contains(filter))
}
