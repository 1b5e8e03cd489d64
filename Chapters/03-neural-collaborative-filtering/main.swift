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
      150 users with one or two epochs. --ml-1m runs the same experiments on the NCF paper's
      own MovieLens-1M split and test negatives (make data-ml-1m) instead.
      """)

  @OptionGroup var options: ChapterOptions

  @Flag(
    name: .customLong("ml-1m"),
    help: ArgumentHelp(
      "Run the NCF paper's own MovieLens-1M split and test negatives instead (make data-ml-1m).",
      discussion: """
        Reads Data/ncf-ml-1m (or --data DIR); the book's run writes Figures/chapter-3-ml-1m, \
        any other Runs/chapter-3-ml-1m. About 10 minutes of processor time.
        """))
  var movieLens1M = false

  @Flag(
    help: ArgumentHelp(
      "With --ml-1m: the paper's Tables 2 and 3 instead (NeuMF with and without pretraining, MLP-0 to MLP-4, at each of --table-factors). Hours, not minutes.",
      discussion:
        "The book's run writes Figures/chapter-3-ml-1m-tables, any other Runs/chapter-3-ml-1m-tables."
    ))
  var tables = false

  @Option(
    help: ArgumentHelp(
      "With --tables: the predictive factors to run, comma-separated.", valueName: "list"))
  var tableFactors = "8,16,32,64"

  @Option(
    help: ArgumentHelp(
      "With --tables: train this many groups of cells at once, each in a child process on one thread.",
      discussion: """
        Every finished training is saved (Runs/chapter-3-ml-1m-tables.cells for the book's \
        run) and reused by the next run; the tables are the same for any number of jobs.
        """, valueName: "n"))
  var tableJobs = 1

  /// A child of a `--table-jobs` run: the one group it trains, as `FACTORS:GROUP`.
  @Option(help: .hidden) var tableGroup: String?

  func validate() throws {
    if tables && !movieLens1M { throw ValidationError("--tables goes with --ml-1m") }
    if factorList == nil {
      throw ValidationError(
        "--table-factors: a comma-separated list of positive integers, got '\(tableFactors)'")
    }
    if tableJobs < 1 { throw ValidationError("--table-jobs: at least 1, got \(tableJobs)") }
    if tableGroup != nil && (!tables || tableGroupToTrain == nil) {
      throw ValidationError("--table-group: FACTORS:GROUP with --tables, got '\(tableGroup!)'")
    }
  }

  /// `--table-group` as factors and a group, or nil when absent or malformed.
  var tableGroupToTrain: (factors: Int, group: TableGroup)? {
    guard let text = tableGroup else { return nil }
    let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
    guard parts.count == 2, let f = Int(parts[0]), f > 0, let group = TableGroup(rawValue: parts[1])
    else { return nil }
    return (f, group)
  }

  /// `--table-factors` as numbers, or nil when it is not a list of positive integers.
  var factorList: [Int]? {
    let parts = tableFactors.split(separator: ",").map {
      Int($0.trimmingCharacters(in: .whitespaces))
    }
    guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
    return parts.map { $0! }
  }

  func run() throws {
    if movieLens1M {
      try runOnThePapersData()
      return
    }
    // One thread for the products of the whole chapter. The widest layers of the sweeps
    // would otherwise use a second one; on a 2-core machine that other jobs share, waiting
    // for it costs more CPU time than it saves, and the numbers are the same either way.
    MatrixKernels.threadCount = 1
    let run = try ChapterRun(
      number: 3, title: "Neural Collaborative Filtering: GMF, MLP and NeuMF", options: options)
    let (start, cpuStart) = (Date(), processCPUSeconds())
    learnedInteraction(run)
    generalizedMatrixFactorization(run)
    mlpModel(run)
    neuMF(run)
    let (data, baselines) = try dataAndEvaluation(run)
    let experiment = Experiment(data: data, run: run)
    let main = training(run, experiment)
    let neural = try pretrainingNeuMF(run, experiment, main, itemPop: baselines.itemPop)
    let compared = try comparisonWithTheBaselines(run, experiment, baselines, neural)
    try predictiveFactors(run, experiment)
    try negativesPerPositive(run, experiment)
    try mlpDepth(run, experiment)
    try fullRanking(run, data, compared)
    try tieRule(run, experiment)
    isNeuMFBetterThanADotProduct(run, compared)
    thePapersOwnData(run)
    run.timing("all training and evaluation", seconds: run.trainingSeconds)
    run.timing("chapter 3", seconds: Date().timeIntervalSince(start))
    run.timing("chapter 3, CPU time", seconds: processCPUSeconds() - cpuStart)
    try run.finish()
  }
}

/// The CPU time of this process so far, over all its threads: unlike the wall clock, a busy
/// machine does not inflate it.
func processCPUSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

// MARK: - From matrix factorisation to a learned interaction

extension Chapter3 {
  func learnedInteraction(_ run: ChapterRun) {
    run.section("From matrix factorisation to a learned interaction")
    run.note("(text: the NCF framework, and the pointwise log loss against BPR's pairwise loss)")
  }
}

// MARK: - Generalized Matrix Factorization

extension Chapter3 {
  /// GMF's size for MovieLens-100K with 8 factors (the text's count).
  func generalizedMatrixFactorization(_ run: ChapterRun) {
    run.section("Generalized Matrix Factorization")
    var rng = SeededGenerator(seed: 0)
    let gmf = GMF(userCount: 943, itemCount: 1682, factors: 8, using: &rng)
    run.note("GMF with 8 factors: \(gmf.parameterCount) parameters")
    run.record("GMF/parameters", Double(gmf.parameterCount))
  }
}

// MARK: - The MLP model

extension Chapter3 {
  /// The MLP's tower and size for MovieLens-100K with 8 factors and 3 hidden layers.
  func mlpModel(_ run: ChapterRun) {
    run.section("The MLP model")
    var rng = SeededGenerator(seed: 0)
    let mlp = MLPRecommender(
      userCount: 943, itemCount: 1682, factors: 8, hiddenLayers: 3, using: &rng)
    run.note(
      "MLP with 8 factors: layers \(mlp.layerSizes.map(String.init).joined(separator: " -> ")), \(mlp.parameterCount) parameters"
    )
    run.record("MLP/parameters", Double(mlp.parameterCount))
  }
}

// MARK: - NeuMF: fusing the two

extension Chapter3 {
  /// NeuMF's size: both branches with 8 factors, and the fused output layer.
  func neuMF(_ run: ChapterRun) {
    run.section("NeuMF: fusing the two")
    var rng = SeededGenerator(seed: 0)
    let neumf = NeuMF(userCount: 943, itemCount: 1682, factors: 8, hiddenLayers: 3, using: &rng)
    run.note("NeuMF with 8 + 8 factors: \(neumf.parameterCount) parameters")
    run.record("NeuMF/parameters", Double(neumf.parameterCount))
  }
}

// MARK: - Data and evaluation

extension Chapter3 {
  /// The leave-one-out split of the NCF paper (Chapter 2's), and Chapter 2's two baselines
  /// under its sampled protocol.
  func dataAndEvaluation(_ run: ChapterRun) throws -> (LeaveOneOutData, Baselines) {
    run.section("Data and evaluation")
    let movieLens = try run.loadMovieLens()
    let users = run.isQuick ? min(150, movieLens.userCount) : movieLens.userCount
    let data = try LeaveOneOutData(
      ratings: movieLens.ratings(ofFirstUsers: users), userCount: users,
      itemCount: movieLens.itemCount, evaluationSeed: 42)
    run.note(
      "leave-one-out: \(data.split.train.count) training interactions, \(data.split.test.count) held out, \(data.userCount) users x \(data.itemCount) items"
    )
    run.record("Data/training interactions", Double(data.split.train.count))
    run.record("Data/test users", Double(data.split.test.count))
    return (data, evaluatedBaselines(run, data))
  }

  /// Chapter 2's two baselines under `data`'s sampled protocol.
  func evaluatedBaselines(_ run: ChapterRun, _ data: LeaveOneOutData) -> Baselines {
    func evaluated(_ name: String, _ model: any ItemScorer) -> Compared {
      let result = model.evaluate(data.sampled)
      run.note("\(name): \(result)")
      run.record(result, as: name)
      return Compared(name: name, scorers: [model], sampledSeeds: [result], isBaseline: true)
    }
    return Baselines(
      itemPop: evaluated("ItemPop", ItemPop(train: data.train)),
      itemKNN: evaluated("ItemKNN", ItemKNN(train: data.train, neighbours: 50)))  // Chapter 2's setting
  }
}

/// A model of the comparison: its name in the tables, the model trained with each seed (one
/// for a deterministic baseline), and how each ranks under the sampled protocol; Chapter 2's
/// baselines (ItemPop, ItemKNN) are drawn dashed.
struct Compared {
  let name: String
  let scorers: [any ItemScorer]
  let sampledSeeds: [RankingResult]
  var isBaseline = false
  /// How each ranks under the full-ranking protocol, once evaluated (empty before).
  var fullSeeds: [RankingResult] = []
  /// Seed 0's model: the one of the training curves and of the HR@K figure.
  var scorer: any ItemScorer { scorers[0] }
  var sampled: RankingResult { sampledSeeds[0] }
}

/// Chapter 2's baselines: the same popularity list for everyone, and item–item cosine.
struct Baselines {
  let itemPop: Compared
  let itemKNN: Compared
}

// MARK: - Training

extension Chapter3 {
  /// GMF, MLP and NeuMF with the paper's defaults, each evaluated after every epoch.
  func training(_ run: ChapterRun, _ experiment: Experiment) -> MainRuns {
    run.section("Training")
    let epochs = experiment.epochs
    run.note(
      "Adam, lr = 0.001, batch 256, 4 negatives per positive, N(0, 0.01²) embeddings, \(epochs) epochs"
    )
    let gmf = experiment.train(
      .init(model: .gmf), epochs: epochs, curve: true, model: experiment.gmf)
    let mlp = experiment.train(
      .init(model: .mlp), epochs: epochs, curve: true, model: experiment.mlp)
    let neumf = experiment.train(
      .init(model: .neumf), epochs: epochs, curve: true, model: experiment.neumf)
    return MainRuns(gmf: gmf.model, mlp: mlp.model, all: [gmf.run, mlp.run, neumf.run])
  }
}

/// A trained model under its name in the tables, with its record of every epoch.
struct TrainedRun {
  let name: String
  let model: any PointwiseRecommender
  let history: [PointwiseTrainer.EpochRecord]
}

/// The main runs: GMF and the MLP (which the pretrained NeuMF starts from) and all three.
struct MainRuns {
  let gmf: GMF
  let mlp: MLPRecommender
  /// GMF, MLP and NeuMF, in the tables' order.
  let all: [TrainedRun]
}

/// The NCF models trained on one leave-one-out split, and a cache of their runs, so a sweep
/// that repeats a configuration (8 factors, 4 negatives, 3 layers) reuses it instead of
/// training it again.
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

  /// The learning rate of plain SGD when fine-tuning a pretrained NeuMF (the book's choice,
  /// not tuned: Exercise 3.7 tries others).
  static let fineTuningRate: Float = 0.01

  /// The label of a run with training seed `seed`: seed 0 keeps the configuration's own label
  /// (the training curves, the sweeps' reused points), every other seed draws its own stream.
  static func label(_ label: String, seed: Int) -> String {
    seed == 0 ? label : "\(label) (seed \(seed))"
  }

  let data: LeaveOneOutData
  let run: ChapterRun
  /// The epochs of the main models (20; `--epochs` changes them), and of each run of a sweep
  /// (5, whatever `--epochs` says).
  let epochs: Int, sweepEpochs: Int
  /// How many training seeds the comparison tables average over (5 on MovieLens-100K; 2
  /// with `--quick`).
  let seeds: Int
  /// Whether Adam updates only the embedding rows a batch touched (`sparseRows`): the
  /// MovieLens-1M run's choice, for speed; MovieLens-100K's runs use dense Adam.
  let sparseAdam: Bool
  private var cache: [Config: [PointwiseTrainer.EpochRecord]] = [:]

  init(data: LeaveOneOutData, run: ChapterRun, seeds: Int = 5, sparseAdam: Bool = false) {
    self.data = data
    self.run = run
    epochs = run.epochs(full: 20, quick: 2)
    sweepEpochs = run.isQuick ? 1 : 5
    self.seeds = run.isQuick ? 2 : seeds
    self.sparseAdam = sparseAdam
  }

  /// A GMF of the configuration on this split's users and items.
  func gmf(_ config: Config, using rng: inout SeededGenerator) -> GMF {
    GMF(userCount: data.userCount, itemCount: data.itemCount, factors: config.factors, using: &rng)
  }

  /// An MLP of the configuration on this split's users and items.
  func mlp(_ config: Config, using rng: inout SeededGenerator) -> MLPRecommender {
    MLPRecommender(
      userCount: data.userCount, itemCount: data.itemCount, factors: config.factors,
      hiddenLayers: config.hiddenLayers, using: &rng)
  }

  /// A NeuMF of the configuration on this split's users and items.
  func neumf(_ config: Config, using rng: inout SeededGenerator) -> NeuMF {
    NeuMF(
      userCount: data.userCount, itemCount: data.itemCount, factors: config.factors,
      hiddenLayers: config.hiddenLayers, using: &rng)
  }

  /// Trains a configuration with Adam (lr 0.001, batch 256) for `epochs`: `model` makes it
  /// from the configuration's own generator, which then draws its negatives.
  ///
  /// `everyEpoch` evaluates after every epoch without drawing a curve (the tables run, which
  /// also reports each run's best epoch, as the paper does); evaluating draws no random
  /// numbers, so the last epoch's numbers are the same either way.
  func train<Model: PointwiseRecommender>(
    _ config: Config, epochs: Int, curve: Bool = false, everyEpoch: Bool = false, seed: Int = 0,
    model make: (Config, inout SeededGenerator) -> Model
  ) -> (model: Model, run: TrainedRun) {
    var rng = run.generator(Self.label(config.label, seed: seed))
    let model = make(config, &rng)
    let trainer = PointwiseTrainer(
      model: model, train: data.train,
      optimizer: Adam(model.parameters, learningRate: 0.001, sparseRows: sparseAdam),
      negativesPerPositive: config.negatives, batchSize: 256)
    let name = curve ? config.model.name : Self.label(config.label, seed: seed)
    let history = fit(
      trainer, name: name, epochs: epochs, curve: curve, everyEpoch: everyEpoch, using: &rng)
    if seed == 0 { cache[config] = history }
    return (model, TrainedRun(name: config.model.name, model: model, history: history))
  }

  /// The metrics of a configuration after a sweep's epochs: from the cache when a run of it
  /// at least that long, evaluated after that epoch, exists (its first epochs are exactly
  /// that run: the main 8-factor runs give the sweeps' 8-factor points), else trained.
  func result(_ config: Config) -> PointwiseTrainer.EpochRecord {
    let epochs = sweepEpochs
    if let history = cache[config], history.count >= epochs, !history[epochs - 1].hitRate.isNaN {
      return history[epochs - 1]
    }
    let trained =
      switch config.model {
      case .gmf: train(config, epochs: epochs, model: gmf).run
      case .mlp: train(config, epochs: epochs, model: mlp).run
      case .neumf: train(config, epochs: epochs, model: neumf).run
      }
    return trained.history[epochs - 1]
  }

  /// `run.fit` over the trainer's epochs. A training curve (`curve`) shows a progress bar,
  /// is evaluated after every epoch and prints a line for each; a sweep's run is evaluated
  /// after its last epoch only, the one point it plots (its other records carry NaN
  /// metrics), and prints one line.
  func fit(
    _ trainer: PointwiseTrainer, name: String, epochs: Int, curve: Bool,
    everyEpoch: Bool = false, using rng: inout SeededGenerator
  ) -> [PointwiseTrainer.EpochRecord] {
    var start = Date()
    return run.fit(
      name, epochs: epochs, optimizers: [trainer.optimizer],
      batches: { _ in trainer.epochBatches(using: &rng) }, loss: trainer.loss,
      weight: { Double($0.count) },
      evaluate: { epoch in
        guard curve || everyEpoch || epoch == epochs else { return [:] }
        let result = trainer.model.evaluate(self.data.sampled, cutoffs: 10...10)
        return ["HR@10": result.hitRate(at: 10), "NDCG@10": result.ndcg(at: 10)]
      }, showsProgress: curve,
      summary: { record in
        guard curve || record.epoch == epochs else { return nil }
        let r = PointwiseTrainer.EpochRecord(fitted: record)
        let line =
          "\(curve ? "\(name) epoch \(r.epoch)/\(epochs)" : "\(name): \(epochs) epochs"): loss \(formatted(r.loss, decimals: 4))  HR@10 \(formatted(r.hitRate, decimals: 4))  NDCG@10 \(formatted(r.ndcg, decimals: 4))  (\(formatted(Date().timeIntervalSince(start), decimals: 1)) s)"
        start = Date()
        return line
      }
    ).map(PointwiseTrainer.EpochRecord.init(fitted:))
  }
}

extension Experiment {
  /// NeuMF initialised from a trained GMF and MLP (alpha = 0.5), then fine-tuned with plain
  /// SGD for the main models' epochs; seed 0 draws the training curve, `atStart` sees the
  /// ensemble before the first step.
  ///
  /// `withAdam` fine-tunes with Adam at the training rate 0.001 instead, as the authors'
  /// README command does (the tables run's extra column; §3.4.1 of the paper says plain SGD).
  func pretrainedNeuMF(
    gmf: GMF, mlp: MLPRecommender, seed: Int, withAdam: Bool = false,
    atStart: (RankingResult) -> Void = { _ in }
  ) -> TrainedRun {
    let name = withAdam ? "NeuMF (pretrained, Adam)" : "NeuMF (pretrained)"
    var rng = run.generator(Self.label(name, seed: seed))
    let pretrained = NeuMF(pretrainedGMF: gmf, mlp: mlp, alpha: 0.5, using: &rng)
    if seed == 0 { atStart(pretrained.evaluate(data.sampled, cutoffs: 10...10)) }
    let optimizer: any Optimizer =
      withAdam
      ? Adam(pretrained.parameters, learningRate: 0.001, sparseRows: sparseAdam)
      : SGD(pretrained.parameters, learningRate: Self.fineTuningRate)
    let fineTuner = PointwiseTrainer(
      model: pretrained, train: data.train, optimizer: optimizer)
    let history = fit(
      fineTuner, name: Self.label(name, seed: seed), epochs: epochs, curve: seed == 0,
      using: &rng)
    return TrainedRun(name: name, model: pretrained, history: history)
  }

  /// GMF, MLP, NeuMF and the pretrained NeuMF of training seed `seed` (not 0: the main runs),
  /// each evaluated after its last epoch only.
  func otherSeed(_ seed: Int) -> [TrainedRun] {
    let gmf = train(.init(model: .gmf), epochs: epochs, seed: seed, model: gmf)
    let mlp = train(.init(model: .mlp), epochs: epochs, seed: seed, model: mlp)
    let neumf = train(.init(model: .neumf), epochs: epochs, seed: seed, model: neumf)
    let pretrained = pretrainedNeuMF(gmf: gmf.model, mlp: mlp.model, seed: seed)
    return [gmf.run, mlp.run, neumf.run, pretrained]
  }
}

extension PointwiseTrainer.EpochRecord {
  /// `fit`'s record of an epoch, with the loss as a `Float`, as `PointwiseTrainer` reports it.
  init(fitted record: EpochRecord) {
    self.init(
      epoch: record.epoch, loss: Double(Float(record.loss)),
      hitRate: record.metrics["HR@10"] ?? .nan, ndcg: record.metrics["NDCG@10"] ?? .nan)
  }
}

// MARK: - Pretraining NeuMF

extension Chapter3 {
  /// NeuMF initialised from the trained GMF and MLP, then fine-tuned with plain SGD; the
  /// training curves of all four. Returns the four runs, in the tables' order.
  func pretrainingNeuMF(
    _ run: ChapterRun, _ experiment: Experiment, _ main: MainRuns, itemPop: Compared
  ) throws -> [TrainedRun] {
    run.section("Pretraining NeuMF")
    let pretrained = experiment.pretrainedNeuMF(gmf: main.gmf, mlp: main.mlp, seed: 0) { atStart in
      run.note("NeuMF (pretrained) before fine-tuning: \(atStart)")
      run.record(atStart, as: "NeuMF (pretrained)", suffix: " before fine-tuning")
    }
    let all = main.all + [pretrained]
    try showTrainingCurves(run, all, itemPop: itemPop.sampled)
    return all
  }

  /// Records each run's curves and where its HR@10 peaked, and draws them.
  func showTrainingCurves(_ run: ChapterRun, _ runs: [TrainedRun], itemPop: RankingResult) throws {
    for trained in runs {
      let (name, h) = (trained.name, trained.history)
      let x = h.map { Double($0.epoch) }
      run.recordCurve("\(name)/HR@10 by epoch", x: x, y: h.map(\.hitRate))
      run.recordCurve("\(name)/NDCG@10 by epoch", x: x, y: h.map(\.ndcg))
      run.recordCurve("\(name)/loss by epoch", x: x, y: h.map(\.loss))
      run.record("\(name)/loss", h.last!.loss)
      run.record("\(name)/best HR@10 over epochs", h.map(\.hitRate).max()!)
      run.record(
        "\(name)/best HR@10 epoch", Double(h.max { $0.hitRate < $1.hitRate }!.epoch))
    }
    let curves = trainingCurves(runs, itemPop: itemPop)
    try run.save(curves.figure, as: "training-curves")
    run.note("\nHR@10 by epoch (the figure's first panel):")
    run.note(
      try Figure(curves.hitRatePanel).asciiPreview(columns: 78, lines: 22, gnuplot: run.gnuplot))
  }
}

/// The training curves: HR@10, NDCG@10 and the training loss by epoch, ItemPop dashed.
func trainingCurves(_ runs: [TrainedRun], itemPop: RankingResult) -> (
  figure: Figure, hitRatePanel: Chart
) {
  func panel(
    _ title: String, _ y: String, _ value: (PointwiseTrainer.EpochRecord) -> Double, pop: Double?
  ) -> Chart {
    var series = runs.map { trained in
      LineSeries(
        trained.name, x: trained.history.map { Double($0.epoch) }, y: trained.history.map(value),
        markers: true)
    }
    if let pop {
      let epochs = runs[0].history.map { Double($0.epoch) }
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

// MARK: - Comparison with the baselines

extension Chapter3 {
  /// Chapter 2's MF-BPR joins the baselines and the four NCF runs under the sampled
  /// protocol: Table 3.1 and HR@K, NDCG@K for K = 1…10. Returns the table's models.
  func comparisonWithTheBaselines(
    _ run: ChapterRun, _ experiment: Experiment, _ baselines: Baselines, _ neural: [TrainedRun]
  ) throws -> [Compared] {
    run.section("Comparison with the baselines")
    // Every learned model once per training seed: seed 0 is the runs above, seeds 1... draw
    // their own initialisation, negatives and batch order.
    var learned: [(name: String, models: [any ItemScorer])] =
      [("MF-BPR", [trainMFBPR(run, train: experiment.data.train, seed: 0)])]
      + neural.map { ($0.name, [$0.model]) }
    run.note("training seeds 1 to \(experiment.seeds - 1) of every learned model")
    for seed in 1..<experiment.seeds {
      learned[0].models.append(trainMFBPR(run, train: experiment.data.train, seed: seed))
      for (index, trained) in experiment.otherSeed(seed).enumerated() {
        learned[index + 1].models.append(trained.model)
      }
    }
    var compared = [baselines.itemPop, baselines.itemKNN]
    for (name, models) in learned {
      let results = models.map { $0.evaluate(experiment.data.sampled) }
      run.record(results[0], as: name)
      for (seed, result) in results.enumerated() {
        run.record(result, as: "\(name) (seed \(seed))")
      }
      compared.append(Compared(name: name, scorers: models, sampledSeeds: results))
    }
    var table = MarkdownTable(columns: ["model", "HR@10", "NDCG@10", "HR@1", "HR@5"])
    for model in compared {
      let (name, result) = (model.name, model.sampled)
      let spread = { (metric: (RankingResult) -> Double, key: String) -> String in
        let values = SeedSpread(model.sampledSeeds.map(metric))
        if !model.isBaseline {
          run.record("\(name)/\(key) mean", values.mean)
          run.record("\(name)/\(key) sd", values.standardDeviation)
        }
        return model.isBaseline ? formatted(values.mean, decimals: 3) : values.description
      }
      table.append([
        name, spread({ $0.hitRate(at: 10) }, "HR@10"), spread({ $0.ndcg(at: 10) }, "NDCG@10"),
        spread({ $0.hitRate(at: 1) }, "HR@1"), spread({ $0.hitRate(at: 5) }, "HR@5"),
      ])
      run.record("\(name)/HR@1", result.hitRate(at: 1))
      run.record("\(name)/HR@5", result.hitRate(at: 5))
      let ks = result.cutoffs.map(Double.init)
      run.recordCurve("\(name)/HR@K", x: ks, y: result.hitRates)
      run.recordCurve("\(name)/NDCG@K", x: ks, y: result.ndcgs)
    }
    try run.show(
      table, as: "comparison",
      caption:
        "Table 3.1: leave-one-out, the held-out item among 99 sampled negatives (\(experiment.epochs) epochs; mean ± sd over \(experiment.seeds) training seeds; ItemPop and ItemKNN are deterministic)"
    )
    try run.save(atK(compared), as: "hr-at-k")
    try showSignificance(run, compared, protocolName: "sampled", \.sampledSeeds, as: "significance")
    return compared
  }

  /// The comparisons the text makes, each a paired test over the test users: A's and B's
  /// per-user HR@10 (and NDCG@10), each averaged over the training seeds (a deterministic
  /// baseline has one), so every user is one independent case. HR@10 by the sign test,
  /// NDCG@10 by the paired bootstrap.
  static let comparisons = [
    ("NeuMF", "GMF"), ("NeuMF", "MF-BPR"), ("GMF", "MLP"), ("NeuMF (pretrained)", "NeuMF"),
    ("MF-BPR", "GMF"), ("NeuMF", "ItemKNN"), ("MF-BPR", "ItemKNN"),
  ]

  /// Records and shows the paired tests of `comparisons` under one protocol.
  func showSignificance(
    _ run: ChapterRun, _ compared: [Compared], protocolName: String,
    _ results: KeyPath<Compared, [RankingResult]>, as name: String
  ) throws {
    func perUser(_ model: String, _ metric: @escaping ([Int], Int) -> Double) -> [Double] {
      let seeds = compared.first { $0.name == model }![keyPath: results]
      var sum = seeds[0].perUser(metric)
      for result in seeds.dropFirst() {
        for (u, value) in result.perUser(metric).enumerated() { sum[u] += value }
      }
      return sum.map { $0 / Double(seeds.count) }
    }
    let hit = { (ranks: [Int], _: Int) in Metrics.hitRate(ranks: ranks, k: 10) }
    let ndcg = { (ranks: [Int], relevant: Int) in
      Metrics.ndcg(ranks: ranks, relevantCount: relevant, k: 10)
    }
    var table = MarkdownTable(columns: [
      "A vs B (\(protocolName))", "HR@10 A − B", "users A/B better", "p (sign)", "NDCG@10 A − B",
      "p (bootstrap)", "at p < 0.05",
    ])
    for (a, b) in Self.comparisons {
      let hr = PairedTest.sign(perUser(a, hit), perUser(b, hit))
      let nd = PairedTest.bootstrap(perUser(a, ndcg), perUser(b, ndcg), resamples: 1000, seed: 2024)
      let key = "\(a) vs \(b) (\(protocolName))"
      run.record("\(key)/HR@10 difference", hr.meanDifference)
      run.record("\(key)/HR@10 wins", Double(hr.wins))
      run.record("\(key)/HR@10 losses", Double(hr.losses))
      run.record("\(key)/HR@10 p", hr.pValue)
      run.record("\(key)/NDCG@10 difference", nd.meanDifference)
      run.record("\(key)/NDCG@10 p", nd.pValue)
      let verdict =
        switch (hr.isSignificant(), nd.isSignificant()) {
        case (true, true): "both significant"
        case (true, false): "HR@10 only"
        case (false, true): "NDCG@10 only"
        case (false, false): "within noise"
        }
      table.append([
        "\(a) vs \(b)", formatted(hr.meanDifference, decimals: 3), "\(hr.wins)/\(hr.losses)",
        formatted(hr.pValue, decimals: 3), formatted(nd.meanDifference, decimals: 3),
        formatted(nd.pValue, decimals: 3), verdict,
      ])
    }
    try run.show(
      table, as: name,
      caption:
        "Paired tests over the test users (\(protocolName) protocol), each user's HR@10 and NDCG@10 averaged over the training seeds"
    )
  }

  /// Chapter 2's MF-BPR, trained as Chapter 2 trains it — 32 factors, Adam with `lr = 0.005`,
  /// L2 0.001, batch 256, 20 epochs, the generator of the same label — on this chapter's split,
  /// which is Chapter 2's: the same model, so the dot product sits in the same table.
  func trainMFBPR(_ run: ChapterRun, train: InteractionMatrix, seed: Int) -> MatrixFactorization {
    let epochs = run.epochs(full: 20, quick: 2)
    let name = Experiment.label("MF-BPR", seed: seed)
    var rng = run.generator(name)
    let mf = MatrixFactorization(
      userCount: train.userCount, itemCount: train.itemCount, factors: 32, using: &rng)
    let sampler = NegativeSampler(excluding: train)
    let history = run.fit(
      name, epochs: epochs, optimizers: [Adam(mf.parameters, learningRate: 0.005)],
      batches: { _ in
        mf.epochBatches(on: train, objective: .bpr, sampler: sampler, batchSize: 256, using: &rng)
      }, loss: { mf.loss($0, l2: 0.001) }, lossLabel: "BPR loss")
    run.note(
      "\(name) (Chapter 2's model and settings): \(epochs) epochs, BPR loss \(formatted(history.last!.loss, decimals: 4))"
    )
    return mf
  }
}

/// HR@K and NDCG@K for K = 1…10, every model of the comparison.
func atK(_ compared: [Compared]) -> Figure {
  func panel(_ title: String, _ values: (RankingResult) -> [Double]) -> Chart {
    var chart = Chart.lines(
      compared.map { model in
        LineSeries(
          model.name, x: model.sampled.cutoffs.map(Double.init), y: values(model.sampled),
          markers: true, dashed: model.isBaseline)
      }, title: title, xLabel: "K", yLabel: title.components(separatedBy: " ")[0])
    // Seven series: a legend inside the axes would hide ItemPop's line.
    chart.legend = .outsideBelow
    return chart
  }
  return Figure(
    panels: [panel("HR@K by K", { $0.hitRates }), panel("NDCG@K by K", { $0.ndcgs })], columns: 2,
    height: 480)
}

// MARK: - Predictive factors

extension Chapter3 {
  /// The paper's Figure 4: HR@10 and NDCG@10 of the three models by predictive factors.
  func predictiveFactors(_ run: ChapterRun, _ experiment: Experiment) throws {
    run.section("Predictive factors")
    // 64 factors (a 512-wide first layer) would cost more than the four other training seeds
    // of Table 3.1 together; the chapter spends its budget on those instead.
    let factorList = run.isQuick ? [8, 16] : [8, 16, 32]
    run.note("each model trained for \(experiment.sweepEpochs) epochs at each size")
    let (hitRates, ndcgs) = sweep(
      run, experiment, kinds: Experiment.Kind.allCases, values: factorList, unit: "factors"
    ) { .init(model: $0, factors: $1) }
    try run.save(
      sweepFigure(
        x: factorList.map(Double.init), hitRates: hitRates, ndcgs: ndcgs,
        xLabel: "predictive factors", logX: true,
        title: "Predictive factors (\(experiment.sweepEpochs) epochs each, one training seed)"),
      as: "factors")
  }
}

/// Each of `kinds` at each of `values` (trained once, or taken from the experiment's cache),
/// recorded as "GMF (8 factors)/HR@10" and "…/NDCG@10"; the two curves per model, by name,
/// for `sweepFigure`.
func sweep(
  _ run: ChapterRun, _ experiment: Experiment, kinds: [Experiment.Kind], values: [Int],
  unit: String, config: (Experiment.Kind, Int) -> Experiment.Config
) -> (hitRates: [String: [Double]], ndcgs: [String: [Double]]) {
  var hitRates: [String: [Double]] = [:]
  var ndcgs: [String: [Double]] = [:]
  for kind in kinds {
    for value in values {
      let record = experiment.result(config(kind, value))
      hitRates[kind.name, default: []].append(record.hitRate)
      ndcgs[kind.name, default: []].append(record.ndcg)
      run.record("\(kind.name) (\(value) \(unit))/HR@10", record.hitRate)
      run.record("\(kind.name) (\(value) \(unit))/NDCG@10", record.ndcg)
    }
  }
  return (hitRates, ndcgs)
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

// MARK: - Negatives per positive

extension Chapter3 {
  /// The paper's Figure 7: GMF and NeuMF by negatives sampled per positive.
  func negativesPerPositive(_ run: ChapterRun, _ experiment: Experiment) throws {
    run.section("Negatives per positive")
    let negativeList = run.isQuick ? [1, 4] : Array(1...10)
    let (hitRates, ndcgs) = sweep(
      run, experiment, kinds: [.gmf, .neumf], values: negativeList, unit: "negatives"
    ) { .init(model: $0, negatives: $1) }
    try run.save(
      sweepFigure(
        x: negativeList.map(Double.init), hitRates: hitRates, ndcgs: ndcgs,
        xLabel: "negatives per positive", logX: false,
        title: "Negatives per positive (\(experiment.sweepEpochs) epochs each, one training seed)"),
      as: "negatives")
  }
}

// MARK: - How deep should the MLP be?

extension Chapter3 {
  /// The paper's Table 3: HR@10 of MLP-L, L hidden layers, for 8 and 16 factors.
  func mlpDepth(_ run: ChapterRun, _ experiment: Experiment) throws {
    run.section("How deep should the MLP be?")
    let depthFactors = run.isQuick ? [8] : [8, 16]
    let depths = run.isQuick ? [0, 1, 3] : [0, 1, 2, 3, 4]
    var table = MarkdownTable(columns: ["factors"] + depths.map { "MLP-\($0)" })
    for factors in depthFactors {
      var row = ["\(factors)"]
      for depth in depths {
        let record = experiment.result(.init(model: .mlp, factors: factors, hiddenLayers: depth))
        row.append(formatted(record.hitRate, decimals: 3))
        run.record("MLP-\(depth) (\(factors) factors)/HR@10", record.hitRate)
        run.record("MLP-\(depth) (\(factors) factors)/NDCG@10", record.ndcg)
      }
      table.append(row)
    }
    try run.show(
      table, as: "depth",
      caption:
        "Table 3.2: HR@10 of MLP with 0 to 4 hidden layers (\(experiment.sweepEpochs) epochs each, one training seed)"
    )
  }
}

// MARK: - Full ranking

extension Chapter3 {
  /// Table 3.1's models again, each held-out item ranked against every item the user did
  /// not train on.
  func fullRanking(_ run: ChapterRun, _ data: LeaveOneOutData, _ compared: [Compared]) throws {
    run.section("Full ranking")
    var table = MarkdownTable(columns: [
      "model", "sampled HR@10", "full HR@10", "sampled NDCG@10", "full NDCG@10",
    ])
    var ranked: [Compared] = []
    for model in compared {
      let fullSeeds = model.scorers.map { $0.evaluate(data.full) }
      let full = fullSeeds[0]
      run.record("\(model.name)/full HR@10", full.hitRate(at: 10))
      run.record("\(model.name)/full NDCG@10", full.ndcg(at: 10))
      func spread(_ results: [RankingResult], _ metric: (RankingResult) -> Double, _ key: String)
        -> String
      {
        let values = SeedSpread(results.map(metric))
        if model.isBaseline { return formatted(values.mean, decimals: 3) }
        run.record("\(model.name)/\(key) mean", values.mean)
        run.record("\(model.name)/\(key) sd", values.standardDeviation)
        return values.description
      }
      for (seed, result) in fullSeeds.enumerated() where !model.isBaseline {
        run.record("\(model.name) (seed \(seed))/full HR@10", result.hitRate(at: 10))
        run.record("\(model.name) (seed \(seed))/full NDCG@10", result.ndcg(at: 10))
      }
      table.append([
        model.name, spread(model.sampledSeeds, { $0.hitRate(at: 10) }, "HR@10"),
        spread(fullSeeds, { $0.hitRate(at: 10) }, "full HR@10"),
        spread(model.sampledSeeds, { $0.ndcg(at: 10) }, "NDCG@10"),
        spread(fullSeeds, { $0.ndcg(at: 10) }, "full NDCG@10"),
      ])
      ranked.append(
        Compared(
          name: model.name, scorers: model.scorers, sampledSeeds: model.sampledSeeds,
          isBaseline: model.isBaseline, fullSeeds: fullSeeds))
    }
    try run.show(
      table, as: "full-ranking",
      caption:
        "Table 3.3: the same models ranked against every item the user did not train on (mean ± sd over the training seeds)"
    )
    try showSignificance(run, ranked, protocolName: "full", \.fullSeeds, as: "significance-full")
    try run.save(seedSpread(ranked), as: "seeds")
  }
}

/// HR@10 of every model under both protocols, one point per training seed and a larger one
/// for the mean: the spread behind Tables 3.1 and 3.3.
func seedSpread(_ compared: [Compared]) -> Figure {
  func panel(_ title: String, _ results: KeyPath<Compared, [RankingResult]>) -> Chart {
    var seedX: [Double] = []
    var seedY: [Double] = []
    var meanY: [Double] = []
    for (index, model) in compared.enumerated() {
      let values = model[keyPath: results].map { $0.hitRate(at: 10) }
      seedX += values.map { _ in Double(index + 1) }
      seedY += values
      meanY.append(SeedSpread(values).mean)
    }
    var chart = Chart.scatter(
      [
        ScatterSeries("one training seed", x: seedX, y: seedY, shape: .circle, pointSize: 0.8),
        ScatterSeries(
          "mean", x: compared.indices.map { Double($0 + 1) }, y: meanY, shape: .cross,
          pointSize: 2.5),
      ], title: title, yLabel: "HR@10")
    chart.xRange = AxisRange(min: 0.5, max: Double(compared.count) + 0.5)
    chart.extraCommands = [
      "set xtics rotate by -30 ("
        + compared.enumerated().map { "\"\($1.name)\" \($0 + 1)" }.joined(separator: ", ") + ")"
    ]
    chart.legend = .outsideBelow
    return chart
  }
  return Figure(
    panels: [
      panel("HR@10, sampled protocol (1 + 99)", \.sampledSeeds),
      panel("HR@10, full ranking", \.fullSeeds),
    ], columns: 2, height: 520)
}

// MARK: - The tie rule of leave-one-out

extension Chapter3 {
  /// The same data split by five tie rules: how many held-out items change, and ItemPop's and
  /// GMF's HR@10 under each.
  func tieRule(_ run: ChapterRun, _ experiment: Experiment) throws {
    run.section("The tie rule of leave-one-out")
    let data = experiment.data
    let tiedUsers = usersWithTiesInTheirLastSecond(data.ratings, userCount: data.userCount)
    run.record("Ties/users with several ratings in their last second", Double(tiedUsers))
    run.note("\(tiedUsers) of \(data.userCount) users rated several movies in their last second")
    let rules: [(name: String, rule: TieRule)] = [
      ("last in file order", .lastInFileOrder), ("highest item id", .highestItemID),
      ("lowest item id", .lowestItemID), ("random (seed 1)", .random(seed: 1)),
      ("random (seed 2)", .random(seed: 2)),
    ]
    var table = MarkdownTable(columns: [
      "tie rule", "test items changed", "ItemPop HR@10", "GMF HR@10",
    ])
    var popHRs: [Double] = []
    var gmfHRs: [Double] = []
    for (label, rule) in rules {
      // The default rule is the main experiment's data: its GMF run is reused, not retrained.
      let ruleExperiment =
        rule == .lastInFileOrder
        ? experiment
        : Experiment(
          data: try LeaveOneOutData(
            ratings: data.ratings, userCount: data.userCount, itemCount: data.itemCount,
            ties: rule, evaluationSeed: 42), run: run)
      let ruleData = ruleExperiment.data
      let changed = heldOutChanges(ruleData.split.test, data.split.test)
      let popHR = ItemPop(train: ruleData.train).evaluate(ruleData.sampled, cutoffs: 10...10)
        .hitRate(at: 10)
      let gmfHR = ruleExperiment.result(.init(model: .gmf)).hitRate
      table.append([
        label, "\(changed)", formatted(popHR, decimals: 3), formatted(gmfHR, decimals: 3),
      ])
      popHRs.append(popHR)
      gmfHRs.append(gmfHR)
      run.record("Ties (\(label))/test items changed", Double(changed))
      run.record("ItemPop (tie rule: \(label))/HR@10", popHR)
      run.record("GMF (tie rule: \(label))/HR@10", gmfHR)
    }
    try run.show(
      table, as: "tie-rules",
      caption:
        "Table 3.4: HR@10 when the held-out item is chosen by another tie rule (GMF: \(experiment.sweepEpochs) epochs)"
    )
    var chart = Chart.bars(
      GroupedBars(
        groups: rules.map(\.name),
        series: [BarSeries("ItemPop", popHRs), BarSeries("GMF", gmfHRs)], valueFormat: "%.3f"),
      title: "HR@10 under five leave-one-out tie rules", yLabel: "HR@10")
    chart.yRange = AxisRange(min: 0)
    chart.legend = .outsideBelow
    try run.save(Figure(chart, width: 900, height: 500), as: "tie-rules")
  }
}

/// How many users have a different held-out item in `a` than in `b`.
func heldOutChanges(_ a: [Rating], _ b: [Rating]) -> Int {
  let before = Dictionary(b.map { ($0.user, $0.item) }, uniquingKeysWith: { first, _ in first })
  return a.filter { before[$0.user] != $0.item }.count
}

// MARK: - Is NeuMF better than a dot product?

extension Chapter3 {
  /// The best HR@10 of Table 3.1 (the text weighs it against the noise).
  func isNeuMFBetterThanADotProduct(_ run: ChapterRun, _ compared: [Compared]) {
    run.section("Is NeuMF better than a dot product?")
    let best = compared.max { $0.sampled.hitRate(at: 10) < $1.sampled.hitRate(at: 10) }!
    run.note(
      "best HR@10 here: \(best.name), \(formatted(best.sampled.hitRate(at: 10), decimals: 3))")
  }
}

// MARK: - The paper's own data: MovieLens-1M

extension Chapter3 {
  /// A separate run, `chapter-3 --ml-1m` (PapersData.swift): this one only says where it is.
  func thePapersOwnData(_ run: ChapterRun) {
    run.section("The paper's own data: MovieLens-1M")
    run.note(
      "a run of its own: make chapter-3-ml-1m (chapter-3 --ml-1m), results in \(CompanionRuns.committedFolder(chapter: 3, name: "ml-1m"))"
    )
  }
}

Chapter3.main()
