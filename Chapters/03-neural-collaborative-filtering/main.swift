// Chapter 3: Neural Collaborative Filtering — GMF, MLP and NeuMF, reproduced on MovieLens-100K.
//
// Read this file beside README.md in the same folder: each `// MARK: -` below is a `##`
// section of the text, in the same order. Run it with `make chapter-3`, or
// `.build/release/chapter-3 --help` for the options every chapter shares. The models live
// in Sources/RecModels (GMF.swift, MLPRecommender.swift, NeuMF.swift, PointwiseTrainer.swift);
// this file holds the experiments.

import Foundation
import ModernRecSys

struct Chapter3: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "chapter-3",
    abstract: "Chapter 3: Neural Collaborative Filtering (GMF, MLP, NeuMF) on MovieLens-100K.",
    discussion: """
      Trains GMF, MLP and NeuMF (from scratch and pretrained) with the NCF paper's defaults,
      evaluates them by leave-one-out HR@10 and NDCG@10 among 99 sampled negatives and by
      full ranking, and sweeps predictive factors, negatives per positive, MLP depth and the
      leave-one-out tie rule. Writes figures, tables and results.json into Figures/chapter-3
      for the book's run, Runs/chapter-3 for any other (or --out). --quick runs on the first
      150 users with one or two epochs.
      """)

  @OptionGroup var options: ChapterOptions

  func run() throws {
    // One thread for the products of the whole chapter. The widest layers of the sweeps
    // would otherwise use a second one; on a 2-core machine that other jobs share, waiting
    // for it costs more CPU time than it saves, and the numbers are the same either way.
    MatrixKernels.threadCount = 1
    let run = try ChapterRun(
      number: 3, title: "Neural Collaborative Filtering: GMF, MLP and NeuMF", options: options)
    let clock = TrainingClock()

    // MARK: - From matrix factorisation to a learned interaction

    run.section("From matrix factorisation to a learned interaction")
    run.note("(text: the NCF framework, and the pointwise log loss against BPR's pairwise loss)")

    // MARK: - Generalized Matrix Factorization

    run.section("Generalized Matrix Factorization")
    var shapes = SeededGenerator(seed: 0)
    let demoGMF = GMF(userCount: 943, itemCount: 1682, factors: 8, using: &shapes)
    let demoMLP = MLPRecommender(
      userCount: 943, itemCount: 1682, factors: 8, hiddenLayers: 3, using: &shapes)
    let demoNeuMF = NeuMF(
      userCount: 943, itemCount: 1682, factors: 8, hiddenLayers: 3, using: &shapes)
    run.note("GMF with 8 factors: \(demoGMF.parameterCount) parameters")
    run.record("GMF/parameters", Double(demoGMF.parameterCount))

    // MARK: - The MLP model

    run.section("The MLP model")
    run.note(
      "MLP with 8 factors: layers \(demoMLP.layerSizes.map(String.init).joined(separator: " -> ")), \(demoMLP.parameterCount) parameters"
    )
    run.record("MLP/parameters", Double(demoMLP.parameterCount))

    // MARK: - NeuMF: fusing the two

    run.section("NeuMF: fusing the two")
    run.note("NeuMF with 8 + 8 factors: \(demoNeuMF.parameterCount) parameters")
    run.record("NeuMF/parameters", Double(demoNeuMF.parameterCount))

    // MARK: - Data and evaluation

    run.section("Data and evaluation")
    let movieLens = try run.loadMovieLens()
    let data = try Experiment.Data(
      movieLens, users: run.isQuick ? 150 : nil, ties: .lastInFileOrder, evaluationSeed: 42)
    run.note(
      "leave-one-out: \(data.split.train.count) training interactions, \(data.split.test.count) held out, \(data.userCount) users x \(data.itemCount) items"
    )
    run.record("Data/training interactions", Double(data.split.train.count))
    run.record("Data/test users", Double(data.split.test.count))
    let experiment = Experiment(data: data, run: run, clock: clock)
    let itemPop = ItemPop(train: data.train)
    let itemKNN = ItemKNN(train: data.train, neighbours: 50)  // Chapter 2's setting
    var sampledResults: [(name: String, result: RankingResult)] = []
    let popResult = data.sampled.evaluate(cutoffs: 1...10) { u, items in
      itemPop.scores(user: u, items: items)
    }
    let knnResult = data.sampled.evaluate(cutoffs: 1...10) { u, items in
      itemKNN.scores(user: u, items: items)
    }
    sampledResults += [("ItemPop", popResult), ("ItemKNN", knnResult)]
    for (name, result) in sampledResults {
      run.note("\(name): \(result)")
      run.record("\(name)/HR@10", result.hitRate(at: 10))
      run.record("\(name)/NDCG@10", result.ndcg(at: 10))
    }

    // MARK: - Training

    run.section("Training")
    let epochs = run.epochs(full: 20, quick: 2)
    run.note(
      "Adam, lr = 0.001, batch 256, 4 negatives per positive, N(0, 0.01²) embeddings, \(epochs) epochs"
    )
    let main: [Experiment.Config] = [
      .init(model: .gmf), .init(model: .mlp), .init(model: .neumf),
    ]
    var trained: [String: any PointwiseRecommender] = [:]
    var histories: [String: [PointwiseTrainer.EpochRecord]] = [:]
    for config in main {
      let (model, history) = experiment.train(config, epochs: epochs, verbose: true)
      trained[config.model.name] = model
      histories[config.model.name] = history
    }

    // MARK: - Pretraining NeuMF

    run.section("Pretraining NeuMF")
    let gmf = trained["GMF"] as! GMF
    let mlp = trained["MLP"] as! MLPRecommender
    var pretrainRNG = run.generator("NeuMF (pretrained)")
    let pretrained = NeuMF(pretrainedGMF: gmf, mlp: mlp, alpha: 0.5, using: &pretrainRNG)
    let atStart = pretrained.evaluate(data.sampled, cutoffs: 10...10)
    run.note("NeuMF (pretrained) before fine-tuning: \(atStart)")
    run.record("NeuMF (pretrained)/HR@10 before fine-tuning", atStart.hitRate(at: 10))
    run.record("NeuMF (pretrained)/NDCG@10 before fine-tuning", atStart.ndcg(at: 10))
    let fineTuner = PointwiseTrainer(
      model: pretrained, train: data.train,
      optimizer: SGD(pretrained.parameters, learningRate: Experiment.fineTuningRate))
    histories["NeuMF (pretrained)"] = experiment.fit(
      fineTuner, name: "NeuMF (pretrained)", epochs: epochs, rng: &pretrainRNG, verbose: true)
    trained["NeuMF (pretrained)"] = pretrained

    let curveModels = ["GMF", "MLP", "NeuMF", "NeuMF (pretrained)"]
    for name in curveModels {
      let h = histories[name]!
      let x = h.map { Double($0.epoch) }
      run.recordCurve("\(name)/HR@10 by epoch", x: x, y: h.map(\.hitRate))
      run.recordCurve("\(name)/NDCG@10 by epoch", x: x, y: h.map(\.ndcg))
      run.recordCurve("\(name)/loss by epoch", x: x, y: h.map(\.loss))
      run.record("\(name)/loss", h.last!.loss)
      run.record("\(name)/best HR@10 over epochs", h.map(\.hitRate).max()!)
      run.record(
        "\(name)/best HR@10 epoch", Double(h.max { $0.hitRate < $1.hitRate }!.epoch))
    }
    let curves = trainingCurves(histories, models: curveModels, itemPop: popResult)
    try run.save(curves.figure, as: "training-curves")
    run.note("\nHR@10 by epoch (the figure's first panel):")
    run.note(
      try Figure(curves.hitRatePanel).asciiPreview(columns: 78, lines: 22, gnuplot: run.gnuplot))

    // MARK: - Comparison with the baselines

    run.section("Comparison with the baselines")
    let mfBPR = trainMFBPR(run, train: data.train, clock: clock)
    let bprResult = data.sampled.evaluate(cutoffs: 1...10) { u, items in
      mfBPR.scores(user: u, items: items)
    }
    sampledResults.append(("MF-BPR", bprResult))
    run.record("MF-BPR/HR@10", bprResult.hitRate(at: 10))
    run.record("MF-BPR/NDCG@10", bprResult.ndcg(at: 10))
    for name in curveModels {
      let result = trained[name]!.evaluate(data.sampled, cutoffs: 1...10)
      sampledResults.append((name, result))
      run.record("\(name)/HR@10", result.hitRate(at: 10))
      run.record("\(name)/NDCG@10", result.ndcg(at: 10))
    }
    var comparison = MarkdownTable(columns: ["model", "HR@10", "NDCG@10", "HR@1", "HR@5"])
    for (name, result) in sampledResults {
      comparison.append([
        name, formatted(result.hitRate(at: 10), decimals: 3),
        formatted(result.ndcg(at: 10), decimals: 3),
        formatted(result.hitRate(at: 1), decimals: 3),
        formatted(result.hitRate(at: 5), decimals: 3),
      ])
      run.record("\(name)/HR@1", result.hitRate(at: 1))
      run.record("\(name)/HR@5", result.hitRate(at: 5))
      let ks = result.cutoffs.map(Double.init)
      run.recordCurve("\(name)/HR@K", x: ks, y: result.hitRates)
      run.recordCurve("\(name)/NDCG@K", x: ks, y: result.ndcgs)
    }
    try run.show(
      comparison, as: "comparison",
      caption:
        "Table 3.1: leave-one-out, the held-out item among 99 sampled negatives (\(epochs) epochs)")
    try run.save(atK(sampledResults), as: "hr-at-k")

    // MARK: - Predictive factors

    run.section("Predictive factors")
    let sweepEpochs = run.epochs(full: 5, quick: 1)
    let factorList = run.isQuick ? [8, 16] : [8, 16, 32, 64]
    run.note("each model trained for \(sweepEpochs) epochs at each size")
    var factorCurves: [String: [Double]] = [:]
    var factorNDCG: [String: [Double]] = [:]
    for kind in Experiment.Kind.allCases {
      for factors in factorList {
        let config = Experiment.Config(model: kind, factors: factors)
        let record = experiment.result(config, epochs: sweepEpochs)
        factorCurves[kind.name, default: []].append(record.hitRate)
        factorNDCG[kind.name, default: []].append(record.ndcg)
        run.record("\(kind.name) (\(factors) factors)/HR@10", record.hitRate)
        run.record("\(kind.name) (\(factors) factors)/NDCG@10", record.ndcg)
      }
    }
    try run.save(
      sweepFigure(
        x: factorList.map(Double.init), hitRates: factorCurves, ndcgs: factorNDCG,
        xLabel: "predictive factors", logX: true,
        title: "Predictive factors (\(sweepEpochs) epochs each)"),
      as: "factors")

    // MARK: - Negatives per positive

    run.section("Negatives per positive")
    let negativeList = run.isQuick ? [1, 4] : Array(1...10)
    var negativeCurves: [String: [Double]] = [:]
    var negativeNDCG: [String: [Double]] = [:]
    for kind in [Experiment.Kind.gmf, .neumf] {
      for negatives in negativeList {
        let config = Experiment.Config(model: kind, negatives: negatives)
        let record = experiment.result(config, epochs: sweepEpochs)
        negativeCurves[kind.name, default: []].append(record.hitRate)
        negativeNDCG[kind.name, default: []].append(record.ndcg)
        run.record("\(kind.name) (\(negatives) negatives)/HR@10", record.hitRate)
        run.record("\(kind.name) (\(negatives) negatives)/NDCG@10", record.ndcg)
      }
    }
    try run.save(
      sweepFigure(
        x: negativeList.map(Double.init), hitRates: negativeCurves, ndcgs: negativeNDCG,
        xLabel: "negatives per positive", logX: false,
        title: "Negatives per positive (\(sweepEpochs) epochs each)"),
      as: "negatives")

    // MARK: - How deep should the MLP be?

    run.section("How deep should the MLP be?")
    let depthFactors = run.isQuick ? [8] : [8, 16]
    let depths = run.isQuick ? [0, 1, 3] : [0, 1, 2, 3, 4]
    var depthTable = MarkdownTable(columns: ["factors"] + depths.map { "MLP-\($0)" })
    for factors in depthFactors {
      var row = ["\(factors)"]
      for depth in depths {
        let config = Experiment.Config(model: .mlp, factors: factors, hiddenLayers: depth)
        let record = experiment.result(config, epochs: sweepEpochs)
        row.append(formatted(record.hitRate, decimals: 3))
        run.record("MLP-\(depth) (\(factors) factors)/HR@10", record.hitRate)
        run.record("MLP-\(depth) (\(factors) factors)/NDCG@10", record.ndcg)
      }
      depthTable.append(row)
    }
    try run.show(
      depthTable, as: "depth",
      caption: "Table 3.2: HR@10 of MLP with 0 to 4 hidden layers (\(sweepEpochs) epochs each)")

    // MARK: - Full ranking

    run.section("Full ranking")
    let full = FullRankingProtocol(train: data.train, test: data.testMatrix)
    var fullTable = MarkdownTable(columns: [
      "model", "sampled HR@10", "full HR@10", "sampled NDCG@10", "full NDCG@10",
    ])
    for (name, sampledResult) in sampledResults {
      let result: RankingResult
      switch name {
      case "ItemPop": result = full.evaluate { u, items in itemPop.scores(user: u, items: items) }
      case "ItemKNN": result = full.evaluate { u, items in itemKNN.scores(user: u, items: items) }
      case "MF-BPR": result = full.evaluate { u, items in mfBPR.scores(user: u, items: items) }
      default: result = trained[name]!.evaluate(full)
      }
      run.record("\(name)/full HR@10", result.hitRate(at: 10))
      run.record("\(name)/full NDCG@10", result.ndcg(at: 10))
      fullTable.append([
        name, formatted(sampledResult.hitRate(at: 10), decimals: 3),
        formatted(result.hitRate(at: 10), decimals: 3),
        formatted(sampledResult.ndcg(at: 10), decimals: 3),
        formatted(result.ndcg(at: 10), decimals: 3),
      ])
    }
    try run.show(
      fullTable, as: "full-ranking",
      caption: "Table 3.3: the same models ranked against every item the user did not train on")

    // MARK: - The tie rule of leave-one-out

    run.section("The tie rule of leave-one-out")
    let tiedUsers = usersWithTiesInTheirLastSecond(data.ratings, userCount: data.userCount)
    run.record("Ties/users with several ratings in their last second", Double(tiedUsers))
    run.note("\(tiedUsers) of \(data.userCount) users rated several movies in their last second")
    let rules: [(name: String, rule: TieRule)] = [
      ("last in file order", .lastInFileOrder), ("highest item id", .highestItemID),
      ("lowest item id", .lowestItemID), ("random (seed 1)", .random(seed: 1)),
      ("random (seed 2)", .random(seed: 2)),
    ]
    var tieTable = MarkdownTable(columns: [
      "tie rule", "test items changed", "ItemPop HR@10", "GMF HR@10",
    ])
    var tieBars: [String: [Double]] = ["ItemPop": [], "GMF": []]
    for (label, rule) in rules {
      // The default rule is the main experiment's data: its GMF run is reused, not retrained.
      let ruleData =
        rule == .lastInFileOrder
        ? data
        : try Experiment.Data(
          movieLens, users: run.isQuick ? 150 : nil, ties: rule, evaluationSeed: 42)
      let changed = heldOutChanges(ruleData.split.test, data.split.test)
      let pop = ItemPop(train: ruleData.train)
      let popHR = ruleData.sampled.evaluate(cutoffs: 10...10) { u, items in
        pop.scores(user: u, items: items)
      }.hitRate(at: 10)
      let ruleExperiment =
        rule == .lastInFileOrder
        ? experiment : Experiment(data: ruleData, run: run, clock: clock)
      let gmfHR = ruleExperiment.result(.init(model: .gmf), epochs: sweepEpochs).hitRate
      tieTable.append([
        label, "\(changed)", formatted(popHR, decimals: 3), formatted(gmfHR, decimals: 3),
      ])
      tieBars["ItemPop"]!.append(popHR)
      tieBars["GMF"]!.append(gmfHR)
      run.record("Ties (\(label))/test items changed", Double(changed))
      run.record("ItemPop (tie rule: \(label))/HR@10", popHR)
      run.record("GMF (tie rule: \(label))/HR@10", gmfHR)
    }
    try run.show(
      tieTable, as: "tie-rules",
      caption:
        "Table 3.4: HR@10 when the held-out item is chosen by another tie rule (GMF: \(sweepEpochs) epochs)"
    )
    var tieChart = Chart.bars(
      GroupedBars(
        groups: rules.map(\.name),
        series: [BarSeries("ItemPop", tieBars["ItemPop"]!), BarSeries("GMF", tieBars["GMF"]!)],
        valueFormat: "%.3f"),
      title: "HR@10 under five leave-one-out tie rules", yLabel: "HR@10")
    tieChart.yRange = AxisRange(min: 0)
    tieChart.legend = .outsideBelow
    try run.save(Figure(tieChart, width: 900, height: 500), as: "tie-rules")

    // MARK: - Is NeuMF better than a dot product?

    run.section("Is NeuMF better than a dot product?")
    let best = sampledResults.max { $0.result.hitRate(at: 10) < $1.result.hitRate(at: 10) }!
    run.note(
      "best HR@10 here: \(best.name), \(formatted(best.result.hitRate(at: 10), decimals: 3))")
    run.timing("all training and evaluation", seconds: clock.total)
    run.timing("all training and evaluation, CPU time", seconds: clock.cpu)
    try run.finish()
  }
}

