// Saving a figure (script + image, both written atomically) and previewing it as text.

import Foundation

extension Figure {
  // MARK: - Saving

  /// Writes `name.gp` (the self-contained script) and `name.svg` or `name.png` (what it
  /// draws) into `url`'s folder, where `url` is `folder/name`; a trailing `.svg`, `.png` or
  /// `.gp` extension is dropped. The folder is created when missing.
  ///
  /// The image is drawn into a temporary file and renamed into place only when gnuplot
  /// succeeds, then the script is renamed beside it: on any error the previous files stay.
  ///
  /// - Throws: `PlotError.invalidData`, `.gnuplotNotFound`, `.gnuplotFailed` (with
  ///   gnuplot's messages) or `.unwritableOutput`.
  @discardableResult
  public func save(
    as url: URL, format: ImageFormat = .svg, gnuplot: Gnuplot = .default
  ) throws -> SavedFigure {
    var base = url
    if ["svg", "png", "gp"].contains(base.pathExtension) { base = base.deletingPathExtension() }
    let folder = base.deletingLastPathComponent()
    let name = base.lastPathComponent
    let image = folder.appendingPathComponent("\(name).\(format.fileExtension)")
    let scriptURL = folder.appendingPathComponent("\(name).gp")

    let script = try self.script(format: format, output: image.lastPathComponent)
    try ensureWritableDirectory(folder)

    // Draw into a hidden temporary image: the same script, but its output line renamed.
    let temporaryImage = temporarySibling(of: image)
    let drawing = try self.script(for: .image(format, output: temporaryImage.lastPathComponent))
    let temporaryScript = temporarySibling(of: scriptURL)
    do {
      try Data(script.utf8).write(to: temporaryScript)
    } catch {
      throw PlotError.unwritableOutput(path: scriptURL.path, reason: error.localizedDescription)
    }
    do {
      try gnuplot.run(drawing, in: folder, target: "'\(image.path)'")
      guard FileManager.default.fileExists(atPath: temporaryImage.path) else {
        throw PlotError.unwritableOutput(path: image.path, reason: "gnuplot wrote no file")
      }
      try moveAtomically(temporaryImage, to: image)
      try moveAtomically(temporaryScript, to: scriptURL)
    } catch {
      try? FileManager.default.removeItem(at: temporaryImage)
      try? FileManager.default.removeItem(at: temporaryScript)
      throw error
    }
    return SavedFigure(script: scriptURL, image: image)
  }

  // MARK: - ASCII preview

  /// The figure drawn in characters (gnuplot's `dumb` terminal), for the terminal.
  /// Heatmap cells do not show in text; their printed values and overlaid points do.
  ///
  ///     print(try figure.asciiPreview())
  public func asciiPreview(columns: Int = 80, lines: Int = 24, gnuplot: Gnuplot = .default)
    throws -> String
  {
    guard columns >= 10, lines >= 5 else {
      throw PlotError.invalidData(
        chart: "the preview", message: "\(columns)×\(lines) characters is too small")
    }
    let script = try self.script(for: .dumb(columns: columns, lines: lines))
    let output = try gnuplot.run(script, target: "the ASCII preview")
    // dumb starts with a form feed; drop it, trailing blanks, and blank lines at either end.
    let text = output.standardOutput.replacingOccurrences(of: "\u{0C}", with: "")
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      line -> Substring in
      var line = line
      while line.last == " " { line = line.dropLast() }
      return line
    }
    while lines.first?.isEmpty == true { lines.removeFirst() }
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines.joined(separator: "\n")
  }
}
