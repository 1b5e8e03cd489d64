// Chapter 4: Wide & Deep — memorisation by cross-product features, generalisation by
// embeddings. Read it beside Chapters/04-wide-and-deep/README.md: each `// MARK: -` is a
// `##` heading of the text.

import Foundation
import ModernRecSys

struct Chapter4: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "chapter-4",
    abstract:
      "Wide & Deep: feature columns, crosses, FTRL + AdaGrad, and what each half contributes.")

  @OptionGroup var options: ChapterOptions

  @Option(
    help: ArgumentHelp(
      "Chapter 3's results.json, whose GMF, MLP and NeuMF rows join the ranking table.",
      discussion: """
        A relative path is read from the working directory. Read in a full run only, and \
        used only when it holds a full run of Chapter 3 on the same data and the same \
        candidate lists (its ItemPop scores exactly what ours does); otherwise the run says \
        why and leaves those rows out.
        """,
      valueName: "file"))
  var ncfResults = "Figures/chapter-3/results.json"

  func run() throws {
    let run = try ChapterRun(
      number: 4,
      title: "Wide & Deep — memorisation by cross-product features, generalisation by embeddings",
      options: options)
    let start = Date()
    let settings = Settings(run)
    let data = try loadMovieLens(run, settings)
    let features = try featureColumns(run, data)
    try crossOnRealRows(run, data, features)
    let task = try likeTask(run, data, features)
    theModel(run, task, settings)
    let models = try jointTraining(run, task, settings)
    try results(run, task, models, settings)
    try wideWeights(run, task, features, model: models.wideAndDeep.model)
    try l1Sparsity(run, task, models, settings)
    try userItemCross(run, data, features, base: task, models, settings)
    try ranking(run, data, task, models, settings)
    run.timing("training (all models)", seconds: run.trainingSeconds)
    run.timing("chapter 4", seconds: Date().timeIntervalSince(start))
    try run.finish()
  }
}

extension Chapter4 {
  /// The chapter's settings: the book's run and the quick one (tests).
  struct Settings {
    /// Users kept (quick mode keeps the first ones only).
    var userLimit: Int?
    /// The most epochs the validation runs try (`--epochs`); each model then trains for the
    /// number of epochs its validation run chose.
    var maxEpochs: Int
    var rankingEpochs: Int
    /// Training seeds per model in the comparison (the data split stays the same).
    var seeds: Int
    /// FTRL's α and β values the validation runs compare for the wide model (every pair).
    var alphas: [Float] = [0.05, 0.2, 0.8]
    var betas: [Float] = [1, 0.1, 0.01]
    var batchSize = 256
    var embeddingDimension = 8
    var hiddenSizes = [64, 32]
    /// The deep part's learning rates the validation runs compare, for each optimiser.
    var adagradRates: [Float] = [0.01, 0.05, 0.2]
    var adamRates: [Float] = [0.0005, 0.002, 0.008]
    /// FTRL's starting settings: α and β are replaced by the pair validation chooses, then
    /// L1 by the strength of `l1Strengths` it chooses; L2 stays 0.
    var ftrl = WideAndDeepTrainer.FTRLSettings(alpha: 0.2, beta: 0.01, l1: 0.001, l2: 0)
    /// FTRL's L1 strengths: validation chooses among them, and the sparsity section shows
    /// each on the test rows.
    var l1Strengths: [Float] = [0, 0.001, 0.01, 0.1]

    init(_ run: ChapterRun) {
      userLimit = run.isQuick ? 150 : nil
      maxEpochs = run.epochs(full: 10, quick: 2)
      rankingEpochs = run.isQuick ? 1 : 4
      seeds = run.isQuick ? 2 : 5
      alphas = run.isQuick ? [0.05, 0.2] : [0.05, 0.2, 0.8]
      betas = run.isQuick ? [1, 0.01] : [1, 0.1, 0.01]
      adagradRates = run.isQuick ? [0.01, 0.05] : [0.01, 0.05, 0.2]
      adamRates = run.isQuick ? [0.0005, 0.002] : [0.0005, 0.002, 0.008]
      l1Strengths = run.isQuick ? [0, 0.001] : [0, 0.001, 0.01, 0.1]
    }
  }

  /// The specifications of the chapter's columns (FeatureSet.column(_:) reads them).
  enum Specs {
    /// The wide part: every sparse column, and the crosses of demographics with genres.
    static let wide = [
      "user", "item", "gender", "occupation", "age_group", "zip", "genres",
      "gender x genres", "occupation x genres", "age_group x genres",
    ]
    /// The wide part plus the hashed user x item cross (pure memorisation).
    static let wideWithUserItem = wide + ["user x item % 262144"]
    /// The deep part: one embedding per single-valued column.
    static let deep = ["user", "item", "gender", "occupation", "age_group"]
    /// The deep part's dense inputs.
    static let dense = ["genres", "age_scaled", "year_scaled"]
  }
}

// MARK: - Memorisation and generalisation

extension Chapter4 {
  /// MovieLens-100K (or the synthetic set), cut to the first users in quick mode.
  func loadMovieLens(_ run: ChapterRun, _ settings: Settings) throws -> MovieLens {
    run.section("Memorisation and generalisation")
    var data = try run.loadMovieLens()
    if let limit = settings.userLimit, limit < data.userCount {
      data.users = Array(data.users.prefix(limit))
      data.ratings = data.ratings(ofFirstUsers: limit)
      run.note("quick: keeping the first \(limit) users (\(data.ratings.count) ratings)")
    }
    return data
  }
}

// MARK: - Feature columns

extension Chapter4 {
  /// The columns MovieLens defines, as a table, and what a malformed specification gives.
  func featureColumns(_ run: ChapterRun, _ data: MovieLens) throws -> FeatureSet {
    run.section("Feature columns")
    let features = try data.featureColumns()
    var table = MarkdownTable(
      columns: ["column", "kind", "reads", "ids"], alignments: [.left, .left, .left, .right])
    for c in features.columns {
      table.append([c.name, kind(of: c), c.fields.joined(separator: ", "), String(c.size)])
    }
    for c in features.denseColumns {
      table.append([c.name, "dense", c.fields.joined(separator: ", "), String(c.width)])
    }
    try run.show(table, as: "feature-columns", caption: "The columns defined for MovieLens:")
    // A malformed specification is an error that says what is wrong, not a crash.
    for bad in ["gender x genre", "genres x genres"] {
      do {
        _ = try features.column(bad)
      } catch {
        run.note("spec '\(bad)' -> error: \(error)")
      }
    }
    return features
  }

