import Book
import Foundation
import Testing

/// Runs built chapter executables and compares what they write with golden files.
///
/// The executables are found beside the test bundle (`swift test` builds them into the
/// same folder), else in `.build/release` or `.build/debug` of the package.
enum ChapterHarness {
  /// The package root, found from this file's path (`Tests/ChapterTests/…`).
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let goldenDirectory = packageRoot.appendingPathComponent("Tests/ChapterTests/Golden")

  /// The chapters, from the folders `Chapters/NN-slug` that hold a main.swift: what every
  /// test that runs over all chapters iterates, so a new chapter's folder is picked up.
  static let chapters: [Int] = {
    let folder = packageRoot.appendingPathComponent("Chapters")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.sorted().compactMap { name in
      guard name.count > 3, name.dropFirst(2).first == "-", let number = Int(name.prefix(2)),
        FileManager.default.fileExists(
          atPath: folder.appendingPathComponent("\(name)/main.swift").path)
      else { return nil }
      return number
    }
  }()

  /// The figures (`name.svg`) and tables (`name.md`) the committed full run of a chapter
  /// wrote in `Figures/chapter-N`: what every run of it must write.
  static func committedOutputs(chapter: Int) throws -> (figures: [String], tables: [String]) {
    let folder = packageRoot.appendingPathComponent("Figures/chapter-\(chapter)")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    func names(_ suffix: String) -> [String] {
      files.filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }
    }
    return (names(".svg"), names(".md"))
  }

  /// The real MovieLens-100K, when `make data` (or CI) put it there.
  static var realData: URL? {
    let dir = packageRoot.appendingPathComponent("Data/ml-100k")
    return FileManager.default.fileExists(atPath: dir.appendingPathComponent("u.data").path)
      ? dir : nil
  }

  /// Where `chapter-N` was built.
  static func executable(_ name: String) throws -> URL {
    let fm = FileManager.default
    var candidates: [URL] = []
    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var dir = runner.deletingLastPathComponent()
    // macOS runs tests from inside an .xctest bundle: climb out of it.
    while dir.path.contains(".xctest") { dir = dir.deletingLastPathComponent() }
    candidates.append(dir.appendingPathComponent(name))
    for config in ["release", "debug"] {
      candidates.append(packageRoot.appendingPathComponent(".build/\(config)/\(name)"))
    }
    guard let found = candidates.first(where: { fm.isExecutableFile(atPath: $0.path) }) else {
      throw HarnessError(
        "\(name) is not built (looked in \(candidates.map(\.path))); run `swift build` first")
    }
    return found
  }

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs an executable with arguments, collecting its output. It runs in the package root
  /// (where `Data/ml-100k` is), or in `workingDirectory` when given.
  static func run(
    _ name: String, _ arguments: [String], environment: [String: String] = [:],
    in workingDirectory: URL? = nil
  ) throws -> Run {
    let process = Process()
    process.executableURL = try executable(name)
    process.arguments = arguments
    process.currentDirectoryURL = workingDirectory ?? packageRoot
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    // Output goes to files, not pipes: a chatty chapter can never block on a full pipe.
    let logs = try newTemporaryDirectory("logs")
    let outURL = logs.appendingPathComponent("stdout")
    let errURL = logs.appendingPathComponent("stderr")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    defer {
      try? out.close()
      try? err.close()
      try? FileManager.default.removeItem(at: logs)
    }
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    // A trap or crash ends the process by a signal; report it the shell's way (128 + signal)
    // so "exit status 1" can only mean a thrown error, never a trap.
    let status =
      process.terminationReason == .uncaughtSignal
      ? 128 + process.terminationStatus : process.terminationStatus
    return Run(
      status: status,
      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }

  // MARK: - Temporary folders

  /// Calls `body` with a fresh folder in the temporary directory (`$TMPDIR`), named
  /// `modernrecsys-<label>-<UUID>`, and removes it with everything in it when `body`
  /// returns or throws, so a test leaves nothing behind, failed or not.
  static func withTemporaryDirectory<T>(_ label: String, _ body: (URL) throws -> T) throws -> T {
    let dir = try newTemporaryDirectory(label)
    defer { try? FileManager.default.removeItem(at: dir) }
    return try body(dir)
  }

  /// Creates `modernrecsys-<label>-<UUID>` in the temporary directory; the caller removes it
  /// (`withTemporaryDirectory` does).
  private static func newTemporaryDirectory(_ label: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("modernrecsys-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  /// Runs `chapter-N --quick --seed seed --data synthetic --out tmp`, calls `body` with its
  /// results, its output folder and its output, then removes the folder.
  static func quickRun<T>(
    chapter: Int, seed: UInt64 = 7, data: String = "synthetic", extra: [String] = [],
    environment: [String: String] = [:],
    _ body: (_ results: ChapterResults, _ out: URL, _ run: Run) throws -> T
  ) throws -> T {
    try withTemporaryDirectory("chapter-\(chapter)") { out in
      let run = try run(
        "chapter-\(chapter)",
        ["--quick", "--seed", "\(seed)", "--data", data, "--out", out.path] + extra,
        environment: environment)
      guard run.status == 0 else {
        throw HarnessError(
          "chapter-\(chapter) exited \(run.status):\n\(run.stderr)\n\(run.stdout.suffix(2000))")
      }
      let data = try Data(contentsOf: out.appendingPathComponent("results.json"))
      return try body(try ChapterResults.decode(from: data), out, run)
    }
  }

  /// Runs `chapter-N --quick --seed seed --data synthetic` into a temporary folder, removed
  /// before returning, and returns its results and output.
  static func quickRun(
    chapter: Int, seed: UInt64 = 7, data: String = "synthetic", extra: [String] = []
  ) throws -> (results: ChapterResults, run: Run) {
    try quickRun(chapter: chapter, seed: seed, data: data, extra: extra) { results, _, run in
      (results, run)
    }
  }

  // MARK: - Checks every chapter's tests make

  /// The condition of a test that needs MovieLens-100K in `Data/ml-100k`.
  static let needsRealData = ConditionTrait.enabled(
    if: realData != nil, "MovieLens-100K is not in Data/ml-100k (run `make data`)")

  /// A quick run on `Data/ml-100k` (for a test marked `needsRealData`); fails unless the
  /// chapter says it used the real data.
  static func quickRunOnRealData(chapter: Int, seed: UInt64 = 7) throws -> ChapterResults {
    let data = try #require(realData)
    let (results, _) = try quickRun(chapter: chapter, seed: seed, data: data.path)
    try #require(results.data == "ml-100k", "chapter-\(chapter) did not use the real data")
    return results
  }

  /// The committed full run, `Figures/chapter-N/results.json`, whose numbers the text cites,
  /// with its companion runs' under `NAME:` (`ChapterResults.forText`); fails unless it is a
  /// full run on MovieLens-100K.
  static func committedFullRun(chapter: Int) throws -> ChapterResults {
    let results = try ChapterResults.forText(
      chapter: chapter, root: packageRoot, seed: ChapterOptions.defaultSeed)
    try #require(results.mode == .full, "Figures/chapter-\(chapter) must hold a full run")
    try #require(
      results.data == "ml-100k", "Figures/chapter-\(chapter) must come from MovieLens-100K")
    return results
  }

  /// Expects `name.svg` and its script `name.gp` for each of `figures`, and `name.md` for
  /// each of `tables`, in `out`.
  static func expectOutputs(
    in out: URL, figures: [String], tables: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let files = figures.flatMap { ["\($0).svg", "\($0).gp"] } + tables.map { "\($0).md" }
    for file in files {
      #expect(
        FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path),
        "\(file) is missing", sourceLocation: sourceLocation)
    }
  }

  /// Runs `chapter-N --quick` on the dataset folder `data` (written to make it fail) and
  /// expects a clean failure: exit status 1 (a thrown error; a trap is 128 + signal), no
  /// "Fatal error", each of `messages` on stderr, and no results.json written.
  static func expectCleanFailure(
    chapter: Int, data: URL, stderrContains messages: [String],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    try withTemporaryDirectory("chapter-\(chapter)-failure-out") { out in
      let run = try run("chapter-\(chapter)", ["--quick", "--data", data.path, "--out", out.path])
      #expect(
        run.status == 1, "a thrown error exits 1, a trap 128 + signal; got \(run.status)",
        sourceLocation: sourceLocation)
      #expect(!run.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
      for message in messages {
        #expect(
          run.stderr.contains(message), "stderr lacks \"\(message)\": \(run.stderr)",
          sourceLocation: sourceLocation)
      }
      #expect(
        !FileManager.default.fileExists(atPath: out.appendingPathComponent("results.json").path),
        "a failed run wrote results.json", sourceLocation: sourceLocation)
    }
  }

  // MARK: - Golden files

  /// Golden comparisons are exact: a chapter's results are the same bits on every machine
  /// (the engine's own kernels and elementary functions; every kernel path and thread count
  /// computes the same operations in the same order), so any difference is a change.
  static func identical(_ actual: Double, _ golden: Double) -> Bool {
    if actual.isNaN || golden.isNaN { return actual.isNaN && golden.isNaN }
    return actual == golden
  }

  /// Compares a quick run with `Golden/chapter-N.json`, number by number. With
  /// `UPDATE_GOLDEN=1` it writes the golden file instead (review the diff before committing).
  static func compareWithGolden(_ results: ChapterResults, chapter: Int) throws {
    let golden = goldenDirectory.appendingPathComponent("chapter-\(chapter).json")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(
        at: goldenDirectory, withIntermediateDirectories: true)
      try results.jsonData().write(to: golden)
      return
    }
    let expected = try ChapterResults.decode(from: Data(contentsOf: golden))
    #expect(results.chapter == expected.chapter)
    #expect(results.mode == expected.mode)
    #expect(results.data == expected.data)
    #expect(
      Set(results.metrics.keys) == Set(expected.metrics.keys),
      "metric names differ: new \(Set(results.metrics.keys).subtracting(expected.metrics.keys).sorted()), missing \(Set(expected.metrics.keys).subtracting(results.metrics.keys).sorted())"
    )
    for (name, value) in expected.metrics.sorted(by: { $0.key < $1.key }) {
      guard let actual = results.metrics[name] else { continue }
      #expect(
        identical(actual, value), "chapter-\(chapter) metric \(name): \(actual), golden \(value)")
    }
    #expect(Set(results.curves.keys) == Set(expected.curves.keys), "curve names differ")
    for (name, curve) in expected.curves.sorted(by: { $0.key < $1.key }) {
      guard let actual = results.curves[name] else { continue }
      #expect(
        actual.x.count == curve.x.count && actual.y.count == curve.y.count,
        "chapter-\(chapter) curve \(name): length")
      for (axis, values, golden) in [("x", actual.x, curve.x), ("y", actual.y, curve.y)] {
        for (a, g) in zip(values, golden) where !identical(a, g) {
          Issue.record("chapter-\(chapter) curve \(name) \(axis): \(a), golden \(g)")
          break
        }
      }
    }
    #expect(Set(results.tables.keys) == Set(expected.tables.keys), "table names differ")
    for (name, table) in expected.tables {
      guard let actual = results.tables[name] else { continue }
      #expect(actual.columns == table.columns, "chapter-\(chapter) table \(name): columns")
      #expect(
        actual.rows.count == table.rows.count
          && zip(actual.rows, table.rows).allSatisfy {
            $0.count == $1.count
          }, "chapter-\(chapter) table \(name): shape")
      for (row, goldenRow) in zip(actual.rows, table.rows) {
        for (cell, goldenCell) in zip(row, goldenRow) where !cellsMatch(cell, goldenCell) {
          Issue.record("chapter-\(chapter) table \(name): \(cell), golden \(goldenCell)")
        }
      }
    }
  }

  /// Two table cells agree: as numbers by `identical` when both are numbers, otherwise as the
  /// same text (labels, "—").
  static func cellsMatch(_ cell: String, _ golden: String) -> Bool {
    let trimmed = { (s: String) in s.trimmingCharacters(in: .whitespaces) }
    if let a = Double(trimmed(cell)), let g = Double(trimmed(golden)) { return identical(a, g) }
    return cell == golden
  }
}

struct HarnessError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
