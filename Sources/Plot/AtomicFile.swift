// Writing a file so that a reader never sees half of it: write a temporary file in the same
// folder, then rename it over the destination (rename is atomic within one file system).

import Foundation

// MARK: - Atomic writes

/// Writes `data` to `url` atomically: readers see either the old file or the whole new one.
///
///     try writeAtomically(Data(json.utf8), to: outDir.appendingPathComponent("results.json"))
///
/// The folder is created when missing. The bytes go to a hidden temporary file beside the
/// destination, which is then renamed over it; on failure the temporary file is removed and
/// any previous file is left untouched.
/// - Throws: `PlotError.unwritableOutput` naming the path and the system's reason.
public func writeAtomically(_ data: Data, to url: URL) throws {
  let directory = url.deletingLastPathComponent()
  try ensureWritableDirectory(directory)
  let temporary = temporarySibling(of: url)
  do {
    try data.write(to: temporary)
  } catch {
    try? FileManager.default.removeItem(at: temporary)
    throw PlotError.unwritableOutput(path: url.path, reason: "\(error.localizedDescription)")
  }
  try moveAtomically(temporary, to: url)
}

/// Writes `text` as UTF-8 to `url` atomically (see `writeAtomically(_:to:)` for `Data`).
public func writeAtomically(_ text: String, to url: URL) throws {
  try writeAtomically(Data(text.utf8), to: url)
}

// MARK: - Helpers shared with figure rendering

/// A hidden file name beside `url`, unique to this call: `.name.ext.tmp-<UUID>`.
func temporarySibling(of url: URL) -> URL {
  let name = ".\(url.lastPathComponent).tmp-\(UUID().uuidString)"
  return url.deletingLastPathComponent().appendingPathComponent(name)
}

/// Renames `source` over `destination` (atomic on one file system); removes `source` on failure.
func moveAtomically(_ source: URL, to destination: URL) throws {
  if rename(source.path, destination.path) != 0 {
    let reason = String(cString: strerror(errno))
    try? FileManager.default.removeItem(at: source)
    throw PlotError.unwritableOutput(path: destination.path, reason: reason)
  }
}

/// Creates `directory` when missing and checks that files can be created in it.
func ensureWritableDirectory(_ directory: URL) throws {
  let manager = FileManager.default
  var isDirectory: ObjCBool = false
  if manager.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
    guard isDirectory.boolValue else {
      throw PlotError.unwritableOutput(path: directory.path, reason: "it is a file, not a folder")
    }
  } else {
    do {
      try manager.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw PlotError.unwritableOutput(
        path: directory.path, reason: "cannot create the folder: \(error.localizedDescription)")
    }
  }
  guard manager.isWritableFile(atPath: directory.path) else {
    throw PlotError.unwritableOutput(path: directory.path, reason: "the folder is not writable")
  }
}
