import ArgumentParser
import Plot

/// The options every chapter takes, shared through `@OptionGroup`:
///
///     @OptionGroup var options: ChapterOptions
///     // chapter-3 --quick --seed 7 --data Data/ml-100k --out /tmp/ch3 --format png
///
/// `--quick` runs in seconds on a slice of the data (the regression tests use it);
/// without it a chapter runs in full, the way `make chapter-N` does for the book. Only the
/// book's run writes to the committed `Figures/chapter-N`; see `output(chapter:movieLensFound:)`.
public struct ChapterOptions: ParsableArguments, Sendable {
  @Flag(help: "Run in seconds on a small slice of the data, with few epochs (for tests).")
  public var quick = false

  @Option(
    help:
      "Training epochs of the chapter's main models (default: the chapter's own, fewer with --quick); its sweeps keep their own."
  )
  public var epochs: Int?

  @Option(help: "Random seed: the same seed gives the same results.json.")
  public var seed: UInt64 = ChapterOptions.defaultSeed

  @Option(
    help: ArgumentHelp(
      "MovieLens-100K folder, or 'synthetic' for the built-in dataset.",
      discussion: "Default: Data/ml-100k when it exists (make data), else the synthetic dataset.",
      valueName: "dir"))
  public var data: String?

  @Option(
    help: ArgumentHelp(
      "Where figures, tables and results.json go.",
      discussion: """
        Default: Figures/chapter-N (the committed figures the text cites) for the book's \
        run only: no --quick or --epochs, the default --seed and --format, and \
        MovieLens-100K from Data/ml-100k. Any other run writes to Runs/chapter-N \
        (git-ignored) and says so.
        """,
      valueName: "dir"))
  public var out: String?

  @Option(help: "Figure format: svg or png.")
  public var format: ImageFormat = .svg

  public init() {}

  public func validate() throws {
    if let epochs, epochs < 1 {
      throw ValidationError("--epochs must be at least 1, got \(epochs)")
    }
  }
}

// `--format svg|png` parses straight into Plot's own format type.
extension ImageFormat: ExpressibleByArgument {}
