// book-text: rewrites the numbers and tables each chapter text cites from its run's
// results.json, through the spans of `ResultSpans` (Sources/Book/ResultSpans.swift).
//
//   book-text              every chapter: Chapters/NN-slug/README.md from Figures/chapter-N/results.json
//   book-text --chapter 3  one chapter (make chapter-3 runs this after the chapter)
//   book-text --check      change nothing; list what would change, exit 1 if anything would

import ArgumentParser
import Book
import Foundation
import Plot

@main
struct BookText: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "book-text",
    abstract: "Rewrites the numbers and tables each chapter text cites from its results.json.",
    discussion: """
      Each Chapters/NN-slug/README.md is rendered from Figures/chapter-N/results.json when that \
      file holds the book's run (full, on MovieLens-100K, seed 2017); otherwise the text is left \
      as it is. A companion run's Figures/chapter-N-NAME/results.json (chapter-3 --ml-1m) is \
      cited as NAME:metric. Nothing is written unless every chapter renders.
      """)

  @Option(help: "Only this chapter (default: all).")
  var chapter: Int?

  @Flag(help: "Write nothing; list what would change and exit 1 if anything would.")
  var check = false

  @Option(help: ArgumentHelp("The package's folder.", valueName: "dir"))
  var root = "."

  mutating func run() throws {
    let rootURL = URL(fileURLWithPath: root, isDirectory: true)
    var chapters = try chapterTexts(in: rootURL)
    if let chapter {
      chapters = chapters.filter { $0.number == chapter }
      guard !chapters.isEmpty else {
        throw ValidationError("there is no chapter \(chapter) in \(rootURL.path)/Chapters")
      }
    }
    let bookSeed = try ChapterOptions.parse([]).seed
    // Render everything first: a chapter that fails leaves every text as it was.
    var rewrites: [(text: URL, rendered: String)] = []
    var outOfDate = false
    for (number, text, name) in chapters {
      let resultsURL = rootURL.appendingPathComponent("Figures/chapter-\(number)/results.json")
      let results: ChapterResults
      do {
        results = try ChapterResults.forText(chapter: number, root: rootURL, seed: bookSeed) {
          print("Chapter \(number): \($0)")
        }
      } catch {
        throw ValidationError(
          "cannot read \(resultsURL.path) (\(error.localizedDescription)); run make chapter-\(number)"
        )
      }
      guard
        results.chapter == number, results.mode == .full, results.data == "ml-100k",
        results.seed == bookSeed
      else {
        print(
          "Chapter \(number): Figures/chapter-\(number)/results.json is not the book's run (\(results.mode.rawValue), \(results.data), seed \(results.seed)); \(name) is left as it is"
        )
        continue
      }
      let markdown = try String(contentsOf: text, encoding: .utf8)
      let rendering = try ResultSpans.render(markdown, results: results, file: name)
      let spans =
        "\(counted(rendering.numberCount, "number")), \(counted(rendering.tableCount, "table")) from results.json"
      if rendering.changes.isEmpty {
        print("Chapter \(number): \(name) is up to date (\(spans))")
        continue
      }
      outOfDate = true
      print(
        "Chapter \(number): \(name): \(counted(rendering.changes.count, "span")) \(check ? "out of date" : "rewritten") (\(spans))"
      )
      for change in rendering.changes { print("  \(change)") }
      rewrites.append((text, rendering.text))
    }
    if check {
      if outOfDate {
        print("Run `make text` to bring the texts up to date.")
        throw ExitCode(1)
      }
      return
    }
    for (url, rendered) in rewrites { try writeAtomically(rendered, to: url) }
  }

  /// Every chapter's text: its number, its file, and its path as printed.
  func chapterTexts(in root: URL) throws -> [(number: Int, text: URL, name: String)] {
    let folder = root.appendingPathComponent("Chapters")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    return names.compactMap { name in
      guard let number = Int(name.prefix(2)) else { return nil }
      let text = folder.appendingPathComponent(name).appendingPathComponent("README.md")
      guard FileManager.default.fileExists(atPath: text.path) else { return nil }
      return (number, text, "Chapters/\(name)/README.md")
    }
  }
}

/// `1 table`, `4 tables`.
func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
