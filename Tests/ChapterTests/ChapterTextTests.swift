import Book
import Foundation
import Testing

/// Checks that hold the chapter texts to their code and their results (STYLE.md §3):
/// headings match `// MARK: -` sections, quoted code is found verbatim in the sources,
/// embedded figures exist, and every number the text cites comes from `results.json` through a
/// span that `book-text` rewrites after each run.
struct ChapterText {
  let number: Int
  let folder: URL
  let text: String
  let mainSwift: String

  /// `Chapters/NN-slug/README.md`, as messages name it.
  var path: String { "Chapters/\(folder.lastPathComponent)/README.md" }

  /// Every chapter: its text and its code.
  static func all() throws -> [ChapterText] {
    let chapters = ChapterHarness.packageRoot.appendingPathComponent("Chapters")
    let folders = try FileManager.default.contentsOfDirectory(atPath: chapters.path).sorted()
    return try folders.compactMap { name -> ChapterText? in
      guard let number = Int(name.prefix(2)) else { return nil }
      let folder = chapters.appendingPathComponent(name)
      let text = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
      let main = try String(
        contentsOf: folder.appendingPathComponent("main.swift"), encoding: .utf8)
      return ChapterText(number: number, folder: folder, text: text, mainSwift: main)
    }
  }

  /// The text with fenced code blocks removed (numbers and headings inside code do not count).
  var prose: String {
    var out: [Substring] = []
    var inFence = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("```") {
        inFence.toggle()
        continue
      }
      if !inFence { out.append(line) }
    }
    return out.joined(separator: "\n")
  }

  var headings: [String] {
    prose.split(separator: "\n").filter { $0.hasPrefix("## ") }.map {
      String($0.dropFirst(3)).trimmed
    }
  }

  var marks: [String] {
    mainSwift.split(separator: "\n").compactMap { line -> String? in
      let t = line.trimmed
      return t.hasPrefix("// MARK: - ") ? String(t.dropFirst(11)).trimmed : nil
    }
  }

  /// The ```swift blocks of the text.
  var swiftBlocks: [String] {
    var blocks: [String] = []
    var current: [Substring]? = nil
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if current == nil, line.hasPrefix("```swift") {
        current = []
      } else if current != nil, line.hasPrefix("```") {
        blocks.append(current!.joined(separator: "\n"))
        current = nil
      } else if current != nil {
        current!.append(line)
      }
    }
    return blocks
  }
}

extension StringProtocol {
  var trimmed: String { String(self).trimmingCharacters(in: .whitespaces) }
}

/// Headings that close a chapter and have no code of their own.
let proseOnlyHeadings: Set<String> = ["Summary", "Exercises", "References", "Further reading"]

/// The checks below run over every chapter: all six must be found, or they check nothing.
@Test func everyChapterHasItsTextAndCode() throws {
  // Every chapter folder has its text and its code (ChapterText.all() reads both), and
  // there are chapters to check: at least the six this book started with.
  #expect(try ChapterText.all().map(\.number) == ChapterHarness.chapters)
  #expect(ChapterHarness.chapters.count >= 6)
}

@Test func chapterHeadingsMatchMarkSectionsInOrder() throws {
  for chapter in try ChapterText.all() {
    let expected = chapter.headings.filter { !proseOnlyHeadings.contains($0) }
    #expect(
      chapter.marks == expected,
      "Chapter \(chapter.number): the text's ## headings \(expected) and main.swift's // MARK: - sections \(chapter.marks) must match, in order"
    )
  }
}

/// All Swift sources a chapter may quote: the libraries, the exercises and the chapters.
func allSwiftSources() throws -> [String] {
  var sources: [String] = []
  for top in ["Sources", "Chapters"] {
    let root = ChapterHarness.packageRoot.appendingPathComponent(top)
    let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
    while let url = walker?.nextObject() as? URL {
      if url.pathExtension == "swift" {
        sources.append(try String(contentsOf: url, encoding: .utf8))
      }
    }
  }
  return sources
}

/// Lines of code compared without their indentation (a quoted method loses its type's).
func codeLines(_ text: String) -> [String] {
  text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmed }
}

