// `course`: the instructor's and the student's side of the exercises. The Makefile's
// `student`, `grade`, `exercise`, `check` and `gradescope` targets call it.

import ArgumentParser
import Foundation
import Grading

#if canImport(FoundationXML)
  import FoundationXML
#endif

@main
struct Course: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "course",
    abstract: "Make student copies of the book's exercises, grade them, report the grades.",
    discussion: """
      Solutions live between `// BEGIN SOLUTION` and `// END SOLUTION` in Sources/Exercises, \
      each followed by a `// STUB:` line; hidden tests between `// BEGIN HIDDEN TESTS` and \
      `// END HIDDEN TESTS` in Tests/ExercisesTests; points in each test's \
      `.exercise("N.M", points: P)` trait. INSTRUCTORS.md walks through an assignment.
      """,
    subcommands: [Student.self, Grade.self, Autograder.self, Verify.self])
}

/// The flags `make test` builds with: the grader builds and runs the same binary.
let testBuildFlags = [
  "-c", "release", "-Xswiftc", "-enable-testing", "--scratch-path", ".build-test",
]

/// The repository the command runs in (the current folder).
func repositoryRoot() throws -> URL {
  let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  guard FileManager.default.fileExists(atPath: here.appendingPathComponent("Package.swift").path)
  else { throw GradingError("run course from the repository's root (where Package.swift is)") }
  return here
}

/// Prints a line and flushes it at once, also into a pipe or a log (make test's output), so
/// a long grading shows its progress as it goes.
func say(_ text: String) {
  print(text)
  fflush(nil)
}

/// "3,4" or "3 4" → ["3", "4"].
func chapterList(_ text: String?) -> [String] {
  (text ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
}

// MARK: - student

struct Student: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a student copy of this repository (make student DEST=… [CHAPTERS=3]).",
    discussion: """
      Every solution becomes `// YOUR CODE HERE` and its stub, which reports "not attempted" \
      instead of trapping; hidden tests, Instructors/ and INSTRUCTORS.md are left out. All \
      chapters' solutions are removed; --chapters says which ones this assignment grades \
      (make grade and the GitHub Classroom workflow grade those only).
      """)

  @Option(help: "The folder to create (it must not exist).")
  var dest: String

  @Option(help: "The chapters assigned, e.g. 3 or 3,4 (default: the whole book).")
  var chapters: String?

  func run() throws {
    let root = try repositoryRoot()
    let destination = URL(fileURLWithPath: dest, relativeTo: root).standardizedFileURL
    let summary = try makeStudentCopy(
      of: root, into: destination, chapters: chapterList(chapters))
    let points = summary.visibleTests.reduce(0) { $0 + $1.points }
    let exercises = Set(summary.visibleTests.map(\.exercise)).count
    say(
      """
      ==> student copy in \(destination.path): \(summary.files) files, \(summary.stubs.count) \
      solutions replaced by stubs, \(summary.hiddenRegions) hidden-test regions left out
      ==> graded there: \(exercises) exercises, \(points) points in visible tests \
      (.github/workflows/classroom.yml runs them on GitHub Classroom)
      """)
  }
}

// MARK: - grade

