// autorec-epoch: one I-AutoRec training epoch as Chapter 5 runs it (1,682 item rows of 943
// users, 500 hidden units, batch 256, L2 on the weights, Adam), and one evaluation pass
// (every row reconstructed, test RMSE). On MovieLens-100K when Data/ml-100k exists, else on
// the synthetic dataset of the same shape.

import Foundation
import ModernRecSys

func benchAutoRecEpoch() -> [Row] {
  let path = "Data/ml-100k"
  let hasData = FileManager.default.fileExists(atPath: path + "/u.data")
  guard
    let ml = hasData
      ? try? MovieLens.load(from: path) : MovieLens.synthetic(size: .ml100k, seed: 100)
  else {
    return [
      Row(
        benchmark: "autorec-epoch", name: "epoch", value: .nan, unit: "",
        note: "cannot load \(path)")
    ]
  }
  let data = hasData ? "ml-100k" : "synthetic"
  let split = RatingSplit.random(ml.ratings, testFraction: 0.1, seed: 2017)
  let rows = RatingRows(
    ratings: split.train, userCount: ml.userCount, itemCount: ml.itemCount, by: .items)
  var rng = SeededGenerator(seed: 5)
  let model = AutoRec(inputSize: rows.columnCount, hiddenSize: 500, using: &rng)
  let optimizer = Adam(model.parameters, learningRate: 0.002)
  // Epochs with the engine's product and with OpenBLAS's, alternately.
  var epoch: [Double] = []
  var blasEpoch: [Double] = []
  for round in 0..<13 {
    for useBLAS in [false, true] {
      MatrixKernels.benchmarkOverride = useBLAS ? MatrixKernels.Product?(openBLASProduct) : nil
      settle()
      let start = now()
      _ = model.trainEpoch(on: rows, optimizer: optimizer, batchSize: 256, l2: 0.003, using: &rng)
      let seconds = Double(now() - start) * 1e-9
      if round > 0 { useBLAS ? blasEpoch.append(seconds) : epoch.append(seconds) }
    }
  }
  MatrixKernels.benchmarkOverride = nil
  let evaluation = time(warmup: 1, repeats: 5) { _ = model.rmse(on: split.test, from: rows) }
  return [
    Row(
      benchmark: "autorec-epoch", name: "I-AutoRec epoch median (k = 500)",
      value: median(epoch) * 1e3, unit: "ms", note: "\(data), 7 batches of 256 item rows"),
    Row(
      benchmark: "autorec-epoch", name: "  the same with OpenBLAS's product",
      value: median(blasEpoch) * 1e3, unit: "ms",
      note: "alternating with the engine's, \(blasEpoch.count) each"),
    Row(
      benchmark: "autorec-epoch", name: "  engine / OpenBLAS",
      value: median(blasEpoch) / median(epoch),
      unit: "ratio", note: "speed; >= 1: the engine's product is no slower"),
    Row(
      benchmark: "autorec-epoch", name: "  engine / OpenBLAS, fastest epochs",
      value: blasEpoch.min()! / epoch.min()!, unit: "ratio",
      note: "less sensitive to a busy moment of the machine"),
    Row(
      benchmark: "autorec-epoch", name: "I-AutoRec test RMSE pass",
      value: median(evaluation) * 1e3, unit: "ms", note: "\(data), 1682 x 943 reconstruction"),
  ]
}
