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
    let models = jointTraining(run, task, settings)
    try results(run, task, models, settings)
    try wideWeights(run, task, features, model: models.wideAndDeep.model)
    try l1Sparsity(run, task, settings)
    try userItemCross(run, data, features, base: task, settings)
    try ranking(run, data, task, settings)
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
    var epochs: Int
    var rankingEpochs: Int
    var batchSize = 256
    var embeddingDimension = 8
    var hiddenSizes = [64, 32]
    var adagradRate: Float = 0.05
    var adamRate: Float = 0.002
    var ftrl = WideAndDeepTrainer.FTRLSettings(alpha: 0.2, beta: 0.01, l1: 0.001, l2: 0)
    var l1Strengths: [Float] = [0, 0.001, 0.01, 0.1]

    init(_ run: ChapterRun) {
      userLimit = run.isQuick ? 150 : nil
      epochs = run.epochs(full: 6, quick: 2)
      rankingEpochs = run.epochs(full: 4, quick: 1)
      l1Strengths = run.isQuick ? [0, 0.01] : [0, 0.001, 0.01, 0.1]
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
    let pairs = try PairFeatureEncoder(encoder, data: data)
    return Task(
      pairs: pairs, train: pairs.encode(split.train, likeThreshold: 4),
      test: pairs.encode(split.test, likeThreshold: 4))
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
  /// One trained model and its history: train loss, test AUC and log loss by epoch.
  struct Trained {
    var name: String
    var model: WideAndDeep
    var deep: WideAndDeepTrainer.DeepOptimizer
    var history: [EpochRecord]

    var trainLoss: [Double] { history.map(\.loss) }
    var testAUC: [Double] { history.map { $0.metrics["AUC"]! } }
    var testLogLoss: [Double] { history.map { $0.metrics["log loss"]! } }
  }

  /// The five models compared, in the order the table lists them.
  struct TrainedModels {
    var wide, deep, wideAndDeep, deepAdam, wideAndDeepAdam: Trained
    var all: [Trained] { [wide, deep, wideAndDeep, deepAdam, wideAndDeepAdam] }
  }

  func jointTraining(_ run: ChapterRun, _ task: Task, _ settings: Settings) -> TrainedModels {
    run.section("Joint training with FTRL and AdaGrad")
    let adagrad = WideAndDeepTrainer.DeepOptimizer.adagrad(learningRate: settings.adagradRate)
    let adam = WideAndDeepTrainer.DeepOptimizer.adam(learningRate: settings.adamRate)
    return TrainedModels(
      wide: train(run, "Wide", task, parts: .wide, deep: adagrad, settings: settings),
      deep: train(run, "Deep", task, parts: .deep, deep: adagrad, settings: settings),
      wideAndDeep: train(run, "Wide & Deep", task, parts: .both, deep: adagrad, settings: settings),
      deepAdam: train(run, "Deep (Adam)", task, parts: .deep, deep: adam, settings: settings),
      wideAndDeepAdam: train(
        run, "Wide & Deep (Adam)", task, parts: .both, deep: adam, settings: settings))
  }

  /// Trains one model on the task with FTRL for the wide part and `deep` for the deep one,
  /// measuring test AUC and log loss after each epoch; with `showsProgress`, a progress bar
  /// and one line per epoch.
  func train(
    _ run: ChapterRun, _ name: String, _ task: Task, parts: WideAndDeep.Parts,
    deep: WideAndDeepTrainer.DeepOptimizer, ftrl: WideAndDeepTrainer.FTRLSettings? = nil,
    settings: Settings, showsProgress: Bool = true
  ) -> Trained {
    var rng = run.generator(name)
    let model = WideAndDeep(
      encoder: task.encoder, parts: parts, embeddingDimension: settings.embeddingDimension,
      hiddenSizes: settings.hiddenSizes, using: &rng)
    let trainer = WideAndDeepTrainer(model, ftrl: ftrl ?? settings.ftrl, deep: deep)
    let history = run.fit(
      name, epochs: settings.epochs, optimizers: trainer.optimizers,
      batches: { _ in
        trainer.epochBatches(task.train, batchSize: settings.batchSize, using: &rng)
      },
      loss: trainer.loss, weight: { Double($0.count) },
      evaluate: { _ in
        let p = model.probabilities(task.test)
        return [
          "AUC": Metrics.auc(scores: p, labels: task.test.labels.map { $0 > 0.5 }),
          "log loss": Metrics.logLoss(probabilities: p, labels: task.test.labels),
        ]
      },
      showsProgress: showsProgress,
      summary: { epoch in
        guard showsProgress else { return nil }
        return
          "\(name) epoch \(epoch.epoch)/\(settings.epochs): train loss \(formatted(epoch.loss, decimals: 4)), test AUC \(formatted(epoch.metrics["AUC"]!, decimals: 4)), test log loss \(formatted(epoch.metrics["log loss"]!, decimals: 4))"
      })
    return Trained(name: name, model: model, deep: deep, history: history)
  }
}

