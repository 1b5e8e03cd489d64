import Foundation
import Testing

@testable import Grading

#if canImport(FoundationXML)
  import FoundationXML
#endif

func exerciseTest(_ exercise: String, _ name: String, points: Int, hidden: Bool = false)
  -> ExerciseTest
{
  ExerciseTest(
    exercise: exercise, name: "Exercise \(exercise): \(name)", points: points, hidden: hidden,
    location: "T.swift:1")
}

func graded(_ test: ExerciseTest, _ status: TestStatus, _ reason: String = "") -> TestGrade {
  TestGrade(test: test, outcome: TestOutcome(status: status, reason: reason, output: ""))
}

/// Chapter 3: 3.1 passed (2), 3.2 half done (1 of 3, one hidden test), 3.3 not attempted;
/// Chapter 4: 4.1 crashed.
let sample = GradeReport(exercises: [
  ExerciseGrade(exercise: "3.1", tests: [graded(exerciseTest("3.1", "loss", points: 2), .passed)]),
  ExerciseGrade(
    exercise: "3.2",
    tests: [
      graded(exerciseTest("3.2", "sizes", points: 1), .passed),
      graded(
        exerciseTest("3.2", "hidden sizes", points: 2, hidden: true), .failed,
        "Expectation failed: 3 == 4"),
    ]),
  ExerciseGrade(
    exercise: "3.3",
    tests: [graded(exerciseTest("3.3", "alpha", points: 1), .notAttempted, "its stub ran")]
  ),
  ExerciseGrade(
    exercise: "4.1",
    tests: [
      graded(exerciseTest("4.1", "hash", points: 2), .crashed, "Fatal error: Index out of range")
    ]),
])

@Test func `points are summed per exercise, with partial credit`() {
  #expect(sample.points == 8 && sample.earned == 3)
  #expect(sample.exercises.map(\.earned) == [2, 1, 0, 0])
  #expect(sample.exercises.map(\.status) == [.passed, .failed, .notAttempted, .crashed])
  #expect(sample.exercises[1].reason == "Expectation failed: 3 == 4")
}

@Test func `the table has a block per chapter and a total`() {
  let table = sample.table()
  #expect(table.contains("Chapter 3") && table.contains("Chapter 4"))
  #expect(table.contains("  3.2              3       1  failed         Expectation failed: 3 == 4"))
  #expect(table.contains("not attempted"))
  #expect(
    table.hasSuffix(
      "Total: 3 of 8 points (4 exercises: 1 passed, 1 failed, 1 not attempted, 1 crashed)"))
}

@Test func `Gradescope's results have the documented fields`() throws {
  let json = try #require(
    try JSONSerialization.jsonObject(with: sample.gradescopeJSON()) as? [String: Any])
  #expect(json["score"] as? Int == 3)
  let tests = try #require(json["tests"] as? [[String: Any]])
  #expect(tests.count == 5)
  for entry in tests {
    for field in ["name", "number", "score", "max_score", "status", "output", "visibility"] {
      #expect(entry[field] != nil, "\(field) missing")
    }
  }
  #expect(tests[2]["visibility"] as? String == "after_published")
  #expect(tests[2]["status"] as? String == "failed" && tests[2]["score"] as? Int == 0)
  #expect(tests[0]["status"] as? String == "passed" && tests[0]["max_score"] as? Int == 2)
}

@Test func `the JUnit XML parses and counts failures, errors and skips`() throws {
  let xml = sample.junitXML()
  final class Counter: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]
    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) { elements[name, default: 0] += 1 }
  }
  let counter = Counter()
  let parser = XMLParser(data: Data(xml.utf8))
  parser.delegate = counter
  #expect(parser.parse())
  #expect(counter.elements["testsuite"] == 2 && counter.elements["testcase"] == 5)
  #expect(counter.elements["failure"] == 1 && counter.elements["error"] == 1)
  #expect(counter.elements["skipped"] == 1)
  #expect(escaped("a<b & \"c\"") == "a&lt;b &amp; &quot;c&quot;")
}

@Test func `the Classroom workflow has one scored step per test and a reporter over them all`() {
  let yaml = classroomWorkflow(for: [
    exerciseTest("3.2", "a", points: 1), exerciseTest("3.2", "b", points: 2),
  ])
  #expect(
    yaml.contains("command: make check T=3.2/1") && yaml.contains("command: make check T=3.2/2"))
  #expect(yaml.contains("max-score: 2"))
  #expect(yaml.contains("EXERCISE-3-2-2_RESULTS: \"${{ steps.exercise-3-2-2.outputs.result }}\""))
  #expect(yaml.contains("runners: exercise-3-2-1,exercise-3-2-2"))
}
