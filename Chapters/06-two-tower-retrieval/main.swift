// Chapter 6: two towers for the short-video era — retrieval with content features, in-batch
// softmax, and nearest-neighbour serving. Read it beside Chapters/06-two-tower-retrieval/README.md:
// each `// MARK: -` is a `##` heading of the text.
//
//     swift build -c release --product chapter-6 && .build/release/chapter-6 [--quick]

import Foundation
import ModernRecSys

struct Chapter6: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "chapter-6",
    abstract:
      "Two towers: content features, in-batch softmax with log-Q correction, cold start, HNSW serving."
  )

  @OptionGroup var options: ChapterOptions

  @Option(
    help: ArgumentHelp(
      "Chapter 3's results.json, for NeuMF's row in the full-ranking table.",
      discussion:
        "Used only when it holds ItemPop's full-ranking numbers equal to this run's (the same split and protocol).",
      valueName: "file"))
  var ncfResults = "Figures/chapter-3/results.json"

  @Option(
    help: ArgumentHelp(
      "Chapter 5's results.json, for Mult-VAE's row in the full-ranking table.",
      discussion:
        "Used only when it holds ItemPop's full-ranking numbers equal to this run's (the same split and protocol).",
      valueName: "file"))
  var vaeResults = "Figures/chapter-5/results.json"

  func run() throws {
    let run = try ChapterRun(
      number: 6, title: "Two towers for the short-video era", options: options)
    let start = Date()
    let chapter = TwoTowerChapter(
      run: run, otherResults: [("NeuMF", 3, ncfResults), ("Mult-VAE", 5, vaeResults)])
    let data = try chapter.fromNCFToTwoTowers()
    let inputs = try chapter.theTwoTowers(data)
    try chapter.inBatchSoftmax(inputs)
    let anchor = try chapter.tfrsProtocol(data, inputs)
    let best = try chapter.betterTowers(anchor)
    try chapter.fullRanking(data)
    try chapter.coldStart(data, anchor.split)
    try chapter.itemSpace(data, best)
    let work = try chapter.serving(best)
    chapter.atInternetScale(best, work: work)
    run.timing("chapter 6", seconds: Date().timeIntervalSince(start))
    try run.finish()
  }
}

/// The chapter's settings: the book's run and the quick one (tests).
struct Settings {
  /// Users kept (quick mode keeps the first ones only).
  var userLimit: Int?
  /// TensorFlow Recommenders' basic retrieval tutorial: 32-d ids, Adagrad 0.1, batch 8192, 3 epochs.
  var anchorDimension = 32
  var anchorBatch = 8192
  var anchorEpochs = 3
  /// This chapter's models.
  var epochs: Int
  var batch = 1024
  var learningRate: Float = 0.003
  var temperature: Float = 0.05
  var mixedNegatives = 1024
  /// The cutoffs of TFRS's top-K categorical accuracy.
  var ks = [1, 5, 10, 50, 100]
  /// Chapter 2's MF-BPR.
  var mfEpochs: Int
  /// HNSW: links per node, candidates while building, the sweep of `ef` and its default.
  var hnswM = 16
  var efConstruction = 100
  var efSweep = [10, 12, 16, 20, 24, 32, 48, 64, 96, 128]
  var defaultEF = 32
}

/// A training recipe: which towers, which negatives, which optimiser.
struct Variant {
  var name: String
  var configuration: TwoTowerModel.Configuration
  var optimizer: OptimizerChoice
  var batch: Int
  var epochs: Int
  /// Subtract log Q from each candidate's logit (Yi et al., 2019).
  var logQ = false
  /// Uniformly drawn extra negatives per batch (mixed negatives), 0 for none.
  var mixedNegatives = 0
  var reduction = LossReduction.mean
  /// The share of training pairs whose item id is hidden (replaced by the unseen id), so the
  /// item tower learns to work from content alone.
  var hiddenIDRate: Float = 0

  enum OptimizerChoice {
    case adagrad(learningRate: Float, initialAccumulator: Float)
    case adam(learningRate: Float)
  }
}

/// A trained model and what it measured along the way.
struct Trained {
  var variant: Variant
  var model: TwoTowerModel
  var history: [EpochRecord]
  var accuracy: [Double]
}

/// The chapter's sections, each a method, sharing the run, its settings and the other chapters'
/// results it may read (`--ncf-results`, `--vae-results`).
struct TwoTowerChapter {
  let run: ChapterRun
  let settings: Settings
  let otherResults: [(model: String, chapter: Int, path: String)]

  init(run: ChapterRun, otherResults: [(String, Int, String)]) {
    self.run = run
    self.otherResults = otherResults.map { (model: $0.0, chapter: $0.1, path: $0.2) }
    var s = Settings(
      userLimit: run.isQuick ? 120 : nil, epochs: run.epochs(full: 4, quick: 1),
      mfEpochs: run.epochs(full: 20, quick: 1))
    if run.isQuick {
      s.anchorBatch = 1024
      s.anchorEpochs = run.options.epochs ?? 1
      s.batch = 256
      s.mixedNegatives = 128
      s.efSweep = [10, 32, 64]
    }
    settings = s
  }

  // MARK: - From NCF to two towers

  /// MovieLens-100K (or the synthetic set), cut to the first users in quick mode.
  func fromNCFToTwoTowers() throws -> MovieLens {
    run.section("From NCF to two towers")
    var data = try run.loadMovieLens()
    if let limit = settings.userLimit, limit < data.userCount {
      data.users = Array(data.users.prefix(limit))
      data.ratings = data.ratings.filter { $0.user < limit }
      run.note("quick: keeping the first \(limit) users (\(data.ratings.count) ratings)")
    }
    // NCF scores a pair through a network: ranking n items for one user is n forward passes.
    // Two towers score a pair by one dot product of vectors computed once per user and item.
    run.record("Data/users", Double(data.userCount))
    run.record("Data/items", Double(data.itemCount))
    run.record("Data/ratings", Double(data.ratings.count))
    return data
  }

