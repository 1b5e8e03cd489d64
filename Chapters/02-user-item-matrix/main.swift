// Chapter 2: the user–item matrix — similarity, matrix factorisation and its limit;
// evaluation done right. Read it beside README.md: each `// MARK: -` is a `##` of the text.

import Foundation
import ModernRecSys

struct Chapter2: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "chapter-2",
    abstract: "The user–item matrix: similarity, matrix factorisation and its limit; evaluation.")

  @OptionGroup var options: ChapterOptions

  func run() throws {
    let run = try ChapterRun(
      number: 2, title: "The user–item matrix: similarity, matrix factorisation, evaluation",
      options: options)
    try theUserItemMatrix(run)
    try matrixFactorisation(run)
    try theLimitOfTheInnerProduct(run)
    let data = try implicitFeedbackFromMovieLens(run)
    try evaluationMetrics(run, data)
    try baselines(run, data)
    try againstAPublishedBenchmark(run)
    try run.finish()
  }
}

// MARK: - The user–item matrix

extension Chapter2 {
  /// The toy matrix's users and items, as its tables and figures label them.
  static let users = ["u1", "u2", "u3", "u4"]
  static let items = ["i1", "i2", "i3", "i4", "i5"]

  /// Prints the seed's matrix, the Jaccard and cosine tables, their heatmaps, and the six
  /// numbers of the NCF paper's Figure 1 as exact fractions.
  func theUserItemMatrix(_ run: ChapterRun) throws {
    run.section("The user–item matrix")
    let (users, items) = (Self.users, Self.items)
    let toy = ToyMatrix.interactions
    var matrix = MarkdownTable(columns: [""] + items)
    for (u, row) in ToyMatrix.rows.enumerated() { matrix.append([users[u]] + row.map(String.init)) }
    try run.show(matrix, as: "toy-matrix", caption: "The seed's implicit-feedback matrix:")

    for measure in UserSimilarity.allCases {
      let table = measure.matrix(of: toy)
      var markdown = MarkdownTable(columns: [""] + users)
      for (a, row) in table.enumerated() {
        markdown.append([users[a]] + row.map { formatted($0, decimals: 3) })
      }
      try run.show(
        markdown, as: "\(measure.rawValue)-similarity",
        caption: "\(measure.rawValue) user–user similarity:")
      let heatmap = Heatmap(
        values: table, rowLabels: users, columnLabels: users, cellFormat: "%.2f", colorRange: 0...1)
      let name = measure == .jaccard ? "Jaccard" : "Cosine"
      try run.save(
        Figure(
          Chart.heatmap(heatmap, title: "\(name) similarity of the toy users"), width: 520,
          height: 440),
        as: "\(measure.rawValue)-heatmap")
    }

    // The seed's six numbers, as fractions and as recorded metrics.
    var six = MarkdownTable(columns: ["pair", "shared / union", "Jaccard", "cosine"])
    for (a, b) in [(1, 2), (0, 1), (0, 2), (3, 0), (3, 2), (3, 1)] {
      let (shared, union) = UserSimilarity.jaccardFraction(toy, a, b)
      let jaccard = UserSimilarity.jaccard.similarity(toy, a, b)
      let cosine = UserSimilarity.cosine.similarity(toy, a, b)
      run.record("Jaccard/Sim(\(a + 1),\(b + 1))", jaccard)
      run.record("Cosine/Sim(\(a + 1),\(b + 1))", cosine)
      six.append([
        "Sim(\(a + 1),\(b + 1))", "\(shared)/\(union)", formatted(jaccard, decimals: 3),
        formatted(cosine, decimals: 3),
      ])
    }
    try run.show(
      six, as: "seed-similarities", caption: "The six similarities of the NCF paper's Figure 1:")
  }
}

// MARK: - Matrix factorisation

extension Chapter2 {
  /// Fits MF of `rank` to all 20 cells of the toy matrix (0 or 1) by full-batch Adam on the
  /// squared error, with a small L2 penalty that picks the balanced factorisation.
  func fitToyMatrix(rank: Int, seed: UInt64, steps: Int) -> (
    model: MatrixFactorization, rmse: Double
  ) {
    var rng = SeededGenerator(seed: seed)
    let mf = MatrixFactorization(
      userCount: 4, itemCount: 5, factors: rank, standardDeviation: 0.3, using: &rng)
    let cells = (0..<4).flatMap { u in (0..<5).map { i in (u, i) } }
    let targets = Tensor(cells.map { Float(ToyMatrix.rows[$0.0][$0.1]) })
    let adam = Adam(mf.parameters, learningRate: 0.05)
    // Full batch: each of the `steps` epochs is one batch, all 20 cells.
    fit(
      epochs: steps, optimizers: [adam], batches: { _ in [cells] },
      loss: { batch in
        let predictions = mf(users: batch.map(\.0), items: batch.map(\.1))
        let p = mf.userEmbedding.table
        let q = mf.itemEmbedding.table
        return meanSquaredError(predictions, targets) + 0.001 * ((p * p).sum() + (q * q).sum())
      })
    let predictions = cells.map { mf.scores(user: $0.0, items: [$0.1])[0] }
    return (mf, Metrics.rmse(predictions: predictions, targets: targets.scalars))
  }

