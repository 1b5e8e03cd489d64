// Running one exercise's tests in a process of their own, and reading what happened from
// Swift Testing's event stream (one JSON record per line, schema version 0). One process
// per exercise: a trap, an infinite loop or a crash costs that exercise only.

import Foundation

/// What became of one test.
public enum TestStatus: String, Codable, Sendable {
  case passed
  case failed
  /// Its exercise's stub ran: the student has not written it yet.
  case notAttempted = "not attempted"
  /// The test process died (a trap, a signal) before the test ended.
  case crashed
  case timedOut = "timed out"
  /// The test never ran: not in the build, or skipped.
  case notRun = "not run"
}

/// One test's outcome, with a one-line reason when it did not pass and what it printed.
public struct TestOutcome: Equatable, Sendable {
  public var status: TestStatus
  public var reason: String
  public var output: String
}

/// How to run the test binary of a built package.
public struct TestCommand: Sendable {
  /// The package root.
  public var root: URL
  /// swift's build flags, as `make test` passes them.
  public var buildFlags: [String]
  /// Seconds an exercise may run before it is stopped.
  public var timeout: Double

  public init(root: URL, buildFlags: [String], timeout: Double) {
    self.root = root
    self.buildFlags = buildFlags
    self.timeout = timeout
  }

  /// The test executable SwiftPM built (Linux: `<bin>/ModernRecSysPackageTests.xctest`, a
  /// program). Nil where the tests are a bundle that only `swift test` can load (macOS).
  public func testExecutable() -> URL? {
    guard
      let bin = try? run(
        ["swift", "build"] + buildFlags + ["--show-bin-path"], in: root, timeout: 120
      ).output.trimmingCharacters(in: .whitespacesAndNewlines)
        .split(separator: "\n").last.map(String.init)
    else { return nil }
    let candidates = (try? FileManager.default.contentsOfDirectory(atPath: bin)) ?? []
    for name in candidates where name.hasSuffix("PackageTests.xctest") {
      let path = bin + "/" + name
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        !isDirectory.boolValue, FileManager.default.isExecutableFile(atPath: path)
      {
        return URL(fileURLWithPath: path)
      }
    }
    return nil
  }
}

/// Runs the tests of `exercise` ("3.2") and returns each test's outcome, keyed by display
/// name. `tests` are the ones the catalogue expects; any it expects and the run did not
/// report are `notRun` (or `crashed`, when the process died first).
public func runTests(
  of exercise: String, expecting tests: [ExerciseTest], with command: TestCommand,
  executable: URL?
) throws -> [String: TestOutcome] {
  let scratch = try makeScratchDirectory()
  defer { try? FileManager.default.removeItem(at: scratch) }
  let events = scratch.appendingPathComponent("events.jsonl")
  let filter = testFilter(of: exercise)
  guard let executable else {
    return try runWithSwiftTest(filter: filter, exercise: exercise, tests: tests, command)
  }
  let result = try run(
    [
      executable.path, "--testing-library", "swift-testing", "--filter", filter,
      "--event-stream-output-path", events.path, "--event-stream-version", "0",
    ], in: command.root, timeout: command.timeout, environment: ["NO_COLOR": "1"])
  let stream = (try? String(contentsOf: events, encoding: .utf8)) ?? ""
  return outcomes(
    events: stream, output: result.output, exercise: exercise, expecting: tests,
    ending: result.ending, timeout: command.timeout)
}

/// Reads an event stream into outcomes. Separate from the process, so tests feed it
/// recorded streams.
public func outcomes(
  events: String, output: String, exercise: String, expecting tests: [ExerciseTest],
  ending: ProcessEnding, timeout: Double
) -> [String: TestOutcome] {
  var nameOf: [String: String] = [:]
  var started: Set<String> = []
  var ended: Set<String> = []
  var skipped: [String: String] = [:]
  var failures: [String: [String]] = [:]
  var knownIssues: Set<String> = []
  for line in events.split(separator: "\n") {
    guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
      let payload = record["payload"] as? [String: Any]
    else { continue }
    if record["kind"] as? String == "test" {
      if let id = payload["id"] as? String {
        nameOf[id] = (payload["displayName"] as? String) ?? (payload["name"] as? String)
      }
      continue
    }
    guard let id = payload["testID"] as? String, let name = nameOf[id] else { continue }
    let messages = (payload["messages"] as? [[String: Any]]) ?? []
    switch payload["kind"] as? String {
    case "testStarted": started.insert(name)
    case "testEnded": ended.insert(name)
    case "testSkipped":
      skipped[name] = messages.compactMap { $0["text"] as? String }.joined(separator: " ")
    case "issueRecorded":
      let issue = payload["issue"] as? [String: Any]
      if issue?["isKnown"] as? Bool == true {
        knownIssues.insert(name)
      } else {
        let text = messages.compactMap { $0["text"] as? String }.joined(separator: " — ")
        failures[name, default: []].append(text)
      }
    default: break
    }
  }
  let stubRan = output.contains("not attempted: Exercise \(exercise)")
  var result: [String: TestOutcome] = [:]
  for test in tests {
    let name = test.name
    let outcome: TestOutcome
    if ended.contains(name) {
      if let failure = failures[name]?.first {
        outcome = TestOutcome(status: .failed, reason: oneLine(failure), output: output)
      } else if knownIssues.contains(name) && stubRan {
        outcome = TestOutcome(
          status: .notAttempted, reason: "its stub ran: Exercise \(exercise) is not written yet",
          output: output)
      } else {
        outcome = TestOutcome(status: .passed, reason: "", output: output)
      }
    } else if let reason = skipped[name] {
      outcome = TestOutcome(status: .notRun, reason: oneLine("skipped: " + reason), output: output)
    } else {
      switch ending {
      case .timedOut:
        outcome = TestOutcome(
          status: .timedOut, reason: "stopped after \(Int(timeout)) s (an endless loop?)",
          output: output)
      case .signal(let number):
        outcome = TestOutcome(
          status: .crashed,
          reason: started.contains(name)
            ? "the test process crashed (signal \(number)): \(crashLine(in: output))"
            : "not run: the test process crashed (signal \(number)) before it",
          output: output)
      case .exit(let code) where code != 0 && started.contains(name):
        outcome = TestOutcome(
          status: .crashed,
          reason: "the test process stopped (exit \(code)): \(crashLine(in: output))",
          output: output)
      case .exit:
        outcome = TestOutcome(
          status: .notRun, reason: "not found in the build (is the test file compiled?)",
          output: output)
      }
    }
    result[name] = outcome
  }
  return result
}