  // MARK: - The two towers

  func theTwoTowers(_ data: MovieLens) throws -> TwoTowerInputs {
    run.section("The two towers")
    let features = try data.featureColumns()
    let all = InteractionMatrix(
      ratings: data.ratings, userCount: data.userCount, itemCount: data.itemCount)
    let inputs = try TwoTowerInputs(data: data, features: features, history: all)
    var table = MarkdownTable(
      columns: ["tower", "input", "from", "ids", "embedding"],
      alignments: [.left, .left, .left, .right, .left])
    let f = TwoTowerModel.Configuration().featureDimension
    let d = TwoTowerModel.Configuration().idDimension
    table.append(["user", "user id", "u.user", String(data.userCount), "\(d)-d"])
    for name in TwoTowerInputs.userColumns {
      table.append([
        "user", name, "Chapter 4's column", String(try features.column(named: name).size),
        "\(f)-d, summed",
      ])
    }
    table.append([
      "user", "history", "the user's training items", String(data.itemCount), "\(f)-d, mean",
    ])
    table.append(["item", "item id (+ 1 unseen)", "u.item", String(data.itemCount + 1), "\(d)-d"])
    table.append([
      "item", "genres", "Chapter 4's column", String(inputs.genreCount), "\(f)-d, summed",
    ])
    table.append(["item", "title words", "hashed", String(inputs.titleBuckets), "\(f)-d, mean"])
    table.append(["item", "year_scaled", "Chapter 4's dense column", "—", "1 number"])
    try run.show(table, as: "tower-inputs", caption: "What each tower reads:")
    let words = inputs.titleWords.map(\.count)
    run.record("Data/mean title words", Double(words.reduce(0, +)) / Double(max(words.count, 1)))
    let example = data.items[0].title
    run.note("title words of \"\(example)\": \(TitleWords.words(in: example))")
    var rng = run.generator("parameter count")
    let model = TwoTowerModel(inputs: inputs, configuration: .init(), using: &rng)
    let idOnly = TwoTowerModel(inputs: inputs, configuration: .idOnly(dimension: 32), using: &rng)
    run.record("Content towers/parameters", Double(model.parameterCount))
    run.record("Id-only towers/parameters", Double(idOnly.parameterCount))
    run.note(
      "parameters: content towers \(model.parameterCount), id-only towers \(idOnly.parameterCount)")
    return inputs
  }

  // MARK: - In-batch softmax and its sampling bias

  /// How often each item is someone else's negative in a batch: in proportion to its
  /// popularity, which is what the log-Q correction undoes.
  func inBatchSoftmax(_ inputs: TwoTowerInputs) throws {
    run.section("In-batch softmax and its sampling bias")
    var counts = [Int](repeating: 0, count: inputs.itemCount)
    for items in inputs.history { for i in items { counts[i] += 1 } }
    let total = counts.reduce(0, +)
    let ranked = counts.indices.sorted {
      counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1
    }
    let batch = Double(settings.batch)
    var table = MarkdownTable(
      columns: ["item rank", "ratings", "p_j", "expected times a negative per batch", "log Q_j"],
      alignments: [.right, .right, .right, .right, .right])
    for r in [0, 9, 99, 999] where r < ranked.count {
      let p = Double(counts[ranked[r]]) / Double(total)
      table.append([
        String(r + 1), String(counts[ranked[r]]), scientificText(p),
        formatted(p * (batch - 1), decimals: 3),
        formatted(Elementary.log(batch * p), decimals: 2),
      ])
      run.record("Sampling/p of item ranked \(r + 1)", p)
    }
    try run.show(
      table, as: "sampling-bias",
      caption:
        "How often items of each popularity are in-batch negatives (batch \(settings.batch)):")
    let top = Double(counts[ranked[0]]) / Double(total)
    let median = Double(counts[ranked[ranked.count / 2]]) / Double(total)
    run.record("Sampling/most popular over median", top / max(median, 1 / Double(total)))
  }

  // MARK: - The TensorFlow Recommenders protocol

  struct TFRSData {
    var split: RatingSplit
    var inputs: TwoTowerInputs
    var trainPairs: [(user: Int, item: Int)]
    var test: [Rating]
    var anchor: Trained
  }

  /// TFRS's basic retrieval tutorial: a random 80/20 split of the ratings, the 32-d id-only
  /// model trained with Adagrad (0.1), batch 8192, 3 epochs, and top-K categorical accuracy
  /// of the test movie among all movies, watched ones not excluded.
  func tfrsProtocol(_ data: MovieLens, _ all: TwoTowerInputs) throws -> TFRSData {
    run.section("The TensorFlow Recommenders protocol")
    let split = RatingSplit.random(data.ratings, testFraction: 0.2, seed: run.options.seed)
    let trainMatrix = InteractionMatrix(
      ratings: split.train, userCount: data.userCount, itemCount: data.itemCount)
    let inputs = try TwoTowerInputs(
      data: data, features: try data.featureColumns(), history: trainMatrix)
    let pairs = split.train.map { (user: $0.user, item: $0.item) }
    run.record("TFRS/train ratings", Double(split.train.count))
    run.record("TFRS/test ratings", Double(split.test.count))
    run.note(
      "random 80/20 split: \(split.train.count) training and \(split.test.count) test ratings")
    let anchorVariant = Variant(
      name: "Id-only, TFRS setting",
      configuration: .idOnly(dimension: settings.anchorDimension),
      optimizer: .adagrad(learningRate: 0.1, initialAccumulator: 0.1), batch: settings.anchorBatch,
      epochs: settings.anchorEpochs, reduction: .sum)
    let anchor = train(anchorVariant, inputs: inputs, pairs: pairs, test: split.test)
    recordAccuracy(anchor)
    return TFRSData(
      split: split, inputs: inputs, trainPairs: pairs, test: split.test, anchor: anchor)
  }

