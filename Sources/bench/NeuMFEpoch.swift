// A full NeuMF epoch on MovieLens-100K, as Chapter 3 trains it: sampling the epoch's
// instances (4 negatives per positive), 1,935 Adam steps of 256, and the leave-one-out
// evaluation (943 users x 100 candidates, one forward pass per user). Uses Data/ml-100k
// when present, else the synthetic dataset of the same shape.

import Foundation
import NN
import RecData
import RecEval
import RecModels
import Tensors

func benchNeuMFEpoch() -> [Row] {
  let path = "Data/ml-100k"
  let real = FileManager.default.fileExists(atPath: path + "/u.data")
  guard
    let movieLens = real
      ? try? MovieLens.load(from: path) : MovieLens.synthetic(size: .ml100k, seed: 100)
  else {
    return [
      Row(
        benchmark: "neumf-epoch", name: "epoch", value: .nan, unit: "", note: "cannot load \(path)")
    ]
  }
  let dataNote = real ? "MovieLens-100K" : "synthetic (no Data/ml-100k)"
  let split = RatingSplit.leaveOneOut(movieLens.ratings, userCount: movieLens.userCount)
  let train = InteractionMatrix(
    ratings: split.train, userCount: movieLens.userCount, itemCount: movieLens.itemCount)
  let sampled = SampledRankingProtocol(test: split.test, all: movieLens.interactions(), seed: 42)
  var rng = SeededGenerator(seed: 5)
  let model = NeuMF(
    userCount: movieLens.userCount, itemCount: movieLens.itemCount, factors: 8, hiddenLayers: 3,
    using: &rng)
  let trainer = PointwiseTrainer(
    model: model, train: train, optimizer: Adam(model.parameters, learningRate: 0.001))

  var sampling: [Double] = []
  var training: [Double] = []
  var evaluation: [Double] = []
  var steps = 0
  for _ in 0..<3 {
    var start = now()
    let instances = TrainingInstances.epoch(
      positives: train, sampler: trainer.sampler, negativesPerPositive: 4, using: &rng)
    sampling.append(Double(now() - start) * 1e-9)
    start = now()
    steps = 0
    for batch in instances.batches(size: 256) {
      trainer.step(batch)
      steps += 1
    }
    training.append(Double(now() - start) * 1e-9)
    start = now()
    _ = model.evaluate(sampled, cutoffs: 10...10)
    evaluation.append(Double(now() - start) * 1e-9)
  }
  let total = median(zip(zip(sampling, training), evaluation).map { $0.0 + $0.1 + $1 })
  return [
    Row(
      benchmark: "neumf-epoch", name: "sampling 4 negatives", value: median(sampling) * 1e3,
      unit: "ms", note: dataNote),
    Row(
      benchmark: "neumf-epoch", name: "training (\(steps) steps)", value: median(training) * 1e3,
      unit: "ms",
      note: "\(formattedMicros(median(training) / Double(steps))) µs per step"),
    Row(
      benchmark: "neumf-epoch", name: "evaluation (sampled, 943 users)",
      value: median(evaluation) * 1e3, unit: "ms"),
    Row(
      benchmark: "neumf-epoch", name: "whole epoch", value: total, unit: "s", note: "median of 3"),
  ]
}

private func formattedMicros(_ seconds: Double) -> String { String(Int((seconds * 1e6).rounded())) }