  /// Shows what MF computes on the toy matrix: the rank-2 fit's scores for every cell.
  func matrixFactorisation(_ run: ChapterRun) throws {
    run.section("Matrix factorisation")
    let (mf, rmse) = fitToyMatrix(rank: 2, seed: run.options.seed, steps: run.isQuick ? 600 : 2000)
    var table = MarkdownTable(columns: [""] + Self.items)
    for u in 0..<4 {
      table.append(
        [Self.users[u]]
          + mf.scores(user: u, items: Array(0..<5)).map { formatted(Double($0), decimals: 2) })
    }
    try run.show(
      table, as: "toy-rank2-scores",
      caption: "Scores p_u . q_i of a rank-2 MF fitted to the toy matrix:")
    run.record("Toy MF k=2/RMSE", rmse)
    run.note("rank-2 fit: RMSE \(formatted(rmse, decimals: 3)) over the 20 cells")
  }
}

// MARK: - The limit of the inner product

extension Chapter2 {
  /// Fits MF of rank 1...4 to the toy matrix from several seeds and checks, for each rank,
  /// whether the learned user vectors order the users as Jaccard does.
  func theLimitOfTheInnerProduct(_ run: ChapterRun) throws {
    run.section("The limit of the inner product")
    let seeds = run.isQuick ? 3 : 10
    let steps = run.isQuick ? 600 : 2000
    var table = MarkdownTable(columns: [
      "k", "RMSE", "cos(p4,p1)", "cos(p4,p3)", "cos(p4,p2)", "cos(p2,p3)", "cos(p1,p2)",
      "cos(p1,p3)", "u4's order kept", "all six kept",
    ])
    var rank2: MatrixFactorization? = nil
    for rank in 1...4 {
      var keepsFour = 0
      var keepsAll = 0
      var rmseSum = 0.0
      var firstCosines: [Double] = []
      for s in 0..<seeds {
        let (mf, rmse) = fitToyMatrix(rank: rank, seed: run.options.seed &+ UInt64(s), steps: steps)
        if rank == 2 && s == 0 { rank2 = mf }
        rmseSum += rmse
        func cos(_ a: Int, _ b: Int) -> Double {
          cosineSimilarity(mf.userVector(a - 1), mf.userVector(b - 1))
        }
        let fourOrdered = cos(4, 1) > cos(4, 3) && cos(4, 3) > cos(4, 2)
        let othersOrdered = cos(2, 3) > cos(1, 2) && cos(1, 2) > cos(1, 3)
        if fourOrdered { keepsFour += 1 }
        if fourOrdered && othersOrdered { keepsAll += 1 }
        if s == 0 {
          firstCosines = [cos(4, 1), cos(4, 3), cos(4, 2), cos(2, 3), cos(1, 2), cos(1, 3)]
        }
      }
      let meanRMSE = rmseSum / Double(seeds)
      run.record("Toy MF k=\(rank)/RMSE", meanRMSE)
      run.record(
        "Toy MF k=\(rank)/u4 order kept (share of seeds)", Double(keepsFour) / Double(seeds))
      run.record(
        "Toy MF k=\(rank)/all orders kept (share of seeds)", Double(keepsAll) / Double(seeds))
      for (name, value) in zip(
        ["cos(4,1)", "cos(4,3)", "cos(4,2)", "cos(2,3)", "cos(1,2)", "cos(1,3)"], firstCosines)
      {
        run.record("Toy MF k=\(rank)/\(name)", value)
      }
      table.append(
        ["\(rank)", formatted(meanRMSE, decimals: 3)]
          + firstCosines.map { formatted($0, decimals: 3) }
          + ["\(keepsFour)/\(seeds)", "\(keepsAll)/\(seeds)"])
    }
    try run.show(
      table, as: "rank-demonstration",
      caption: "MF of rank k fitted to the toy matrix (RMSE: mean over seeds; cosines: first seed):"
    )

    // The rank-2 latent space: users as arrows from the origin, items as labelled points.
    if let mf = rank2 {
      try run.save(latentSpaceFigure(mf), as: "latent-space")
    }
  }

  /// The 2-D latent space of a rank-2 MF: users as arrows (a score is the projection of an
  /// item on a user's arrow, times its length), items as triangles. Items at the same place
  /// (i1 and i5 have identical columns) share one label.
  func latentSpaceFigure(_ mf: MatrixFactorization) -> Figure {
    let p = (0..<4).map { mf.userVector($0) }
    let q = (0..<5).map { mf.itemVector($0) }
    var itemLabels = Self.items
    for a in 0..<5 {
      for b in (a + 1)..<5 where abs(q[a][0] - q[b][0]) + abs(q[a][1] - q[b][1]) < 0.05 {
        itemLabels[a] += ", " + itemLabels[b]
        itemLabels[b] = ""
      }
    }
    var chart = Chart.scatter(
      [
        ScatterSeries(
          "users p_u", x: p.map { $0[0] }, y: p.map { $0[1] }, labels: Self.users, shape: .circle,
          pointSize: 1.5),
        ScatterSeries(
          "items q_i", x: q.map { $0[0] }, y: q.map { $0[1] }, labels: itemLabels,
          shape: .triangle, pointSize: 1.5),
      ], title: "Rank-2 MF of the toy matrix: the latent space", xLabel: "factor 1",
      yLabel: "factor 2")
    let extent = (p + q).flatMap { $0 }.map { Double(abs($0)) }.max() ?? 1
    let limit = (extent * 1.2 * 10).rounded(.up) / 10
    chart.xRange = AxisRange(-limit...limit)
    chart.yRange = AxisRange(-limit...limit)
    chart.legend = .outsideBelow
    chart.extraCommands =
      ["set size ratio -1"]
      + p.map { "set arrow from 0,0 to \($0[0]),\($0[1]) lw 1.5 lc rgb '#1f77b4'" }
    return Figure(chart, width: 620, height: 640)
  }
}

// MARK: - Implicit feedback from MovieLens-100K

