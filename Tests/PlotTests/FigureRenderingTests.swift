import Foundation
import Testing

@testable import Plot

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Parses `data` as XML; returns the parser's error, or `nil` when it is well formed.
private func xmlError(_ data: Data) -> String? {
  let parser = XMLParser(data: data)
  return parser.parse() ? nil : String(describing: parser.parserError)
}

@Test func gallerySavesEveryChartKindAsSVGAndPNG() throws {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plot-gallery")
  let figures: [(String, Figure)] = [
    ("curves", Fixtures.trainingCurves), ("embedding", Fixtures.embedding),
    ("similarity", Figure(.heatmap(Fixtures.similarity, title: "Jaccard similarity"))),
    ("boundary", Fixtures.decisionBoundary), ("bars", Fixtures.comparison),
    ("histograms", Fixtures.histograms),
  ]
  for (name, figure) in figures {
    for format in ImageFormat.allCases {
      let saved = try figure.save(as: folder.appendingPathComponent(name), format: format)
      let bytes = try Data(contentsOf: saved.image)
      #expect(bytes.count > 1000, "\(name).\(format) is suspiciously small")
    }
  }
}
