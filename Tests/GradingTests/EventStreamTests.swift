import Foundation
import Testing

@testable import Grading

// Swift Testing's event stream (schema version 0), as the grader reads it: one JSON record
// per line, test records first, then events naming tests by id.

func record(test id: String, name: String) -> String {
  #"{"kind":"test","payload":{"displayName":"\#(name)","id":"\#(id)","kind":"function","name":"f()","isParameterized":false},"version":0}"#
}

func event(_ kind: String, _ id: String, known: Bool? = nil, text: String = "") -> String {
  let issue =
    known.map { #","issue":{"isKnown":\#($0),"isFailure":true,"severity":"error"}"# } ?? ""
  return
    #"{"kind":"event","payload":{"kind":"\#(kind)","testID":"\#(id)"\#(issue),"messages":[{"symbol":"fail","text":"\#(text)"}]},"version":0}"#
}

let tests = [
  exerciseTest("3.2", "a", points: 1), exerciseTest("3.2", "b", points: 2),
  exerciseTest("3.2", "c", points: 1),
]

@Test func `passes, failures and unfinished exercises are told apart`() {
  let stream = [
    record(test: "A", name: tests[0].name), record(test: "B", name: tests[1].name),
    record(test: "C", name: tests[2].name),
    event("testStarted", "A"), event("testEnded", "A"),
    event("testStarted", "B"),
    event("issueRecorded", "B", known: false, text: "Expectation failed: 3 == 4\\nmore"),
    event("testEnded", "B"),
    event("testStarted", "C"), event("issueRecorded", "C", known: true, text: "known"),
    event("testEnded", "C"),
  ].joined(separator: "\n")
  let result = outcomes(
    events: stream, output: "not attempted: Exercise 3.2\n", exercise: "3.2", expecting: tests,
    ending: .exit(0), timeout: 10)
  #expect(result[tests[0].name]?.status == .passed)
  #expect(result[tests[1].name]?.status == .failed)
  #expect(result[tests[1].name]?.reason == "Expectation failed: 3 == 4")
  #expect(result[tests[2].name]?.status == .notAttempted)
  // A known issue without the stub's marker is not "not attempted": the test passed.
  let noStub = outcomes(
    events: stream, output: "", exercise: "3.2", expecting: tests, ending: .exit(0), timeout: 10)
  #expect(noStub[tests[2].name]?.status == .passed)
}

@Test func `a crash costs the test that was running and the ones after it`() {
  let stream = [
    record(test: "A", name: tests[0].name), record(test: "B", name: tests[1].name),
    record(test: "C", name: tests[2].name),
    event("testStarted", "A"), event("testEnded", "A"), event("testStarted", "B"),
  ].joined(separator: "\n")
  let output = "…\nFatal error: Index out of range\n"
  let crashed = outcomes(
    events: stream, output: output, exercise: "3.2", expecting: tests, ending: .signal(4),
    timeout: 10)
  #expect(crashed[tests[0].name]?.status == .passed)
  #expect(crashed[tests[1].name]?.status == .crashed)
  #expect(crashed[tests[1].name]?.reason.contains("Fatal error: Index out of range") == true)
  #expect(crashed[tests[2].name]?.status == .crashed)
  let stopped = outcomes(
    events: stream, output: "", exercise: "3.2", expecting: tests, ending: .timedOut, timeout: 10)
  #expect(stopped[tests[1].name]?.status == .timedOut)
  // A test the build does not have (a hidden test graded against an old build): not run.
  let missing = outcomes(
    events: "", output: "", exercise: "3.2", expecting: tests, ending: .exit(0), timeout: 10)
  #expect(missing.values.allSatisfy { $0.status == .notRun })
}

@Test func `a process that runs too long is stopped`() throws {
  let start = Date()
  let result = try run(["sleep", "30"], in: URL(fileURLWithPath: "/"), timeout: 0.5)
  #expect(result.ending == .timedOut)
  #expect(Date().timeIntervalSince(start) < 10)
  let echo = try run(["sh", "-c", "echo hi; exit 3"], in: URL(fileURLWithPath: "/"), timeout: 10)
  #expect(echo.ending == .exit(3) && echo.output == "hi\n")
}