extension Chapter2 {
  /// The data every later chapter uses: MovieLens-100K as implicit feedback, and the
  /// leave-one-out experiment on it (the split with its tie rule, the sampled protocol's
  /// candidate lists), checked for leaks.
  func implicitFeedbackFromMovieLens(_ run: ChapterRun) throws -> LeaveOneOutData {
    run.section("Implicit feedback from MovieLens-100K")
    let movieLens = try run.loadMovieLens()
    let userCount = run.isQuick ? min(150, movieLens.userCount) : movieLens.userCount
    let ratings = run.isQuick ? movieLens.ratings(ofFirstUsers: userCount) : movieLens.ratings
    // The experiment every model below uses.
    let negativeSeed = run.options.seed &+ 99
    let data = try LeaveOneOutData(
      ratings: ratings, userCount: userCount, itemCount: movieLens.itemCount,
      evaluationSeed: negativeSeed)
    run.record("Data/users", Double(userCount))
    run.record("Data/items", Double(data.itemCount))
    run.record("Data/interactions", Double(data.all.interactionCount))
    run.record(
      "Data/density", Double(data.all.interactionCount) / Double(userCount * data.itemCount))

    // How many users have several ratings at their latest timestamp: the tie rule matters.
    let tiedUsers = usersWithTiesInTheirLastSecond(ratings, userCount: userCount)
    run.record("Data/users with a tied latest timestamp", Double(tiedUsers))
    run.note("\(tiedUsers) of \(userCount) users rated several movies in their latest second")
    try showTieRules(run, data, negativeSeed: negativeSeed)

    try checkForLeaks(data)
    run.record("Data/training interactions", Double(data.train.interactionCount))
    run.record("Data/test users", Double(data.split.test.count))
    run.note(
      "leave-one-out: \(data.train.interactionCount) training interactions, \(data.split.test.count) held out; every held-out item is absent from training and from its 99 negatives"
    )
    return data
  }

  /// Each tie rule gives a different test set; ItemPop shows how much that moves a metric.
  func showTieRules(_ run: ChapterRun, _ data: LeaveOneOutData, negativeSeed: UInt64) throws {
    var rules = MarkdownTable(columns: [
      "tie rule", "ItemPop HR@10 (sampled)", "ItemPop HR@10 (full)",
    ])
    let tieRules: [(String, TieRule)] = [
      ("last in file order", .lastInFileOrder), ("highest item id", .highestItemID),
      ("lowest item id", .lowestItemID), ("random", .random(seed: run.options.seed)),
    ]
    for (name, rule) in tieRules {
      let split = try LeaveOneOutData(
        ratings: data.ratings, userCount: data.userCount, itemCount: data.itemCount, ties: rule,
        evaluationSeed: negativeSeed)
      let pop = ItemPop(train: split.train)
      let sampled = pop.evaluate(split.sampled, cutoffs: 10...10).hitRate(at: 10)
      let full = pop.evaluate(split.full, cutoffs: 10...10).hitRate(at: 10)
      run.record("ItemPop/HR@10 (sampled, ties: \(name))", sampled)
      run.record("ItemPop/HR@10 (full, ties: \(name))", full)
      rules.append([name, formatted(sampled, decimals: 3), formatted(full, decimals: 3)])
    }
    try run.show(
      rules, as: "tie-rules", caption: "The same model, four tie rules for \"the latest rating\":")
  }

  /// Stops the run if a held-out item is also in training, or a sampled negative is one of
  /// the user's positives.
  func checkForLeaks(_ data: LeaveOneOutData) throws {
    for r in data.split.test where data.train.contains(user: r.user, item: r.item) {
      throw ChapterError(
        "leave-one-out: user \(r.user)'s held-out item \(r.item) is also in training")
    }
    for c in data.sampled.cases
    where c.negatives.contains(where: { data.all.contains(user: c.user, item: $0) }) {
      throw ChapterError("sampled protocol: user \(c.user) has a negative they interacted with")
    }
  }
}

// MARK: - Evaluation metrics

extension Chapter2 {
  /// Explicit feedback's metrics, RMSE and MAE, on two trivial rating predictors (a global
  /// mean and per-item means), so their scale is concrete; the ranking metrics come next.
  func evaluationMetrics(_ run: ChapterRun, _ data: LeaveOneOutData) throws {
    run.section("Evaluation metrics")
    let split = RatingSplit.random(data.ratings, testFraction: 0.1, seed: run.options.seed)
    let globalMean = Float(split.train.map(\.rating).reduce(0, +)) / Float(split.train.count)
    var sums = [Float](repeating: 0, count: data.itemCount)
    var counts = [Float](repeating: 0, count: data.itemCount)
    for r in split.train {
      sums[r.item] += Float(r.rating)
      counts[r.item] += 1
    }
    // An item's mean, shrunk towards the global mean by 5 pseudo-ratings (rare items are noisy).
    let itemMean = (0..<data.itemCount).map { (sums[$0] + 5 * globalMean) / (counts[$0] + 5) }
    let targets = split.test.map { Float($0.rating) }
    var table = MarkdownTable(columns: ["rating predictor", "RMSE", "MAE"])
    for (name, prediction) in [
      ("global mean", split.test.map { _ in globalMean }),
      ("item mean (shrunk)", split.test.map { itemMean[$0.item] }),
    ] {
      let rmse = Metrics.rmse(predictions: prediction, targets: targets)
      let mae = Metrics.mae(predictions: prediction, targets: targets)
      run.record("\(name)/RMSE", rmse)
      run.record("\(name)/MAE", mae)
      table.append([name, formatted(rmse, decimals: 3), formatted(mae, decimals: 3)])
    }
    try run.show(table, as: "rating-baselines", caption: "Explicit ratings, random 90/10 split:")
  }
}

// MARK: - Baselines on MovieLens-100K

