import Foundation
import NN
import RecEval
import Tensors

// What a chapter shows of its training: a progress bar per epoch, a line per epoch, the
// time it took; and the ranking metrics it records.

extension ChapterRun {
  /// `fit` (NN's one training loop) with what a reader sees of it: a progress bar per
  /// epoch, `"\(name) epoch 3/20"`, with the epoch's running mean loss; the line
  /// `summary(record)` returns after each epoch, when it returns one; and the time the
  /// whole training took, printed (a time is never recorded: results must not depend on it).
  ///
  ///     let history = run.fit("GMF", epochs: 20, optimizers: [adam],
  ///                           batches: { _ in trainer.epochBatches(using: &rng) },
  ///                           loss: trainer.loss, weight: { Double($0.count) })
  ///
  /// - Parameters:
  ///   - lossLabel: what the bar calls the loss ("loss", "BPR loss").
  ///   - showsProgress: false for the many short runs of a sweep, which print one line each.
  @discardableResult
  public func fit<Batches: Collection>(
    _ name: String, epochs: Int, optimizers: [any Optimizer],
    batches: (_ epoch: Int) -> Batches, loss: (Batches.Element) -> Tensor,
    weight: (Batches.Element) -> Double = { _ in 1 },
    evaluate: ((_ epoch: Int) -> [String: Double])? = nil, lossLabel: String = "loss",
    showsProgress: Bool = true, summary: ((EpochRecord) -> String?)? = nil
  ) -> [EpochRecord] {
    let clock = TrainingTime()
    var bar: ProgressBar?
    let history = NN.fit(
      epochs: epochs, optimizers: optimizers, batches: batches, loss: loss, weight: weight,
      evaluate: evaluate,
      onEvent: { event in
        switch event {
        case .batch(let epoch, let done, let total, _, let meanLoss):
          guard showsProgress else { return }
          if bar == nil { bar = self.progress("\(name) epoch \(epoch)/\(epochs)", total: total) }
          bar?.advance(status: "\(lossLabel) \(formatted(meanLoss, decimals: 4))")
        case .epoch(let record):
          bar?.finish()
          bar = nil
          if let line = summary?(record) { self.note(line) }
        }
      })
    trainingSeconds += clock.seconds
    return history
  }

  /// Records `result` as `"\(name)/HR@K"` and `"\(name)/NDCG@K"` for each K in `cutoffs`,
  /// with `suffix` after the metric (" (sampled)"); with `allMetrics`, Precision@K,
  /// Recall@K and MAP@K too.
  public func record(
    _ result: RankingResult, as name: String, cutoffs: [Int] = [10], suffix: String = "",
    allMetrics: Bool = false
  ) {
    for k in cutoffs {
      record("\(name)/HR@\(k)\(suffix)", result.hitRate(at: k))
      record("\(name)/NDCG@\(k)\(suffix)", result.ndcg(at: k))
      if allMetrics {
        record("\(name)/Precision@\(k)\(suffix)", result.precision(at: k))
        record("\(name)/Recall@\(k)\(suffix)", result.recall(at: k))
        record("\(name)/MAP@\(k)\(suffix)", result.map(at: k))
      }
    }
  }
}

/// Wall-clock time since it was made.
struct TrainingTime {
  let start = Date()
  var seconds: Double { Date().timeIntervalSince(start) }
}
