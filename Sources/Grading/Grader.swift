// `make grade`: build, then run each exercise's tests in a process of its own, and report.
// In a student copy (or the reference) it grades the repository in place; with a
// submission, it grades the submitted exercise files against the reference's tests,
// hidden ones included, in a workspace beside the reference.

import Foundation

/// Where and how to grade.
public struct GradingPlan: Sendable {
  /// The package to build and test.
  public var root: URL
  /// The chapters to grade ("3"); empty for all.
  public var chapters: [String]
  /// One exercise only ("3.2"), and optionally its n-th test (1-based).
  public var exercise: String?
  public var testIndex: Int?
  public var buildFlags: [String]
  public var timeout: Double
  /// Build before grading (off when the caller just built).
  public var build: Bool

  public init(
    root: URL, chapters: [String], exercise: String? = nil, testIndex: Int? = nil,
    buildFlags: [String], timeout: Double, build: Bool = true
  ) {
    self.root = root
    self.chapters = chapters
    self.exercise = exercise
    self.testIndex = testIndex
    self.buildFlags = buildFlags
    self.timeout = timeout
    self.build = build
  }
}

/// Grades `plan.root`. `log` receives progress lines. A build that fails is a grade (every
/// test failed, with the compiler's first error as the reason), not an error; errors are
/// kept for what stops grading altogether (no tests to read, no swift).
public func grade(_ plan: GradingPlan, log: (String) -> Void) throws -> GradeReport {
  var tests = try exerciseTests(
    inFolder: plan.root.appendingPathComponent("Tests/ExercisesTests"), root: plan.root)
  if !plan.chapters.isEmpty { tests = tests.filter { plan.chapters.contains($0.chapter) } }
  if let exercise = plan.exercise {
    tests = tests.filter { $0.exercise == exercise }
    if let index = plan.testIndex {
      guard index >= 1, index <= tests.count else {
        throw GradingError("exercise \(exercise) has \(tests.count) tests; no test \(index)")
      }
      tests = [tests[index - 1]]
    }
    guard !tests.isEmpty else { throw GradingError("no tests for exercise \(exercise)") }
  }
  guard !tests.isEmpty else {
    throw GradingError("no exercise tests found under Tests/ExercisesTests")
  }

  let command = TestCommand(root: plan.root, buildFlags: plan.buildFlags, timeout: plan.timeout)
  var buildFailure: String? = nil
  if plan.build {
    log(
      "==> building the tests (swift build \(plan.buildFlags.joined(separator: " ")) --build-tests)"
    )
    let result = try run(
      ["swift", "build"] + plan.buildFlags + ["--build-tests"], in: plan.root, timeout: 3600)
    if result.ending != .exit(0) {
      let errors = result.output.split(separator: "\n").filter { $0.contains("error:") }
      errors.prefix(20).forEach { log(String($0)) }
      buildFailure = "does not compile: " + (errors.first.map(String.init) ?? "swift build failed")
    }
  }
  let executable = buildFailure == nil ? command.testExecutable() : nil
  let exercises = Dictionary(grouping: tests, by: \.exercise)
  var grades: [ExerciseGrade] = []
  for exercise in exercises.keys.sorted(by: exerciseOrder) {
    let expected = exercises[exercise]!
    let outcomes: [String: TestOutcome]
    if let buildFailure {
      outcomes = Dictionary(
        uniqueKeysWithValues: expected.map {
          ($0.name, TestOutcome(status: .failed, reason: oneLine(buildFailure), output: ""))
        })
    } else {
      outcomes = try runTests(
        of: exercise, expecting: expected, with: command, executable: executable)
    }
    let grade = ExerciseGrade(
      exercise: exercise,
      tests: expected.map { TestGrade(test: $0, outcome: outcomes[$0.name]!) })
    log("  \(exercise): \(grade.earned)/\(grade.points) \(grade.status.rawValue)")
    grades.append(grade)
  }
  return GradeReport(exercises: grades)
}

// MARK: - Grading a submission

/// Prepares `workspace` to grade a submission: the reference's tracked files (copied only
/// when they differ, so a second grading rebuilds only what changed), then the submission's
/// exercise files (`Sources/Exercises/ChapterN.swift`, from a student copy or from a folder
/// holding those files) over the reference's, and the stubbed version of any it lacks.
/// Returns the files taken from the submission.
public func prepareWorkspace(
  reference: URL, submission: URL, workspace: URL
) throws -> [String] {
  let exercisesFolder = "Sources/Exercises"
  let referenceFiles = try trackedFiles(in: reference)
  let exerciseFiles = referenceFiles.filter {
    $0.hasPrefix(exercisesFolder + "/Chapter") && $0.hasSuffix(".swift")
  }
  // Read the submission first: it may be the workspace itself.
  var submitted: [(String, Data)] = []
  for file in exerciseFiles {
    let name = (file as NSString).lastPathComponent
    let candidates = [
      submission.appendingPathComponent(file), submission.appendingPathComponent(name),
    ]
    if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) {
      submitted.append((file, try Data(contentsOf: found)))
    }
  }
  guard !submitted.isEmpty else {
    throw GradingError(
      "\(submission.path) holds no exercise files (\(exercisesFolder)/ChapterN.swift, or ChapterN.swift at its top)"
    )
  }
  try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
  for file in referenceFiles {
    try copyIfDifferent(
      reference.appendingPathComponent(file), to: workspace.appendingPathComponent(file))
  }
  // Sources or tests the reference does not have would be compiled too: remove them.
  let known = Set(referenceFiles)
  for folder in ["Sources", "Tests"] {
    let base = workspace.appendingPathComponent(folder)
    let walker = FileManager.default.enumerator(atPath: base.path)
    while let path = walker?.nextObject() as? String {
      let relative = folder + "/" + path
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(
        atPath: base.appendingPathComponent(path).path, isDirectory: &isDirectory)
      if !isDirectory.boolValue && !known.contains(relative) {
        try FileManager.default.removeItem(at: base.appendingPathComponent(path))
      }
    }
  }
  // An exercise file the submission does not have is the student's starting version (its
  // stubs), never the reference's: a missing file earns nothing, not the solutions.
  let submittedFiles = Set(submitted.map(\.0))
  var overlay = submitted
  for file in exerciseFiles where !submittedFiles.contains(file) {
    let text = try String(contentsOf: reference.appendingPathComponent(file), encoding: .utf8)
    overlay.append((file, Data(try studentVersion(of: text, file: file).text.utf8)))
  }
  for (file, data) in overlay {
    let target = workspace.appendingPathComponent(file)
    if (try? Data(contentsOf: target)) != data { try data.write(to: target) }
  }
  // The real data, for exercise tests that use it.
  let data = reference.appendingPathComponent("Data")
  let linked = workspace.appendingPathComponent("Data")
  if FileManager.default.fileExists(atPath: data.path),
    !FileManager.default.fileExists(atPath: linked.path)
  {
    try? FileManager.default.createSymbolicLink(at: linked, withDestinationURL: data)
  }
  return submitted.map(\.0)
}

/// Copies `source` to `target` unless `target` already has the same bytes (its date then
/// stays, and the build does not redo it).
func copyIfDifferent(_ source: URL, to target: URL) throws {
  let bytes = try Data(contentsOf: source)
  if let existing = try? Data(contentsOf: target), existing == bytes { return }
  try FileManager.default.createDirectory(
    at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
  try bytes.write(to: target)
  if FileManager.default.isExecutableFile(atPath: source.path) {
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: target.path)
  }
}