// MARK: - Results

extension Chapter4 {
  /// The five models' test AUC and log loss, as a table and as curves by epoch.
  func results(_ run: ChapterRun, _ task: Task, _ models: TrainedModels, _ settings: Settings)
    throws
  {
    run.section("Results")
    var table = MarkdownTable(columns: [
      "model", "wide optimiser", "deep optimiser", "parameters", "test AUC", "test log loss",
    ])
    for t in models.all {
      let (name, auc, logLoss) = (t.name, t.testAUC.last!, t.testLogLoss.last!)
      run.record("\(name)/AUC", auc)
      run.record("\(name)/log loss", logLoss)
      run.record("\(name)/best AUC", t.testAUC.max()!)
      run.record("\(name)/best AUC epoch", Double(t.testAUC.firstIndex(of: t.testAUC.max()!)! + 1))
      run.record("\(name)/train loss", t.trainLoss.last!)
      run.record("\(name)/AUC standard error", aucStandardError(auc, labels: task.test.labels))
      run.recordCurve("\(name)/train loss by epoch", x: epochs(t.trainLoss), y: t.trainLoss)
      run.recordCurve("\(name)/test AUC by epoch", x: epochs(t.testAUC), y: t.testAUC)
      run.recordCurve("\(name)/test log loss by epoch", x: epochs(t.testLogLoss), y: t.testLogLoss)
      table.append([
        name, t.model.parts == .deep ? "—" : "FTRL",
        t.model.parts == .wide ? "—" : optimizerName(t.deep), String(t.model.parameterCount),
        formatted(auc, decimals: 4), formatted(logLoss, decimals: 4),
      ])
    }
    try run.show(
      table, as: "results", caption: "Test AUC and log loss after \(settings.epochs) epochs:")
    let colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"]
    func series(_ pick: (Trained) -> [Double]) -> [LineSeries] {
      zip(models.all, colors).map { t, color in
        let dashed = if case .adam = t.deep { true } else { false }
        return LineSeries(t.name, y: pick(t), markers: true, dashed: dashed, color: color)
      }
    }
    var trainPanel = Chart.lines(
      series { $0.trainLoss }, title: "training log loss", xLabel: "epoch", yLabel: "log loss")
    trainPanel.legend = .bottomLeft
    var testPanel = Chart.lines(
      series { $0.testLogLoss }, title: "test log loss", xLabel: "epoch", yLabel: "log loss")
    testPanel.legend = .hidden
    var aucPanel = Chart.lines(
      series { $0.testAUC }, title: "test AUC", xLabel: "epoch", yLabel: "AUC")
    aucPanel.legend = .hidden
    let figure = Figure(
      title: "Wide, Deep and Wide & Deep on MovieLens (rating >= 4)",
      panels: [trainPanel, testPanel, aucPanel],
      columns: 3)
    try run.save(figure, as: "training-curves")
    var main = Chart.lines(
      series { $0.testAUC }, title: "Test AUC by epoch", xLabel: "epoch", yLabel: "AUC")
    main.legend = .bottomRight
    try run.save(Figure(main), as: "test-auc", preview: true)
  }

  func epochs(_ values: [Double]) -> [Double] { (1...values.count).map(Double.init) }