  /// What kind of column it is, in words, for the table.
  func kind(of column: any FeatureColumn) -> String {
    switch column {
    case let c as CategoricalColumn:
      if case .hashed(let buckets) = c.encoding { return "categorical, hashed into \(buckets)" }
      return "categorical, vocabulary"
    case is BucketizedColumn: return "bucketised"
    case is MultiHotColumn: return "multi-hot"
    case let c as CrossedColumn: return c.hashBuckets == nil ? "crossed" : "crossed, hashed"
    default: return "other"
    }
  }
}

// MARK: - A cross-product feature on real rows

extension Chapter4 {
  /// AND(gender=F, genres=Romance) on the first rows of u.data, and how often it is on.
  func crossOnRealRows(_ run: ChapterRun, _ data: MovieLens, _ features: FeatureSet) throws {
    run.section("A cross-product feature on real rows")
    let gender = try features.column(named: "gender")
    let genres = try features.column(named: "genres")
    let cross = try CrossedColumn([gender, genres])
    let femaleRomance = cross.id(combining: [
      try gender.ids(in: ["gender": .category("F")])[0],
      try genres.ids(in: ["genres": .categories(["Romance"])])[0],
    ])
    run.note(
      "AND(gender=F, genres=Romance) is id \(femaleRomance) of \(cross.size): \(cross.label(of: femaleRomance)!)"
    )
    // Three rows where the cross is on and three where it is off, in file order.
    var table = MarkdownTable(
      columns: ["user", "gender", "movie", "genres", "stars", "AND(gender=F, genres=Romance)"],
      alignments: [.right, .left, .left, .left, .right, .right])
    var shown = (on: 0, off: 0)
    var active = 0
    var likedWhenActive = 0
    var liked = 0
    for r in data.ratings {
      let row = data.featureRow(user: r.user, item: r.item)
      let on = try cross.ids(in: row).contains(femaleRomance)
      if on {
        active += 1
        if r.rating >= 4 { likedWhenActive += 1 }
      }
      if r.rating >= 4 { liked += 1 }
      if (on && shown.on < 3) || (!on && shown.off < 3) {
        if on { shown.on += 1 } else { shown.off += 1 }
        let movie = data.items[r.item]
        table.append([
          String(data.users[r.user].id), data.users[r.user].gender.rawValue, movie.title,
          movie.genres.map { data.genreNames[$0] }.joined(separator: ", "), String(r.rating),
          on ? "1" : "0",
        ])
      }
    }
    try run.show(
      table, as: "cross-example",
      caption: "The cross on the first rows of u.data where it is 1 and where it is 0:")
    run.record(
      "Data/AND(gender=F, genres=Romance) share", Double(active) / Double(data.ratings.count))
    run.record("Data/like rate", Double(liked) / Double(data.ratings.count))
    run.record(
      "Data/like rate when AND(gender=F, genres=Romance)",
      Double(likedWhenActive) / Double(max(active, 1)))
    run.note(
      "the cross is 1 on \(active) of \(data.ratings.count) ratings; like rate \(formatted(Double(likedWhenActive) / Double(max(active, 1)), decimals: 3)) there, \(formatted(Double(liked) / Double(data.ratings.count), decimals: 3)) overall"
    )
  }
}

// MARK: - The task: will the user like the movie?

extension Chapter4 {
  /// Ratings as like (4 or 5 stars) / dislike examples, encoded for Wide & Deep.
  struct Task {
    /// Encodes (user, item) pairs with the task's columns (`pairs.encoder`).
    var pairs: PairFeatureEncoder
    var train: FeatureBatch
    var test: FeatureBatch
    /// The training rows split again: `fit` (90%) to train on and `validation` (10%) to
    /// choose FTRL's α, β and L1, the deep part's learning rates and the epochs on; the test
    /// rows are never used to choose anything.
    var fit: FeatureBatch
    var validation: FeatureBatch
    var encoder: FeatureEncoder { pairs.encoder }
  }

  /// The task with the chapter's wide part, and what its data look like.
  func likeTask(_ run: ChapterRun, _ data: MovieLens, _ features: FeatureSet) throws -> Task {
    run.section("The task: will the user like the movie?")
    let task = try makeTask(run, data, features, wide: Specs.wide)
    let (train, test) = (task.train, task.test)
    let rate = { (b: FeatureBatch) in Double(b.labels.reduce(0, +)) / Double(max(b.count, 1)) }
    run.record("Data/train examples", Double(train.count))
    run.record("Data/test examples", Double(test.count))
    run.record("Data/train like rate", rate(train))
    run.record("Data/test like rate", rate(test))
    run.record("Data/wide ids", Double(task.encoder.wideSize))
    run.record(
      "Data/wide ids per example", Double(train.wideIDs.count) / Double(max(train.count, 1)))
    let base = Float(rate(train))
    let constant = [Float](repeating: base, count: test.count)
    run.record("Constant/log loss", Metrics.logLoss(probabilities: constant, labels: test.labels))
    run.note(
      "train \(train.count) ratings, test \(test.count); liked (4 or 5 stars): \(formatted(rate(train), decimals: 3)) of train"
    )
    run.note(
      "wide ids: \(task.encoder.wideSize), on average \(formatted(Double(train.wideIDs.count) / Double(max(train.count, 1)), decimals: 1)) active per example"
    )
    return task
  }

  /// A random 80/20 split of the ratings, encoded with the `wide` columns and the deep ones.
  func makeTask(_ run: ChapterRun, _ data: MovieLens, _ features: FeatureSet, wide: [String])
    throws -> Task
  {
    let encoder = try FeatureEncoder(
      wide: features.columns(wide), deep: features.columns(Specs.deep),
      dense: Specs.dense.map { try features.denseColumn($0) })
    let split = RatingSplit.random(data.ratings, testFraction: 0.2, seed: run.options.seed)
    let inner = RatingSplit.random(split.train, testFraction: 0.1, seed: run.options.seed &+ 1)
    let pairs = try PairFeatureEncoder(encoder, data: data)
    return Task(
      pairs: pairs, train: pairs.encode(split.train, likeThreshold: 4),
      test: pairs.encode(split.test, likeThreshold: 4),
      fit: pairs.encode(inner.train, likeThreshold: 4),
      validation: pairs.encode(inner.test, likeThreshold: 4))
  }
}

// MARK: - The model

