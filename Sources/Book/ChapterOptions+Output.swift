// Where a chapter run writes. Only the book's own run (default settings on the real
// MovieLens-100K) may rewrite the committed Figures/chapter-N that the chapter text cites;
// any other run goes to the git-ignored Runs/chapter-N, unless --out says otherwise.

import Foundation

// MARK: - The book's run

extension ChapterOptions {
  /// The seed of the book's run, `--seed`'s default.
  public static let defaultSeed: UInt64 = 2017

  /// Where MovieLens-100K is looked for when `--data` is not given (`make data` puts it there).
  public static let defaultDataDirectory = "Data/ml-100k"

  /// The committed output folder of chapter `number`, which only the book's run writes.
  public static func committedFolder(chapter number: Int) -> String {
    "Figures/chapter-\(number)"
  }

  /// The git-ignored folder every other run writes to when `--out` is not given.
  public static func scratchFolder(chapter number: Int) -> String {
    "Runs/chapter-\(number)"
  }

  /// The options on this command line that make it something other than the book's run,
  /// written as they were given: `["--quick", "--seed 1"]`. Empty for the book's settings.
  /// `--out` is not among them: it only says where to write.
  public var changedOptions: [String] {
    var changed: [String] = []
    if quick { changed.append("--quick") }
    if let epochs { changed.append("--epochs \(epochs)") }
    if seed != Self.defaultSeed { changed.append("--seed \(seed)") }
    if format != .svg { changed.append("--format \(format.fileExtension)") }
    if let data, !Self.namesDefaultDataDirectory(data) { changed.append("--data \(data)") }
    return changed
  }

  /// Where this run writes and why, decided before anything is written.
  ///
  /// - Parameters:
  ///   - number: the chapter's number.
  ///   - movieLensFound: whether `Data/ml-100k/u.data` exists. Only asked when `--data` is
  ///     not given: without it the run falls back to the synthetic dataset, which is never
  ///     the book's run.
  ///
  /// The rule: `--out DIR` is always honoured. Otherwise a run writes to the committed
  /// `Figures/chapter-N` only when none of `--quick`, `--epochs`, a `--seed` other than
  /// 2017, a `--format` other than svg, or a `--data` other than `Data/ml-100k` is given
  /// and MovieLens-100K is in `Data/ml-100k`; every other run writes to `Runs/chapter-N`.
  public func output(chapter number: Int, movieLensFound: Bool) -> ChapterOutput {
    let committed = Self.committedFolder(chapter: number)
    if let out {
      return ChapterOutput(kind: .chosen, path: out, committedPath: committed)
    }
    let changed = changedOptions
    let synthetic = data == nil && !movieLensFound
    if changed.isEmpty && !synthetic {
      return ChapterOutput(kind: .committed, path: committed, committedPath: committed)
    }
    return ChapterOutput(
      kind: .scratch, path: Self.scratchFolder(chapter: number), committedPath: committed,
      changedOptions: changed, syntheticFallback: synthetic)
  }

  /// Whether `--data` names the default folder itself (`Data/ml-100k`, `./Data/ml-100k/`).
  static func namesDefaultDataDirectory(_ path: String) -> Bool {
    func normalized(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.path }
    return normalized(path) == normalized(defaultDataDirectory)
  }
}

// MARK: - ChapterOutput

/// Where a chapter run writes its figures, tables and results.json, and why.
///
///     let output = options.output(chapter: 3, movieLensFound: true)  // with --quick:
///     output.path  // "Runs/chapter-3"; output.kind == .scratch
///
/// A run that is not the book's must never overwrite the committed figures the chapter
/// text cites, so it writes to a git-ignored scratch folder and says so.
public struct ChapterOutput: Equatable, Sendable {
  /// How the folder was chosen.
  public enum Kind: Equatable, Sendable {
    /// The book's run: default settings on MovieLens-100K, into `Figures/chapter-N`.
    case committed
    /// Any other run without `--out`: into the git-ignored `Runs/chapter-N`.
    case scratch
    /// `--out DIR`, honoured whatever the other options.
    case chosen
  }

  /// How the folder was chosen.
  public var kind: Kind
  /// The folder, relative to the working directory unless absolute.
  public var path: String
  /// The chapter's committed folder, `Figures/chapter-N` (named in the notice).
  public var committedPath: String
  /// For a scratch run: the options that make it other than the book's run.
  public var changedOptions: [String] = []
  /// For a scratch run: whether it falls back to the synthetic dataset because
  /// MovieLens-100K is not in `Data/ml-100k`.
  public var syntheticFallback = false

  /// Creates an output decision (`ChapterOptions.output(chapter:movieLensFound:)` makes them).
  public init(
    kind: Kind, path: String, committedPath: String, changedOptions: [String] = [],
    syntheticFallback: Bool = false
  ) {
    self.kind = kind
    self.path = path
    self.committedPath = committedPath
    self.changedOptions = changedOptions
    self.syntheticFallback = syntheticFallback
  }

  /// What kind of run this is, for the notice: `"a --quick --seed 1 run"`,
  /// `"a run on synthetic data (no MovieLens-100K in Data/ml-100k)"`.
  public var runDescription: String {
    var words = ["a"] + changedOptions + ["run"]
    if syntheticFallback {
      words.append(
        "on synthetic data (no MovieLens-100K in \(ChapterOptions.defaultDataDirectory))")
    }
    return words.joined(separator: " ")
  }

  /// The line a scratch run prints at its start (and, with `finished: true`, at its end);
  /// `nil` for the other kinds:
  /// `"a --quick run: writing to Runs/chapter-3, not the committed Figures/chapter-3"`.
  public func notice(finished: Bool = false) -> String? {
    guard kind == .scratch else { return nil }
    let verb = finished ? "wrote" : "writing"
    return "\(runDescription): \(verb) to \(path), not the committed \(committedPath)"
  }
}