struct Grade: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Grade the exercises, one exercise per test process (make grade).",
    discussion: """
      Without --submission, grades this repository as it is (a student copy, or the \
      reference). With --submission DIR, grades the exercise files of DIR (a student's \
      repository, or a folder of ChapterN.swift files) against this repository's tests, \
      hidden ones included, in a workspace kept between gradings. Prints a table per \
      chapter; exits non-zero only when it cannot grade (or with --require-pass, when a \
      graded test did not pass).
      """)

  @Option(help: "A student's repository or folder of ChapterN.swift files to grade.")
  var submission: String?

  @Option(help: "Where a submission is built and graded (default: .build-grade/workspace).")
  var workspace: String?

  @Option(help: "Chapters to grade, e.g. 3 or 3,4 (default: the assignment's, or all).")
  var chapters: String?

  @Option(help: "One exercise, e.g. 3.2.")
  var exercise: String?

  @Option(help: "With --exercise: its n-th test only (1-based), as GitHub Classroom runs them.")
  var test: Int?

  @Option(help: "Also write Gradescope's results.json here.")
  var gradescope: String?

  @Option(help: "Also write JUnit XML here.")
  var junit: String?

  @Option(help: "Seconds one exercise's tests may run before they are stopped.")
  var timeout: Double = 300

  @Flag(help: "Do not build first (the tests are built already).")
  var noBuild = false

  @Flag(help: "Exit with status 1 unless every graded test passed (make exercise, make check).")
  var requirePass = false

  @Flag(help: "Print only the table's total line.")
  var quiet = false

  func run() throws {
    let root = try repositoryRoot()
    var target = root
    if let submission {
      let folder = URL(fileURLWithPath: submission, relativeTo: root).standardizedFileURL
      let space = URL(
        fileURLWithPath: workspace ?? ".build-grade/workspace", relativeTo: root
      ).standardizedFileURL
      let taken = try prepareWorkspace(reference: root, submission: folder, workspace: space)
      say("==> grading \(folder.path) in \(space.path): \(taken.joined(separator: ", "))")
      target = space
    }
    let assigned = Assignment.read(in: target)?.chapters ?? []
    let plan = GradingPlan(
      root: target, chapters: chapters.map { chapterList($0) } ?? assigned, exercise: exercise,
      testIndex: test, buildFlags: testBuildFlags, timeout: timeout, build: !noBuild)
    let report = try grade(plan) { if !quiet { say($0) } }
    let table = report.table()
    say(quiet ? String(table.split(separator: "\n").last ?? "") : "\n" + table)
    if let gradescope {
      try write(report.gradescopeJSON(), to: gradescope, root: root)
    }
    if let junit {
      try write(Data(report.junitXML().utf8), to: junit, root: root)
    }
    if requirePass && report.earned < report.points { throw ExitCode(1) }
  }

  func write(_ data: Data, to path: String, root: URL) throws {
    let url = URL(fileURLWithPath: path, relativeTo: root).standardizedFileURL
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url, options: .atomic)
    say("==> wrote \(url.path)")
  }
}

// MARK: - autograder

