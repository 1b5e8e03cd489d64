import Foundation
import Testing

/// The code whose numbers reach a results.json calls no platform math library: exp, log,
/// tanh, pow and the like differ in their last bits between glibc's builds, Apple's libm
/// and others, and training turns a last bit into a third decimal. `Elementary` (the
/// engine's own, the same bits everywhere) takes their place. Square roots are exempt: IEEE
/// 754 rounds them correctly everywhere.
///
/// Not scanned: Sources/Plot (axis ticks, never a result), Sources/bench (timings) and
/// Sources/Exercises (students' answers, which the tests compare with a tolerance).
@Test func codeThatReachesResultsCallsNoPlatformMathLibrary() throws {
  let scanned = [
    "Sources/Tensors", "Sources/NN", "Sources/RecData", "Sources/RecEval", "Sources/RecModels",
    "Sources/Book", "Chapters",
  ]
  let functions = [
    "exp", "expf", "exp2", "expm1", "log", "logf", "log1p", "log2", "log10", "pow", "powf",
    "tanh", "tanhf", "sinh", "cosh", "sin", "cos", "tan", "atan", "atan2", "erf", "lgamma",
    "tgamma", "cbrt", "hypot",
  ]
  // A call of one of them as a free function (not a method, not `Elementary.exp`), or
  // through `Foundation.` or `Glibc.`.
  let call = try Regex(
    #"(?:^|[^\w.])(?:(?:Foundation|Glibc|Darwin)\.)?("# + functions.joined(separator: "|")
      + #")\("#)
  var found: [String] = []
  var filesScanned = 0
  for folder in scanned {
    let root = ChapterHarness.packageRoot.appendingPathComponent(folder)
    let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
    while let url = walker?.nextObject() as? URL {
      guard url.pathExtension == "swift" else { continue }
      filesScanned += 1
      let text = try String(contentsOf: url, encoding: .utf8)
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      // A function of that name defined in the same file (Chapter 2's `cos` of two users)
      // is not the library's.
      let local = Set(
        text.matches(of: try Regex(#"func (\w+)\("#)).compactMap {
          $0.output[1].substring.map(String.init)
        })
      for (number, line) in lines.enumerated() {
        // Code only: drop a comment, and string literals (messages may name a function).
        var code = String(line)
        if let comment = code.range(of: "//") { code = String(code[..<comment.lowerBound]) }
        code = code.replacing(try Regex(#""[^"]*""#), with: "\"\"")
        let names = code.matches(of: call).compactMap { $0.output[1].substring.map(String.init) }
        if names.contains(where: { !local.contains($0) }) {
          found.append("\(folder)/…/\(url.lastPathComponent):\(number + 1): \(line.trimmed)")
        }
      }
    }
  }
  #expect(filesScanned > 50, "the scan found only \(filesScanned) Swift files")
  #expect(found.isEmpty, "platform math library calls:\n\(found.joined(separator: "\n"))")
}
