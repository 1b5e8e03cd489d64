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
    try run.save(
      Figure(panel("sampled protocol (1 + 99)", \.sampled)), as: "hr-at-k-sampled-preview",
      preview: true)

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

Chapter2.main()