/// What one model scored under both protocols.
struct Evaluated {
  var name: String
  var sampled: RankingResult
  var full: RankingResult
  var auc: Double
}

extension Chapter2 {
  /// ItemPop, ItemKNN and MF trained two ways, under both protocols; why the protocols disagree.
  func baselines(_ run: ChapterRun, _ data: LeaveOneOutData) throws {
    run.section("Baselines on MovieLens-100K")
    let models: [(String, any ItemScorer)] = [
      ("ItemPop", ItemPop(train: data.train)),
      ("ItemKNN", ItemKNN(train: data.train, neighbours: 50)),
      (
        "MF-BPR",
        trainMF(
          run, data, name: "MF-BPR", objective: .bpr, learningRate: 0.005, l2: 0.001,
          epochs: run.epochs(full: 20, quick: 2))
      ),
      (
        "MF-log loss",
        trainMF(
          run, data, name: "MF-log loss", objective: .logLoss(negativesPerPositive: 4),
          learningRate: 0.002, l2: 0.0001, epochs: run.epochs(full: 15, quick: 1))
      ),
    ]
    let results = models.map { name, model in evaluate(name, model, on: data) }
    try showResults(run, results, users: data.userCount)
    try saveFigures(run, results)

    // Why the protocols disagree: how many users each protocol calls a hit.
    for r in results {
      let sampledHits = r.sampled.hitRate(at: 10) * Double(r.sampled.userCount)
      let fullHits = r.full.hitRate(at: 10) * Double(r.full.userCount)
      run.note(
        "\(r.name): \(Int(sampledHits.rounded())) sampled hits vs \(Int(fullHits.rounded())) full hits at K = 10"
      )
    }
    let candidates = (0..<data.userCount).map { data.full.candidates(for: $0).count }
    run.record(
      "Data/mean full-ranking candidates",
      Double(candidates.reduce(0, +)) / Double(candidates.count))
  }

  /// Trains MF with `objective` through `run.fit`, one line per epoch, and records its curves.
  func trainMF(
    _ run: ChapterRun, _ data: LeaveOneOutData, name: String, objective: ImplicitObjective,
    learningRate: Float, l2: Float, epochs: Int
  ) -> MatrixFactorization {
    var rng = run.generator(name)
    let mf = MatrixFactorization(
      userCount: data.userCount, itemCount: data.itemCount, factors: 32, using: &rng)
    let sampler = NegativeSampler(excluding: data.train)
    let start = Date()
    let history = run.fit(
      name, epochs: epochs, optimizers: [Adam(mf.parameters, learningRate: learningRate)],
      batches: { _ in
        mf.epochBatches(
          on: data.train, objective: objective, sampler: sampler, batchSize: 256, using: &rng)
      },
      loss: { mf.loss($0, l2: l2) },
      evaluate: { _ in
        ["HR@10 (sampled)": mf.evaluate(data.sampled, cutoffs: 10...10).hitRate(at: 10)]
      },
      summary: {
        "\(name) epoch \($0.epoch)/\(epochs): loss \(formatted($0.loss, decimals: 4)), HR@10 (sampled) \(formatted($0.metrics["HR@10 (sampled)"] ?? .nan, decimals: 4))"
      })
    run.timing("\(name), \(epochs) epochs", seconds: Date().timeIntervalSince(start))
    let x = history.map { Double($0.epoch) }
    run.recordCurve("\(name)/loss by epoch", x: x, y: history.map(\.loss))
    run.recordCurve(
      "\(name)/HR@10 (sampled) by epoch", x: x,
      y: history.map { $0.metrics["HR@10 (sampled)"] ?? .nan })
    return mf
  }

  /// `model` under both protocols, plus its sampled AUC (1 positive against 99 negatives).
  func evaluate(_ name: String, _ model: any ItemScorer, on data: LeaveOneOutData) -> Evaluated {
    let sampled = model.evaluate(data.sampled)
    let full = model.evaluate(data.full)
    let aucs = data.sampled.cases.map { c in
      Metrics.auc(
        scores: model.scores(user: c.user, items: c.candidates),
        labels: [true] + c.negatives.map { _ in false })
    }
    return Evaluated(
      name: name, sampled: sampled, full: full, auc: aucs.reduce(0, +) / Double(aucs.count))
  }

  /// Records each model's metrics and shows them as one table.
  func showResults(_ run: ChapterRun, _ results: [Evaluated], users: Int) throws {
    var table = MarkdownTable(columns: [
      "model", "HR@10 (sampled)", "NDCG@10 (sampled)", "AUC (sampled)", "HR@10 (full)",
      "NDCG@10 (full)", "MAP@10 (full)",
    ])
    for r in results {
      run.record(r.sampled, as: r.name, suffix: " (sampled)")
      run.record("\(r.name)/AUC (sampled)", r.auc)
      run.record(r.full, as: r.name, suffix: " (full)")
      run.record("\(r.name)/Precision@10 (full)", r.full.precision(at: 10))
      run.record("\(r.name)/MAP@10 (full)", r.full.map(at: 10))
      let k = r.sampled.cutoffs.map(Double.init)
      run.recordCurve("\(r.name)/HR@K (sampled)", x: k, y: r.sampled.hitRates)
      run.recordCurve("\(r.name)/HR@K (full)", x: k, y: r.full.hitRates)
      table.append(
        [r.name]
          + [
            r.sampled.hitRate(at: 10), r.sampled.ndcg(at: 10), r.auc, r.full.hitRate(at: 10),
            r.full.ndcg(at: 10), r.full.map(at: 10),
          ].map { formatted($0, decimals: 3) })
    }
    try run.show(
      table, as: "baselines",
      caption: "Leave-one-out on \(users) users; sampled = 1 + 99 negatives:")
  }