extension Chapter4 {
  /// The model is `WideAndDeep` in Sources/RecModels/WideAndDeep.swift (the text quotes it);
  /// here, the sizes it gets for this task.
  func theModel(_ run: ChapterRun, _ task: Task, _ settings: Settings) {
    run.section("The model")
    let encoder = task.encoder
    let inputs = settings.embeddingDimension * encoder.deep.count + encoder.denseWidth
    let sizes = [inputs] + settings.hiddenSizes + [1]
    run.note(
      "wide: \(encoder.wideSize) weights and a bias; deep: \(encoder.deep.count) embeddings of \(settings.embeddingDimension) and \(encoder.denseWidth) dense values into an MLP \(sizes.map(String.init).joined(separator: " -> "))"
    )
  }
}

// MARK: - Joint training with FTRL and AdaGrad

extension Chapter4 {
  /// One model of the comparison: the epochs and the history of its validation run, and its
  /// test results, one per training seed.
  struct Trained {
    var name: String
    var parts: WideAndDeep.Parts
    var deep: WideAndDeepTrainer.DeepOptimizer
    /// The epochs with the lowest validation log loss, which every seed trains for.
    var epochs: Int
    /// The validation run, by epoch: train loss, validation AUC and log loss.
    var validation: [EpochRecord]
    var seeds: [SeedRun]
    /// The first seed's model (the one whose wide weights the chapter reads).
    var model: WideAndDeep { seeds[0].model }
    var auc: SeedSpread { SeedSpread(seeds.map(\.auc)) }
    var logLoss: SeedSpread { SeedSpread(seeds.map(\.logLoss)) }
    var trainLoss: SeedSpread { SeedSpread(seeds.map(\.trainLoss)) }
  }

  /// One training seed's model and what it scored on the test rows.
  struct SeedRun {
    var model: WideAndDeep
    var probabilities: [Float]
    var auc, logLoss, trainLoss: Double
  }

  /// The five models compared, in the order the table lists them.
  struct TrainedModels {
    var wide, deep, wideAndDeep, deepAdam, wideAndDeepAdam: Trained
    var all: [Trained] { [wide, deep, wideAndDeep, deepAdam, wideAndDeepAdam] }
    /// FTRL's settings with the α, β and L1 validation chose.
    var ftrl: WideAndDeepTrainer.FTRLSettings
  }

  /// A validation run's lowest log loss and highest AUC over its epochs.
  func bestOf(_ history: [EpochRecord]) -> (logLoss: Double, auc: Double) {
    (history.map { $0.metrics["log loss"]! }.min()!, history.map { $0.metrics["AUC"]! }.max()!)
  }

  /// FTRL's α and β (together: the wide step is α/(β + √n)), then its L1, on the wide model;
  /// each candidate is a validation run from the same generator, and the one with the lowest
  /// validation log loss over its epochs wins. Returns the settings and the winner's run.
  func chooseFTRL(
    _ run: ChapterRun, _ task: Task, _ settings: Settings,
    _ deep: WideAndDeepTrainer.DeepOptimizer, choices: inout MarkdownTable
  ) throws -> (ftrl: WideAndDeepTrainer.FTRLSettings, history: [EpochRecord]) {
    var best: (ftrl: WideAndDeepTrainer.FTRLSettings, logLoss: Double, history: [EpochRecord])?
    func candidate(_ label: String, _ ftrl: WideAndDeepTrainer.FTRLSettings) -> String {
      let history = validationRun(
        run, "Wide (\(label))", task, .wide, deep, ftrl, settings, stream: "Wide validation")
      let (logLoss, auc) = bestOf(history)
      run.record("Validation/Wide (\(label))/log loss", logLoss)
      run.record("Validation/Wide (\(label))/AUC", auc)
      run.note(
        "\(label): best validation log loss \(formatted(logLoss, decimals: 4)) (AUC \(formatted(auc, decimals: 4)))"
      )
      if best == nil || logLoss < best!.logLoss { best = (ftrl, logLoss, history) }
      return "\(formatted(logLoss, decimals: 4)) (\(formatted(auc, decimals: 4)))"
    }
    var grid = MarkdownTable(columns: ["alpha"] + settings.betas.map { "beta = \($0)" })
    for alpha in settings.alphas {
      grid.append(
        ["\(alpha)"]
          + settings.betas.map { beta in
            var ftrl = settings.ftrl
            (ftrl.alpha, ftrl.beta) = (alpha, beta)
            return candidate("alpha \(alpha), beta \(beta)", ftrl)
          })
    }
    try run.show(
      grid, as: "ftrl-grid",
      caption:
        "The wide model's lowest validation log loss (highest validation AUC) over \(settings.maxEpochs) epochs, with L1 = \(settings.ftrl.l1):"
    )
    // L1 with the chosen α and β; the starting L1 was measured above.
    let (alpha, beta) = (best!.ftrl.alpha, best!.ftrl.beta)
    run.record("Validation/Wide (L1 \(settings.ftrl.l1))/log loss", best!.logLoss)
    for l1 in settings.l1Strengths where l1 != settings.ftrl.l1 {
      var ftrl = best!.ftrl
      ftrl.l1 = l1
      _ = candidate("alpha \(alpha), beta \(beta), L1 \(l1)", ftrl)
      run.record(
        "Validation/Wide (L1 \(l1))/log loss",
        run.results.metrics["Validation/Wide (alpha \(alpha), beta \(beta), L1 \(l1))/log loss"]!)
    }
    let ftrl = best!.ftrl
    func list(_ values: [Float]) -> String { values.map { "\($0)" }.joined(separator: ", ") }
    choices.append(["FTRL alpha", list(settings.alphas), "\(ftrl.alpha)"])
    choices.append(["FTRL beta", list(settings.betas), "\(ftrl.beta)"])
    choices.append(["FTRL L1", list(settings.l1Strengths), "\(ftrl.l1)"])
    run.record("Validation/chosen alpha", Double(ftrl.alpha))
    run.record("Validation/chosen beta", Double(ftrl.beta))
    run.record("Validation/chosen L1", Double(ftrl.l1))
    run.note(
      "FTRL chosen on the validation rows: alpha \(ftrl.alpha), beta \(ftrl.beta), L1 \(ftrl.l1)")
    return (ftrl, best!.history)
  }

