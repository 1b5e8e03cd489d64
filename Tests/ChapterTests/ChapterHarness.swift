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

  /// Runs an executable with arguments, collecting its output.
  static func run(_ name: String, _ arguments: [String], environment: [String: String] = [:]) throws
    -> Run
  {
    let process = Process()
    process.executableURL = try executable(name)
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    // Output goes to files, not pipes: a chatty chapter can never block on a full pipe.
    let logs = try temporaryDirectory("logs")
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

  /// A fresh temporary folder.
  static func temporaryDirectory(_ label: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("modernrecsys-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  /// Runs `chapter-N --quick --seed seed --data synthetic --out tmp` and returns its results.
  static func quickRun(
    chapter: Int, seed: UInt64 = 7, data: String = "synthetic", extra: [String] = []
  )
    throws -> (results: ChapterResults, out: URL, run: Run)
  {
    let out = try temporaryDirectory("chapter-\(chapter)")
    let run = try run(
      "chapter-\(chapter)",
      ["--quick", "--seed", "\(seed)", "--data", data, "--out", out.path] + extra)
    guard run.status == 0 else {
      throw HarnessError(
        "chapter-\(chapter) exited \(run.status):\n\(run.stderr)\n\(run.stdout.suffix(2000))")
    }
    let data = try Data(contentsOf: out.appendingPathComponent("results.json"))
    return (try ChapterResults.decode(from: data), out, run)
  }

  // MARK: - Golden files

  /// The tolerance every golden comparison states: `|actual - golden| <= 1e-3 * max(1, |golden|)`.
  /// Runs are deterministic on one machine; the slack covers another CPU's BLAS kernels.
  static func close(_ actual: Double, _ golden: Double) -> Bool {
    if actual.isNaN || golden.isNaN { return actual.isNaN && golden.isNaN }
    return abs(actual - golden) <= 1e-3 * max(1, abs(golden))
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
      #expect(close(actual, value), "chapter-\(chapter) metric \(name): \(actual), golden \(value)")
    }
    #expect(Set(results.curves.keys) == Set(expected.curves.keys), "curve names differ")
    for (name, curve) in expected.curves.sorted(by: { $0.key < $1.key }) {
      guard let actual = results.curves[name] else { continue }
      #expect(actual.x.count == curve.x.count, "chapter-\(chapter) curve \(name): length")
      for (a, g) in zip(actual.y, curve.y) where !close(a, g) {
        Issue.record("chapter-\(chapter) curve \(name): \(a), golden \(g)")
        break
      }
    }
    #expect(Set(results.tables.keys) == Set(expected.tables.keys), "table names differ")
    for (name, table) in expected.tables {
      guard let actual = results.tables[name] else { continue }
      #expect(actual.columns == table.columns, "chapter-\(chapter) table \(name): columns")
      #expect(
        actual.rows.map(\.first) == table.rows.map(\.first),
        "chapter-\(chapter) table \(name): row labels")
    }
  }
}

struct HarnessError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