  /// HR@K for K = 1...10 under both protocols, and the two MFs' training curves.
  func saveFigures(_ run: ChapterRun, _ results: [Evaluated]) throws {
    func panel(_ protocolName: String, _ pick: (Evaluated) -> RankingResult) -> Chart {
      var chart = Chart.lines(
        results.map {
          LineSeries(
            $0.name, x: pick($0).cutoffs.map(Double.init), y: pick($0).hitRates, markers: true)
        },
        title: "HR@K, \(protocolName)", xLabel: "K", yLabel: "HR@K")
      chart.legend = .topLeft
      chart.yRange = AxisRange(min: 0, max: nil)
      return chart
    }
    try run.save(
      Figure(
        panels: [panel("sampled protocol (1 + 99)", \.sampled), panel("full ranking", \.full)],
        columns: 2),
      as: "hr-at-k")
    // The terminal's preview of the main curve: the sampled panel alone, printed but not
    // saved (the text shows both panels, in hr-at-k).
    print(
      try Figure(panel("sampled protocol (1 + 99)", \.sampled)).asciiPreview(
        columns: 78, lines: 22, gnuplot: run.gnuplot))

    func curves(_ what: String, yLabel: String) -> Chart {
      let series = ["MF-BPR", "MF-log loss"].compactMap { name -> LineSeries? in
        guard let c = run.results.curves["\(name)/\(what)"] else { return nil }
        return LineSeries(name, x: c.x, y: c.y, markers: true)
      }
      var chart = Chart.lines(series, title: what, xLabel: "epoch", yLabel: yLabel)
      chart.legend = what.hasPrefix("loss") ? .topRight : .bottomRight
      return chart
    }
    try run.save(
      Figure(
        panels: [
          curves("loss by epoch", yLabel: "training loss"),
          curves("HR@10 (sampled) by epoch", yLabel: "HR@10"),
        ],
        columns: 2), as: "training-curves")
  }
}

// MARK: - Against a published benchmark

/// One split of microsoft/recommenders' benchmark: the training and test interactions, and
/// which items occur in training at all (the only items their recommenders rank).
struct BenchmarkData {
  var train: InteractionMatrix
  var test: InteractionMatrix
  var knownItems: [Bool]

  init(_ split: RatingSplit, userCount: Int, itemCount: Int) {
    let train = InteractionMatrix(
      ratings: split.train, userCount: userCount, itemCount: itemCount)
    self.train = train
    test = InteractionMatrix(ratings: split.test, userCount: userCount, itemCount: itemCount)
    knownItems = (0..<itemCount).map { train.degree(ofItem: $0) > 0 }
  }
}

/// What one model scored on the benchmark: one result per seed (one for a deterministic model).
struct BenchmarkRow {
  var name: String
  var results: [RankingResult]
}

extension Chapter2 {
  /// The benchmark's cutoff K.
  static let benchmarkK = 10

  /// `python_stratified_split(data, ratio=0.75, filter_by="item")` of microsoft/recommenders:
  /// each item's ratings (or each user's, `byItem: false`) in a random order, the first
  /// `floor(0.75 n)` of them to training (their `rank / count <= 0.75`), the rest to test.
  /// The same rule as theirs, drawn from our own generator: not the same random draw.
  static func stratifiedSplit(
    _ ratings: [Rating], byItem: Bool, groups: Int, trainFraction: Double,
    using rng: inout SeededGenerator
  ) -> RatingSplit {
    var members = [[Int]](repeating: [], count: groups)
    for (index, r) in ratings.enumerated() { members[byItem ? r.item : r.user].append(index) }
    var isTrain = [Bool](repeating: false, count: ratings.count)
    for group in members where !group.isEmpty {
      var order = group
      rng.shuffle(&order)
      let trainCount = Int((Double(order.count) * trainFraction).rounded(.down))
      for index in order.prefix(trainCount) { isTrain[index] = true }
    }
    var split = RatingSplit(train: [], test: [])
    for (index, r) in ratings.enumerated() {
      if isTrain[index] { split.train.append(r) } else { split.test.append(r) }
    }
    return split
  }

  /// Full ranking as their benchmark does it: for each user with test items, every item that
  /// occurs in training and not in the user's own training row is ranked (an item seen only
  /// in test is never recommended, yet counts among the user's relevant items).
  static func benchmarkResult(
    _ data: BenchmarkData, score: (_ user: Int, _ items: [Int]) -> [Float]
  ) -> RankingResult {
    let protocolOfTheirs = FullRankingProtocol(train: data.train, test: data.test)
    return protocolOfTheirs.evaluate(cutoffs: benchmarkK...benchmarkK) { user, items in
      let scores = score(user, items)
      return zip(items, scores).map { data.knownItems[$0] ? $1 : -.infinity }
    }
  }

  /// MAP as `map_at_k` in `python_evaluation.py` computed it for their table: the sum of
  /// j / r_j over the hits in the top K, divided by the number R of relevant items (ours,
  /// `Metrics.averagePrecision`, divides by min(K, R)).
  static func mapOverR(_ result: RankingResult) -> Double {
    let k = benchmarkK
    let values = result.perUser { ranks, relevantCount in
      var sum = 0.0
      for (j, r) in ranks.sorted().enumerated() where r <= k { sum += Double(j + 1) / Double(r) }
      return sum / Double(relevantCount)
    }
    return values.reduce(0, +) / Double(max(values.count, 1))
  }