  /// The deep part's learning rate for one optimiser, on the deep model: a validation run
  /// per rate of `rates`, from the same generator; the one with the lowest validation log
  /// loss over its epochs wins. Returns the optimiser and the winner's run.
  func chooseDeepRate(
    _ run: ChapterRun, _ task: Task, _ settings: Settings, _ name: String, rates: [Float],
    _ make: (Float) -> WideAndDeepTrainer.DeepOptimizer, choices: inout MarkdownTable
  ) -> (deep: WideAndDeepTrainer.DeepOptimizer, history: [EpochRecord]) {
    var best: (rate: Float, logLoss: Double, history: [EpochRecord])?
    for rate in rates {
      let history = validationRun(
        run, "Deep (\(name) \(rate))", task, .deep, make(rate), settings.ftrl, settings,
        stream: "Deep validation")
      let (logLoss, auc) = bestOf(history)
      run.record("Validation/Deep (\(name) \(rate))/log loss", logLoss)
      run.record("Validation/Deep (\(name) \(rate))/AUC", auc)
      run.note(
        "Deep, \(name) lr \(rate): best validation log loss \(formatted(logLoss, decimals: 4)) (AUC \(formatted(auc, decimals: 4)))"
      )
      if best == nil || logLoss < best!.logLoss { best = (rate, logLoss, history) }
    }
    run.record("Validation/chosen \(name) rate", Double(best!.rate))
    choices.append([
      "\(name) learning rate", rates.map { "\($0)" }.joined(separator: ", "), "\(best!.rate)",
    ])
    return (make(best!.rate), best!.history)
  }

  /// FTRL's α, β and L1 and the deep part's learning rates, then each model's epochs, chosen
  /// on the validation rows; then every model trained on all the training rows once per seed
  /// and measured on the test rows.
  func jointTraining(_ run: ChapterRun, _ task: Task, _ settings: Settings) throws
    -> TrainedModels
  {
    run.section("Joint training with FTRL and AdaGrad")
    var choices = MarkdownTable(columns: ["setting", "grid", "chosen"])
    // The deep part's rates first (the deep model has no wide part), then FTRL's settings on
    // the wide model, trained with the AdaGrad rate chosen (which the wide model never uses).
    let (adagrad, deepRun) = chooseDeepRate(
      run, task, settings, "AdaGrad", rates: settings.adagradRates, { .adagrad(learningRate: $0) },
      choices: &choices)
    let (adam, deepAdamRun) = chooseDeepRate(
      run, task, settings, "Adam", rates: settings.adamRates, { .adam(learningRate: $0) },
      choices: &choices)
    let (ftrl, wideRun) = try chooseFTRL(run, task, settings, adagrad, choices: &choices)
    try run.show(
      choices, as: "validation-choices",
      caption: "Each setting chosen by the lowest validation log loss over the epochs:")
    run.record("Settings/seeds", Double(settings.seeds))
    let chosenRuns: [String: [EpochRecord]] = [
      "Wide": wideRun, "Deep": deepRun, "Deep (Adam)": deepAdamRun,
    ]
    func model(_ name: String, _ parts: WideAndDeep.Parts, _ deep: WideAndDeepTrainer.DeepOptimizer)
      -> Trained
    {
      let history =
        chosenRuns[name] ?? validationRun(run, name, task, parts, deep, ftrl, settings)
      let losses = history.map { $0.metrics["log loss"]! }
      let epochs = losses.indices.min { losses[$0] < losses[$1] }! + 1
      run.record("\(name)/epochs", Double(epochs))
      run.note("\(name): \(epochs) epochs (lowest validation log loss of \(history.count))")
      let seeds = (1...settings.seeds).map { seed in
        let (m, history) = train(
          run, "\(name) (seed \(seed))", stream: "\(name) seed \(seed)", on: task.train,
          measuredOn: task.test, encoder: task.encoder, epochs: epochs, everyEpoch: false,
          parts: parts, deep: deep, ftrl: ftrl, settings: settings, showsProgress: seed == 1)
        let p = m.probabilities(task.test)
        return SeedRun(
          model: m, probabilities: p, auc: history.last!.metrics["AUC"]!,
          logLoss: history.last!.metrics["log loss"]!, trainLoss: history.last!.loss)
      }
      return Trained(
        name: name, parts: parts, deep: deep, epochs: epochs, validation: history, seeds: seeds)
    }
    return TrainedModels(
      wide: model("Wide", .wide, adagrad), deep: model("Deep", .deep, adagrad),
      wideAndDeep: model("Wide & Deep", .both, adagrad),
      deepAdam: model("Deep (Adam)", .deep, adam),
      wideAndDeepAdam: model("Wide & Deep (Adam)", .both, adam), ftrl: ftrl)
  }

  /// A model trained on the `fit` rows for `maxEpochs`, measured on the validation rows after
  /// every epoch; its generator is `stream`, by default "NAME validation".
  func validationRun(
    _ run: ChapterRun, _ name: String, _ task: Task, _ parts: WideAndDeep.Parts,
    _ deep: WideAndDeepTrainer.DeepOptimizer, _ ftrl: WideAndDeepTrainer.FTRLSettings,
    _ settings: Settings, stream: String? = nil
  ) -> [EpochRecord] {
    train(
      run, "\(name) (validation)", stream: stream ?? "\(name) validation", on: task.fit,
      measuredOn: task.validation, encoder: task.encoder, epochs: settings.maxEpochs,
      everyEpoch: true, parts: parts, deep: deep, ftrl: ftrl, settings: settings,
      showsProgress: false
    ).history
  }

  /// Trains one model on `examples` with FTRL for the wide part and `deep` for the deep one,
  /// drawing its initial weights and batch order from the generator `stream`, and measures
  /// AUC and log loss on `held` after each epoch (`everyEpoch`) or after the last only.
  func train(
    _ run: ChapterRun, _ name: String, stream: String, on examples: FeatureBatch,
    measuredOn held: FeatureBatch, encoder: FeatureEncoder, epochs: Int, everyEpoch: Bool,
    parts: WideAndDeep.Parts, deep: WideAndDeepTrainer.DeepOptimizer,
    ftrl: WideAndDeepTrainer.FTRLSettings, settings: Settings, showsProgress: Bool
  ) -> (model: WideAndDeep, history: [EpochRecord]) {
    var rng = run.generator(stream)
    let model = WideAndDeep(
      encoder: encoder, parts: parts, embeddingDimension: settings.embeddingDimension,
      hiddenSizes: settings.hiddenSizes, using: &rng)
    let trainer = WideAndDeepTrainer(model, ftrl: ftrl, deep: deep)
    let history = run.fit(
      name, epochs: epochs, optimizers: trainer.optimizers,
      batches: { _ in
        trainer.epochBatches(examples, batchSize: settings.batchSize, using: &rng)
      },
      loss: trainer.loss, weight: { Double($0.count) },
      evaluate: { epoch in
        guard everyEpoch || epoch == epochs else { return [:] }
        let p = model.probabilities(held)
        return [
          "AUC": Metrics.auc(scores: p, labels: held.labels.map { $0 > 0.5 }),
          "log loss": Metrics.logLoss(probabilities: p, labels: held.labels),
        ]
      },
      showsProgress: showsProgress,
      summary: { epoch in
        guard showsProgress, let auc = epoch.metrics["AUC"] else { return nil }
        return
          "\(name) epoch \(epoch.epoch)/\(epochs): train loss \(formatted(epoch.loss, decimals: 4)), AUC \(formatted(auc, decimals: 4)), log loss \(formatted(epoch.metrics["log loss"]!, decimals: 4))"
      })
    return (model, history)
  }
}