// MARK: Experiments

/// The data of one experiment and a cache of trained runs, so a sweep that repeats a
/// configuration (8 factors, 4 negatives, 3 layers) reuses it instead of training it again.
final class Experiment {
  enum Kind: CaseIterable {
    case gmf, mlp, neumf
    var name: String {
      switch self {
      case .gmf: "GMF"
      case .mlp: "MLP"
      case .neumf: "NeuMF"
      }
    }
  }

  /// One training configuration; the defaults are the paper's.
  struct Config: Hashable {
    var model: Kind
    var factors = 8
    var hiddenLayers = 3
    var negatives = 4
    /// The label that seeds its generator: the same configuration always draws the same numbers.
    var label: String { "\(model.name) f\(factors) L\(hiddenLayers) n\(negatives)" }
  }

  /// The learning rate of plain SGD when fine-tuning a pretrained NeuMF.
  static let fineTuningRate: Float = 0.01

  /// Ratings, the leave-one-out split, the training matrix and the sampled protocol.
  struct Data {
    let ratings: [Rating]
    let userCount: Int
    let itemCount: Int
    let split: RatingSplit
    let train: InteractionMatrix
    let testMatrix: InteractionMatrix
    let sampled: SampledRankingProtocol

    /// `users`: keep only the first users (quick runs).
    init(_ movieLens: MovieLens, users: Int?, ties: TieRule, evaluationSeed: UInt64) throws {
      userCount = min(users ?? movieLens.userCount, movieLens.userCount)
      itemCount = movieLens.itemCount
      let userCount = userCount
      ratings = movieLens.ratings.filter { $0.user < userCount }
      guard ratings.count > 2 * userCount else {
        throw ChapterError(
          "MovieLens has only \(ratings.count) ratings for \(userCount) users: too few for leave-one-out"
        )
      }
      split = RatingSplit.leaveOneOut(ratings, userCount: userCount, ties: ties)
      train = InteractionMatrix(ratings: split.train, userCount: userCount, itemCount: itemCount)
      testMatrix = InteractionMatrix(
        ratings: split.test, userCount: userCount, itemCount: itemCount)
      let all = InteractionMatrix(ratings: ratings, userCount: userCount, itemCount: itemCount)
      sampled = SampledRankingProtocol(
        test: split.test, all: all, negativeCount: 99, seed: evaluationSeed)
    }
  }