/// Without a test executable (macOS, where tests are a bundle): `swift test --filter`, read
/// from its exit status and output. Coarser: every test of the exercise gets the same
/// status.
func runWithSwiftTest(
  filter: String, exercise: String, tests: [ExerciseTest], _ command: TestCommand
) throws -> [String: TestOutcome] {
  let result = try run(
    ["swift", "test"] + command.buildFlags + ["--skip-build", "--filter", filter],
    in: command.root, timeout: command.timeout, environment: ["NO_COLOR": "1"])
  let outcome: TestOutcome
  switch result.ending {
  case .exit(0) where result.output.contains("not attempted: Exercise \(exercise)"):
    outcome = TestOutcome(status: .notAttempted, reason: "its stub ran", output: result.output)
  case .exit(0):
    outcome = TestOutcome(status: .passed, reason: "", output: result.output)
  case .exit:
    let failure = result.output.split(separator: "\n").first {
      $0.contains("✘") || $0.contains("failed")
    }
    outcome = TestOutcome(
      status: .failed, reason: oneLine(failure.map(String.init) ?? "a test failed"),
      output: result.output)
  case .signal(let number):
    outcome = TestOutcome(status: .crashed, reason: "signal \(number)", output: result.output)
  case .timedOut:
    outcome = TestOutcome(
      status: .timedOut, reason: "stopped after \(Int(command.timeout)) s", output: result.output)
  }
  return Dictionary(uniqueKeysWithValues: tests.map { ($0.name, outcome) })
}

/// The line of a crash's output that says what happened ("Fatal error: Index out of range").
func crashLine(in output: String) -> String {
  let lines = output.split(separator: "\n").map(String.init)
  let telling = lines.last {
    $0.contains("Fatal error") || $0.contains("fatal error") || $0.contains("Precondition failed")
      || $0.contains("Assertion failed")
  }
  return oneLine(telling ?? lines.last ?? "no output")
}

/// The first line, at most 200 characters.
func oneLine(_ text: String) -> String {
  let first = text.split(separator: "\n").first.map(String.init) ?? ""
  return first.count > 200 ? String(first.prefix(197)) + "..." : first
}

// MARK: - Processes

/// How a process ended.
public enum ProcessEnding: Equatable, Sendable {
  case exit(Int32)
  case signal(Int32)
  case timedOut
}

/// Runs `arguments` (the first found on PATH) in `folder`, its output and errors together,
/// stopping it after `timeout` seconds.
public func run(
  _ arguments: [String], in folder: URL, timeout: Double, environment: [String: String] = [:]
) throws -> (output: String, ending: ProcessEnding) {
  let scratch = try makeScratchDirectory()
  defer { try? FileManager.default.removeItem(at: scratch) }
  let log = scratch.appendingPathComponent("output.txt")
  _ = FileManager.default.createFile(atPath: log.path, contents: nil)
  let handle = try FileHandle(forWritingTo: log)
  defer { try? handle.close() }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = arguments
  process.currentDirectoryURL = folder
  process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  process.standardOutput = handle
  process.standardError = handle
  process.standardInput = FileHandle.nullDevice
  try process.run()
  let deadline = Date().addingTimeInterval(timeout)
  var timedOut = false
  while process.isRunning {
    if Date() > deadline {
      timedOut = true
      process.terminate()
      Thread.sleep(forTimeInterval: 2)
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
      break
    }
    Thread.sleep(forTimeInterval: 0.02)
  }
  process.waitUntilExit()
  let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
  if timedOut { return (output, .timedOut) }
  switch process.terminationReason {
  case .uncaughtSignal: return (output, .signal(process.terminationStatus))
  default: return (output, .exit(process.terminationStatus))
  }
}

/// A fresh folder in the temporary directory; the caller removes it.
func makeScratchDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("modernrecsys-grade-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
