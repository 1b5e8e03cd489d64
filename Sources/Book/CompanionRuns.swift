// A chapter's companion runs: the same chapter's experiments on other data, written beside
// its own run and cited by the same text.

import Foundation

/// A companion run of chapter N is one of its commands on other data than MovieLens-100K
/// (`chapter-3 --ml-1m`: the NCF paper's own MovieLens-1M split). It writes to
/// `Figures/chapter-N-NAME` (`Figures/chapter-3-ml-1m`), never over the chapter's own
/// `Figures/chapter-N`, and the chapter text cites it with the prefix `NAME:`:
///
///     <!--m ml-1m:NeuMF/HR@10-->0.689<!--/m-->      a metric of Figures/chapter-3-ml-1m
///     <!--table ml-1m:comparison-->                 one of its tables
///
/// `book-text` and the text tests read a chapter's results through `forText(chapter:root:)`,
/// which adds each companion's metrics and tables under that prefix.
public enum CompanionRuns {
  /// The folder a companion run of chapter `number` named `name` writes for the book.
  public static func committedFolder(chapter number: Int, name: String) -> String {
    "Figures/chapter-\(number)-\(name)"
  }

  /// The git-ignored folder of any other run of that companion.
  public static func scratchFolder(chapter number: Int, name: String) -> String {
    "Runs/chapter-\(number)-\(name)"
  }

  /// The companions of chapter `number` found under `root`: each `Figures/chapter-N-NAME`
  /// that holds a results.json, by name.
  public static func found(chapter number: Int, root: URL) -> [(name: String, results: URL)] {
    let figures = root.appendingPathComponent("Figures")
    let prefix = "chapter-\(number)-"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: figures.path)) ?? []
    return names.sorted().compactMap { folder in
      guard folder.hasPrefix(prefix) else { return nil }
      let url = figures.appendingPathComponent(folder).appendingPathComponent("results.json")
      guard FileManager.default.fileExists(atPath: url.path) else { return nil }
      return (String(folder.dropFirst(prefix.count)), url)
    }
  }
}

extension ChapterResults {
  /// These results with `companion`'s metrics and tables added under `"NAME:"`
  /// (`ml-1m:NeuMF/HR@10`, the table `ml-1m:comparison`); its curves are not cited by texts.
  public func adding(companion name: String, _ companion: ChapterResults) -> ChapterResults {
    var merged = self
    for (key, value) in companion.metrics { merged.metrics["\(name):\(key)"] = value }
    for (key, table) in companion.tables { merged.tables["\(name):\(key)"] = table }
    return merged
  }

  /// What chapter `number`'s text cites: `Figures/chapter-N/results.json`, plus each
  /// companion run's (`CompanionRuns.found`) that is a full run with the book's `seed`.
  /// `skipped` receives a line for each companion left out, saying why.
  public static func forText(
    chapter number: Int, root: URL, seed: UInt64, skipped: (String) -> Void = { _ in }
  ) throws -> ChapterResults {
    let url = root.appendingPathComponent("Figures/chapter-\(number)/results.json")
    var results = try decode(from: Data(contentsOf: url))
    for (name, companionURL) in CompanionRuns.found(chapter: number, root: root) {
      let companion = try decode(from: Data(contentsOf: companionURL))
      guard companion.chapter == number, companion.mode == .full, companion.seed == seed else {
        skipped(
          "\(CompanionRuns.committedFolder(chapter: number, name: name)) is not the book's run (\(companion.mode.rawValue), \(companion.data), seed \(companion.seed)); its numbers are not cited"
        )
        continue
      }
      results = results.adding(companion: name, companion)
    }
    return results
  }
}