  let data: Data
  let run: ChapterRun
  let clock: TrainingClock
  private var cache: [Config: [PointwiseTrainer.EpochRecord]] = [:]

  init(data: Data, run: ChapterRun, clock: TrainingClock) {
    self.data = data
    self.run = run
    self.clock = clock
  }

  /// A fresh model of the configuration, initialised from its own generator.
  func makeModel(_ config: Config, using rng: inout SeededGenerator) -> any PointwiseRecommender {
    switch config.model {
    case .gmf:
      GMF(
        userCount: data.userCount, itemCount: data.itemCount, factors: config.factors, using: &rng)
    case .mlp:
      MLPRecommender(
        userCount: data.userCount, itemCount: data.itemCount, factors: config.factors,
        hiddenLayers: config.hiddenLayers, using: &rng)
    case .neumf:
      NeuMF(
        userCount: data.userCount, itemCount: data.itemCount, factors: config.factors,
        hiddenLayers: config.hiddenLayers, using: &rng)
    }
  }

  /// Trains a configuration with Adam (lr 0.001, batch 256) for `epochs`, evaluating after each.
  func train(_ config: Config, epochs: Int, verbose: Bool = false) -> (
    any PointwiseRecommender, [PointwiseTrainer.EpochRecord]
  ) {
    var rng = run.generator(config.label)
    let model = makeModel(config, using: &rng)
    let trainer = PointwiseTrainer(
      model: model, train: data.train, optimizer: Adam(model.parameters, learningRate: 0.001),
      negativesPerPositive: config.negatives, batchSize: 256)
    let start = Date()
    let history = fit(trainer, name: config.model.name, epochs: epochs, rng: &rng, verbose: verbose)
    cache[config] = history
    if !verbose {
      let last = history.last!
      run.note(
        "\(config.label): \(epochs) epochs, loss \(formatted(last.loss, decimals: 4)), HR@10 \(formatted(last.hitRate, decimals: 4)), NDCG@10 \(formatted(last.ndcg, decimals: 4)) (\(formatted(Date().timeIntervalSince(start), decimals: 1)) s)"
      )
    }
    return (model, history)
  }

