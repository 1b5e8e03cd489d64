import Foundation
import Tensors
import Testing

/// What the chapter contract promises of every chapter, checked on each built binary.
@Suite struct EveryChapterTests {
  /// A quick run (seed 7, synthetic data) gives the golden file's results exactly, and
  /// writes every figure (with its script) and every table the committed full run has.
  /// A new chapter needs its golden file: `UPDATE_GOLDEN=1 make test`, then review it.
  @Test(arguments: ChapterHarness.chapters)
  func quickRunMatchesGoldenAndWritesEveryOutput(chapter: Int) throws {
    let expected = try ChapterHarness.committedOutputs(chapter: chapter)
    #expect(!expected.figures.isEmpty, "chapter-\(chapter) has no committed figures")
    try ChapterHarness.quickRun(chapter: chapter) { results, out, _ in
      try ChapterHarness.compareWithGolden(results, chapter: chapter)
      ChapterHarness.expectOutputs(in: out, figures: expected.figures, tables: expected.tables)
    }
  }

  /// Deterministic on any machine: the same seed gives the same results.json, byte for
  /// byte, run again, in every kernel path this processor has (each forced with
  /// MODERNRECSYS_SIMD: on an AVX2 machine scalar, the NEON code's 4-wide and the AVX-512
  /// code's 16-wide loops too), and on one thread.
  @Test(arguments: ChapterHarness.chapters)
  func sameSeedGivesSameResultsBytesInEveryKernelPath(chapter: Int) throws {
    func resultsBytes(_ environment: [String: String] = [:]) throws -> Data {
      try ChapterHarness.quickRun(chapter: chapter, environment: environment) { _, out, _ in
        try Data(contentsOf: out.appendingPathComponent("results.json"))
      }
    }
    let a = try resultsBytes()
    var variants: [(String, [String: String])] = [("a second run", [:])]
    variants += KernelPath.available.filter { $0 != KernelPath.active }.map {
      ("MODERNRECSYS_SIMD=\($0)", ["MODERNRECSYS_SIMD": "\($0)"])
    }
    variants.append(("MODERNRECSYS_THREADS=1", ["MODERNRECSYS_THREADS": "1"]))
    #expect(variants.count >= 3, "at least one other kernel path to compare with")
    for (label, environment) in variants {
      let b = try resultsBytes(environment)
      #expect(a == b, "chapter-\(chapter): \(label) gives other results than the default run")
    }
  }

  /// A kernel path that does not exist, or that the processor lacks, stops a chapter with a
  /// message naming the paths it has, before anything is written.
  @Test func anUnknownKernelPathIsAClearError() throws {
    try ChapterHarness.withTemporaryDirectory("chapter-0-simd") { out in
      let run = try ChapterHarness.run(
        "chapter-0", ["--quick", "--data", "synthetic", "--out", out.path],
        environment: ["MODERNRECSYS_SIMD": "avx1024"])
      #expect(run.status == 1, "exit status \(run.status)")
      #expect(run.stderr.contains("MODERNRECSYS_SIMD=avx1024"), "stderr: \(run.stderr)")
      #expect(run.stderr.contains("scalar"), "stderr: \(run.stderr)")
      #expect(
        !FileManager.default.fileExists(atPath: out.appendingPathComponent("results.json").path))
    }
  }

  /// A --data folder that does not exist is a clear error naming the missing file and
  /// `make data`, with exit status 1 (a thrown error, not a trap) and no results.json.
  @Test(arguments: ChapterHarness.chapters)
  func aMissingDataFolderIsAClearError(chapter: Int) throws {
    try ChapterHarness.withTemporaryDirectory("chapter-\(chapter)-missing") { out in
      let run = try ChapterHarness.run(
        "chapter-\(chapter)", ["--quick", "--data", "/nonexistent/ml-100k", "--out", out.path])
      #expect(
        run.status == 1, "chapter-\(chapter) exited \(run.status); a trap would be 128 + signal")
      #expect(run.stderr.contains("/nonexistent/ml-100k/u."), "stderr: \(run.stderr)")
      #expect(run.stderr.contains("make data"), "stderr: \(run.stderr)")
      #expect(
        !FileManager.default.fileExists(atPath: out.appendingPathComponent("results.json").path))
    }
  }
}