// MARK: - Results

extension Chapter4 {
  /// The pairs of models the text compares: (A, B).
  static let comparisons = [
    ("Wide & Deep", "Wide"), ("Wide & Deep", "Deep"), ("Deep (Adam)", "Deep"),
    ("Wide & Deep (Adam)", "Deep (Adam)"),
  ]

  /// The five models' test AUC and log loss over the seeds, paired tests between them, and
  /// the figures: the validation curves and the seeds' spread.
  func results(_ run: ChapterRun, _ task: Task, _ models: TrainedModels, _ settings: Settings)
    throws
  {
    run.section("Results")
    var table = MarkdownTable(columns: [
      "model", "wide optimiser", "deep optimiser", "parameters", "epochs", "test AUC",
      "test log loss",
    ])
    for t in models.all {
      let name = t.name
      for (k, s) in t.seeds.enumerated() {
        run.record("\(name)/AUC seed \(k + 1)", s.auc)
        run.record("\(name)/log loss seed \(k + 1)", s.logLoss)
      }
      run.record("\(name)/AUC", t.auc.mean)
      run.record("\(name)/AUC sd", t.auc.standardDeviation)
      run.record("\(name)/log loss", t.logLoss.mean)
      run.record("\(name)/log loss sd", t.logLoss.standardDeviation)
      run.record("\(name)/train loss", t.trainLoss.mean)
      let v = t.validation
      run.recordCurve("\(name)/train loss by epoch", x: epochs(v), y: v.map(\.loss))
      run.recordCurve(
        "\(name)/validation AUC by epoch", x: epochs(v), y: v.map { $0.metrics["AUC"]! })
      run.recordCurve(
        "\(name)/validation log loss by epoch", x: epochs(v), y: v.map { $0.metrics["log loss"]! })
      table.append([
        name, t.parts == .deep ? "—" : "FTRL", t.parts == .wide ? "—" : optimizerName(t.deep),
        String(t.model.parameterCount), String(t.epochs), spread(t.auc), spread(t.logLoss),
      ])
    }
    try run.show(
      table, as: "results",
      caption: "Test AUC and log loss, mean ± sd over \(settings.seeds) training seeds:")
    // Paired over the test rows: each row's log loss, averaged over the seeds.
    let byName = Dictionary(uniqueKeysWithValues: models.all.map { ($0.name, $0) })
    var compared = MarkdownTable(
      columns: ["comparison", "log loss difference", "rows better", "rows worse", "p", "verdict"])
    for (a, b) in Self.comparisons {
      let c = PairedTest.bootstrap(
        rowLosses(byName[a]!, task.test.labels), rowLosses(byName[b]!, task.test.labels),
        resamples: 1000, seed: 2024)
      let name = "\(a) vs \(b)"
      run.record("Compare/\(name)/log loss difference", c.meanDifference)
      run.record("Compare/\(name)/p", c.pValue)
      run.record("Compare/\(name)/AUC difference", byName[a]!.auc.mean - byName[b]!.auc.mean)
      compared.append([
        name, formatted(c.meanDifference, decimals: 4), String(c.wins), String(c.losses),
        formatted(c.pValue, decimals: 3), verdict(c),
      ])
    }
    try run.show(
      compared, as: "comparisons",
      caption:
        "Paired bootstrap over the \(task.test.count) test rows (per-row log loss, mean of the seeds; 1000 resamples):"
    )
    let colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"]
    func series(_ pick: (EpochRecord) -> Double) -> [LineSeries] {
      zip(models.all, colors).map { t, color in
        let dashed = if case .adam = t.deep { true } else { false }
        return LineSeries(
          t.name, y: t.validation.map(pick), markers: true, dashed: dashed, color: color)
      }
    }
    var trainPanel = Chart.lines(
      series { $0.loss }, title: "training log loss", xLabel: "epoch", yLabel: "log loss")
    trainPanel.legend = .bottomLeft
    var validationPanel = Chart.lines(
      series { $0.metrics["log loss"]! }, title: "validation log loss", xLabel: "epoch",
      yLabel: "log loss")
    validationPanel.legend = .hidden
    var aucPanel = Chart.lines(
      series { $0.metrics["AUC"]! }, title: "validation AUC", xLabel: "epoch", yLabel: "AUC")
    aucPanel.legend = .hidden
    let figure = Figure(
      title: "Validation runs: Wide, Deep and Wide & Deep on MovieLens (rating >= 4)",
      panels: [trainPanel, validationPanel, aucPanel],
      columns: 3)
    try run.save(figure, as: "training-curves")
    // The spread: every seed's test AUC and log loss, one column of points per model.
    func points(_ pick: (SeedRun) -> Double) -> [ScatterSeries] {
      zip(models.all.indices, zip(models.all, colors)).map { i, tc in
        ScatterSeries(
          tc.0.name, x: tc.0.seeds.map { _ in Double(i + 1) }, y: tc.0.seeds.map(pick),
          color: tc.1)
      }
    }
    var aucSpread = Chart.scatter(
      points(\.auc), title: "test AUC, one point per seed", xLabel: "model", yLabel: "AUC")
    aucSpread.legend = .bottomRight
    aucSpread.xRange = AxisRange(min: 0.5, max: Double(models.all.count) + 0.5)
    var lossSpread = Chart.scatter(
      points(\.logLoss), title: "test log loss, one point per seed", xLabel: "model",
      yLabel: "log loss")
    lossSpread.legend = .hidden
    lossSpread.xRange = aucSpread.xRange
    try run.save(
      Figure(
        title:
          "\(settings.seeds) training seeds per model (1 Wide, 2 Deep, 3 Wide & Deep, 4 Deep (Adam), 5 Wide & Deep (Adam))",
        panels: [aucSpread, lossSpread], columns: 2),
      as: "test-auc")
  }

