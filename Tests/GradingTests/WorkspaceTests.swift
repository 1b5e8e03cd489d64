import Foundation
import Testing

@testable import Grading

/// A scratch folder in the temporary directory, removed by the caller.
func scratchFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("grading-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

func write(_ text: String, _ path: String, in root: URL) throws {
  let url = root.appendingPathComponent(path)
  try FileManager.default.createDirectory(
    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
  try text.write(to: url, atomically: false, encoding: .utf8)
}

@Test
func
  `a submission's files replace the reference's, and a missing file is the stub, never the solution`()
  throws
{
  let scratch = try scratchFolder()
  defer { try? FileManager.default.removeItem(at: scratch) }
  let reference = scratch.appendingPathComponent("reference")
  let solution = """
    func f() throws -> Int {
      \(Marker.beginSolution)
      return 42
      \(Marker.endSolution)
      \(Marker.stub) throw NotAttempted("Exercise 1.1")
    }
    """
  try write(solution, "Sources/Exercises/Chapter1.swift", in: reference)
  try write(
    solution.replacingOccurrences(of: "1.1", with: "2.1"), "Sources/Exercises/Chapter2.swift",
    in: reference)
  try write("let x = 1", "Sources/Other/Other.swift", in: reference)
  try git(["init", "-q"], in: reference)
  try git(["add", "-A"], in: reference)

  // The submission: Chapter 1 only, as a bare file.
  let submission = scratch.appendingPathComponent("submission")
  try write("func f() throws -> Int { 41 }", "Chapter1.swift", in: submission)
  let workspace = scratch.appendingPathComponent("workspace")
  // A stale file from an earlier grading, which the reference does not have.
  try write("broken", "Sources/Other/Stale.swift", in: workspace)

  let taken = try prepareWorkspace(
    reference: reference, submission: submission, workspace: workspace)
  #expect(taken == ["Sources/Exercises/Chapter1.swift"])
  let chapter1 = try String(
    contentsOf: workspace.appendingPathComponent("Sources/Exercises/Chapter1.swift"),
    encoding: .utf8)
  let chapter2 = try String(
    contentsOf: workspace.appendingPathComponent("Sources/Exercises/Chapter2.swift"),
    encoding: .utf8)
  #expect(chapter1 == "func f() throws -> Int { 41 }")
  #expect(
    !chapter2.contains("return 42") && chapter2.contains("throw NotAttempted(\"Exercise 2.1\")"))
  #expect(
    FileManager.default.fileExists(
      atPath: workspace.appendingPathComponent("Sources/Other/Other.swift").path))
  #expect(
    !FileManager.default.fileExists(
      atPath: workspace.appendingPathComponent("Sources/Other/Stale.swift").path))

  // A folder with no exercise files cannot be graded: an error, not a zero.
  let empty = scratch.appendingPathComponent("empty")
  try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
  #expect(throws: GradingError.self) {
    try prepareWorkspace(reference: reference, submission: empty, workspace: workspace)
  }
}
