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

  func run() throws {
    let run = try ChapterRun(
      number: 4,
      title: "Wide & Deep — memorisation by cross-product features, generalisation by embeddings",
      options: options)
    let start = Date()
    try WideAndDeepChapter(run: run).runAll()
    run.timing("chapter 4", seconds: Date().timeIntervalSince(start))
    try run.finish()
  }
}

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

final class WideAndDeepChapter {
  let run: ChapterRun
  let settings: Settings

  init(run: ChapterRun) {
    self.run = run
    settings = Settings(
      userLimit: run.isQuick ? 150 : nil,
      epochs: run.epochs(full: 6, quick: 2),
      rankingEpochs: run.epochs(full: 4, quick: 1),
      l1Strengths: run.isQuick ? [0, 0.01] : [0, 0.001, 0.01, 0.1])
  }

  func runAll() throws {
    let data = try loadData()
    let features = try featureColumns(data)
    try crossExample(data, features)
    let task = try makeTask(data, features)
    let models = try trainModels(task)
    try showResults(task, models)
    try showMemorisedCrosses(task, model: models["Wide & Deep"]!.model)
    try l1Sparsity(task)
    try userItemCross(data, features, task)
    try ranking(data, features)
  }

  // MARK: - Memorisation and generalisation

  /// MovieLens-100K (or the synthetic set), cut to the first users in quick mode.
  func loadData() throws -> MovieLens {
    run.section("Memorisation and generalisation")
    var data = try run.loadMovieLens()
    if let limit = settings.userLimit, limit < data.userCount {
      data.users = Array(data.users.prefix(limit))
      data.ratings = data.ratings.filter { $0.user < limit }
      run.note("quick: keeping the first \(limit) users (\(data.ratings.count) ratings)")
    }
    return data
  }

  // MARK: - Feature columns