  /// Each test row's log loss under `model`, averaged over its seeds (summed in seed order).
  func rowLosses(_ model: Trained, _ labels: [Float]) -> [Double] {
    var sum = [Double](repeating: 0, count: labels.count)
    for s in model.seeds {
      for r in labels.indices {
        sum[r] += Metrics.logLoss(probabilities: [s.probabilities[r]], labels: [labels[r]])
      }
    }
    return sum.map { $0 / Double(model.seeds.count) }
  }

  /// "significant" (p < 0.05) or "within noise".
  func verdict(_ c: PairedComparison) -> String {
    c.isSignificant(at: 0.05) ? "significant" : "within noise"
  }

  /// "0.7826 ± 0.0012".
  func spread(_ s: SeedSpread) -> String {
    "\(formatted(s.mean, decimals: 4)) ± \(formatted(s.standardDeviation, decimals: 4))"
  }

  func epochs(_ history: [EpochRecord]) -> [Double] { history.map { Double($0.epoch) } }

  /// The deep optimiser's name in the table.
  func optimizerName(_ optimizer: WideAndDeepTrainer.DeepOptimizer) -> String {
    switch optimizer {
    case .adagrad: "AdaGrad"
    case .adam: "Adam"
    }
  }
}

// MARK: - What the wide part memorised

extension Chapter4 {
  /// The crosses with the largest wide weights in `model`, and heatmaps of two crosses whole.
  func wideWeights(
    _ run: ChapterRun, _ task: Task, _ features: FeatureSet, model: WideAndDeep
  ) throws {
    run.section("What the wide part memorised")
    let weights = model.wideWeights.scalars
    // How often each wide id is on in training, and how often its examples are liked.
    var support = [Int](repeating: 0, count: task.encoder.wideSize)
    var likes = [Int](repeating: 0, count: task.encoder.wideSize)
    for r in 0..<task.train.count {
      for k in task.train.wideOffsets[r]..<task.train.wideOffsets[r + 1] {
        support[task.train.wideIDs[k]] += 1
        if task.train.labels[r] > 0.5 { likes[task.train.wideIDs[k]] += 1 }
      }
    }
    let crossIDs = (0..<task.encoder.wideSize).filter {
      task.encoder.wideColumn(of: $0).column is CrossedColumn && weights[$0] != 0
    }
    let ranked = crossIDs.sorted {
      abs(weights[$0]) > abs(weights[$1]) || (abs(weights[$0]) == abs(weights[$1]) && $0 < $1)
    }
    var table = MarkdownTable(columns: ["cross", "weight", "training examples", "liked"])
    for id in ranked.prefix(12) {
      table.append([
        task.encoder.wideLabel(of: id), formatted(Double(weights[id]), decimals: 3),
        String(support[id]),
        formatted(Double(likes[id]) / Double(max(support[id], 1)), decimals: 3),
      ])
    }
    try run.show(
      table, as: "largest-crosses",
      caption: "The crosses with the largest weights in Wide & Deep's wide part:")
    let (zeros, total) = model.wideSparsity
    run.record("Wide & Deep/wide weights", Double(total))
    run.record("Wide & Deep/zero wide weights", Double(zeros))
    // Heatmaps of the cross weights: one cell per (value, genre), the crosses built as the
    // wide part's specs "gender x genres" and "occupation x genres" build them.
    let genres = try features.column(named: "genres")
    for name in ["gender", "occupation"] {
      let cross = try CrossedColumn([features.column(named: name), genres])
      guard let first = task.encoder.wideID(column: cross.name, local: 0) else {
        throw ChapterError("the wide part has no column '\(cross.name)'")
      }
      // byValue[a][g]: the weight of AND(name = a, genre = g).
      let byValue = (0..<cross.components[0].size).map { a in
        (0..<genres.size).map { g in Double(weights[first + cross.id(combining: [a, g])]) }
      }
      try run.save(crossHeatmap(cross, byValue), as: "weights-\(name)-x-genre")
    }
  }

  /// A heatmap of a (value, genre) cross's weights, `byValue[a][g]`.
  func crossHeatmap(_ cross: CrossedColumn, _ byValue: [[Double]]) -> Figure {
    let (part, genres) = (cross.components[0], cross.components[1])
    let name = part.name
    let labels = values(of: part)
    let genreNames = values(of: genres)
    let limit = max(byValue.joined().map(abs).max() ?? 0, 1e-6)
    if part.size <= 3 {
      // Few values (gender): genres down the side, a value printed in each cell.
      let byGenre = genreNames.indices.map { g in byValue.map { $0[g] } }
      let heatmap = Heatmap(
        values: byGenre, rowLabels: genreNames, columnLabels: labels, cellFormat: "%.2f",
        palette: .diverging, colorRange: -limit...limit)
      return Figure(
        .heatmap(
          heatmap, title: "Wide weights of AND(\(name), genre)", xLabel: name, yLabel: "genre"),
        width: 560, height: 760)
    }
    let heatmap = Heatmap(
      values: byValue, rowLabels: labels, columnLabels: genreNames, cellFormat: nil,
      palette: .diverging, colorRange: -limit...limit)
    return Figure(
      .heatmap(
        heatmap, title: "Wide weights of AND(\(name), genre)", xLabel: "genre", yLabel: name),
      width: 1000, height: 640)
  }

  /// The value each id of a vocabulary column stands for: "F" for the label "gender=F".
  func values(of column: any FeatureColumn) -> [String] {
    (0..<column.size).map {
      (column.label(of: $0) ?? "#\($0)").replacingOccurrences(of: "\(column.name)=", with: "")
    }
  }
}

// MARK: - Sparsity from L1