  /// The metrics after `epochs` epochs of a configuration: from the cache when a run of it
  /// at least that long, evaluated after that epoch, exists (its first `epochs` epochs are
  /// exactly that run: the main 8-factor runs give the sweeps' 8-factor points), else trained.
  func result(_ config: Config, epochs: Int) -> PointwiseTrainer.EpochRecord {
    if let history = cache[config], history.count >= epochs, !history[epochs - 1].hitRate.isNaN {
      return history[epochs - 1]
    }
    return train(config, epochs: epochs).1[epochs - 1]
  }

  /// Runs a trainer for `epochs`, with a progress bar and a summary line per epoch when verbose.
  /// A verbose run (a training curve) is evaluated after every epoch; a sweep's run only
  /// after its last, the one point it plots: its other records carry NaN metrics.
  func fit(
    _ trainer: PointwiseTrainer, name: String, epochs: Int, rng: inout SeededGenerator,
    verbose: Bool
  ) -> [PointwiseTrainer.EpochRecord] {
    // On a terminal, a progress bar per epoch; in a log, one summary line per epoch.
    let interactive = verbose && isatty(STDOUT_FILENO) == 1
    var history: [PointwiseTrainer.EpochRecord] = []
    clock.measure {
      for epoch in 1...epochs {
        let epochStart = Date()
        var bar: ProgressBar?
        let loss = trainer.trainEpoch(using: &rng) { done, total, loss in
          if done == 1 && interactive {
            bar = self.run.progress("\(name) epoch \(epoch)/\(epochs)", total: total)
          }
          if done % 64 == 0 {
            bar?.advance(by: 64, status: "loss \(formatted(Double(loss), decimals: 4))")
          }
        }
        var record = PointwiseTrainer.EpochRecord(
          epoch: epoch, loss: Double(loss), hitRate: .nan, ndcg: .nan)
        if verbose || epoch == epochs {
          let result = trainer.model.evaluate(data.sampled, cutoffs: 10...10)
          record.hitRate = result.hitRate(at: 10)
          record.ndcg = result.ndcg(at: 10)
        }
        history.append(record)
        guard verbose else { continue }
        let summary =
          "loss \(formatted(record.loss, decimals: 4))  HR@10 \(formatted(record.hitRate, decimals: 4))  NDCG@10 \(formatted(record.ndcg, decimals: 4))  (\(formatted(Date().timeIntervalSince(epochStart), decimals: 1)) s)"
        if let bar {
          bar.finish(status: summary)
        } else {
          run.note("\(name) epoch \(record.epoch)/\(epochs): \(summary)")
        }
      }
    }
    return history
  }
}