  func featureColumns(_ data: MovieLens) throws -> FeatureSet {
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

  private func kind(of column: any FeatureColumn) -> String {
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

  // MARK: - A cross-product feature on real rows

  func crossExample(_ data: MovieLens, _ features: FeatureSet) throws {
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

  // MARK: - The task: will the user like the movie?

  struct Task {
    var encoder: FeatureEncoder
    var train: FeatureBatch
    var test: FeatureBatch
  }

  func makeTask(_ data: MovieLens, _ features: FeatureSet, wide: [String] = Specs.wide) throws
    -> Task
  {
    if wide == Specs.wide { run.section("The task: will the user like the movie?") }
    let encoder = try FeatureEncoder(
      wide: features.columns(wide), deep: features.columns(Specs.deep),
      dense: Specs.dense.map { try features.denseColumn($0) })
    let split = RatingSplit.random(data.ratings, testFraction: 0.2, seed: run.options.seed)
    let pairs = try PairFeatureEncoder(encoder, data: data)
    let train = pairs.encode(split.train, likeThreshold: 4)
    let test = pairs.encode(split.test, likeThreshold: 4)
    if wide == Specs.wide {
      let rate = { (b: FeatureBatch) in Double(b.labels.reduce(0, +)) / Double(max(b.count, 1)) }
      run.record("Data/train examples", Double(train.count))
      run.record("Data/test examples", Double(test.count))
      run.record("Data/train like rate", rate(train))
      run.record("Data/test like rate", rate(test))
      run.record("Data/wide ids", Double(encoder.wideSize))
      run.record(
        "Data/wide ids per example", Double(train.wideIDs.count) / Double(max(train.count, 1)))
      let base = Float(rate(train))
      let constant = [Float](repeating: base, count: test.count)
      run.record("Constant/log loss", Metrics.logLoss(probabilities: constant, labels: test.labels))
      run.note(
        "train \(train.count) ratings, test \(test.count); liked (4 or 5 stars): \(formatted(rate(train), decimals: 3)) of train"
      )
      run.note(
        "wide ids: \(encoder.wideSize), on average \(formatted(Double(train.wideIDs.count) / Double(max(train.count, 1)), decimals: 1)) active per example"
      )
    }
    return Task(encoder: encoder, train: train, test: test)
  }

  // MARK: - The model

  // (The model is `WideAndDeep` in Sources/RecModels/WideAndDeep.swift; the text quotes it.)

  // MARK: - Joint training with FTRL and AdaGrad

  struct Trained {
    var model: WideAndDeep
    var trainLoss: [Double]
    var testAUC: [Double]
    var testLogLoss: [Double]
  }

  /// Trains one model on the task, printing one line per epoch.
  func train(
    _ name: String, _ task: Task, parts: WideAndDeep.Parts,
    deep: WideAndDeepTrainer.DeepOptimizer, ftrl: WideAndDeepTrainer.FTRLSettings? = nil,
    quiet: Bool = false
  ) -> Trained {
    var rng = run.generator(name)
    let model = WideAndDeep(
      encoder: task.encoder, parts: parts, embeddingDimension: settings.embeddingDimension,
      hiddenSizes: settings.hiddenSizes, using: &rng)
    let trainer = WideAndDeepTrainer(model, ftrl: ftrl ?? settings.ftrl, deep: deep)
    var trained = Trained(model: model, trainLoss: [], testAUC: [], testLogLoss: [])
    let started = Date()
    for epoch in 1...settings.epochs {
      let batches = (task.train.count + settings.batchSize - 1) / settings.batchSize
      let bar =
        quiet ? nil : run.progress("\(name) epoch \(epoch)/\(settings.epochs)", total: batches)
      let loss = trainer.trainEpoch(task.train, batchSize: settings.batchSize, using: &rng) {
        batchLoss in
        bar?.advance(status: "loss \(formatted(Double(batchLoss), decimals: 4))")
      }
      let p = model.probabilities(task.test)
      let auc = Metrics.auc(scores: p, labels: task.test.labels.map { $0 > 0.5 })
      let logLoss = Metrics.logLoss(probabilities: p, labels: task.test.labels)
      trained.trainLoss.append(loss)
      trained.testAUC.append(auc)
      trained.testLogLoss.append(logLoss)
      bar?.finish(
        status:
          "train loss \(formatted(loss, decimals: 4)), test AUC \(formatted(auc, decimals: 4)), test log loss \(formatted(logLoss, decimals: 4))"
      )
    }
    run.timing(name, seconds: Date().timeIntervalSince(started))
    return trained
  }

  func trainModels(_ task: Task) throws -> [String: Trained] {
    run.section("Joint training with FTRL and AdaGrad")
    let adagrad = WideAndDeepTrainer.DeepOptimizer.adagrad(learningRate: settings.adagradRate)
    let adam = WideAndDeepTrainer.DeepOptimizer.adam(learningRate: settings.adamRate)
    var models: [String: Trained] = [:]
    models["Wide"] = train("Wide", task, parts: .wide, deep: adagrad)
    models["Deep"] = train("Deep", task, parts: .deep, deep: adagrad)
    models["Wide & Deep"] = train("Wide & Deep", task, parts: .both, deep: adagrad)
    models["Deep (Adam)"] = train("Deep (Adam)", task, parts: .deep, deep: adam)
    models["Wide & Deep (Adam)"] = train("Wide & Deep (Adam)", task, parts: .both, deep: adam)
    return models
  }

  // MARK: - Results

  static let modelOrder = ["Wide", "Deep", "Wide & Deep", "Deep (Adam)", "Wide & Deep (Adam)"]

  func showResults(_ task: Task, _ models: [String: Trained]) throws {
    run.section("Results")
    var table = MarkdownTable(columns: [
      "model", "wide optimiser", "deep optimiser", "parameters", "test AUC", "test log loss",
    ])
    for name in Self.modelOrder {
      let t = models[name]!
      let auc = t.testAUC.last!
      let logLoss = t.testLogLoss.last!
      run.record("\(name)/AUC", auc)
      run.record("\(name)/log loss", logLoss)
      run.record("\(name)/best AUC", t.testAUC.max()!)
      run.record("\(name)/best AUC epoch", Double(t.testAUC.firstIndex(of: t.testAUC.max()!)! + 1))
      run.record("\(name)/train loss", t.trainLoss.last!)
      run.record("\(name)/AUC standard error", aucStandardError(auc, labels: task.test.labels))
      run.recordCurve("\(name)/train loss by epoch", x: epochs(t.trainLoss), y: t.trainLoss)
      run.recordCurve("\(name)/test AUC by epoch", x: epochs(t.testAUC), y: t.testAUC)
      run.recordCurve("\(name)/test log loss by epoch", x: epochs(t.testLogLoss), y: t.testLogLoss)
      let deep = t.model.parts == .wide ? "—" : (name.contains("Adam") ? "Adam" : "AdaGrad")
      table.append([
        name, t.model.parts == .deep ? "—" : "FTRL", deep, String(t.model.parameterCount),
        formatted(auc, decimals: 4), formatted(logLoss, decimals: 4),
      ])
    }
    try run.show(
      table, as: "results", caption: "Test AUC and log loss after \(settings.epochs) epochs:")
    let colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"]
    func series(_ pick: (Trained) -> [Double], dashedTrain: Bool = false) -> [LineSeries] {
      Self.modelOrder.enumerated().map { k, name in
        LineSeries(
          name, y: pick(models[name]!), markers: true, dashed: name.contains("Adam"),
          color: colors[k])
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

  private func epochs(_ values: [Double]) -> [Double] { (1...values.count).map(Double.init) }

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

  // MARK: - What the wide part memorised

  func showMemorisedCrosses(_ task: Task, model: WideAndDeep) throws {
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
    // Heatmaps of the cross weights: one cell per (value, genre).
    let genreNames = (task.encoder.wide.first { $0.name == "genres" } as! MultiHotColumn).vocabulary
    for (column, name) in [("gender x genres", "gender"), ("occupation x genres", "occupation")] {
      let cross = task.encoder.wide.first { $0.name == column } as! CrossedColumn
      let part = cross.components[0]
      let labels = (0..<part.size).map {
        part.label(of: $0)!.replacingOccurrences(of: "\(name)=", with: "")
      }
      // byValue[a][g]: the weight of AND(name = a, genre = g).
      let byValue = (0..<part.size).map { a in
        (0..<genreNames.count).map { g in
          Double(weights[task.encoder.wideID(column: column, local: cross.id(combining: [a, g]))!])
        }
      }
      let limit = max(byValue.joined().map(abs).max() ?? 0, 1e-6)
      let figure: Figure
      if part.size <= 3 {
        // Few values (gender): genres down the side, a value printed in each cell.
        let byGenre = genreNames.indices.map { g in byValue.map { $0[g] } }
        let heatmap = Heatmap(
          values: byGenre, rowLabels: genreNames, columnLabels: labels, cellFormat: "%.2f",
          palette: .diverging, colorRange: -limit...limit)
        figure = Figure(
          .heatmap(
            heatmap, title: "Wide weights of AND(\(name), genre)", xLabel: name, yLabel: "genre"),
          width: 560, height: 760)
      } else {
        let heatmap = Heatmap(
          values: byValue, rowLabels: labels, columnLabels: genreNames, cellFormat: nil,
          palette: .diverging, colorRange: -limit...limit)
        figure = Figure(
          .heatmap(
            heatmap, title: "Wide weights of AND(\(name), genre)", xLabel: "genre", yLabel: name),
          width: 1000, height: 640)
      }
      try run.save(figure, as: "weights-\(name)-x-genre")
    }
  }

  // MARK: - Sparsity from L1

  func l1Sparsity(_ task: Task) throws {
    run.section("Sparsity from L1")
    var table = MarkdownTable(columns: [
      "L1", "zero weights", "non-zero weights", "of ids seen in training", "test AUC",
      "test log loss",
    ])
    var seen = Set<Int>()
    for id in task.train.wideIDs { seen.insert(id) }
    var aucs: [Double] = []
    var nonZeros: [Double] = []
    for l1 in settings.l1Strengths {
      var ftrl = settings.ftrl
      ftrl.l1 = l1
      let name = "Wide (L1 \(l1))"
      let t = train(
        name, task, parts: .wide, deep: .adagrad(learningRate: settings.adagradRate), ftrl: ftrl,
        quiet: true)
      let weights = t.model.wideWeights.scalars
      let zeros = weights.filter { $0 == 0 }.count
      let nonZeroSeen = seen.filter { weights[$0] != 0 }.count
      let auc = t.testAUC.last!
      let logLoss = t.testLogLoss.last!
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

  // MARK: - Memorising user × item

  func userItemCross(_ data: MovieLens, _ features: FeatureSet, _ base: Task) throws {
    run.section("Memorising user × item")
    let task = try makeTask(data, features, wide: Specs.wideWithUserItem)
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
      let t = train(name, task, parts: parts, deep: .adagrad(learningRate: settings.adagradRate))
      run.record("\(name)/AUC", t.testAUC.last!)
      run.record("\(name)/log loss", t.testLogLoss.last!)
      run.record("\(name)/train loss", t.trainLoss.last!)
    }
  }

  // MARK: - Ranking beside Chapter 3

  func ranking(_ data: MovieLens, _ features: FeatureSet) throws {
    run.section("Ranking beside Chapter 3")
    let split = RatingSplit.leaveOneOut(data.ratings, userCount: data.userCount)
    let trainMatrix = InteractionMatrix(
      ratings: split.train, userCount: data.userCount, itemCount: data.itemCount)
    let protocol_ = SampledRankingProtocol(test: split.test, all: data.interactions(), seed: 42)
    let encoder = try FeatureEncoder(
      wide: features.columns(Specs.wide), deep: features.columns(Specs.deep),
      dense: Specs.dense.map { try features.denseColumn($0) })
    let pairs = try PairFeatureEncoder(encoder, data: data)
    let sampler = NegativeSampler(excluding: trainMatrix)
    var table = MarkdownTable(columns: ["model", "HR@10", "NDCG@10"])
    let pop = ItemPop(train: trainMatrix)
    let popResult = protocol_.evaluate { user, items in pop.scores(user: user, items: items) }
    run.record("ItemPop/HR@10", popResult.hitRate(at: 10))
    run.record("ItemPop/NDCG@10", popResult.ndcg(at: 10))
    table.append([
      "ItemPop", formatted(popResult.hitRate(at: 10), decimals: 4),
      formatted(popResult.ndcg(at: 10), decimals: 4),
    ])
    for (name, parts) in [
      ("Wide", WideAndDeep.Parts.wide), ("Deep", .deep), ("Wide & Deep", .both),
    ] {
      var rng = run.generator("ranking \(name)")
      let model = WideAndDeep(
        encoder: encoder, parts: parts, embeddingDimension: settings.embeddingDimension,
        hiddenSizes: settings.hiddenSizes, using: &rng)
      let trainer = WideAndDeepTrainer(
        model, ftrl: settings.ftrl, deep: .adagrad(learningRate: settings.adagradRate))
      let started = Date()
      var result = popResult
      for epoch in 1...settings.rankingEpochs {
        let instances = TrainingInstances.epoch(
          positives: trainMatrix, sampler: sampler, negativesPerPositive: 4, using: &rng)
        let batch = pairs.encode(
          users: instances.users.map(Int.init), items: instances.items.map(Int.init),
          labels: instances.labels)
        let loss = trainer.trainEpoch(batch, batchSize: settings.batchSize, using: &rng)
        result = protocol_.evaluate { user, items in
          model.probabilities(
            pairs.encode(
              users: Array(repeating: user, count: items.count), items: items,
              labels: Array(repeating: 0, count: items.count)))
        }
        run.note(
          "\(name) (ranking) epoch \(epoch)/\(settings.rankingEpochs): train loss \(formatted(loss, decimals: 4)), \(result)"
        )
      }
      run.timing("\(name) (ranking)", seconds: Date().timeIntervalSince(started))
      run.record("\(name) (ranking)/HR@10", result.hitRate(at: 10))
      run.record("\(name) (ranking)/NDCG@10", result.ndcg(at: 10))
      table.append([
        name, formatted(result.hitRate(at: 10), decimals: 4),
        formatted(result.ndcg(at: 10), decimals: 4),
      ])
    }
    if !run.isQuick { chapter3Rows(itemPop: popResult, into: &table) }
    try run.show(
      table, as: "ranking", caption: "Leave-one-out, 1 held-out item among 99 sampled negatives:")
  }

  /// Chapter 3's GMF, MLP and NeuMF from its committed results, when they were measured on
  /// the same candidate lists: its ItemPop must score exactly what ours does.
  func chapter3Rows(itemPop: RankingResult, into table: inout MarkdownTable) {
    let url = URL(fileURLWithPath: "Figures/chapter-3/results.json")
    guard let data = try? Data(contentsOf: url), let other = try? ChapterResults.decode(from: data),
      other.mode == .full, other.data == run.results.data,
      other.metrics["ItemPop/HR@10"] == itemPop.hitRate(at: 10),
      other.metrics["ItemPop/NDCG@10"] == itemPop.ndcg(at: 10)
    else {
      run.note(
        "Chapter 3's results are not at \(url.path) for the same protocol; its rows are left out")
      return
    }
    for model in ["GMF", "MLP", "NeuMF"] {
      guard let hr = other.metrics["\(model)/HR@10"], let ndcg = other.metrics["\(model)/NDCG@10"]
      else { continue }
      run.record("Chapter 3 \(model)/HR@10", hr)
      run.record("Chapter 3 \(model)/NDCG@10", ndcg)
      table.append([
        "\(model) (Chapter 3)", formatted(hr, decimals: 4), formatted(ndcg, decimals: 4),
      ])
    }
  }
}

Chapter4.main()