extension Chapter4 {
  /// Wide-only models by FTRL's L1 strength: how many weights stay non-zero, at what AUC.
  func l1Sparsity(
    _ run: ChapterRun, _ task: Task, _ models: TrainedModels, _ settings: Settings
  ) throws {
    run.section("Sparsity from L1")
    var table = MarkdownTable(columns: [
      "L1", "zero weights", "non-zero weights", "of ids seen in training", "test AUC",
      "test log loss",
    ])
    let seen = Set(task.train.wideIDs)
    var aucs: [Double] = []
    var nonZeros: [Double] = []
    // Each row is the table's Wide model, seed 1 — the same initial weights, batches and
    // epochs — with only FTRL's L1 changed: the row with the chapter's L1 is that model.
    for l1 in settings.l1Strengths {
      var ftrl = models.ftrl
      ftrl.l1 = l1
      let name = "Wide (L1 \(l1))"
      let (model, history) = train(
        run, name, stream: "Wide seed 1", on: task.train, measuredOn: task.test,
        encoder: task.encoder, epochs: models.wide.epochs, everyEpoch: false, parts: .wide,
        deep: models.wide.deep, ftrl: ftrl, settings: settings, showsProgress: false)
      let weights = model.wideWeights.scalars
      let zeros = weights.filter { $0 == 0 }.count
      let nonZeroSeen = seen.filter { weights[$0] != 0 }.count
      let (auc, logLoss) = (history.last!.metrics["AUC"]!, history.last!.metrics["log loss"]!)
      run.record("\(name)/zero weights", Double(zeros))
      run.record("\(name)/non-zero weights", Double(weights.count - zeros))
      run.record("\(name)/AUC", auc)
      run.record("\(name)/log loss", logLoss)
      aucs.append(auc)
      nonZeros.append(Double(weights.count - zeros))
      table.append([
        formatted(Double(l1), decimals: 3), String(zeros), String(weights.count - zeros),
        "\(nonZeroSeen) of \(seen.count)", formatted(auc, decimals: 4),
        formatted(logLoss, decimals: 4),
      ])
      run.note(
        "L1 \(l1): \(weights.count - zeros) non-zero wide weights, test AUC \(formatted(auc, decimals: 4))"
      )
    }
    try run.show(
      table, as: "l1-sparsity",
      caption: "Wide-only models, \(models.wide.epochs) epochs, seed 1, by FTRL's L1 strength:")
    let groups = settings.l1Strengths.map { "L1 = \(formatted(Double($0), decimals: 3))" }
    var weightsPanel = Chart.bars(
      GroupedBars(
        groups: groups, series: [BarSeries("non-zero weights", nonZeros)], valueFormat: "%.0f"),
      title: "non-zero wide weights", yLabel: "weights")
    weightsPanel.legend = .hidden
    var aucPanel = Chart.bars(
      GroupedBars(
        groups: groups, series: [BarSeries("test AUC", aucs, color: "#2ca02c")], valueFormat: "%.4f"
      ),
      title: "test AUC", yLabel: "AUC")
    aucPanel.legend = .hidden
    aucPanel.yRange = AxisRange(min: 0.5, max: 0.8)
    let figure = Figure(
      title: "FTRL's L1 strength: weights kept and accuracy (wide-only)",
      panels: [weightsPanel, aucPanel], columns: 2)
    try run.save(figure, as: "l1-sparsity")
  }
}

// MARK: - Memorising user × item

extension Chapter4 {
  /// The wide part with a hashed user x item cross added: can it help when no test pair was
  /// seen in training?
  func userItemCross(
    _ run: ChapterRun, _ data: MovieLens, _ features: FeatureSet, base: Task,
    _ models: TrainedModels, _ settings: Settings
  ) throws {
    run.section("Memorising user × item")
    let task = try makeTask(run, data, features, wide: Specs.wideWithUserItem)
    // Every test pair is new: a rating is made once, so its (user, item) never appears in training.
    let trainPairs = Set(
      zip(base.train.deepIDs[0], base.train.deepIDs[1]).map { $0 * 1_000_003 + $1 })
    let overlap = zip(base.test.deepIDs[0], base.test.deepIDs[1]).filter {
      trainPairs.contains($0 * 1_000_003 + $1)
    }.count
    run.record("Data/test pairs seen in training", Double(overlap))
    run.note("test (user, item) pairs that also occur in training: \(overlap)")
    // Each is trained as its model without the cross, seed 1 (same epochs, same generator),
    // and compared with it row by row on the same test rows.
    for (name, base) in [
      ("Wide + user x item", models.wide), ("Wide & Deep + user x item", models.wideAndDeep),
    ] {
      let (model, history) = train(
        run, name, stream: "\(base.name) seed 1", on: task.train, measuredOn: task.test,
        encoder: task.encoder, epochs: base.epochs, everyEpoch: false, parts: base.parts,
        deep: base.deep, ftrl: models.ftrl, settings: settings, showsProgress: true)
      run.record("\(name)/AUC", history.last!.metrics["AUC"]!)
      run.record("\(name)/log loss", history.last!.metrics["log loss"]!)
      run.record("\(name)/train loss", history.last!.loss)
      let seed1 = base.seeds[0]
      run.record("\(base.name) seed 1/AUC", seed1.auc)
      run.record("\(base.name) seed 1/train loss", seed1.trainLoss)
      let p = model.probabilities(task.test)
      let labels = task.test.labels
      let c = PairedTest.bootstrap(
        labels.indices.map { Metrics.logLoss(probabilities: [p[$0]], labels: [labels[$0]]) },
        labels.indices.map {
          Metrics.logLoss(probabilities: [seed1.probabilities[$0]], labels: [labels[$0]])
        }, resamples: 1000, seed: 2024)
      run.record("Compare/\(name) vs \(base.name) seed 1/log loss difference", c.meanDifference)
      run.record("Compare/\(name) vs \(base.name) seed 1/p", c.pValue)
    }
  }
}

// MARK: - Ranking beside Chapter 3