/// Chapter 2's MF-BPR, trained as Chapter 2 trains it — 32 factors, Adam with `lr = 0.005`,
/// L2 0.001, batch 256, 20 epochs, the generator of the same label — on this chapter's split,
/// which is Chapter 2's: the same model, so the dot product sits in the same table.
func trainMFBPR(_ run: ChapterRun, train: InteractionMatrix, clock: TrainingClock)
  -> MatrixFactorization
{
  let epochs = run.epochs(full: 20, quick: 2)
  var rng = run.generator("MF-BPR")
  let mf = MatrixFactorization(
    userCount: train.userCount, itemCount: train.itemCount, factors: 32, using: &rng)
  let adam = Adam(mf.parameters, learningRate: 0.005)
  let sampler = NegativeSampler(excluding: train)
  var losses: [Double] = []
  let start = Date()
  clock.measure {
    for epoch in 1...epochs {
      var bar: ProgressBar? = nil
      let loss = mf.trainEpoch(
        on: train, objective: .bpr, optimizer: adam, batchSize: 256, l2: 0.001, sampler: sampler,
        using: &rng
      ) { done, total, meanLoss in
        if bar == nil { bar = run.progress("MF-BPR epoch \(epoch)/\(epochs)", total: total) }
        bar?.advance(status: "BPR loss \(formatted(meanLoss, decimals: 4))")
      }
      bar?.finish(status: "BPR loss \(formatted(loss, decimals: 4))")
      losses.append(loss)
    }
  }
  run.note(
    "MF-BPR (Chapter 2's model and settings): \(epochs) epochs, BPR loss \(formatted(losses.last!, decimals: 4))"
  )
  run.timing("MF-BPR, \(epochs) epochs", seconds: Date().timeIntervalSince(start))
  return mf
}

