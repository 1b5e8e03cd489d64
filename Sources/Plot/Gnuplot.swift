// Finding the gnuplot executable and running commands through the CGnuplot C API.

import CGnuplot
import Foundation

// MARK: - Gnuplot

/// The gnuplot executable that draws figures.
///
///     let output = try Gnuplot.default.run("print 1+1\n")   // output.standardError == "2\n"
///     try figure.save(as: url, gnuplot: Gnuplot(executablePath: "/opt/bin/gnuplot"))
public struct Gnuplot: Sendable, Equatable {
  /// The path of the executable (never looked up on PATH: `default` does that).
  public var executablePath: String

  /// Uses the executable at `executablePath`.
  public init(executablePath: String) {
    self.executablePath = executablePath
  }

  /// The environment's gnuplot: `$GNUPLOT` when set, else the first `gnuplot` on `$PATH`,
  /// else plain `"gnuplot"` (which then fails with `PlotError.gnuplotNotFound`).
  public static var `default`: Gnuplot {
    locate(environment: ProcessInfo.processInfo.environment)
  }

  /// Looks gnuplot up in `environment` (its `GNUPLOT` and `PATH` variables).
  public static func locate(environment: [String: String]) -> Gnuplot {
    if let path = environment["GNUPLOT"], !path.isEmpty {
      return Gnuplot(executablePath: path)
    }
    let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
    for folder in folders where !folder.isEmpty {
      let candidate = "\(folder)/gnuplot"
      if FileManager.default.isExecutableFile(atPath: candidate) {
        return Gnuplot(executablePath: candidate)
      }
    }
    return Gnuplot(executablePath: "gnuplot")
  }

  /// Runs `commands` in one gnuplot process, in `directory` when given, and waits for it.
  ///
  /// - Parameter target: what is being drawn, for error messages (a file name).
  /// - Returns: what gnuplot printed, when it exited with status 0.
  /// - Throws: `PlotError.gnuplotNotFound`, `.gnuplotFailed` (with gnuplot's standard error),
  ///   `.gnuplotUnavailable`.
  @discardableResult
  public func run(_ commands: String, in directory: URL? = nil, target: String = "a figure")
    throws -> GnuplotOutput
  {
    let session = try GnuplotSession(gnuplot: self, directory: directory)
    var sendError: PlotError? = nil
    do {
      try session.send(commands)
    } catch let error as PlotError {
      sendError = error  // gnuplot probably exited: its status and message say why
    }
    let output = try session.close()
    if output.exitStatus != 0 {
      throw PlotError.gnuplotFailed(
        target: target, exitStatus: output.exitStatus,
        message: output.standardError.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    if let sendError { throw sendError }
    return output
  }

  /// Starts a gnuplot process to talk to command by command (see `GnuplotSession`).
  public func session(in directory: URL? = nil) throws -> GnuplotSession {
    try GnuplotSession(gnuplot: self, directory: directory)
  }
}

// MARK: - GnuplotOutput

/// What a finished gnuplot process printed, and how it exited.
public struct GnuplotOutput: Sendable, Equatable {
  /// The exit status (0: success; 127: the executable could not be run).
  public var exitStatus: Int32
  /// Its standard output (the `dumb` terminal draws here).
  public var standardOutput: String
  /// Its standard error (gnuplot's messages and `print` go here).
  public var standardError: String
}

// MARK: - GnuplotSession

/// One running gnuplot process: send commands and columns of numbers, then `close()`.
///
///     let session = try Gnuplot.default.session()
///     try session.send("plot '-' with lines\n"); try session.send(rows: [[0, 1], [1, 3]]); try session.close()
public final class GnuplotSession {
  private var handle: OpaquePointer?
  private let gnuplot: Gnuplot

  /// Starts `gnuplot` (in `directory` when given).
  /// - Throws: `PlotError.gnuplotNotFound` when the executable is missing.
  public init(gnuplot: Gnuplot, directory: URL? = nil) throws {
    self.gnuplot = gnuplot
    var session: OpaquePointer? = nil
    var message: UnsafeMutablePointer<CChar>? = nil
    let status = cgp_open(gnuplot.executablePath, directory?.path, &session, &message)
    let text = takeCString(message)
    switch status {
    case CGP_OK: handle = session
    case CGP_NOT_FOUND: throw PlotError.gnuplotNotFound(path: gnuplot.executablePath)
    default: throw PlotError.gnuplotUnavailable(message: text)
    }
  }

  deinit {
    if let handle {
      _ = cgp_close(handle, nil, nil, nil, nil)
    }
  }

  /// Sends command text as is (end each command with a newline).
  public func send(_ text: String) throws {
    guard let handle else { throw PlotError.gnuplotUnavailable(message: "the session is closed") }
    var message: UnsafeMutablePointer<CChar>? = nil
    let status = cgp_send(handle, text, &message)
    let text = takeCString(message)
    if status != CGP_OK { throw PlotError.gnuplotUnavailable(message: text) }
  }

  /// Streams a table of numbers as inline data for `plot '-'` (one row per line, then `e`).
  /// - Precondition: every row has the same number of values.
  public func send(rows: [[Double]]) throws {
    guard let handle else { throw PlotError.gnuplotUnavailable(message: "the session is closed") }
    let columns = rows.first?.count ?? 0
    if !rows.allSatisfy({ $0.count == columns }) {
      fatalError("send(rows:): rows of different lengths")  // a programmer's error, not data's
    }
    let flat = rows.flatMap { $0 }
    var message: UnsafeMutablePointer<CChar>? = nil
    let status = flat.withUnsafeBufferPointer {
      cgp_send_columns(handle, $0.baseAddress, rows.count, columns, &message)
    }
    let text = takeCString(message)
    if status != CGP_OK { throw PlotError.gnuplotUnavailable(message: text) }
  }

  /// Ends gnuplot's input, waits for it to exit and returns what it printed.
  /// - Throws: `PlotError.gnuplotNotFound` when the shell could not run it (status 127).
  @discardableResult
  public func close() throws -> GnuplotOutput {
    guard let handle else { throw PlotError.gnuplotUnavailable(message: "the session is closed") }
    self.handle = nil
    var exitStatus: Int32 = -1
    var out: UnsafeMutablePointer<CChar>? = nil
    var err: UnsafeMutablePointer<CChar>? = nil
    var message: UnsafeMutablePointer<CChar>? = nil
    let status = cgp_close(handle, &exitStatus, &out, &err, &message)
    let output = GnuplotOutput(
      exitStatus: exitStatus, standardOutput: takeCString(out), standardError: takeCString(err))
    let text = takeCString(message)
    switch status {
    case CGP_OK: return output
    case CGP_NOT_FOUND: throw PlotError.gnuplotNotFound(path: gnuplot.executablePath)
    default: throw PlotError.gnuplotUnavailable(message: text)
    }
  }
}

/// Copies a string returned by CGnuplot and frees it ("" for NULL).
private func takeCString(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
  guard let pointer else { return "" }
  defer { cgp_free_string(pointer) }
  return String(
    decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
}