extension Chapter4 {
  /// Wide, Deep and Wide & Deep retrained on implicit feedback and ranked under Chapter 3's
  /// leave-one-out protocol, beside ItemPop and (from its results) Chapter 3's models.
  func ranking(
    _ run: ChapterRun, _ data: MovieLens, _ task: Task, _ models: TrainedModels,
    _ settings: Settings
  ) throws {
    run.section("Ranking beside Chapter 3")
    let experiment = try LeaveOneOutData(
      ratings: data.ratings, userCount: data.userCount, itemCount: data.itemCount,
      evaluationSeed: 42)
    var table = MarkdownTable(columns: ["model", "HR@10", "NDCG@10"])
    func show(_ name: String, _ result: RankingResult) {
      table.append([
        name, formatted(result.hitRate(at: 10), decimals: 4),
        formatted(result.ndcg(at: 10), decimals: 4),
      ])
    }
    let itemPop = ItemPop(train: experiment.train).evaluate(experiment.sampled)
    run.record(itemPop, as: "ItemPop")
    show("ItemPop", itemPop)
    var results = ["ItemPop": itemPop]
    for (name, parts) in [
      ("Wide", WideAndDeep.Parts.wide), ("Deep", .deep), ("Wide & Deep", .both),
    ] {
      let result = trainForRanking(
        run, name, parts, experiment, task.pairs, models.ftrl, models.deep.deep, settings)
      run.record(result, as: "\(name) (ranking)")
      show(name, result)
      results[name] = result
    }
    // One training seed here (the ranking runs are the chapter's costliest), so the test is
    // paired over the users: the sign test on their hits at 10.
    for (a, b) in [("Wide", "ItemPop"), ("Wide & Deep", "Deep")] {
      let hits = { (r: RankingResult) in
        r.perUser { ranks, _ in Metrics.hitRate(ranks: ranks, k: 10) }
      }
      let c = PairedTest.sign(hits(results[a]!), hits(results[b]!))
      run.record("Ranking/\(a) vs \(b)/p", c.pValue)
      run.record("Ranking/\(a) vs \(b)/users better", Double(c.wins))
      run.record("Ranking/\(a) vs \(b)/users worse", Double(c.losses))
      run.note(
        "\(a) against \(b), HR@10 user by user: \(c.wins) better, \(c.losses) worse, sign test p = \(formatted(c.pValue, decimals: 3))"
      )
    }
    if run.isQuick {
      run.note("quick: Chapter 3's rows are left out (its results are for every user)")
    } else {
      for (model, hr, ndcg) in chapter3Rows(run, itemPop: itemPop) {
        run.record("Chapter 3 \(model)/HR@10", hr)
        run.record("Chapter 3 \(model)/NDCG@10", ndcg)
        table.append([
          "\(model) (Chapter 3)", formatted(hr, decimals: 4), formatted(ndcg, decimals: 4),
        ])
      }
    }
    try run.show(
      table, as: "ranking", caption: "Leave-one-out, 1 held-out item among 99 sampled negatives:")
  }

  /// One model trained on implicit feedback (4 sampled negatives per positive, fresh each
  /// epoch) and ranked after each epoch; returns its last ranking.
  func trainForRanking(
    _ run: ChapterRun, _ name: String, _ parts: WideAndDeep.Parts,
    _ experiment: LeaveOneOutData, _ pairs: PairFeatureEncoder,
    _ ftrl: WideAndDeepTrainer.FTRLSettings, _ deep: WideAndDeepTrainer.DeepOptimizer,
    _ settings: Settings
  ) -> RankingResult {
    var rng = run.generator("ranking \(name)")
    let model = WideAndDeep(
      encoder: pairs.encoder, parts: parts, embeddingDimension: settings.embeddingDimension,
      hiddenSizes: settings.hiddenSizes, using: &rng)
    let trainer = WideAndDeepTrainer(
      model, ftrl: ftrl, deep: deep)
    let sampler = NegativeSampler(excluding: experiment.train)
    let scorer = Scorer { user, items in
      model.probabilities(
        pairs.encode(
          users: Array(repeating: user, count: items.count), items: items,
          labels: Array(repeating: 0, count: items.count)))
    }
    var latest: RankingResult?
    run.fit(
      "\(name) (ranking)", epochs: settings.rankingEpochs, optimizers: trainer.optimizers,
      batches: { _ in
        let instances = TrainingInstances.epoch(
          positives: experiment.train, sampler: sampler, negativesPerPositive: 4, using: &rng)
        let examples = pairs.encode(
          users: instances.users.map(Int.init), items: instances.items.map(Int.init),
          labels: instances.labels)
        return trainer.epochBatches(examples, batchSize: settings.batchSize, using: &rng)
      },
      loss: trainer.loss, weight: { Double($0.count) },
      evaluate: { _ in
        latest = scorer.evaluate(experiment.sampled)
        return [:]
      },
      summary: { epoch in
        "\(name) (ranking) epoch \(epoch.epoch)/\(settings.rankingEpochs): train loss \(formatted(epoch.loss, decimals: 4)), \(latest!)"
      })
    return latest!
  }

  /// Chapter 3's GMF, MLP and NeuMF HR@10 and NDCG@10, read from `--ncf-results`, when they
  /// were measured on the same candidate lists: its ItemPop must score exactly what ours
  /// does. Otherwise none, saying why.
  func chapter3Rows(_ run: ChapterRun, itemPop: RankingResult) -> [(
    model: String, hr: Double, ndcg: Double
  )] {
    let path = URL(fileURLWithPath: ncfResults).path  // a relative path from the working directory
    let leftOut = "the ranking table leaves Chapter 3's rows out"
    guard FileManager.default.fileExists(atPath: path) else {
      run.note(
        "Chapter 3's results: no file \(path) (run `make chapter-3` first, or give --ncf-results <file>); \(leftOut)"
      )
      return []
    }
    let other: ChapterResults
    do {
      other = try ChapterResults.decode(from: Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      run.note("Chapter 3's results: cannot read \(path) as a results.json (\(error)); \(leftOut)")
      return []
    }
    guard other.chapter == 3, other.mode == .full, other.data == run.results.data else {
      run.note(
        "Chapter 3's results: \(path) holds Chapter \(other.chapter)'s \(other.mode.rawValue) run on \(other.data) data, not Chapter 3's full run on \(run.results.data) data like this one; \(leftOut)"
      )
      return []
    }
    func score(_ metric: String) -> String {
      other.metrics["ItemPop/\(metric)"].map { formatted($0, decimals: 4) } ?? "none"
    }
    guard other.metrics["ItemPop/HR@10"] == itemPop.hitRate(at: 10),
      other.metrics["ItemPop/NDCG@10"] == itemPop.ndcg(at: 10)
    else {
      run.note(
        "Chapter 3's results: \(path) was not measured on the same candidate lists (its ItemPop has HR@10 and NDCG@10 \(score("HR@10")) and \(score("NDCG@10")), ours \(formatted(itemPop.hitRate(at: 10), decimals: 4)) and \(formatted(itemPop.ndcg(at: 10), decimals: 4))); \(leftOut)"
      )
      return []
    }
    return ["GMF", "MLP", "NeuMF"].compactMap { model in
      guard let hr = other.metrics["\(model)/HR@10"], let ndcg = other.metrics["\(model)/NDCG@10"]
      else { return nil }
      return (model, hr, ndcg)
    }
  }
}

Chapter4.main()