  /// The four columns of their table and our MAP@10, of one result.
  static func benchmarkColumns(_ result: RankingResult) -> [(String, Double)] {
    let k = benchmarkK
    return [
      ("nDCG@10", result.ndcg(at: k)), ("MAP", mapOverR(result)),
      ("Precision@10", result.precision(at: k)), ("Recall@10", result.recall(at: k)),
      ("MAP@10 (min(K, R))", result.map(at: k)),
    ]
  }

  /// Puts the book's models through microsoft/recommenders' MovieLens-100K benchmark: their
  /// split, their candidates, their metrics; settings chosen on a validation split carved
  /// from the training part; the trained models over several seeds.
  func againstAPublishedBenchmark(_ run: ChapterRun) throws {
    run.section("Against a published benchmark")
    let movieLens = try run.loadMovieLens()
    let userCount = run.isQuick ? min(150, movieLens.userCount) : movieLens.userCount
    let ratings = run.isQuick ? movieLens.ratings(ofFirstUsers: userCount) : movieLens.ratings
    let itemCount = movieLens.itemCount
    var splitRNG = run.generator("benchmark split")
    let split = Self.stratifiedSplit(
      ratings, byItem: true, groups: itemCount, trainFraction: 0.75, using: &splitRNG)
    // Validation: the same rule once more, inside the training part; the test part is not read.
    let inner = Self.stratifiedSplit(
      split.train, byItem: true, groups: itemCount, trainFraction: 0.75, using: &splitRNG)
    let data = BenchmarkData(split, userCount: userCount, itemCount: itemCount)
    let validation = BenchmarkData(inner, userCount: userCount, itemCount: itemCount)
    run.record("Benchmark/training interactions", Double(data.train.interactionCount))
    run.record("Benchmark/test interactions", Double(data.test.interactionCount))
    run.record(
      "Benchmark/items only in test", Double(data.knownItems.filter { !$0 }.count))
    run.note(
      "stratified 75/25 by item: \(data.train.interactionCount) training, \(data.test.interactionCount) test interactions; validation inside training: \(validation.train.interactionCount) / \(validation.test.interactionCount)"
    )

    let settings = chooseBenchmarkSettings(run, validation)
    let seeds = run.isQuick ? 2 : 3
    var rows: [BenchmarkRow] = []
    let pop = ItemPop(train: data.train)
    rows.append(
      BenchmarkRow(name: "ItemPop", results: [Self.benchmarkResult(data, score: pop.scores)]))
    let knn = ItemKNN(train: data.train, neighbours: settings.neighbours)
    rows.append(
      BenchmarkRow(name: "ItemKNN", results: [Self.benchmarkResult(data, score: knn.scores)]))
    var start = Date()
    rows.append(
      BenchmarkRow(
        name: "MF-BPR",
        results: (0..<seeds).map { seed in
          let mf = benchmarkMF(
            run, data.train, setting: settings.mf, epochs: settings.mf.epochs, seed: seed)
          return Self.benchmarkResult(data, score: mf.scores)
        }))
    run.timing("benchmark MF-BPR, \(seeds) seeds", seconds: Date().timeIntervalSince(start))
    start = Date()
    rows.append(
      BenchmarkRow(
        name: "NeuMF",
        results: (0..<seeds).map { seed in
          let neumf = benchmarkNeuMF(run, data.train, epochs: settings.neuMFEpochs, seed: seed)
          return Self.benchmarkResult(data, score: neumf.scores)
        }))
    run.timing("benchmark NeuMF, \(seeds) seeds", seconds: Date().timeIntervalSince(start))
    start = Date()
    rows.append(
      BenchmarkRow(
        name: "Mult-VAE",
        results: (0..<seeds).map { seed in
          let vae = benchmarkVAE(run, data.train, epochs: settings.vaeEpochs, seed: seed)
          let all = vae.scoreAll(data.train)
          return Self.benchmarkResult(data) { user, items in
            items.map { all[user * itemCount + $0] }
          }
        }))
    run.timing("benchmark Mult-VAE, \(seeds) seeds", seconds: Date().timeIntervalSince(start))
    try showBenchmark(run, rows)
    compareBenchmarkRows(run, rows)
  }

  /// The settings chosen on the validation split, for MF-BPR, NeuMF, Mult-VAE and ItemKNN.
  struct BenchmarkSettings {
    struct MF {
      var factors: Int
      var l2: Float
      var epochs: Int
    }
    var mf: MF
    var neuMFEpochs: Int
    var vaeEpochs: Int
    var neighbours: Int
  }

