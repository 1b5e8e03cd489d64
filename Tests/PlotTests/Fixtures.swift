// Figures shared by the tests: one of each chart kind, with small hand-made data.

import Foundation

@testable import Plot

enum Fixtures {
  /// Two training curves on a log y axis, one dashed with markers.
  static var trainingCurves: Figure {
    let train: [Double] = [0.69, 0.52, 0.41, 0.35, 0.31, 0.29, 0.28, 0.275]
    let test: [Double] = [0.70, 0.56, 0.47, 0.44, 0.43, 0.43, 0.44, 0.45]
    var chart = Chart.lines(
      [
        LineSeries("train loss", y: train),
        LineSeries("test loss", y: test, markers: true, dashed: true),
      ],
      title: "Binary cross-entropy by epoch", xLabel: "epoch", yLabel: "loss")
    chart.yLogScale = true
    return Figure(chart)
  }

  /// Users and items of a 2-D embedding, labelled.
  static var embedding: Figure {
    Figure(
      .scatter(
        [
          ScatterSeries(
            "users", x: [0.1, 0.8, -0.5], y: [0.9, -0.2, 0.3], labels: ["Ann", "Bob", "Cy"]),
          ScatterSeries(
            "items", x: [0.5, -0.7, 0.0, 0.9], y: [0.6, -0.4, -0.9, 0.1],
            labels: ["Alien", "Babe", "Casino", "Dune"], shape: .square),
        ], title: "Users and items in 2-D", xLabel: "factor 1", yLabel: "factor 2"))
  }

  /// A 3×3 similarity table with hand-checked values.
  static var similarity: Heatmap {
    Heatmap(
      values: [[1, 0.25, 0.6667], [0.25, 1, 0], [0.6667, 0, 1]],
      rowLabels: ["Alice", "Bob", "Carol"], columnLabels: ["Alice", "Bob", "Carol"],
      cellFormat: "%.2f")
  }

  /// Predictions over a 5×4 grid with the training points on top.
  static var decisionBoundary: Figure {
    let xs: [Double] = [-1, -0.5, 0, 0.5, 1]
    let ys: [Double] = [-1, -0.333, 0.333, 1]
    let values = ys.map { y in xs.map { x in 1 / (1 + exp(-4 * (x + y))) } }
    return Figure(
      .heatmap(
        Heatmap(x: xs, y: ys, values: values, colorRange: 0...1),
        overlay: [
          ScatterSeries("class 0", x: [-0.8, -0.4], y: [-0.6, -0.2], color: "#2166ac"),
          ScatterSeries(
            "class 1", x: [0.7, 0.3], y: [0.5, 0.8], shape: .triangle, color: "#b2182b"),
        ], title: "Decision boundary", xLabel: "x1", yLabel: "x2"))
  }

  /// Two models compared on two metrics, values printed.
  static var comparison: Figure {
    Figure(
      .bars(
        GroupedBars(
          groups: ["HR@10", "NDCG@10"],
          series: [BarSeries("ItemPop", [0.45, 0.25]), BarSeries("NeuMF", [0.68, 0.41])],
          valueFormat: "%.3f"), title: "Model comparison", yLabel: "score"))
  }

  /// A histogram from raw values and one from counts.
  static var histograms: Figure {
    Figure(
      title: "Distributions",
      panels: [
        .histogram(
          [
            Histogram(
              "ratings", values: [1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5], bins: 5, range: 0.5...5.5)
          ],
          title: "Ratings", xLabel: "stars"),
        .histogram(
          [Histogram("items", edges: [0, 10, 100, 1000], counts: [812, 600, 270])],
          title: "Ratings per item", xLabel: "ratings"),
      ])
  }
}