  /// The deep optimiser's name in the table.
  func optimizerName(_ optimizer: WideAndDeepTrainer.DeepOptimizer) -> String {
    switch optimizer {
    case .adagrad: "AdaGrad"
    case .adam: "Adam"
    }
  }

  /// Hanley & McNeil's (1982) standard error of an AUC measured on P positives and N negatives:
  /// how far apart two models' test AUCs must be before the gap means something.
  ///
  /// ```
  /// Q1 = A / (2 - A),  Q2 = 2 A^2 / (1 + A)
  /// SE = sqrt( (A (1 - A) + (P - 1)(Q1 - A^2) + (N - 1)(Q2 - A^2)) / (P N) )
  /// ```
  func aucStandardError(_ a: Double, labels: [Float]) -> Double {
    let p = Double(labels.filter { $0 > 0.5 }.count)
    let n = Double(labels.count) - p
    let q1 = a / (2 - a)
    let q2 = 2 * a * a / (1 + a)
    return ((a * (1 - a) + (p - 1) * (q1 - a * a) + (n - 1) * (q2 - a * a)) / (p * n)).squareRoot()
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
  func l1Sparsity(_ run: ChapterRun, _ task: Task, _ settings: Settings) throws {
    run.section("Sparsity from L1")
    var table = MarkdownTable(columns: [
      "L1", "zero weights", "non-zero weights", "of ids seen in training", "test AUC",
      "test log loss",
    ])
    let seen = Set(task.train.wideIDs)
    var aucs: [Double] = []
    var nonZeros: [Double] = []
    for l1 in settings.l1Strengths {
      var ftrl = settings.ftrl
      ftrl.l1 = l1
      let name = "Wide (L1 \(l1))"
      let t = train(
        run, name, task, parts: .wide, deep: .adagrad(learningRate: settings.adagradRate),
        ftrl: ftrl, settings: settings, showsProgress: false)
      let weights = t.model.wideWeights.scalars
      let zeros = weights.filter { $0 == 0 }.count
      let nonZeroSeen = seen.filter { weights[$0] != 0 }.count
      let (auc, logLoss) = (t.testAUC.last!, t.testLogLoss.last!)
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
      caption: "Wide-only models, \(settings.epochs) epochs, by FTRL's L1 strength:")
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
    _ run: ChapterRun, _ data: MovieLens, _ features: FeatureSet, base: Task, _ settings: Settings
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
    for (name, parts) in [
      ("Wide + user x item", WideAndDeep.Parts.wide), ("Wide & Deep + user x item", .both),
    ] {
      let t = train(
        run, name, task, parts: parts, deep: .adagrad(learningRate: settings.adagradRate),
        settings: settings)
      run.record("\(name)/AUC", t.testAUC.last!)
      run.record("\(name)/log loss", t.testLogLoss.last!)
      run.record("\(name)/train loss", t.trainLoss.last!)
    }
  }
}

// MARK: - Ranking beside Chapter 3

extension Chapter4 {
  /// Wide, Deep and Wide & Deep retrained on implicit feedback and ranked under Chapter 3's
  /// leave-one-out protocol, beside ItemPop and (from its results) Chapter 3's models.
  func ranking(_ run: ChapterRun, _ data: MovieLens, _ task: Task, _ settings: Settings) throws {
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
    for (name, parts) in [
      ("Wide", WideAndDeep.Parts.wide), ("Deep", .deep), ("Wide & Deep", .both),
    ] {
      let result = trainForRanking(run, name, parts, experiment, task.pairs, settings)
      run.record(result, as: "\(name) (ranking)")
      show(name, result)
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
    _ experiment: LeaveOneOutData, _ pairs: PairFeatureEncoder, _ settings: Settings
  ) -> RankingResult {
    var rng = run.generator("ranking \(name)")
    let model = WideAndDeep(
      encoder: pairs.encoder, parts: parts, embeddingDimension: settings.embeddingDimension,
      hiddenSizes: settings.hiddenSizes, using: &rng)
    let trainer = WideAndDeepTrainer(
      model, ftrl: settings.ftrl, deep: .adagrad(learningRate: settings.adagradRate))
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