  /// Chooses each setting by NDCG@10 on the validation split (the training part's own 25%),
  /// one seed, never looking at the test part.
  func chooseBenchmarkSettings(_ run: ChapterRun, _ validation: BenchmarkData)
    -> BenchmarkSettings
  {
    let start = Date()
    func ndcg(_ result: RankingResult) -> Double { result.ndcg(at: Self.benchmarkK) }
    var table = MarkdownTable(columns: ["model", "setting", "validation nDCG@10"])

    // ItemKNN: how many neighbours each item keeps.
    var bestNeighbours = (count: 0, ndcg: -1.0)
    for count in run.isQuick ? [50] : [50, 100, 200] {
      let knn = ItemKNN(train: validation.train, neighbours: count)
      let value = ndcg(Self.benchmarkResult(validation, score: knn.scores))
      table.append(["ItemKNN", "\(count) neighbours", formatted(value, decimals: 3)])
      if value > bestNeighbours.ndcg { bestNeighbours = (count, value) }
    }

    // MF-BPR: factors, L2 and epochs (every 5th epoch of one run per pair).
    let maxMFEpochs = run.epochs(full: 40, quick: 2)
    let every = run.isQuick ? 1 : 10
    var bestMF = (setting: BenchmarkSettings.MF(factors: 32, l2: 0.001, epochs: 1), ndcg: -1.0)
    let grid: [(Int, Float)] =
      run.isQuick ? [(32, 0.001)] : [(32, 0.001), (32, 0.0001), (64, 0.001), (64, 0.0001)]
    for (factors, l2) in grid {
      let setting = BenchmarkSettings.MF(factors: factors, l2: l2, epochs: maxMFEpochs)
      benchmarkMF(
        run, validation.train, setting: setting, epochs: maxMFEpochs, seed: 0,
        label: "validation",
        evaluate: { epoch, mf in
          guard epoch % every == 0 else { return }
          let value = ndcg(Self.benchmarkResult(validation, score: mf.scores))
          table.append([
            "MF-BPR", "k = \(factors), l2 = \(l2), \(epoch) epochs", formatted(value, decimals: 3),
          ])
          if value > bestMF.ndcg {
            bestMF = (BenchmarkSettings.MF(factors: factors, l2: l2, epochs: epoch), value)
          }
        })
    }

    // NeuMF: epochs (the rest is Chapter 3's: 8 factors, three layers, lr 0.001, 4 negatives).
    let maxNeuMFEpochs = run.epochs(full: 10, quick: 1)
    var bestNeuMF = (epochs: 1, ndcg: -1.0)
    benchmarkNeuMF(
      run, validation.train, epochs: maxNeuMFEpochs, seed: 0, label: "validation",
      evaluate: { epoch, model in
        guard epoch % (run.isQuick ? 1 : 5) == 0 else { return }
        let value = ndcg(Self.benchmarkResult(validation, score: model.scores))
        table.append(["NeuMF", "\(epoch) epochs", formatted(value, decimals: 3)])
        if value > bestNeuMF.ndcg { bestNeuMF = (epoch, value) }
      })

    // Mult-VAE: epochs (the rest is Chapter 5's), its beta annealed over the longest run.
    let maxVAEEpochs = run.epochs(full: 50, quick: 2)
    var bestVAE = (epochs: 1, ndcg: -1.0)
    benchmarkVAE(
      run, validation.train, epochs: maxVAEEpochs, seed: 0, label: "validation",
      evaluate: { epoch, vae in
        guard epoch % (run.isQuick ? 1 : 25) == 0 else { return }
        let all = vae.scoreAll(validation.train)
        let n = validation.train.itemCount
        let value = ndcg(
          Self.benchmarkResult(validation) { user, items in items.map { all[user * n + $0] } })
        table.append(["Mult-VAE", "\(epoch) epochs", formatted(value, decimals: 3)])
        if value > bestVAE.ndcg { bestVAE = (epoch, value) }
      })
    run.timing(
      "benchmark settings on the validation split", seconds: Date().timeIntervalSince(start))

    let chosen = BenchmarkSettings(
      mf: bestMF.setting, neuMFEpochs: bestNeuMF.epochs, vaeEpochs: bestVAE.epochs,
      neighbours: bestNeighbours.count)
    run.record("Benchmark/chosen/ItemKNN neighbours", Double(chosen.neighbours))
    run.record("Benchmark/chosen/MF-BPR factors", Double(chosen.mf.factors))
    run.record("Benchmark/chosen/MF-BPR l2", Double(chosen.mf.l2))
    run.record("Benchmark/chosen/MF-BPR epochs", Double(chosen.mf.epochs))
    run.record("Benchmark/chosen/NeuMF epochs", Double(chosen.neuMFEpochs))
    run.record("Benchmark/chosen/Mult-VAE epochs", Double(chosen.vaeEpochs))
    try? run.show(
      table, as: "benchmark-validation",
      caption: "Settings tried on the validation split (the training part's own 25%):")
    return chosen
  }

  /// MF-BPR (Adam, lr 0.005, batches of 256) on `train`; `evaluate(epoch, model)` after each epoch.
  @discardableResult
  func benchmarkMF(
    _ run: ChapterRun, _ train: InteractionMatrix, setting: BenchmarkSettings.MF, epochs: Int,
    seed: Int, label: String = "test", evaluate: ((Int, MatrixFactorization) -> Void)? = nil
  ) -> MatrixFactorization {
    let name = "benchmark MF-BPR k=\(setting.factors) l2=\(setting.l2) \(label) seed \(seed)"
    var rng = run.generator(name)
    let mf = MatrixFactorization(
      userCount: train.userCount, itemCount: train.itemCount, factors: setting.factors,
      using: &rng)
    let sampler = NegativeSampler(excluding: train)
    run.fit(
      name, epochs: epochs, optimizers: [Adam(mf.parameters, learningRate: 0.005)],
      batches: { _ in
        mf.epochBatches(on: train, objective: .bpr, sampler: sampler, batchSize: 256, using: &rng)
      },
      loss: { mf.loss($0, l2: setting.l2) },
      evaluate: { epoch in
        evaluate?(epoch, mf)
        return [:]
      }, showsProgress: false)
    return mf
  }

  /// Chapter 3's NeuMF (8 factors, three layers, Adam lr 0.001, 4 negatives) on `train`.
  @discardableResult
  func benchmarkNeuMF(
    _ run: ChapterRun, _ train: InteractionMatrix, epochs: Int, seed: Int,
    label: String = "test", evaluate: ((Int, NeuMF) -> Void)? = nil
  ) -> NeuMF {
    var rng = run.generator("benchmark NeuMF \(label) seed \(seed)")
    let model = NeuMF(
      userCount: train.userCount, itemCount: train.itemCount, factors: 8, hiddenLayers: 3,
      using: &rng)
    let trainer = PointwiseTrainer(
      model: model, train: train, optimizer: Adam(model.parameters, learningRate: 0.001))
    run.fit(
      "benchmark NeuMF \(label) seed \(seed)", epochs: epochs, optimizers: [trainer.optimizer],
      batches: { _ in trainer.epochBatches(using: &rng) }, loss: trainer.loss,
      weight: { Double($0.count) },
      evaluate: { epoch in
        evaluate?(epoch, model)
        return [:]
      }, showsProgress: false)
    return model
  }

