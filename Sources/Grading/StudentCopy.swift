// `make student`: the reference repository, as a student receives it. Everything a
// reader has (texts, committed figures, chapters, the two README commands) is there; the
// solutions are stubs, the hidden tests and the instructor's guide are not.

import Foundation

/// What an assignment records about itself, in the student copy's `.course/assignment.json`:
/// which chapters `make grade` grades there, and where it came from.
public struct Assignment: Codable, Equatable, Sendable {
  /// "3", "4"; empty for the whole book.
  public var chapters: [String]
  /// The reference commit it was made from.
  public var commit: String

  public static let path = ".course/assignment.json"

  public init(chapters: [String], commit: String) {
    self.chapters = chapters
    self.commit = commit
  }

  /// The assignment of the repository at `root`, if it is a student copy.
  public static func read(in root: URL) -> Assignment? {
    let url = root.appendingPathComponent(path)
    guard let data = try? Data(contentsOf: url) else { return nil }
    return try? JSONDecoder().decode(Assignment.self, from: data)
  }
}

/// Files of the reference that a student copy leaves out: the answer keys.
public let instructorOnly = ["Instructors/", "INSTRUCTORS.md"]

/// What `makeStudentCopy` did.
public struct StudentCopySummary: Sendable {
  public var files: Int
  /// "Exercise 3.2", … in file order.
  public var stubs: [String]
  public var hiddenRegions: Int
  public var visibleTests: [ExerciseTest]
}

/// Writes the student copy of the repository at `root` into `destination` (which must not
/// exist yet): its tracked files, each solution region replaced by its stub, hidden tests
/// and the instructor's files left out, `.course/assignment.json`, a GitHub Classroom
/// workflow for `chapters` (all when empty), and a first commit. It is written beside
/// `destination` and renamed into place at the end, so a failure leaves nothing behind.
public func makeStudentCopy(
  of root: URL, into destination: URL, chapters: [String]
) throws -> StudentCopySummary {
  guard !FileManager.default.fileExists(atPath: destination.path) else {
    throw GradingError("\(destination.path) already exists; give a new folder")
  }
  let files = try trackedFiles(in: root)
  let staging = destination.deletingLastPathComponent()
    .appendingPathComponent(".\(destination.lastPathComponent).partial-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
  var finished = false
  defer { if !finished { try? FileManager.default.removeItem(at: staging) } }

  var stubs: [String] = []
  var hiddenRegions = 0
  var count = 0
  for file in files where !instructorOnly.contains(where: { file.hasPrefix($0) }) {
    let source = root.appendingPathComponent(file)
    let target = staging.appendingPathComponent(file)
    try FileManager.default.createDirectory(
      at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    if file.hasSuffix(".swift") {
      let stripped = try studentVersion(
        of: String(contentsOf: source, encoding: .utf8), file: file)
      stubs += stripped.stubs
      hiddenRegions += stripped.hiddenRegions
      try stripped.text.write(to: target, atomically: false, encoding: .utf8)
    } else {
      try FileManager.default.copyItem(at: source, to: target)
    }
    count += 1
  }
  let visible = try exerciseTests(
    inFolder: staging.appendingPathComponent("Tests/ExercisesTests"), root: staging)
  let assigned = visible.filter { chapters.isEmpty || chapters.contains($0.chapter) }
  let commit =
    (try? git(["rev-parse", "--short", "HEAD"], in: root))?
    .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown"
  try writeJSON(
    Assignment(chapters: chapters, commit: commit),
    to: staging.appendingPathComponent(Assignment.path))
  let workflow = staging.appendingPathComponent(".github/workflows/classroom.yml")
  try FileManager.default.createDirectory(
    at: workflow.deletingLastPathComponent(), withIntermediateDirectories: true)
  try classroomWorkflow(for: assigned).write(to: workflow, atomically: false, encoding: .utf8)

  _ = try git(["init", "-q"], in: staging)
  _ = try git(["add", "-A"], in: staging)
  let title = chapters.isEmpty ? "the whole book" : "chapter " + chapters.joined(separator: ", ")
  _ = try git(
    [
      "-c", "user.name=ModernRecSys course", "-c", "user.email=course@modernrecsys.invalid",
      "commit", "-q", "-m", "Assignment: \(title) (from \(commit))",
    ], in: staging)
  try FileManager.default.moveItem(at: staging, to: destination)
  finished = true
  return StudentCopySummary(
    files: count, stubs: stubs, hiddenRegions: hiddenRegions, visibleTests: assigned)
}

/// GitHub Classroom's autograding workflow: one command-grader step per visible test,
/// worth its points, each running just that test (`make check T=3.2/1`: exit 0 only when it
/// passes), then the reporter that sums them.
public func classroomWorkflow(for tests: [ExerciseTest]) -> String {
  var ids: [String] = []
  var steps: [String] = []
  var ordinal: [String: Int] = [:]
  for test in tests {
    ordinal[test.exercise, default: 0] += 1
    let id =
      "exercise-\(test.exercise.replacingOccurrences(of: ".", with: "-"))-\(ordinal[test.exercise]!)"
    ids.append(id)
    steps.append(
      """
            - name: \(yamlQuoted(test.name))
              id: \(id)
              uses: classroom-resources/autograding-command-grader@v1
              with:
                test-name: \(yamlQuoted(test.name))
                command: make check T=\(test.exercise)/\(ordinal[test.exercise]!)
                timeout: 10
                max-score: \(test.points)
      """)
  }
  let results = ids.map { "\($0.uppercased())_RESULTS: \"${{ steps.\($0).outputs.result }}\"" }
  return """
    # GitHub Classroom autograding, written by `make student`: each step runs one visible
    # test of the assignment and scores its points when it passes. `make grade` in the
    # repository shows the same grades as a table.
    name: Autograding Tests
    on: [push, repository_dispatch]
    permissions:
      checks: write
      actions: read
      contents: read
    jobs:
      run-autograding-tests:
        runs-on: ubuntu-22.04
        if: github.actor != 'github-classroom[bot]'
        steps:
          - name: Checkout code
            uses: actions/checkout@v4
          - name: Swift
            uses: swift-actions/setup-swift@v2
            with:
              swift-version: "6.3"
          - name: Build (system packages, then the tests, optimised as make test builds them)
            run: make deps build-tests
    \(steps.joined(separator: "\n"))
          - name: Autograding Reporter
            uses: classroom-resources/autograding-grading-reporter@v1
            env:
    \(results.map { "          " + $0 }.joined(separator: "\n"))
            with:
              runners: \(ids.joined(separator: ","))

    """
}

func yamlQuoted(_ text: String) -> String {
  "\""
    + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    + "\""
}

// MARK: - Files

/// A failure that stops grading or copying, with what to do about it.
public struct GradingError: Error, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// The repository's tracked files, relative to `root`.
public func trackedFiles(in root: URL) throws -> [String] {
  let output = try git(["ls-files", "-z"], in: root)
  return output.split(separator: "\0").map(String.init).filter {
    FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path)
  }
}

/// Runs git in `folder` and returns its output; throws with git's message when it fails.
@discardableResult
public func git(_ arguments: [String], in folder: URL) throws -> String {
  let result = try run(["git"] + arguments, in: folder, timeout: 120)
  guard result.ending == .exit(0) else {
    throw GradingError(
      "git \(arguments.joined(separator: " ")) failed in \(folder.path): \(result.output)")
  }
  return result.output
}

func writeJSON<T: Encodable>(_ value: T, to url: URL) throws {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
  try FileManager.default.createDirectory(
    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
  try encoder.encode(value).write(to: url)
}
