import Foundation
import Plot
import RecData
import Tensors

/// One run of a chapter: its options, output folder, random generator, data, and the
/// results it records for `results.json`.
///
///     let run = try ChapterRun(number: 3, title: "Neural Collaborative Filtering", options: options)
///     run.record("NeuMF/HR@10", 0.683); try run.finish()
///
/// A chapter prints what it is doing through the run (`section`, `note`), shows its tables
/// (`show`), saves its figures (`save`), and at the end writes `results.json` (`finish`).
/// Every file goes through a temporary file and a rename: a failure never leaves half a file.
public final class ChapterRun {
  /// The chapter's number, N in `chapter-N`.
  public let number: Int
  /// The options it was started with.
  public let options: ChapterOptions
  /// Where figures, tables and results.json go: `--out`, else `Figures/chapter-N` for the
  /// book's run and `Runs/chapter-N` for any other (see `ChapterOptions.output`).
  public let outputDirectory: URL
  /// The run's random generator, seeded with `--seed`. Pass it down (`inout`) or fork
  /// independent streams with `generator(_:)`.
  public var rng: SeededGenerator
  /// What `results.json` will hold.
  public private(set) var results: ChapterResults
  /// Seconds spent in `fit` so far (a chapter prints it; it is never recorded).
  public internal(set) var trainingSeconds = 0.0
  /// The gnuplot used for figures (`GNUPLOT` in the environment, else the one on PATH).
  public let gnuplot: Gnuplot

  /// How `outputDirectory` was chosen, and why: decided from the options and whether
  /// `Data/ml-100k/u.data` exists.
  ///
  /// Computed, not stored, on purpose: a chapter executable allocates its `ChapterRun`
  /// with the instance size it was compiled against, and SwiftPM does not recompile the
  /// chapters when `Book` changes behind the `ModernRecSys` re-export, so a new stored
  /// property would corrupt the heap of every incrementally rebuilt chapter.
  public var output: ChapterOutput {
    options.output(
      chapter: number,
      movieLensFound: Self.movieLensFound(in: ChapterOptions.defaultDataDirectory))
  }

  /// Whether this is a `--quick` run.
  public var isQuick: Bool { options.quick }

  /// Starts a run: decides the output folder, prints the chapter's title and where the run
  /// writes (saying so when it is not the committed folder), and creates the folder.
  public init(number: Int, title: String, options: ChapterOptions) throws {
    self.number = number
    self.options = options
    // Settled before anything is written: whether the data will be the real MovieLens-100K
    // is the same check `loadMovieLens` makes later.
    let output = options.output(
      chapter: number, movieLensFound: Self.movieLensFound(in: ChapterOptions.defaultDataDirectory))
    self.outputDirectory = URL(fileURLWithPath: output.path, isDirectory: true)
    self.rng = SeededGenerator(seed: options.seed)
    self.results = ChapterResults(
      chapter: number, mode: options.quick ? .quick : .full, seed: options.seed, data: "unknown")
    self.gnuplot = Gnuplot.locate(environment: ProcessInfo.processInfo.environment)
    if let problem = KernelPath.environmentProblem { throw ChapterError(problem) }
    print("# Chapter \(number): \(title)")
    print(
      "mode: \(options.quick ? "quick" : "full"), seed: \(options.seed), output: \(outputDirectory.path)"
    )
    if let notice = output.notice() { print(notice) }
    print(
      "kernels: \(KernelPath.active) (\(KernelPath.active.width) floats per instruction; every path gives the same results), \(MatrixKernels.threadCount) threads"
    )
    do {
      try FileManager.default.createDirectory(
        at: outputDirectory, withIntermediateDirectories: true)
    } catch {
      throw ChapterError(
        "cannot create the output folder \(outputDirectory.path): \(error.localizedDescription)")
    }
  }

  /// The epochs to train: `--epochs` when given, else `quick` or `full` by mode.
  public func epochs(full: Int, quick: Int) -> Int {
    options.epochs ?? (isQuick ? quick : full)
  }

