// What can go wrong while drawing a figure, said so that the reader knows what to do.

// MARK: - PlotError

/// An error from the Plot module; its `description` says what happened and what to do.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No executable gnuplot at `path`.
  case gnuplotNotFound(path: String)
  /// gnuplot ran but reported an error: its exit status and its standard error.
  case gnuplotFailed(target: String, exitStatus: Int32, message: String)
  /// gnuplot could not be started or talked to (pipe, temporary files).
  case gnuplotUnavailable(message: String)
  /// The figure's data cannot be drawn: empty series, mismatched lengths, bad format...
  case invalidData(chart: String, message: String)
  /// A file or folder could not be written.
  case unwritableOutput(path: String, reason: String)

  /// A message for the terminal.
  public var description: String {
    switch self {
    case .gnuplotNotFound(let path):
      return "gnuplot not found at '\(path)': install it with `make deps` "
        + "(or point the GNUPLOT environment variable at the gnuplot executable)."
    case .gnuplotFailed(let target, let status, let message):
      let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
        .map { "  gnuplot: \($0)" }.joined(separator: "\n")
      return "gnuplot reported an error while drawing \(target) (exit status \(status)):\n\(lines)"
    case .gnuplotUnavailable(let message):
      return "cannot run gnuplot: \(message)"
    case .invalidData(let chart, let message):
      return "cannot plot \(chart): \(message)"
    case .unwritableOutput(let path, let reason):
      return "cannot write '\(path)': \(reason)"
    }
  }
}