  /// Top-K categorical accuracy as TFRS computes it: the test movie is in the top K when fewer
  /// than K movies score strictly higher for its user (ties count for the test movie; movies the
  /// user rated in training stay candidates).
  func topKAccuracy(_ model: TwoTowerModel, test: [Rating], ks: [Int]) -> [Double] {
    let users = model.userVectors()
    let items = model.itemVectors(Array(0..<model.inputs.itemCount))
    let n = model.inputs.itemCount
    let scores = Tensor.matmul(
      Tensor(users, shape: [model.inputs.userCount, model.configuration.outputDimension]),
      Tensor(items, shape: [n, model.configuration.outputDimension]), transposeB: true)
    var hits = [Int](repeating: 0, count: ks.count)
    scores.withUnsafeBufferPointer { s in
      for r in test {
        let row = r.user * n
        let target = s[row + r.item]
        var higher = 0
        for j in 0..<n where s[row + j] > target { higher += 1 }
        for (c, k) in ks.enumerated() where higher < k { hits[c] += 1 }
      }
    }
    return hits.map { Double($0) / Double(max(test.count, 1)) }
  }

  /// Trains `variant` on `pairs` with the book's one loop (`run.fit`), measuring test top-100
  /// accuracy after every epoch.
  func train(
    _ variant: Variant, inputs: TwoTowerInputs, pairs: [(user: Int, item: Int)], test: [Rating],
    catalogue: [Int]? = nil, quiet: Bool = false
  ) -> Trained {
    let started = Date()
    defer {
      run.timing(
        "\(variant.name), \(variant.epochs) epochs", seconds: Date().timeIntervalSince(started))
    }
    var rng = run.generator(variant.name)
    let model = TwoTowerModel(inputs: inputs, configuration: variant.configuration, using: &rng)
    let optimizer: any Optimizer
    switch variant.optimizer {
    case .adagrad(let rate, let initial):
      optimizer = Adagrad(
        model.parameters, learningRate: rate, initialAccumulator: initial, epsilon: 1e-7)
    case .adam(let rate):
      optimizer = Adam(model.parameters, learningRate: rate)
    }
    // log Q_j: the log of the expected number of times item j is a candidate of a batch,
    // B p_j for the batch's own items plus N / |catalogue| for N uniform extra negatives.
    var frequency = [Double](repeating: 0, count: inputs.itemCount)
    for p in pairs { frequency[p.item] += 1 / Double(pairs.count) }
    let catalogue = catalogue ?? Array(Set(pairs.map(\.item))).sorted()
    let uniform = Double(variant.mixedNegatives) / Double(max(catalogue.count, 1))
    let logQ = frequency.map { Float(Elementary.log(Double(variant.batch) * $0 + uniform)) }
    let k = settings.ks.last!
    let evaluate: ((Int) -> [String: Double])? =
      test.isEmpty ? nil : { _ in ["top-\(k)": self.topKAccuracy(model, test: test, ks: [k])[0]] }
    let history = run.fit(
      variant.name, epochs: variant.epochs, optimizers: [optimizer],
      batches: { _ in
        let order = rng.permutation(pairs.count)
        return miniBatches(order, size: variant.batch).map { rows -> TwoTowerBatch in
          let users = rows.map { pairs[$0].user }
          let items = rows.map { pairs[$0].item }
          let ids = items.map {
            variant.hiddenIDRate > 0 && rng.nextFloat() < variant.hiddenIDRate
              ? model.unseenItem : $0
          }
          let negatives = (0..<variant.mixedNegatives).map { _ in
            catalogue[rng.int(below: catalogue.count)]
          }
          let correction = variant.logQ ? (items + negatives).map { logQ[$0] } : nil
          return TwoTowerBatch(
            users: users, items: items, ids: ids, negatives: negatives, logQ: correction,
            reduction: variant.reduction)
        }
      },
      loss: { model.loss($0) }, weight: { Double($0.count) },
      evaluate: evaluate,
      showsProgress: !quiet,
      summary: { record in
        "\(variant.name) epoch \(record.epoch)/\(variant.epochs): loss \(formatted(record.loss, decimals: 4))"
          + (record.metrics["top-\(k)"].map {
            ", test top-\(k) accuracy \(formatted($0, decimals: 4))"
          } ?? "")
      })
    let accuracy = test.isEmpty ? [] : topKAccuracy(model, test: test, ks: settings.ks)
    return Trained(variant: variant, model: model, history: history, accuracy: accuracy)
  }

  /// Records a model's accuracy at every K and its curves by epoch.
  func recordAccuracy(_ t: Trained) {
    for (k, a) in zip(settings.ks, t.accuracy) {
      run.record("\(t.variant.name)/top-\(k) accuracy", a)
    }
    let epochs = t.history.map { Double($0.epoch) }
    run.recordCurve("\(t.variant.name)/training loss by epoch", x: epochs, y: t.history.map(\.loss))
    let k = settings.ks.last!
    run.recordCurve(
      "\(t.variant.name)/test top-\(k) accuracy by epoch", x: epochs,
      y: t.history.map { $0.metrics["top-\(k)"] ?? .nan })
    run.note(
      "\(t.variant.name): "
        + zip(settings.ks, t.accuracy).map { "top-\($0.0) \(formatted($0.1, decimals: 4))" }.joined(
          separator: ", "))
  }