  /// A fresh generator for one experiment, derived from the seed and a label, so adding an
  /// experiment to a chapter does not change the random numbers of the others.
  public func generator(_ label: String) -> SeededGenerator {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a over the label's bytes
    for byte in label.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x100_0000_01B3
    }
    return SeededGenerator(seed: options.seed ^ hash)
  }

  // MARK: - Terminal

  /// Prints a section heading, matching the text's `##` heading.
  public func section(_ title: String) {
    print("\n## \(title)\n")
  }

  /// Prints one line of commentary.
  public func note(_ text: String) {
    print(text)
  }

  /// A progress bar for a training loop (plain lines when stdout is not a terminal).
  public func progress(_ label: String, total: Int) -> ProgressBar {
    ProgressBar(label, total: total)
  }

  /// Prints how long something took. Timings are printed, never recorded: results.json
  /// must be the same for the same seed.
  public func timing(_ label: String, seconds: Double) {
    print("time: \(label): \(formatted(seconds, decimals: 2)) s")
  }

  // MARK: - Data

  /// The MovieLens-100K data this run uses, resolved from `--data`:
  /// - `--data synthetic`: the built-in synthetic dataset (same shape and files);
  /// - `--data DIR`: that folder, which must hold a valid MovieLens-100K;
  /// - no `--data`: `Data/ml-100k` when it exists, else the synthetic dataset, saying so.
  ///
  /// Malformed files stop the run with the file, line and reason (a thrown error).
  public func loadMovieLens() throws -> MovieLens {
    let source = options.data
    if source == "synthetic" {
      return useSynthetic(reason: "--data synthetic")
    }
    let directory = source ?? ChapterOptions.defaultDataDirectory
    if source == nil && !Self.movieLensFound(in: directory) {
      return useSynthetic(
        reason: "MovieLens-100K not found in \(directory) (run `make data` to download it)")
    }
    let start = Date()
    let data = try MovieLens.load(from: directory)
    results.data = "ml-100k"
    print(
      "data: MovieLens-100K from \(directory): \(data.userCount) users, \(data.itemCount) items, \(data.ratings.count) ratings (\(formatted(Date().timeIntervalSince(start), decimals: 2)) s)"
    )
    return data
  }

  /// The NCF paper's published MovieLens-1M split (`NCFSplit`) from `directory`, for
  /// `chapter-3 --ml-1m`. There is no synthetic stand-in: without the files the run stops
  /// and says how to get them.
  public func loadPublishedSplit(from directory: String) throws -> NCFSplit {
    let start = Date()
    let split: NCFSplit
    do {
      split = try NCFSplit.load(from: directory)
    } catch let error as DataError where error.kind == .missingFile {
      throw ChapterError(
        "\(error)\nThe MovieLens-1M run needs the NCF paper's split in \(directory): run `make data-ml-1m` (it downloads the three files from the paper's repository and checks them)."
      )
    }
    results.data = "ncf-ml-1m"
    print(
      "data: the NCF paper's MovieLens-1M split from \(directory): \(split.userCount) users, \(split.itemCount) items, \(split.train.count) training pairs, \(split.test.count) held out (\(formatted(Date().timeIntervalSince(start), decimals: 2)) s)"
    )
    return split
  }

  /// Whether `directory` holds MovieLens-100K's ratings file, `u.data`.
  static func movieLensFound(in directory: String) -> Bool {
    FileManager.default.fileExists(atPath: directory + "/u.data")
  }

  private func useSynthetic(reason: String) -> MovieLens {
    let data = MovieLens.synthetic(size: .ml100k, seed: 100)
    results.data = "synthetic"
    print(
      "data: \(reason); using the built-in synthetic dataset: \(data.userCount) users, \(data.itemCount) items, \(data.ratings.count) ratings"
    )
    return data
  }

  // MARK: - Results

  /// Records a number the text cites, as `"Model/metric"`.
  public func record(_ name: String, _ value: Double) {
    results.metrics[name] = value
  }

  /// Records a curve a figure plots.
  public func recordCurve(_ name: String, x: [Double], y: [Double]) {
    results.curves[name] = ChapterResults.Curve(x: x, y: y)
  }

  /// Prints a table in Markdown, writes it as `name.md`, and records it in results.json.
  public func show(_ table: MarkdownTable, as name: String, caption: String? = nil) throws {
    let text = table.render()
    if let caption { print(caption) }
    print(text)
    results.tables[name] = table
    try writeAtomically(text, to: outputDirectory.appendingPathComponent("\(name).md"))
  }

  /// Saves a figure as `name.svg` (or `.png`) with its `name.gp` script, and with
  /// `preview: true` prints it in characters too.
  public func save(_ figure: Figure, as name: String, preview: Bool = false) throws {
    let saved = try figure.save(
      as: outputDirectory.appendingPathComponent(name), format: options.format, gnuplot: gnuplot)
    print("figure: \(saved.image.path)")
    if preview {
      print(try figure.asciiPreview(columns: 78, lines: 22, gnuplot: gnuplot))
    }
  }

  /// Writes `results.json` (atomically) and says where everything went (again naming the
  /// committed folder it did not touch, when the run was not the book's).
  public func finish() throws {
    let url = outputDirectory.appendingPathComponent("results.json")
    try writeAtomically(results.jsonData(), to: url)
    print(
      "\nresults: \(url.path) (\(results.metrics.count) metrics, \(results.curves.count) curves, \(results.tables.count) tables)"
    )
    if let notice = output.notice(finished: true) { print(notice) }
  }
}

/// A chapter could not go on: the message says why and what to do.
public struct ChapterError: Error, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}