@Test func codeQuotedInChapterTextsIsVerbatimFromTheSources() throws {
  let sources = try allSwiftSources().map { codeLines($0) }
  for chapter in try ChapterText.all() {
    for block in chapter.swiftBlocks {
      // A line `// …` marks an elision: each piece between elisions must be found.
      let lines = codeLines(block)
      let pieces = lines.split(whereSeparator: { $0 == "// …" || $0 == "// ..." || $0 == "…" })
      for piece in pieces {
        let needle = Array(
          piece.drop(while: \.isEmpty).reversed().drop(while: \.isEmpty).reversed())
        guard !needle.isEmpty else { continue }
        let found = sources.contains { haystack in
          guard haystack.count >= needle.count else { return false }
          for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<start + needle.count]) == needle { return true }
          }
          return false
        }
        #expect(
          found,
          "Chapter \(chapter.number) quotes code not found verbatim in Sources/ or Chapters/:\n\(needle.joined(separator: "\n"))"
        )
      }
    }
  }
}

@Test func figuresEmbeddedInChapterTextsExistWithAltText() throws {
  for chapter in try ChapterText.all() {
    let pattern = try Regex(#"!\[([^\]]*)\]\(([^)]+)\)"#)
    for match in chapter.prose.matches(of: pattern) {
      let alt = match.output[1].substring.map(String.init) ?? ""
      let path = match.output[2].substring.map(String.init) ?? ""
      #expect(
        alt.count >= 10, "Chapter \(chapter.number): figure \(path) needs descriptive alt text")
      let file = chapter.folder.appendingPathComponent(path).standardizedFileURL
      #expect(
        FileManager.default.fileExists(atPath: file.path),
        "Chapter \(chapter.number) embeds \(path), which does not exist")
    }
  }
}

/// The committed texts are what their committed results.json renders: every number and table
/// they cite through a span (`ResultSpans`) shows exactly what the run wrote. After a run,
/// `make chapter-N` re-renders its text, so a run, its text and these tests agree.
@Test func chapterTextsAreRenderedFromTheirResults() throws {
  for chapter in try ChapterText.all() {
    let results = try ChapterHarness.committedFullRun(chapter: chapter.number)
    let rendering = try ResultSpans.render(chapter.text, results: results, file: chapter.path)
    #expect(
      rendering.changes.isEmpty,
      "\(chapter.path) differs from its results.json (run `make text`):\n\(rendering.changes.map(\.description).joined(separator: "\n"))"
    )
    #expect(
      rendering.numberCount > 0 && rendering.tableCount > 0,
      "\(chapter.path) cites no number or no table through a span")
  }
}

/// No number with three or more decimals in a chapter's prose escapes the spans: outside them
/// (and outside code and math, where constants of the method and the papers' numbers belong),
/// such a number is one nothing keeps in step with the run. The message names the metrics it
/// could be, to mark it `<!--m METRIC-->value<!--/m-->`.
@Test func numbersCitedInChapterTextsComeFromResultsJSON() throws {
  for chapter in try ChapterText.all() {
    let results = try ChapterHarness.committedFullRun(chapter: chapter.number)
    // Inline code, math and the references (arXiv:1710.05941 is a name, not a number) first,
    // then the spans: numbers are looked for in what is left.
    let prose = chapter.prose
      .replacing(try Regex(#"\n## (References|Further reading)\n[\s\S]*?(?=\n## |$)"#), with: "")
      .replacing(try Regex(#"`[^`]*`"#), with: "")
      .replacing(try Regex(#"\$\$[\s\S]*?\$\$"#), with: "")
      .replacing(try Regex(#"\$[^$\n]*\$"#), with: "")
    let outsideSpans =
      prose
      .replacing(try Regex(#"<!--table [^\n]*-->[\s\S]*?<!--/table-->"#), with: "")
      .replacing(try Regex(#"<!--m .*?<!--/m-->"#), with: "")
    // Swift's Regex has no lookbehind: match the character before the number instead. A
    // number may end a sentence ("0.647."), but not be part of a longer one ("1.2.3").
    let number = try Regex(#"(?:^|[^\d.])(-?\d+\.(\d{3,}))(?!\d|\.\d)"#)
    #expect(
      !prose.matches(of: number).isEmpty,
      "\(chapter.path): no number with three decimals found at all; is the pattern right?")
    for match in outsideSpans.matches(of: number) {
      let text = String(match.output[1].substring ?? "")
      let decimals = (match.output[2].substring ?? "").count
      let candidates = results.metrics.filter { formatted($0.value, decimals: decimals) == text }
        .keys.sorted()
      let hint: String =
        candidates.isEmpty
        ? "no metric of its results.json rounds to it"
        : "metrics that round to it: \(candidates.prefix(5).joined(separator: ", "))"
      Issue.record(
        "\(chapter.path) cites \(text) outside a span; mark it <!--m METRIC-->\(text)<!--/m--> (\(hint))"
      )
    }
  }
}