  // MARK: - Better towers: features, normalisation, log-Q and mixed negatives

  /// Test top-100 accuracy of TFRS's basic retrieval tutorial in three executed copies of its
  /// notebook (it ships without outputs), and their range.
  static let executedCopies = [0.2325, 0.2334, 0.2322]
  static let anchorRange = (low: 0.2322, high: 0.2334)

  func betterTowers(_ tfrs: TFRSData) throws -> Trained {
    run.section("Better towers: features, normalisation, log-Q and mixed negatives")
    var idOnly = TwoTowerModel.Configuration.idOnly(dimension: 32)
    idOnly.normalizes = true
    idOnly.temperature = settings.temperature
    var content = TwoTowerModel.Configuration()
    content.temperature = settings.temperature
    let adam = Variant.OptimizerChoice.adam(learningRate: settings.learningRate)
    let variants = [
      Variant(
        name: "Id-only, normalised + log-Q", configuration: idOnly, optimizer: adam,
        batch: settings.batch, epochs: settings.epochs, logQ: true),
      Variant(
        name: "Content towers", configuration: content, optimizer: adam, batch: settings.batch,
        epochs: settings.epochs),
      Variant(
        name: "Content towers + log-Q", configuration: content, optimizer: adam,
        batch: settings.batch, epochs: settings.epochs, logQ: true),
      Variant(
        name: "Content towers + log-Q + mixed negatives", configuration: content,
        optimizer: adam, batch: settings.batch, epochs: settings.epochs, logQ: true,
        mixedNegatives: settings.mixedNegatives),
    ]
    var trained = [tfrs.anchor]
    for v in variants {
      let t = train(v, inputs: tfrs.inputs, pairs: tfrs.trainPairs, test: tfrs.test)
      recordAccuracy(t)
      trained.append(t)
    }
    var table = MarkdownTable(
      columns: ["model", "loss", "negatives", "optimiser, batch, epochs"]
        + settings.ks.map { "top-\($0)" },
      alignments: [.left, .left, .left, .left] + settings.ks.map { _ in .right })
    for t in trained {
      let v = t.variant
      let optimiser: String
      switch v.optimizer {
      case .adagrad(let rate, _): optimiser = "Adagrad \(formatted(Double(rate), decimals: 1))"
      case .adam(let rate): optimiser = "Adam \(formatted(Double(rate), decimals: 3))"
      }
      let loss =
        v.configuration.normalizes
        ? "softmax, τ = \(formatted(Double(v.configuration.temperature), decimals: 2))" : "softmax"
      let negatives =
        (v.mixedNegatives > 0 ? "in-batch + \(v.mixedNegatives) uniform" : "in-batch")
        + (v.logQ ? ", log-Q" : "")
      table.append(
        [v.name, loss, negatives, "\(optimiser), \(v.batch), \(v.epochs)"]
          + t.accuracy.map { formatted($0, decimals: 4) })
    }
    try run.show(
      table, as: "tfrs-protocol",
      caption: "Top-K categorical accuracy of the test movie among all \(tfrs.inputs.itemCount):")
    let anchorTop100 = tfrs.anchor.accuracy.last!
    let anchorMid = (Self.anchorRange.low + Self.anchorRange.high) / 2
    // The tutorial's numbers, as executed copies of its notebook report them.
    for (n, value) in Self.executedCopies.enumerated() {
      run.record("TFRS tutorial/top-100 accuracy, executed copy \(n + 1)", value)
    }
    run.record("TFRS tutorial/top-10 accuracy, about", 0.022)
    run.record("TFRS anchor/top-100 accuracy (midpoint of executed copies)", anchorMid)
    run.record("Id-only, TFRS setting/top-100 minus anchor", anchorTop100 - anchorMid)
    let best = trained.dropFirst().max { $0.accuracy.last! < $1.accuracy.last! }!
    run.note("best at top-100: \(best.variant.name)")

    // Accuracy at K beside TFRS's reported numbers.
    let colors = ["#7f7f7f", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"]
    var series = trained.enumerated().map { n, t in
      LineSeries(
        t.variant.name, x: settings.ks.map(Double.init), y: t.accuracy, markers: true,
        dashed: n == 0, color: colors[n % colors.count])
    }
    var chart = Chart.lines(
      series, title: "Top-K accuracy on the TFRS split", xLabel: "K", yLabel: "top-K accuracy")
    chart.layers.append(
      .scatter(
        ScatterSeries(
          "TFRS tutorial (executed copies)", x: [10, 100, 100, 100],
          y: [0.022] + Self.executedCopies, shape: .diamond, pointSize: 1.4, color: "#000000")))
    chart.xLogScale = true
    chart.legend = .topLeft
    try run.save(Figure(chart, width: 820, height: 520), as: "accuracy-at-k", preview: true)

    var lossPanel = Chart.lines(
      trained.dropFirst().enumerated().map { n, t in
        LineSeries(t.variant.name, y: t.history.map(\.loss), markers: true, color: colors[n + 1])
      }, title: "training loss (mean per pair)", xLabel: "epoch", yLabel: "softmax loss")
    lossPanel.legend = .hidden
    var accuracyPanel = Chart.lines(
      trained.enumerated().map { n, t in
        LineSeries(
          t.variant.name, y: t.history.map { $0.metrics["top-100"] ?? .nan }, markers: true,
          dashed: n == 0, color: colors[n % colors.count])
      }, title: "test top-100 accuracy", xLabel: "epoch", yLabel: "top-100 accuracy")
    accuracyPanel.legend = .outsideBelow
    try run.save(
      Figure(
        title: "Two-tower training on the TFRS split", panels: [lossPanel, accuracyPanel],
        columns: 2, height: 620),
      as: "training-curves")
    return best
  }

  // MARK: - Full ranking beside the earlier chapters

  /// The leave-one-out split and full-ranking protocol of Chapters 2 and 3
  /// (`LeaveOneOutData`, `FullRankingProtocol`): ItemPop and MF-BPR trained here as Chapter 2
  /// trains them, the two-tower model, and the earlier chapters' models from their results.
  func fullRanking(_ data: MovieLens) throws {
    run.section("Full ranking beside the earlier chapters")
    let loo = try LeaveOneOutData(
      ratings: data.ratings, userCount: data.userCount, itemCount: data.itemCount,
      evaluationSeed: 42)
    var rows: [(String, RankingResult)] = []
    let pop = ItemPop(train: loo.train)
    rows.append(("ItemPop", pop.evaluate(loo.full)))

    // Chapter 2's MF-BPR: 32 factors, Adam 0.005, L2 0.001, batch 256, 20 epochs.
    var rng = run.generator("MF-BPR")
    let mf = MatrixFactorization(
      userCount: data.userCount, itemCount: data.itemCount, factors: 32, using: &rng)
    let sampler = NegativeSampler(excluding: loo.train)
    let started = Date()
    run.fit(
      "MF-BPR", epochs: settings.mfEpochs,
      optimizers: [Adam(mf.parameters, learningRate: 0.005)],
      batches: { _ in
        mf.epochBatches(
          on: loo.train, objective: .bpr, sampler: sampler, batchSize: 256, using: &rng)
      },
      loss: { mf.loss($0, l2: 0.001) }, lossLabel: "BPR loss")
    run.timing("MF-BPR, \(settings.mfEpochs) epochs", seconds: Date().timeIntervalSince(started))
    rows.append(("MF-BPR", mf.evaluate(loo.full)))

    // The two-tower model on the same training interactions.
    let inputs = try TwoTowerInputs(
      data: data, features: try data.featureColumns(), history: loo.train)
    var content = TwoTowerModel.Configuration()
    content.temperature = settings.temperature
    let pairs = loo.split.train.map { (user: $0.user, item: $0.item) }
    let variant = Variant(
      name: "Two towers (full ranking)", configuration: content,
      optimizer: .adam(learningRate: settings.learningRate), batch: settings.batch,
      epochs: settings.epochs, logQ: true)
    let twoTowers = train(variant, inputs: inputs, pairs: pairs, test: [])
    let scorer = EmbeddingScorer(
      users: twoTowers.model.userVectors(),
      items: twoTowers.model.itemVectors(Array(0..<data.itemCount)),
      dimension: content.outputDimension)
    rows.append(("Two towers (content + log-Q)", scorer.evaluate(loo.full)))

    var table = MarkdownTable(
      columns: ["model", "trained", "HR@10", "NDCG@10"], alignments: [.left, .left, .right, .right])
    // One standard error of an HR@10 measured on this many users: sqrt(p (1 - p) / users).
    let twoTowerHR = rows[2].1.hitRate(at: 10)
    run.record(
      "Two towers (content + log-Q)/full HR@10 standard error",
      (twoTowerHR * (1 - twoTowerHR) / Double(rows[2].1.userCount)).squareRoot())
    for (name, result) in rows {
      run.record("\(name)/full HR@10", result.hitRate(at: 10))
      run.record("\(name)/full NDCG@10", result.ndcg(at: 10))
      table.append([
        name, "here", formatted(result.hitRate(at: 10), decimals: 4),
        formatted(result.ndcg(at: 10), decimals: 4),
      ])
    }
    for other in otherResults {
      guard let (hr, ndcg) = earlierResult(other, itemPop: rows[0].1) else { continue }
      run.record("Chapter \(other.chapter) \(other.model)/full HR@10", hr)
      run.record("Chapter \(other.chapter) \(other.model)/full NDCG@10", ndcg)
      table.append([
        other.model, "Chapter \(other.chapter)", formatted(hr, decimals: 4),
        formatted(ndcg, decimals: 4),
      ])
    }
    try run.show(
      table, as: "full-ranking",
      caption: "Leave-one-out, each held-out movie among every movie the user did not train on:")
  }

  /// An earlier chapter's full-ranking numbers for `model`, from the results file the option
  /// names, when that run used this run's split and protocol: its ItemPop scored exactly what
  /// ours does. Otherwise nil, saying why.
  func earlierResult(
    _ other: (model: String, chapter: Int, path: String), itemPop: RankingResult
  ) -> (Double, Double)? {
    let url = URL(fileURLWithPath: other.path)
    guard let bytes = try? Data(contentsOf: url),
      let results = try? ChapterResults.decode(from: bytes)
    else {
      run.note("\(other.model): no results at \(other.path); its row is left out")
      return nil
    }
    guard results.data == run.results.data, results.mode == run.results.mode,
      results.metrics["ItemPop/full HR@10"] == itemPop.hitRate(at: 10),
      results.metrics["ItemPop/full NDCG@10"] == itemPop.ndcg(at: 10),
      let hr = results.metrics["\(other.model)/full HR@10"],
      let ndcg = results.metrics["\(other.model)/full NDCG@10"]
    else {
      run.note(
        "\(other.model): \(other.path) holds no full-ranking numbers on this split and protocol (its ItemPop differs from ours, or it has none); its row is left out"
      )
      return nil
    }
    return (hr, ndcg)
  }

  // MARK: - Cold start: new movies

  /// The newest tenth of the movies by release date, held out of training entirely: the
  /// id-only towers have nothing learned for them, the content towers read their genres,
  /// year and title.
  func coldStart(_ data: MovieLens, _ split: RatingSplit) throws {
    run.section("Cold start: new movies")
    let newMovies = Set(newestMovies(data.items, fraction: 0.1))
    let trainPairs = split.train.filter { !newMovies.contains($0.item) }
    let warm = InteractionMatrix(
      ratings: trainPairs, userCount: data.userCount, itemCount: data.itemCount)
    let inputs = try TwoTowerInputs(data: data, features: try data.featureColumns(), history: warm)
    let cases = data.ratings.filter { newMovies.contains($0.item) }
    let candidates = newMovies.sorted()
    run.record("Cold start/new movies", Double(candidates.count))
    run.record("Cold start/test ratings", Double(cases.count))
    let years = candidates.compactMap { data.items[$0].year }
    run.note(
      "new movies: \(candidates.count) (released \(years.min() ?? 0)–\(years.max() ?? 0)), \(cases.count) ratings; \(trainPairs.count) training ratings of the other movies"
    )
    var idOnly = TwoTowerModel.Configuration.idOnly(dimension: 32)
    idOnly.normalizes = true
    idOnly.temperature = settings.temperature
    var content = TwoTowerModel.Configuration()
    content.temperature = settings.temperature
    let pairs = trainPairs.map { (user: $0.user, item: $0.item) }
    let adam = Variant.OptimizerChoice.adam(learningRate: settings.learningRate)
    let models = [
      (
        train(
          Variant(
            name: "Cold start: id-only", configuration: idOnly, optimizer: adam,
            batch: settings.batch, epochs: settings.epochs, logQ: true), inputs: inputs,
          pairs: pairs,
          test: []), false
      ),
      (
        train(
          Variant(
            name: "Cold start: content towers", configuration: content, optimizer: adam,
            batch: settings.batch, epochs: settings.epochs, logQ: true, hiddenIDRate: 0.1),
          inputs: inputs, pairs: pairs, test: []), true
      ),
    ]
    var table = MarkdownTable(
      columns: ["model", "new movies scored by", "recall@10 among the new movies", "recall@50"],
      alignments: [.left, .left, .right, .right])
    let chance10 = 10 / Double(max(candidates.count, 1))
    for (t, asUnseen) in models {
      let users = t.model.userVectors()
      let items = t.model.itemVectors(candidates, asUnseen: asUnseen)
      let d = t.model.configuration.outputDimension
      let scorer = EmbeddingScorer(users: users, items: items, dimension: d)
      var hits10 = 0
      var hits50 = 0
      for r in cases {
        let s = scorer.scores(user: r.user, items: Array(0..<candidates.count))
        let target = s[candidates.firstIndex(of: r.item)!]
        let higher = s.filter { $0 > target }.count
        if higher < 10 { hits10 += 1 }
        if higher < 50 { hits50 += 1 }
      }
      let recall10 = Double(hits10) / Double(max(cases.count, 1))
      let recall50 = Double(hits50) / Double(max(cases.count, 1))
      run.record("\(t.variant.name)/recall@10", recall10)
      run.record("\(t.variant.name)/recall@50", recall50)
      table.append([
        t.variant.name.replacingOccurrences(of: "Cold start: ", with: ""),
        asUnseen ? "the unseen id + their content" : "their own (never trained) id vectors",
        formatted(recall10, decimals: 4), formatted(recall50, decimals: 4),
      ])
    }
    run.record("Cold start/chance recall@10", chance10)
    table.append([
      "random order", "—", formatted(chance10, decimals: 4),
      formatted(min(1, 50 / Double(max(candidates.count, 1))), decimals: 4),
    ])
    try run.show(
      table, as: "cold-start",
      caption: "Every rating of a new movie, ranked among the \(candidates.count) new movies:")
  }

  // MARK: - The item space

  /// A 2-D projection (the first two principal components, by power iteration through the
  /// engine's product) of the best model's item vectors, coloured by genre.
  func itemSpace(_ data: MovieLens, _ best: Trained) throws {
    run.section("The item space")
    let n = data.itemCount
    let d = best.model.configuration.outputDimension
    let vectors = best.model.itemVectors(Array(0..<n))
    let (coordinates, explained) = principalComponents(vectors, rows: n, columns: d)
    run.record("Item space/variance explained by 2 components", explained)
    let shown = ["Children's", "Horror", "Documentary", "Sci-Fi", "Romance", "Western"]
    let colors = ["#2ca02c", "#d62728", "#9467bd", "#1f77b4", "#e377c2", "#8c564b"]
    var assigned = [Int](repeating: -1, count: n)
    for i in 0..<n {
      let names = Set(data.items[i].genres.map { data.genreNames[$0] })
      assigned[i] = shown.firstIndex { names.contains($0) } ?? -1
    }
    var series = [
      ScatterSeries(
        "other", x: (0..<n).filter { assigned[$0] < 0 }.map { coordinates[$0].0 },
        y: (0..<n).filter { assigned[$0] < 0 }.map { coordinates[$0].1 }, pointSize: 0.5,
        color: "#c7c7c7")
    ]
    for (g, name) in shown.enumerated() {
      let members = (0..<n).filter { assigned[$0] == g }
      run.record("Item space/\(name) movies", Double(members.count))
      series.append(
        ScatterSeries(
          name, x: members.map { coordinates[$0].0 }, y: members.map { coordinates[$0].1 },
          pointSize: 0.8, color: colors[g]))
    }
    var chart = Chart.scatter(
      series, title: "Item tower outputs, first two principal components (\(best.variant.name))",
      xLabel: "component 1", yLabel: "component 2")
    chart.legend = .outsideBelow
    try run.save(Figure(chart, width: 760, height: 720), as: "item-embeddings")
  }

  // MARK: - Serving: exact search and an HNSW index

  struct ServingWork {
    var exactPerQuery: Double
    var indexPerQuery: Double
    var exactSeconds: Double
    var indexSeconds: Double
  }

  /// Top-10 for every user by exact search (every item scored) and by an HNSW index, swept
  /// over the index's `ef`: recall@10 against exact search, and the work (inner products) and
  /// time per query.
  func serving(_ best: Trained) throws -> ServingWork {
    run.section("Serving: exact search and an HNSW index")
    let model = best.model
    let n = model.inputs.itemCount
    let d = model.configuration.outputDimension
    let users = model.userVectors()
    let items = model.itemVectors(Array(0..<n))
    let queries = model.inputs.userCount
    let k = 10
    // Exact search: one product of the query with the item matrix (the engine's, the same
    // fused multiply-adds in the same order as the index's inner product), then the k best
    // (ties to the lower index).
    var exact: [[Int]] = []
    let itemMatrix = Tensor(items, shape: [n, d])
    var started = Date()
    for q in 0..<queries {
      let query = Tensor(Array(users[(q * d)..<(q * d + d)]), shape: [1, d])
      let scores = Tensor.matmul(query, itemMatrix, transposeB: true).scalars
      exact.append(topK(scores, k: k))
    }
    let exactSeconds = Date().timeIntervalSince(started)
    run.timing(
      "exact search, \(queries) queries over \(n) items (\(formatted(Double(queries) / exactSeconds, decimals: 0)) queries/s on this machine)",
      seconds: exactSeconds)

    started = Date()
    var levelGenerator = run.generator("HNSW levels")
    let index = try HNSWIndex(
      vectors: items, dimension: d, m: settings.hnswM, efConstruction: settings.efConstruction,
      seed: levelGenerator.next())
    run.timing(
      "building the HNSW index (M = \(settings.hnswM), ef_construction = \(settings.efConstruction))",
      seconds: Date().timeIntervalSince(started))
    run.record("HNSW/levels above 0", Double(index.levels.filter { $0 > 0 }.count))
    run.record("HNSW/top level", Double(index.levels.max() ?? 0))
    var recalls: [Double] = []
    var work: [Double] = []
    var qps: [Double] = []
    var defaultWork = (computations: 0.0, seconds: 0.0)
    var table = MarkdownTable(
      columns: ["ef", "recall@10 vs exact", "inner products per query", "fewer than exact"],
      alignments: [.right, .right, .right, .right])
    for ef in settings.efSweep {
      index.ef = ef
      index.resetWork()
      var found = 0
      started = Date()
      users.withUnsafeBufferPointer { u in
        for q in 0..<queries {
          let result = index.search(u.baseAddress! + q * d, k: k)
          found += Set(result.labels).intersection(exact[q]).count
        }
      }
      let seconds = Date().timeIntervalSince(started)
      let recall = Double(found) / Double(queries * k)
      let perQuery = Double(index.distanceComputations) / Double(queries)
      recalls.append(recall)
      work.append(perQuery)
      qps.append(Double(queries) / seconds)
      run.record("HNSW ef=\(ef)/recall@10", recall)
      run.record("HNSW ef=\(ef)/inner products per query", perQuery)
      run.timing(
        "HNSW ef = \(ef): \(formatted(Double(queries) / seconds, decimals: 0)) queries/s, \(formatted(exactSeconds / seconds, decimals: 2)) x exact search's speed on this machine",
        seconds: seconds)
      table.append([
        String(ef), formatted(recall, decimals: 4), formatted(perQuery, decimals: 1),
        formatted(Double(n) / perQuery, decimals: 2) + " x",
      ])
      if ef == settings.defaultEF { defaultWork = (perQuery, seconds) }
    }
    try run.show(
      table, as: "hnsw-sweep",
      caption:
        "HNSW (M = \(settings.hnswM)) against exact search, top-10 of \(queries) users among \(n) items:"
    )
    if let c = settings.efSweep.firstIndex(of: settings.defaultEF) {
      run.record("HNSW default/ef", Double(settings.defaultEF))
      run.record("HNSW default/recall@10", recalls[c])
      run.record("HNSW default/inner products per query", work[c])
      run.record("HNSW default/fewer inner products than exact", Double(n) / work[c])
    }
    let efs = settings.efSweep.map(Double.init)
    run.recordCurve("HNSW/recall@10 by ef", x: efs, y: recalls)
    run.recordCurve("HNSW/inner products per query by ef", x: efs, y: work)

    // The figure the text shows holds only what every machine computes alike.
    var recallPanel = Chart.lines(
      [LineSeries("HNSW", x: efs, y: recalls, markers: true)],
      title: "recall@10 against exact search",
      xLabel: "ef", yLabel: "recall@10")
    recallPanel.xLogScale = true
    recallPanel.legend = .hidden
    var workPanel = Chart.lines(
      [
        LineSeries("HNSW", x: work, y: recalls, markers: true),
        LineSeries(
          "exact search", x: [Double(n), Double(n)], y: [recalls.min()!, 1], dashed: true,
          color: "#000000"),
      ], title: "recall@10 against work", xLabel: "inner products per query",
      yLabel: "recall@10")
    workPanel.xLogScale = true
    workPanel.legend = .bottomRight
    try run.save(
      Figure(title: "HNSW over the item vectors", panels: [recallPanel, workPanel], columns: 2),
      as: "ann-recall")
    // Speed is measured, so it changes from run to run: its figure is git-ignored (*-measured.*).
    var speed = Chart.lines(
      [
        LineSeries("HNSW (ef swept)", x: qps, y: recalls, markers: true),
        LineSeries(
          "exact search", x: [Double(queries) / exactSeconds], y: [1], markers: true,
          color: "#000000"),
      ], title: "recall@10 against queries per second, measured on this machine",
      xLabel: "queries per second (one thread)", yLabel: "recall@10")
    speed.xLogScale = true
    speed.legend = .bottomLeft
    try run.save(Figure(speed), as: "ann-speed-measured")
    return ServingWork(
      exactPerQuery: Double(n), indexPerQuery: defaultWork.computations,
      exactSeconds: exactSeconds / Double(queries),
      indexSeconds: defaultWork.seconds / Double(queries))
  }

  // MARK: - At internet scale, on paper

  /// The arithmetic of the text, from this run's models: the memory of id tables at 10^8
  /// users and 10^7 items, and exact search's cost there.
  func atInternetScale(_ best: Trained, work: ServingWork) {
    run.section("At internet scale, on paper")
    let d = Double(best.model.configuration.idDimension)
    let bytes = 4.0
    let users = 1e8
    let items = 1e7
    let userTable = users * d * bytes
    let itemTable = items * d * bytes
    run.record("Scale/user id table GB", userTable / 1e9)
    run.record("Scale/item id table GB", itemTable / 1e9)
    // Adam keeps two more numbers per parameter.
    run.record("Scale/id tables with Adam state GB", 3 * (userTable + itemTable) / 1e9)
    // Exact search at 10^7 items: one inner product per item per query.
    let out = Double(best.model.configuration.outputDimension)
    run.record("Scale/exact search multiply-adds per query", items * out)
    run.record("Scale/HNSW inner products per query here", work.indexPerQuery)
    run.note(
      "exact search here: \(formatted(work.exactSeconds * 1e6, decimals: 1)) µs a query over \(Int(work.exactPerQuery)) items; HNSW at the default ef \(formatted(work.indexSeconds * 1e6, decimals: 1)) µs (measured on this machine, not recorded)"
    )
    run.note(
      "at 10^7 items exact search would take about \(formatted(work.exactSeconds * items / work.exactPerQuery * 1e3, decimals: 0)) ms a query on this machine (measured time, scaled)"
    )
  }

  // MARK: Helpers

  /// The `k` largest scores' indices, best first; equal scores go to the lower index.
  func topK(_ scores: [Float], k: Int) -> [Int] {
    var best: [Int] = []
    for i in scores.indices {
      if best.count == k, let last = best.last, scores[i] <= scores[last] { continue }
      var at = best.count
      while at > 0 && scores[best[at - 1]] < scores[i] { at -= 1 }
      best.insert(i, at: at)
      if best.count > k { best.removeLast() }
    }
    return best
  }

  /// The newest `fraction` of the movies by release date (day, month and year; undated
  /// movies are never new), the latest last; ties go to the higher index.
  func newestMovies(_ movies: [Movie], fraction: Double) -> [Int] {
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    func key(_ m: Movie) -> Int? {
      let parts = m.releaseDate.split(separator: "-")
      guard parts.count == 3, let day = Int(parts[0]), let year = Int(parts[2]),
        let month = months.firstIndex(of: String(parts[1]))
      else { return nil }
      return year * 10_000 + (month + 1) * 100 + day
    }
    let dated = movies.indices.compactMap { i in key(movies[i]).map { (i, $0) } }
    let sorted = dated.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
    let count = Int((Double(movies.count) * fraction).rounded(.up))
    return sorted.suffix(count).map(\.0)
  }

  /// Rows projected on their first two principal components (centred; each component found
  /// by power iteration on the covariance, the engine's product, 300 steps), and the share of
  /// the variance the two explain. Signs: each component's largest coordinate is positive.
  func principalComponents(_ x: [Float], rows: Int, columns d: Int) -> ([(Double, Double)], Double)
  {
    var mean = [Float](repeating: 0, count: d)
    for r in 0..<rows { for c in 0..<d { mean[c] += x[r * d + c] / Float(rows) } }
    var centred = x
    for r in 0..<rows { for c in 0..<d { centred[r * d + c] -= mean[c] } }
    let xt = Tensor(centred, shape: [rows, d])
    var covariance = Tensor.matmul(xt, xt, transposeA: true).scalars.map {
      Double($0) / Double(rows)
    }
    let total = (0..<d).reduce(0.0) { $0 + covariance[$1 * d + $1] }
    var components: [[Double]] = []
    var explained = 0.0
    for _ in 0..<2 {
      var v = (0..<d).map { 1 / Double(d) + Double($0) * 1e-3 }
      var lambda = 0.0
      for _ in 0..<300 {
        var w = [Double](repeating: 0, count: d)
        for i in 0..<d { for j in 0..<d { w[i] += covariance[i * d + j] * v[j] } }
        let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
        lambda = norm
        v = w.map { $0 / max(norm, 1e-30) }
      }
      let largest = v.indices.max { abs(v[$0]) < abs(v[$1]) }!
      if v[largest] < 0 { v = v.map { -$0 } }
      components.append(v)
      explained += lambda
      // Deflate: remove this component from the covariance.
      for i in 0..<d { for j in 0..<d { covariance[i * d + j] -= lambda * v[i] * v[j] } }
    }
    let coordinates = (0..<rows).map { r -> (Double, Double) in
      var a = 0.0
      var b = 0.0
      for c in 0..<d {
        a += Double(centred[r * d + c]) * components[0][c]
        b += Double(centred[r * d + c]) * components[1][c]
      }
      return (a, b)
    }
    return (coordinates, explained / max(total, 1e-30))
  }
}

/// A small probability in scientific notation, as the tables show them.
func scientificText(_ value: Double) -> String {
  value == 0 ? "0" : String(format: "%.2e", value)
}

Chapter6.main()