/// Adds up the time spent training and evaluating (printed, never recorded): wall-clock
/// seconds, and the process's CPU seconds over all its threads, which a busy machine
/// does not inflate.
final class TrainingClock {
  private(set) var total = 0.0
  private(set) var cpu = 0.0
  func measure<R>(_ body: () -> R) -> R {
    let start = Date()
    let cpuStart = Self.processCPUSeconds()
    defer {
      total += Date().timeIntervalSince(start)
      cpu += Self.processCPUSeconds() - cpuStart
    }
    return body()
  }

  /// User plus system CPU time of this process so far.
  static func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
  }
}

// MARK: Figures

/// The training curves: HR@10, NDCG@10 and the training loss by epoch, ItemPop dashed.
func trainingCurves(
  _ histories: [String: [PointwiseTrainer.EpochRecord]], models: [String], itemPop: RankingResult
) -> (figure: Figure, hitRatePanel: Chart) {
  func panel(
    _ title: String, _ y: String, _ value: (PointwiseTrainer.EpochRecord) -> Double, pop: Double?
  )
    -> Chart
  {
    var series = models.map { name in
      LineSeries(
        name, x: histories[name]!.map { Double($0.epoch) }, y: histories[name]!.map(value),
        markers: true)
    }
    if let pop {
      let epochs = histories[models[0]]!.map { Double($0.epoch) }
      series.append(LineSeries("ItemPop", x: epochs, y: epochs.map { _ in pop }, dashed: true))
    }
    var chart = Chart.lines(series, title: title, xLabel: "epoch", yLabel: y)
    chart.legend = .bottomRight
    return chart
  }
  let hr = panel("HR@10 by epoch", "HR@10", { $0.hitRate }, pop: itemPop.hitRate(at: 10))
  let ndcg = panel("NDCG@10 by epoch", "NDCG@10", { $0.ndcg }, pop: itemPop.ndcg(at: 10))
  var loss = panel("Training log loss", "mean log loss", { $0.loss }, pop: nil)
  loss.legend = .topRight
  return (Figure(panels: [hr, ndcg, loss], columns: 3), hr)
}

