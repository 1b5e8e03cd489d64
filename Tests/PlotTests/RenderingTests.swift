import Foundation
import TestSupport
import Testing

@testable import Plot

#if canImport(FoundationXML)
  import FoundationXML
#endif

// MARK: - Images

@Test func savedSVGIsWellFormedXMLNamingTheTitleAndEverySeries() throws {
  try withScratchFolder { folder in
    let saved = try Fixtures.embedding.save(as: folder.appendingPathComponent("embedding"))
    #expect(saved.image.lastPathComponent == "embedding.svg")
    #expect(saved.script.lastPathComponent == "embedding.gp")
    let data = try Data(contentsOf: saved.image)
    let parser = XMLParser(data: data)
    #expect(parser.parse(), "SVG is not well-formed XML: \(String(describing: parser.parserError))")
    let svg = String(decoding: data, as: UTF8.self)
    for text in ["Users and items in 2-D", "users", "items", "Ann", "Casino"] {
      #expect(svg.contains(">\(text)<"), "'\(text)' is not a text of the SVG")
    }
    // Nothing but the two files is left in the folder (no temporary files).
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(names == ["embedding.gp", "embedding.svg"])
  }
}

@Test func savingTheSameFigureTwiceGivesTheSameSVGBytes() throws {
  try withScratchFolder { folder in
    let url = folder.appendingPathComponent("boundary")
    let first = try Data(contentsOf: Fixtures.decisionBoundary.save(as: url).image)
    let second = try Data(contentsOf: Fixtures.decisionBoundary.save(as: url).image)
    #expect(first == second)
  }
}

@Test func runningTheScriptAloneRedrawsTheSameSVG() throws {
  try withScratchFolder { folder in
    let saved = try Fixtures.comparison.save(as: folder.appendingPathComponent("bars"))
    let original = try Data(contentsOf: saved.image)
    try FileManager.default.removeItem(at: saved.image)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: Gnuplot.default.executablePath)
    process.arguments = ["bars.gp"]
    process.currentDirectoryURL = folder
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(try Data(contentsOf: saved.image) == original)
  }
}

@Test func pngStartsWithThePNGSignature() throws {
  try withScratchFolder { folder in
    let saved = try Fixtures.histograms.save(
      as: folder.appendingPathComponent("hist.png"), format: .png)
    #expect(saved.image.lastPathComponent == "hist.png")
    let bytes = [UInt8](try Data(contentsOf: saved.image).prefix(8))
    #expect(bytes == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
  }
}

// MARK: - Errors

@Test func missingGnuplotIsAClearErrorNotACrash() throws {
  try withScratchFolder { folder in
    let nowhere = Gnuplot(executablePath: "/nonexistent/bin/gnuplot")
    let error = try #require(throws: PlotError.self) {
      try Fixtures.trainingCurves.save(as: folder.appendingPathComponent("loss"), gnuplot: nowhere)
    }
    #expect(error == .gnuplotNotFound(path: "/nonexistent/bin/gnuplot"))
    #expect(error.description.contains("make deps"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }
}

@Test func gnuplotErrorCarriesItsMessageAndKeepsThePreviousFigure() throws {
  try withScratchFolder { folder in
    let url = folder.appendingPathComponent("loss")
    let saved = try Fixtures.trainingCurves.save(as: url)
    let previousImage = try Data(contentsOf: saved.image)
    let previousScript = try Data(contentsOf: saved.script)

    var broken = Fixtures.trainingCurves
    broken.panels[0].extraCommands = ["set nonsense_option 3"]
    let error = try #require(throws: PlotError.self) { try broken.save(as: url) }
    guard case .gnuplotFailed(_, let status, let message) = error else {
      Issue.record("expected gnuplotFailed, got \(error)")
      return
    }
    #expect(status != 0)
    #expect(message.contains("unrecognized option"))
    #expect(error.description.contains("gnuplot: "))
    #expect(try Data(contentsOf: saved.image) == previousImage)
    #expect(try Data(contentsOf: saved.script) == previousScript)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(names == ["loss.gp", "loss.svg"])
  }
}

@Test func aFileWhereTheFolderShouldBeIsAnUnwritableOutputError() throws {
  try withScratchFolder { folder in
    let file = folder.appendingPathComponent("occupied")
    try Data("x".utf8).write(to: file)
    let error = try #require(throws: PlotError.self) {
      try Fixtures.trainingCurves.save(as: file.appendingPathComponent("loss"))
    }
    guard case .unwritableOutput = error else {
      Issue.record("expected unwritableOutput, got \(error)")
      return
    }
  }
}

// MARK: - ASCII preview