  /// Chapter 5's Mult-VAE (600-200, dropout 0.5, beta capped at 0.2, Adam lr 0.001, batches
  /// of 128 users) on `train`; beta is annealed over the validation run's longest schedule.
  @discardableResult
  func benchmarkVAE(
    _ run: ChapterRun, _ train: InteractionMatrix, epochs: Int, seed: Int,
    label: String = "test", evaluate: ((Int, MultVAE) -> Void)? = nil
  ) -> MultVAE {
    var rng = run.generator("benchmark Mult-VAE \(label) seed \(seed)")
    let batch = 128
    let longest = run.epochs(full: 50, quick: 2)
    let steps = longest * ((train.userCount + batch - 1) / batch)
    let vae = MultVAE(
      itemCount: train.itemCount, hiddenSize: 600, latentSize: 200, dropout: 0.5,
      annealSteps: steps, betaCap: 0.2, using: &rng)
    run.fit(
      "benchmark Mult-VAE \(label) seed \(seed)", epochs: epochs,
      optimizers: [Adam(vae.parameters, learningRate: 0.001)],
      batches: { _ in vae.epochBatches(train, batchSize: batch, using: &rng) },
      loss: { vae.loss(train, users: $0) },
      evaluate: { epoch in
        evaluate?(epoch, vae)
        return [:]
      }, showsProgress: false)
    return vae
  }

  /// Their published numbers (README, "Algorithm Comparison", MovieLens-100K, k = 10).
  static let theirTable:
    [(name: String, map: Double, ndcg: Double, precision: Double, recall: Double)] = [
      ("BiVAE (Cornac)", 0.146126, 0.475077, 0.411771, 0.219145),
      ("BPR (Cornac)", 0.132478, 0.441997, 0.388229, 0.212522),
      ("LightGCN", 0.088526, 0.419846, 0.379626, 0.144336),
      ("NCF", 0.107720, 0.396118, 0.347296, 0.180775),
      ("SAR", 0.110591, 0.382461, 0.330753, 0.176385),
    ]

  /// Records every seed's metrics, their mean and standard deviation, and shows our rows
  /// beside theirs.
  func showBenchmark(_ run: ChapterRun, _ rows: [BenchmarkRow]) throws {
    var table = MarkdownTable(columns: [
      "model", "nDCG@10", "MAP", "Precision@10", "Recall@10", "MAP@10 (min(K, R))", "seeds",
    ])
    for (name, map, ndcg, precision, recall) in Self.theirTable {
      run.record("Benchmark/theirs/\(name)/nDCG@10", ndcg)
      run.record("Benchmark/theirs/\(name)/MAP", map)
      table.append(
        ["\(name), theirs"] + [ndcg, map, precision, recall].map { formatted($0, decimals: 3) }
          + ["", "1"])
    }
    for row in rows {
      var cells = ["\(row.name), ours"]
      let columns = row.results.map(Self.benchmarkColumns)
      for (c, (metric, _)) in columns[0].enumerated() {
        let spread = SeedSpread(columns.map { $0[c].1 })
        for (s, value) in spread.values.enumerated() where row.results.count > 1 {
          run.record("Benchmark/\(row.name)/\(metric) (seed \(s))", value)
        }
        run.record("Benchmark/\(row.name)/\(metric)", spread.mean)
        if row.results.count > 1 {
          run.record("Benchmark/\(row.name)/\(metric) sd", spread.standardDeviation)
          cells.append(spread.description)
        } else {
          cells.append(formatted(spread.mean, decimals: 3))
        }
      }
      run.record("Benchmark/\(row.name)/users", Double(row.results[0].userCount))
      table.append(cells + ["\(row.results.count)"])
    }
    try run.show(
      table, as: "benchmark",
      caption:
        "microsoft/recommenders' MovieLens-100K benchmark (stratified 75/25 split, top 10 of the unseen items): their README's rows and ours (mean ± sd over seeds):"
    )
  }

  /// Paired bootstrap over users of per-user nDCG@10 (each user's mean over seeds) for the
  /// comparisons the text makes.
  func compareBenchmarkRows(_ run: ChapterRun, _ rows: [BenchmarkRow]) {
    func perUser(_ name: String) -> [Double] {
      let row = rows.first { $0.name == name }!
      let each = row.results.map { result in
        result.perUser { ranks, relevant in
          Metrics.ndcg(ranks: ranks, relevantCount: relevant, k: Self.benchmarkK)
        }
      }
      return (0..<each[0].count).map { u in
        each.reduce(0) { $0 + $1[u] } / Double(each.count)
      }
    }
    for (a, b) in [
      ("Mult-VAE", "MF-BPR"), ("MF-BPR", "NeuMF"), ("MF-BPR", "ItemKNN"), ("ItemKNN", "ItemPop"),
    ] {
      let comparison = PairedTest.bootstrap(perUser(a), perUser(b), resamples: 1000, seed: 2024)
      run.record("Benchmark/\(a) vs \(b)/nDCG@10 difference", comparison.meanDifference)
      run.record("Benchmark/\(a) vs \(b)/p", comparison.pValue)
      run.note(
        "\(a) vs \(b): nDCG@10 difference \(formatted(comparison.meanDifference, decimals: 4)), paired bootstrap p = \(formatted(comparison.pValue, decimals: 3))"
      )
    }
  }
}

Chapter2.main()
