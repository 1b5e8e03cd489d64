#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A progress bar for a training loop: redrawn in place on a terminal, plain lines when
/// the output is a file or a pipe (a test, CI, `| tee`).
///
///     let bar = ProgressBar("GMF epoch 3/20", total: batches.count)
///     for batch in batches { …; bar.advance(status: "loss \(loss)") }; bar.finish()
///
/// On a terminal: `GMF epoch 3/20 [#########·········]  45% 871/1935 loss 0.3120`.
/// Elsewhere it prints one line at a quarter, half and three quarters of a long loop (100
/// steps or more), and one at the end, so logs stay short and readable.
public final class ProgressBar {
  public let label: String
  public let total: Int
  public private(set) var done = 0
  private let interactive: Bool
  private let width = 24
  private var lastDrawnPermille = -1
  private var nextPlainQuarter = 1
  private var status = ""

  /// - Parameters:
  ///   - label: what is being done, shown first.
  ///   - total: how many steps make 100%.
  ///   - interactive: draw in place; by default, whether standard output is a terminal.
  public init(_ label: String, total: Int, interactive: Bool? = nil) {
    self.label = label
    self.total = max(total, 1)
    self.interactive = interactive ?? (isatty(STDOUT_FILENO) == 1)
  }

  /// Marks `steps` more as done, with an optional status (the running loss).
  public func advance(by steps: Int = 1, status: String? = nil) {
    done = min(done + steps, total)
    if let status { self.status = status }
    if interactive {
      let permille = done * 1000 / total
      if permille != lastDrawnPermille {
        lastDrawnPermille = permille
        draw(terminator: "")
      }
    } else if total >= 100 {  // a short loop gets only its final line
      while nextPlainQuarter < 4 && done * 4 >= nextPlainQuarter * total {
        nextPlainQuarter += 1
        if done < total {
          print(line())
          flushStandardOutput()  // a log file shows the quarter now, not when the buffer fills
        }
      }
    }
  }

  /// Completes the bar with a final status (the epoch's summary line).
  public func finish(status: String? = nil) {
    done = total
    if let status { self.status = status }
    if interactive {
      draw(terminator: "\n")
    } else {
      print(line())
      flushStandardOutput()
    }
  }

  /// The bar's text as it is now.
  public func line() -> String {
    let filled = done * width / total
    let bar = String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled)
    let percent = done * 100 / total
    let percentText = String(repeating: " ", count: 3 - String(percent).count) + "\(percent)%"
    let base = "\(label) [\(bar)] \(percentText) \(done)/\(total)"
    return status.isEmpty ? base : base + " " + status
  }

  private func draw(terminator: String) {
    print("\r\u{1B}[2K" + line(), terminator: terminator)
    flushStandardOutput()
  }
}

/// Pushes buffered text out, so a bar redrawn in place shows at once.
func flushStandardOutput() {
  fflush(nil)  // nil flushes every output stream; it avoids touching the global `stdout`.
}