@Test func asciiPreviewIsTextHoldingTheTitle() throws {
  let preview = try Fixtures.trainingCurves.asciiPreview(columns: 80, lines: 24)
  #expect(preview.contains("Binary cross-entropy by epoch"))
  #expect(preview.contains("train loss"))
  let lines = preview.split(separator: "\n", omittingEmptySubsequences: false)
  #expect(lines.count >= 20)
  #expect(lines.first?.isEmpty == false && lines.last?.isEmpty == false)
  #expect(lines.allSatisfy { $0.count <= 80 })
}

// MARK: - Atomic files

@Test func writeAtomicallyReplacesTheFileAndLeavesNoTemporaryFile() throws {
  try withScratchFolder { folder in
    let url = folder.appendingPathComponent("results.json")
    try writeAtomically(Data("{\"a\": 1}".utf8), to: url)
    try writeAtomically(Data("{\"a\": 2}".utf8), to: url)
    #expect(try String(contentsOf: url, encoding: .utf8) == "{\"a\": 2}")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["results.json"])
  }
}

@Test func writeAtomicallyCreatesMissingFolders() throws {
  try withScratchFolder { folder in
    let url = folder.appendingPathComponent("Figures/chapter-1/results.json")
    try writeAtomically("{}", to: url)
    #expect(try String(contentsOf: url, encoding: .utf8) == "{}")
  }
}

// MARK: - The gnuplot session

@Test func sessionStreamsColumnsThatGnuplotCanSum() throws {
  let session = try Gnuplot.default.session()
  try session.send("stats '-' using 1:2 nooutput\n")
  try session.send(rows: [[1, 10], [2, 20], [3.5, 30]])
  try session.send("print STATS_sum_x, STATS_sum_y\n")
  let output = try session.close()
  #expect(output.exitStatus == 0)
  #expect(output.standardError.contains("6.5 60.0"))
}

@Test func gnuplotExitingEarlyIsAnErrorNotASIGPIPE() throws {
  // gnuplot stops reading at `exit`; the megabyte after it fills the pipe and the write fails.
  let flood = "exit\n" + String(repeating: "# nothing to see here\n", count: 50_000)
  let error = try #require(throws: PlotError.self) { try Gnuplot.default.run(flood) }
  guard case .gnuplotUnavailable(let message) = error else {
    Issue.record("expected gnuplotUnavailable, got \(error)")
    return
  }
  #expect(message.contains("cannot write"))
}

@Test func runReportsGnuplotsExitStatusAndMessage() throws {
  let error = try #require(throws: PlotError.self) {
    try Gnuplot.default.run("print 1+1\nplot undefined_thing\n", target: "a test")
  }
  guard case .gnuplotFailed(let target, let status, let message) = error else {
    Issue.record("expected gnuplotFailed, got \(error)")
    return
  }
  #expect(target == "a test")
  #expect(status == 1)
  #expect(message.contains("undefined"))
}

@Test func locatePrefersTheGNUPLOTVariableThenSearchesPATH() {
  #expect(Gnuplot.locate(environment: ["GNUPLOT": "/opt/gp"]).executablePath == "/opt/gp")
  let found = Gnuplot.locate(environment: ["PATH": "/nonexistent:/usr/bin"])
  #expect(found.executablePath == "/usr/bin/gnuplot")
  #expect(Gnuplot.locate(environment: ["PATH": "/nonexistent"]).executablePath == "gnuplot")
}

// MARK: - A gallery to look at

/// Draws one figure of each kind, in SVG and PNG. To look at them, name a folder to keep
/// them in: `PLOT_GALLERY=/some/folder swift test --filter gallery`; otherwise they go to
/// a scratch folder that is removed afterwards.
@Test func galleryDrawsEveryChartKindInBothFormats() throws {
  let figures: [(String, Figure)] = [
    ("curves", Fixtures.trainingCurves), ("embedding", Fixtures.embedding),
    ("similarity", Figure(.heatmap(Fixtures.similarity, title: "Jaccard similarity"))),
    ("boundary", Fixtures.decisionBoundary), ("bars", Fixtures.comparison),
    ("histograms", Fixtures.histograms),
  ]
  func draw(into folder: URL) throws {
    for (name, figure) in figures {
      for format in ImageFormat.allCases {
        let saved = try figure.save(as: folder.appendingPathComponent(name), format: format)
        #expect(try Data(contentsOf: saved.image).count > 1000, "\(name).\(format) is too small")
      }
    }
  }
  if let kept = ProcessInfo.processInfo.environment["PLOT_GALLERY"], !kept.isEmpty {
    try draw(into: URL(fileURLWithPath: kept, isDirectory: true))
  } else {
    try withScratchFolder { try draw(into: $0) }
  }
}