/// HR@K and NDCG@K for K = 1…10, every model of the comparison.
func atK(_ results: [(name: String, result: RankingResult)]) -> Figure {
  func panel(_ title: String, _ values: (RankingResult) -> [Double]) -> Chart {
    var chart = Chart.lines(
      results.map { name, result in
        LineSeries(
          name, x: result.cutoffs.map(Double.init), y: values(result), markers: true,
          dashed: name.hasPrefix("Item"))
      }, title: title, xLabel: "K", yLabel: title.components(separatedBy: " ")[0])
    // Seven series: a legend inside the axes would hide ItemPop's line.
    chart.legend = .outsideBelow
    return chart
  }
  return Figure(
    panels: [panel("HR@K by K", { $0.hitRates }), panel("NDCG@K by K", { $0.ndcgs })], columns: 2,
    height: 480)
}

/// HR@10 and NDCG@10 of each model against a swept setting.
func sweepFigure(
  x: [Double], hitRates: [String: [Double]], ndcgs: [String: [Double]], xLabel: String, logX: Bool,
  title: String
) -> Figure {
  func panel(_ metric: String, _ values: [String: [Double]]) -> Chart {
    var chart = Chart.lines(
      values.keys.sorted().map { LineSeries($0, x: x, y: values[$0]!, markers: true) },
      title: "\(metric) by \(xLabel)", xLabel: xLabel, yLabel: metric)
    chart.xLogScale = logX
    if logX {
      chart.xRange = AxisRange(min: x.first! / 1.25, max: x.last! * 1.25)
      chart.extraCommands = [
        "set logscale x 2",
        "set xtics (" + x.map { "\"\(Int($0))\" \($0)" }.joined(separator: ", ") + ")",
      ]
    }
    chart.legend = .bottomRight
    return chart
  }
  return Figure(
    title: title, panels: [panel("HR@10", hitRates), panel("NDCG@10", ndcgs)], columns: 2)
}

/// How many users have a different held-out item in `a` than in `b`.
func heldOutChanges(_ a: [Rating], _ b: [Rating]) -> Int {
  let before = Dictionary(b.map { ($0.user, $0.item) }, uniquingKeysWith: { first, _ in first })
  return a.filter { before[$0.user] != $0.item }.count
}

Chapter3.main()