struct Autograder: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build Gradescope's autograder zip (make gradescope).",
    discussion: """
      The zip holds setup.sh (system packages, the Swift toolchain, one build of the \
      reference), run_autograder (grades /autograder/submission with the hidden tests and \
      writes /autograder/results/results.json) and the reference's tracked files in source/.
      """)

  @Option(help: "The zip to write.")
  var output = "autograder.zip"

  @Option(help: "Chapters to grade (default: all).")
  var chapters: String?

  func run() throws {
    let root = try repositoryRoot()
    let zip = URL(fileURLWithPath: output, relativeTo: root).standardizedFileURL
    let staging = FileManager.default.temporaryDirectory
      .appendingPathComponent("modernrecsys-autograder-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: staging) }
    for file in try trackedFiles(in: root) {
      let target = staging.appendingPathComponent("source/" + file)
      try FileManager.default.createDirectory(
        at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      try FileManager.default.copyItem(at: root.appendingPathComponent(file), to: target)
    }
    let chapterOption = chapters.map { " --chapters \($0)" } ?? ""
    try write(gradescopeSetup, to: staging.appendingPathComponent("setup.sh"))
    try write(
      gradescopeRun(chapterOption: chapterOption),
      to: staging.appendingPathComponent("run_autograder"))
    try? FileManager.default.removeItem(at: zip)
    let result = try Grading.run(["zip", "-q", "-r", zip.path, "."], in: staging, timeout: 600)
    guard result.ending == .exit(0) else {
      throw GradingError("zip failed (is zip installed? apt-get install zip): \(result.output)")
    }
    say("==> wrote \(zip.path): upload it as the assignment's autograder on Gradescope")
  }

  func write(_ text: String, to url: URL) throws {
    try text.write(to: url, atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
  }
}

/// Gradescope runs setup.sh once, as root, in its Ubuntu image, when the autograder is built.
let gradescopeSetup = """
  #!/usr/bin/env bash
  # Gradescope: install what the book needs, then build the reference once, so grading a
  # submission rebuilds only its exercise files. AUTOGRADER_ROOT lets you try it locally.
  set -euo pipefail
  root=${AUTOGRADER_ROOT:-/autograder}
  if ! command -v swift >/dev/null; then
    . /etc/os-release
    # The packages swift.org lists for the toolchain: GCC 11's on Ubuntu 22.04, 13's on 24.04.
    gcc=11; [ "${VERSION_ID}" = "24.04" ] && gcc=13
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \\
      curl ca-certificates binutils git gnupg2 libc6-dev libcurl4-openssl-dev libedit2 \\
      libgcc-${gcc}-dev libpython3-dev libsqlite3-0 libstdc++-${gcc}-dev libxml2-dev libz3-dev \\
      pkg-config tzdata unzip zlib1g-dev make zip
    release="swift-6.3.1-RELEASE"
    platform="ubuntu${VERSION_ID}"
    curl -fsSL "https://download.swift.org/swift-6.3.1-release/${platform//./}/${release}/${release}-${platform}.tar.gz" \\
      | tar -xz -C /opt
    ln -sf /opt/${release}-${platform}/usr/bin/* /usr/local/bin/
  fi
  cd "$root/source"
  make deps
  swift build -c release -Xswiftc -enable-testing --scratch-path .build-test --build-tests
  # Grade the reference against itself once: it warms the workspace's build, and it must
  # earn full marks.
  .build-test/release/course grade --submission "$root/source" --workspace "$root/workspace" --quiet

  """

/// Gradescope runs run_autograder for each submission; the submission is in
/// /autograder/submission, the results go to /autograder/results/results.json.
func gradescopeRun(chapterOption: String) -> String {
  """
  #!/usr/bin/env bash
  set -uo pipefail
  root=${AUTOGRADER_ROOT:-/autograder}
  mkdir -p "$root/results"
  cd "$root/source"
  .build-test/release/course grade --submission "$root/submission" --workspace "$root/workspace" \\
    --gradescope "$root/results/results.json"\(chapterOption)

  """
}

// MARK: - verify

struct Verify: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check the whole assignment round trip in a temporary folder (make test runs it).",
    discussion: """
      1. A student copy compiles, its tests pass, and make grade there gives 0 points with \
      every exercise "not attempted" and no crash. 2. With one reference solution put back, \
      it earns exactly that exercise's visible points and nothing else changes. 3. Graded as \
      a submission against the reference (hidden tests included), it earns exactly that \
      exercise's visible and hidden points. 4. The reference itself grades full marks, and \
      its Gradescope JSON and JUnit XML parse with the documented fields.
      """)

  @Option(help: "The exercise whose solution is put back (default: 3.1).")
  var exercise = "3.1"

  @Option(help: "Keep the temporary folder here instead (it must not exist).")
  var keep: String?

  func run() throws {
    let root = try repositoryRoot()
    let scratch =
      keep.map { URL(fileURLWithPath: $0, relativeTo: root).standardizedFileURL }
      ?? FileManager.default.temporaryDirectory.appendingPathComponent(
        "modernrecsys-verify-\(UUID().uuidString)")
    defer { if keep == nil { try? FileManager.default.removeItem(at: scratch) } }
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    var failures: [String] = []
    func check(_ condition: Bool, _ what: String) {
      say((condition ? "  ok    " : "  FAIL  ") + what)
      if !condition { failures.append(what) }
    }
    let all = try exerciseTests(
      inFolder: root.appendingPathComponent("Tests/ExercisesTests"), root: root)
    let chosen = all.filter { $0.exercise == exercise }
    guard !chosen.isEmpty else { throw GradingError("no tests for exercise \(exercise)") }
    let visiblePoints = chosen.filter { !$0.hidden }.reduce(0) { $0 + $1.points }
    let allPoints = chosen.reduce(0) { $0 + $1.points }

    say("==> 1. the student copy")
    let student = scratch.appendingPathComponent("student")
    let summary = try makeStudentCopy(of: root, into: student, chapters: [])
    let leaked = try trackedFiles(in: student).filter { file in
      guard
        let text = try? String(contentsOf: student.appendingPathComponent(file), encoding: .utf8)
      else { return false }
      return text.split(separator: "\n").contains {
        let line = $0.trimmingCharacters(in: .whitespaces)
        return line == "// BEGIN SOLUTION" || line == "// BEGIN HIDDEN TESTS"
      }
    }
    check(leaked.isEmpty, "no solution or hidden-test region left in the copy \(leaked)")
    check(
      !FileManager.default.fileExists(atPath: student.appendingPathComponent("Instructors").path),
      "Instructors/ left out")
    let studentPlan = GradingPlan(
      root: student, chapters: [], buildFlags: testBuildFlags, timeout: 300)
    let fresh = try grade(studentPlan) { say("    " + $0) }
    check(fresh.earned == 0, "a fresh copy earns 0 points (earned \(fresh.earned))")
    let notAttempted = fresh.exercises.filter { $0.status != .notAttempted }
    check(
      notAttempted.isEmpty,
      "every exercise is \"not attempted\" \(notAttempted.map { "\($0.exercise): \($0.status.rawValue) \($0.reason)" })"
    )
    let tests = try Grading.run(
      ["swift", "test"] + testBuildFlags + ["--skip-build"], in: student, timeout: 3600)
    let testSummary =
      tests.output.split(separator: "\n").last { $0.contains("Test run with") } ?? ""
    check(tests.ending == .exit(0), "its make test passes: \(testSummary)")
    if tests.ending != .exit(0) {
      let failing = tests.output.split(separator: "\n").filter { $0.hasPrefix("✘") }
      for line in failing.prefix(12) { say("        " + line.prefix(300)) }
    }
    say("    (\(summary.stubs.count) stubs; \(summary.hiddenRegions) hidden regions left out)")

    say("==> 2. one solution put back: Exercise \(exercise)")
    let file = try restoreSolution(of: exercise, from: root, into: student)
    let one = try grade(studentPlan) { _ in }
    check(
      one.earned == visiblePoints,
      "it earns exactly its visible points (\(one.earned) of \(visiblePoints), from \(file))")
    let others = one.exercises.filter { $0.exercise != exercise && $0.status != .notAttempted }
    check(others.isEmpty, "every other exercise stays not attempted")

    say("==> 3. graded as a submission, hidden tests included")
    // The student copy itself becomes the workspace: its exercise files are read first,
    // then the reference's files (hidden tests included) are synced over the rest. Its
    // build is warm, so only what differs is compiled again.
    let workspace = student
    _ = try prepareWorkspace(reference: root, submission: student, workspace: workspace)
    let submitted = try grade(
      GradingPlan(root: workspace, chapters: [], buildFlags: testBuildFlags, timeout: 300)
    ) { _ in }
    check(
      submitted.earned == allPoints,
      "it earns exactly its visible and hidden points (\(submitted.earned) of \(allPoints))")
    if submitted.earned != allPoints { say(submitted.table()) }

    say("==> 4. the reference")
    let reference = try grade(
      GradingPlan(root: root, chapters: [], buildFlags: testBuildFlags, timeout: 300, build: false)
    ) { _ in }
    check(
      reference.earned == reference.points,
      "full marks (\(reference.earned) of \(reference.points))")
    let json = try JSONSerialization.jsonObject(with: reference.gradescopeJSON()) as? [String: Any]
    let entries = (json?["tests"] as? [[String: Any]]) ?? []
    let fields = ["name", "number", "score", "max_score", "status", "output", "visibility"]
    check(
      json?["score"] as? Int == reference.points && entries.count == all.count
        && entries.allSatisfy { entry in fields.allSatisfy { entry[$0] != nil } },
      "Gradescope JSON: score and \(entries.count) tests with \(fields.joined(separator: ", "))")
    let parser = XMLParser(data: Data(reference.junitXML().utf8))
    check(parser.parse(), "JUnit XML parses")

    if !failures.isEmpty {
      say("course verify: \(failures.count) check(s) failed")
      throw ExitCode(1)
    }
    say("==> the assignment round trip holds")
  }
}

/// Puts the reference's solution of `exercise` back into the student copy's exercise file
/// (the student copy of that file, with that one region kept). Returns the file.
func restoreSolution(of exercise: String, from root: URL, into student: URL) throws -> String {
  let folder = "Sources/Exercises"
  for name in try FileManager.default.contentsOfDirectory(
    atPath: root.appendingPathComponent(folder).path) where name.hasSuffix(".swift")
  {
    let file = folder + "/" + name
    let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
    let stripped = try studentVersion(of: text, file: file)
    guard stripped.stubs.contains("Exercise \(exercise)") else { continue }
    let restored = try studentVersion(of: text, file: file, keeping: ["Exercise \(exercise)"])
    try restored.text.write(
      to: student.appendingPathComponent(file), atomically: false, encoding: .utf8)
    return file
  }
  throw GradingError("no solution region for Exercise \(exercise) in \(folder)")
}
