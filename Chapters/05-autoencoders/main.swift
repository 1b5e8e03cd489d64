// Chapter 5: autoencoder recommenders — AutoRec, denoising and variational autoencoders.
// Read it beside Chapters/05-autoencoders/README.md: each `// MARK: -` is a `##` section.

import Foundation
import ModernRecSys

struct Chapter5: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "chapter-5",
    abstract: "Autoencoder recommenders: AutoRec, Mult-DAE, CDAE and Mult-VAE on MovieLens-100K.")

  @OptionGroup var options: ChapterOptions

  func run() throws {
    let run = try ChapterRun(
      number: 5, title: "Autoencoder recommenders: AutoRec, denoising and variational autoencoders",
      options: options)
    try autoencoderOnSmallExample(run)
    autoRecModel(run)
    let ml = try loadData(run)
    let rating = try ratingPrediction(run, ml)
    try hiddenSizeAndRegularisation(run, rating)
    let implicit = denoisingForTopN(run, ml)
    try topNUnderFullRanking(run, implicit)
    try corruptionLevel(run, implicit)
    try run.finish()
  }
}

/// The epochs at which `history` measured `metric`, and what it measured.
func measured(_ metric: String, in history: [EpochRecord]) -> (x: [Double], y: [Double]) {
  let points = history.compactMap { record in record.metrics[metric].map { (record.epoch, $0) } }
  return (points.map { Double($0.0) }, points.map(\.1))
}

/// The line printed after an epoch: its mean training loss and what was measured after it.
func epochLine(_ name: String, _ record: EpochRecord) -> String {
  let measurements = record.metrics.sorted { $0.key < $1.key }.map {
    ", \($0.key) \(formatted($0.value, decimals: 4))"
  }
  return "\(name) epoch \(record.epoch): training loss \(formatted(record.loss, decimals: 4))"
    + measurements.joined()
}

// MARK: - An autoencoder on a small example

/// Eight users, six movies (three action films A1–A3, three romances R1–R3), two tastes;
/// 0 marks a missing rating.
let toyRatings: [[Float]] = [
  [5, 4, 5, 1, 2, 0],
  [4, 5, 0, 2, 1, 1],
  [5, 0, 4, 1, 0, 2],
  [0, 5, 4, 2, 1, 1],
  [1, 2, 1, 5, 4, 0],
  [2, 1, 0, 4, 5, 5],
  [1, 0, 2, 5, 0, 4],
  [0, 1, 1, 4, 5, 5],
]
let toyMovies = ["A1", "A2", "A3", "R1", "R2", "R3"]

/// Trains a 6 -> 2 -> 6 autoencoder on the toy rows with the loss on the entries `mask` marks
/// (the whole matrix is one batch, so each of `fit`'s epochs is one step), and returns its
/// reconstruction of each row.
func fitToyAutoencoder(mask: Tensor, steps: Int, seed: UInt64) -> [[Float]] {
  var rng = SeededGenerator(seed: seed)
  let ratings = Tensor(toyRatings)
  let model = AutoRec(inputSize: 6, hiddenSize: 2, using: &rng)
  fit(
    epochs: steps, optimizers: [Adam(model.parameters, learningRate: 0.05)],
    batches: { _ in [mask] }, loss: { model.loss(ratings: ratings, mask: $0, l2: 0) })
  let out = evaluating { model(ratings) }.scalars
  return (0..<toyRatings.count).map { Array(out[($0 * 6)..<($0 * 6 + 6)]) }
}

extension Chapter5 {
  /// The same small autoencoder trained twice, with the loss on every entry and on the
  /// observed entries only: what each fills in where a rating is missing.
  func autoencoderOnSmallExample(_ run: ChapterRun) throws {
    run.section("An autoencoder on a small example")
    let observed = Tensor(toyRatings.map { $0.map { $0 > 0 ? Float(1) : 0 } })
    let everything = Tensor.ones([toyRatings.count, 6])
    let plain = fitToyAutoencoder(mask: everything, steps: 2000, seed: run.options.seed)
    let masked = fitToyAutoencoder(mask: observed, steps: 2000, seed: run.options.seed)

    // What each fills in where the rating is missing, and how well it fits the observed ones.
    var missingPlain: [Double] = []
    var missingMasked: [Double] = []
    var fitPlain: [Float] = []
    var fitMasked: [Float] = []
    var targets: [Float] = []
    for (u, row) in toyRatings.enumerated() {
      for (i, r) in row.enumerated() {
        if r == 0 {
          missingPlain.append(Double(plain[u][i]))
          missingMasked.append(Double(masked[u][i]))
        } else {
          fitPlain.append(plain[u][i])
          fitMasked.append(masked[u][i])
          targets.append(r)
        }
      }
    }
    let mean = { (x: [Double]) in x.reduce(0, +) / Double(x.count) }
    run.record("Toy/plain: mean reconstruction of missing entries", mean(missingPlain))
    run.record("Toy/masked: mean reconstruction of missing entries", mean(missingMasked))
    run.record(
      "Toy/plain: RMSE on observed entries", Metrics.rmse(predictions: fitPlain, targets: targets))
    run.record(
      "Toy/masked: RMSE on observed entries",
      Metrics.rmse(predictions: fitMasked, targets: targets))
    run.record("Toy/masked: u1 on R3", Double(masked[0][5]))
    run.record("Toy/masked: u5 on R3", Double(masked[4][5]))
    run.note(
      "missing entries: loss on every entry fills in \(formatted(mean(missingPlain), decimals: 2)) on average; loss on observed entries only fills in \(formatted(mean(missingMasked), decimals: 2))"
    )
    try run.save(toyFigure(plain: plain, masked: masked), as: "toy-reconstruction")
  }

  /// The toy ratings beside the two reconstructions, as heatmaps.
  func toyFigure(plain: [[Float]], masked: [[Float]]) -> Figure {
    let users = (1...toyRatings.count).map { "u\($0)" }
    func panel(_ values: [[Float]], _ title: String) -> Chart {
      Chart.heatmap(
        Heatmap(
          values: values.map { $0.map(Double.init) }, rowLabels: users, columnLabels: toyMovies,
          cellFormat: "%.1f", colorRange: 0...5, showsColorBox: false),
        title: title, xLabel: "movie", yLabel: "user")
    }
    return Figure(
      title: "A 6-2-6 autoencoder on eight users' ratings (0 = missing)",
      panels: [
        panel(toyRatings, "input"), panel(plain, "loss on every entry"),
        panel(masked, "loss on observed entries only"),
      ])
  }
}

// MARK: - AutoRec

extension Chapter5 {
  /// AutoRec's hyper-parameters in the book's run, Sedhain et al.'s and d2l's: k = 500
  /// hidden units and an L2 weight of 0.003 (the sweeps below vary both), Adam with
  /// lr = 0.002, batches of 256 rows.
  static let autoRecHidden = 500
  static let autoRecL2: Float = 0.003

  /// The size of an I-AutoRec for MovieLens-100K.
  func autoRecModel(_ run: ChapterRun) {
    run.section("AutoRec")
    var rng = run.generator("AutoRec size")
    let model = AutoRec(inputSize: 943, hiddenSize: Self.autoRecHidden, using: &rng)
    run.note("I-AutoRec on MovieLens-100K: 943 -> 500 -> 943, \(model.parameterCount) parameters")
    run.record("I-AutoRec/parameters", Double(model.parameterCount))
  }

  /// Trains `model` on `rows` by `run.fit`: Adam (lr = 0.002), the rows that have a rating
  /// shuffled into batches of 256 each epoch, the masked loss with L2 weight `l2`.
  @discardableResult
  func fitAutoRec(
    _ run: ChapterRun, _ name: String, _ model: AutoRec, rows: RatingRows, l2: Float,
    epochs: Int, using rng: inout SeededGenerator,
    evaluate: ((_ epoch: Int) -> [String: Double])? = nil,
    summary: ((EpochRecord) -> String?)? = nil
  ) -> [EpochRecord] {
    run.fit(
      name, epochs: epochs, optimizers: [Adam(model.parameters, learningRate: 0.002)],
      batches: { _ in model.epochBatches(rows, batchSize: 256, using: &rng) },
      loss: { model.loss(rows, batch: $0, l2: l2) }, evaluate: evaluate, summary: summary)
  }
}

// MARK: - Rating prediction on MovieLens-100K

/// The data, sliced to 150 users and 400 items with `--quick`.
func loadData(_ run: ChapterRun) throws -> MovieLens {
  let ml = try run.loadMovieLens()
  guard run.isQuick else { return ml }
  let (users, items) = (min(150, ml.userCount), min(400, ml.itemCount))
  let slice = MovieLens(
    users: Array(ml.users.prefix(users)), items: Array(ml.items.prefix(items)),
    ratings: ml.ratings.filter { $0.user < users && $0.item < items },
    genreNames: ml.genreNames, occupationNames: ml.occupationNames)
  run.note("quick: the first \(users) users and \(items) items, \(slice.ratings.count) ratings")
  return slice
}

/// What the rating experiments leave for the sweeps: the split, I-AutoRec's training rows,
/// and the test RMSE of the MF baseline.
struct RatingResults {
  var split: RatingSplit
  var itemRows: RatingRows
  var mfRMSE: Double
}

extension Chapter5 {
  /// Two baselines, then I-AutoRec and U-AutoRec, on a random 90/10 split of the ratings.
  func ratingPrediction(_ run: ChapterRun, _ ml: MovieLens) throws -> RatingResults {
    run.section("Rating prediction on MovieLens-100K")
    let split = RatingSplit.random(ml.ratings, testFraction: 0.1, seed: run.options.seed)
    let targets = split.test.map { Float($0.rating) }
    run.note(
      "random 90/10 split: \(split.train.count) training ratings, \(split.test.count) test ratings")

    // The global mean: the same prediction for every pair.
    let mu = Float(split.train.reduce(0) { $0 + $1.rating }) / Float(split.train.count)
    let globalMean = Metrics.rmse(predictions: targets.map { _ in mu }, targets: targets)
    let globalMAE = Metrics.mae(predictions: targets.map { _ in mu }, targets: targets)
    run.record("Global mean/RMSE", globalMean)
    run.record("Global mean/MAE", globalMAE)
    let mf = ratingMF(run, ml, split)
    var table = MarkdownTable(columns: ["model", "test RMSE", "test MAE"])
    table.append([
      "global mean", formatted(globalMean, decimals: 4), formatted(globalMAE, decimals: 4),
    ])
    table.append([
      "MF (biases, 40 factors)", formatted(mf.rmse, decimals: 4), formatted(mf.mae, decimals: 4),
    ])

    // I-AutoRec and U-AutoRec: the same network on item rows or on user rows.
    let epochs = run.epochs(full: 80, quick: 3)
    let itemRows = RatingRows(
      ratings: split.train, userCount: ml.userCount, itemCount: ml.itemCount, by: .items)
    let userRows = RatingRows(
      ratings: split.train, userCount: ml.userCount, itemCount: ml.itemCount, by: .users)
    var curves: [LineSeries] = []
    for (name, rows) in [("I-AutoRec", itemRows), ("U-AutoRec", userRows)] {
      let (testRMSE, mae) = autoRec(run, name, rows: rows, split: split, epochs: epochs)
      table.append([name, formatted(testRMSE.y.last!, decimals: 4), formatted(mae, decimals: 4)])
      curves.append(LineSeries(name, x: testRMSE.x, y: testRMSE.y, markers: true))
    }
    try run.show(
      table, as: "rating-prediction",
      caption: "Test RMSE and MAE on the random 90/10 split (predictions clipped to 1...5)")

    let baselines = [
      LineSeries(
        "MF (after \(mf.epochs) epochs)", x: [1, Double(epochs)], y: [mf.rmse, mf.rmse],
        dashed: true),
      LineSeries(
        "global mean", x: [1, Double(epochs)], y: [globalMean, globalMean], dashed: true),
    ]
    var chart = Chart.lines(
      curves + baselines, title: "Test RMSE while training (MovieLens-100K, 90/10)",
      xLabel: "epoch", yLabel: "test RMSE")
    chart.yRange = AxisRange(min: 0.85, max: 1.2)
    try run.save(Figure(chart), as: "autorec-training", preview: true)
    return RatingResults(split: split, itemRows: itemRows, mfRMSE: mf.rmse)
  }

  /// Matrix factorisation with biases, trained by SGD; its test RMSE after each epoch is
  /// recorded as a curve, its final RMSE and MAE as numbers.
  func ratingMF(_ run: ChapterRun, _ ml: MovieLens, _ split: RatingSplit)
    -> (rmse: Double, mae: Double, epochs: Int)
  {
    let epochs = run.isQuick ? 3 : 50
    var rng = run.generator("RatingMF")
    let mf = RatingMF(
      userCount: ml.userCount, itemCount: ml.itemCount, factors: 40, learningRate: 0.007,
      regularization: 0.08, using: &rng)
    mf.setMean(from: split.train)
    var curve: [Double] = []
    let start = Date()
    // Not `fit`: RatingMF updates its scalars one rating at a time by hand, with no tensor,
    // no loss graph and no optimiser for `fit` to step.
    for _ in 1...epochs {
      mf.trainEpoch(split.train, using: &rng)
      curve.append(mf.rmse(on: split.test))
    }
    run.timing("MF, \(epochs) epochs", seconds: Date().timeIntervalSince(start))
    let predictions = split.test.map { min(max(mf.predict(user: $0.user, item: $0.item), 1), 5) }
    let mae = Metrics.mae(predictions: predictions, targets: split.test.map { Float($0.rating) })
    run.record("MF/RMSE", curve.last!)
    run.record("MF/MAE", mae)
    run.recordCurve("MF/test RMSE by epoch", x: (1...curve.count).map(Double.init), y: curve)
    return (curve.last!, mae, epochs)
  }

  /// Trains an AutoRec on `rows` with the book's hyper-parameters, measuring the test RMSE
  /// every second epoch and after the last; records its numbers and curves, and returns its
  /// test RMSE curve and final MAE.
  func autoRec(
    _ run: ChapterRun, _ name: String, rows: RatingRows, split: RatingSplit, epochs: Int
  ) -> (testRMSE: (x: [Double], y: [Double]), mae: Double) {
    var rng = run.generator(name)
    let model = AutoRec(inputSize: rows.columnCount, hiddenSize: Self.autoRecHidden, using: &rng)
    let start = Date()
    let history = fitAutoRec(
      run, name, model, rows: rows, l2: Self.autoRecL2, epochs: epochs, using: &rng,
      evaluate: { epoch in
        guard epoch % 2 == 0 || epoch == epochs else { return [:] }
        return ["test RMSE": model.rmse(on: split.test, from: rows)]
      },
      summary: { epochLine(name, $0) })
    run.timing(
      "\(name), \(epochs) epochs (with a test RMSE every 2)",
      seconds: Date().timeIntervalSince(start))
    let testRMSE = measured("test RMSE", in: history)
    let predictions = model.predict(split.test, from: rows)
    let mae = Metrics.mae(predictions: predictions, targets: split.test.map { Float($0.rating) })
    let cold = split.test.filter { r in
      let (row, column) = rows.position(user: r.user, item: r.item)
      return rows.rowCounts[row] == 0 || rows.columnCounts[column] == 0
    }.count
    run.record("\(name)/RMSE", testRMSE.y.last!)
    run.record("\(name)/MAE", mae)
    run.record("\(name)/cold test ratings", Double(cold))
    run.recordCurve("\(name)/test RMSE by epoch", x: testRMSE.x, y: testRMSE.y)
    run.recordCurve(
      "\(name)/training loss by epoch", x: history.map { Double($0.epoch) },
      y: history.map(\.loss))
    return (testRMSE, mae)
  }
}

// MARK: - Hidden size and regularisation

extension Chapter5 {
  /// I-AutoRec's test RMSE as the code widens (lambda fixed), then as the L2 weight grows
  /// (k fixed), each model trained for the same number of epochs.
  func hiddenSizeAndRegularisation(_ run: ChapterRun, _ rating: RatingResults) throws {
    run.section("Hidden size and regularisation")
    let (rows, test) = (rating.itemRows, rating.split.test)
    let epochs = run.isQuick ? 2 : 25
    let hiddenSizes = run.isQuick ? [20, 100] : [25, 100, 250, 500, 750]
    let l2s: [Float] = run.isQuick ? [0.001, 0.01] : [0.0001, 0.001, 0.003, 0.01, 0.03]
    /// An I-AutoRec of `hidden` units with L2 weight `l2`, trained from generator `seed`.
    func testRMSE(_ name: String, seed: String, hidden: Int, l2: Float) -> Double {
      var rng = run.generator(seed)
      let model = AutoRec(inputSize: rows.columnCount, hiddenSize: hidden, using: &rng)
      fitAutoRec(run, name, model, rows: rows, l2: l2, epochs: epochs, using: &rng)
      let rmse = model.rmse(on: test, from: rows)
      run.record("\(name)/RMSE", rmse)
      return rmse
    }

    var table = MarkdownTable(columns: ["hidden units", "lambda", "test RMSE"])
    var hiddenRMSE: [Double] = []
    let start = Date()
    for hidden in hiddenSizes {
      hiddenRMSE.append(
        testRMSE(
          "I-AutoRec k=\(hidden)", seed: "hidden \(hidden)", hidden: hidden, l2: Self.autoRecL2))
      table.append(["\(hidden)", "\(Self.autoRecL2)", formatted(hiddenRMSE.last!, decimals: 4)])
    }
    var l2RMSE: [Double] = []
    for l2 in l2s {
      if l2 == Self.autoRecL2, let k = hiddenSizes.firstIndex(of: Self.autoRecHidden) {
        l2RMSE.append(hiddenRMSE[k])  // trained above
        continue
      }
      l2RMSE.append(
        testRMSE("I-AutoRec lambda=\(l2)", seed: "lambda \(l2)", hidden: Self.autoRecHidden, l2: l2)
      )
      table.append(["\(Self.autoRecHidden)", "\(l2)", formatted(l2RMSE.last!, decimals: 4)])
    }
    run.timing(
      "the two sweeps, \(epochs) epochs per model", seconds: Date().timeIntervalSince(start))
    try run.show(
      table, as: "autorec-sweeps", caption: "I-AutoRec's test RMSE after \(epochs) epochs")
    run.recordCurve(
      "I-AutoRec/test RMSE by hidden size", x: hiddenSizes.map(Double.init), y: hiddenRMSE)
    run.recordCurve("I-AutoRec/test RMSE by lambda", x: l2s.map(Double.init), y: l2RMSE)
    try run.save(
      capacityFigure(
        hiddenSizes: hiddenSizes, hiddenRMSE: hiddenRMSE, l2s: l2s, l2RMSE: l2RMSE,
        mfRMSE: rating.mfRMSE, epochs: epochs),
      as: "autorec-capacity")
  }

  /// The two sweeps side by side, with MF's test RMSE as a dashed line.
  func capacityFigure(
    hiddenSizes: [Int], hiddenRMSE: [Double], l2s: [Float], l2RMSE: [Double], mfRMSE: Double,
    epochs: Int
  ) -> Figure {
    let baselines = { (xs: [Double]) -> [LineSeries] in
      [LineSeries("MF", x: [xs.first!, xs.last!], y: [mfRMSE, mfRMSE], dashed: true)]
    }
    let hiddenX = hiddenSizes.map(Double.init)
    var hiddenChart = Chart.lines(
      [LineSeries("I-AutoRec", x: hiddenX, y: hiddenRMSE, markers: true)] + baselines(hiddenX),
      title: "Hidden units k (lambda = \(Self.autoRecL2))", xLabel: "hidden units k",
      yLabel: "test RMSE")
    hiddenChart.xLogScale = true
    let l2X = l2s.map { Elementary.log10(Double($0)) }
    var l2Chart = Chart.lines(
      [LineSeries("I-AutoRec", x: l2X, y: l2RMSE, markers: true)] + baselines(l2X),
      title: "L2 weight lambda (k = \(Self.autoRecHidden))", xLabel: "log10(lambda)",
      yLabel: "test RMSE")
    l2Chart.legend = .topLeft
    return Figure(
      title: "I-AutoRec after \(epochs) epochs", panels: [hiddenChart, l2Chart], columns: 2)
  }
}

// MARK: - Denoising autoencoders for top-N recommendation

/// Implicit feedback split per user, 80/20, as interaction matrices.
struct ImplicitData {
  var train: InteractionMatrix
  var test: InteractionMatrix
  var userCount: Int
  var itemCount: Int
}

extension Chapter5 {
  /// Users per mini-batch for the implicit autoencoders.
  static let topNBatch = 128

  /// Every rating becomes an interaction; each user's are split 80/20 at random.
  func denoisingForTopN(_ run: ChapterRun, _ ml: MovieLens) -> ImplicitData {
    run.section("Denoising autoencoders for top-N recommendation")
    let split = RatingSplit.perUser(
      ml.implicitRatings(), userCount: ml.userCount, testFraction: 0.2, seed: run.options.seed)
    let train = InteractionMatrix(
      ratings: split.train, userCount: ml.userCount, itemCount: ml.itemCount)
    let test = InteractionMatrix(
      ratings: split.test, userCount: ml.userCount, itemCount: ml.itemCount)
    run.note(
      "per-user 80/20 split: \(train.interactionCount) training and \(test.interactionCount) test interactions"
    )
    return ImplicitData(train: train, test: test, userCount: ml.userCount, itemCount: ml.itemCount)
  }

  /// Trains an implicit-feedback autoencoder by `run.fit`: Adam (lr = 0.001), the users who
  /// have training items shuffled into batches of 128 each epoch, measuring NDCG@10 under
  /// full ranking every `evaluateEvery` epochs and after the last.
  @discardableResult
  func fitImplicit(
    _ run: ChapterRun, _ name: String, _ model: some ImplicitAutoencoder, on data: ImplicitData,
    epochs: Int, evaluateEvery: Int, using rng: inout SeededGenerator
  ) -> [EpochRecord] {
    run.fit(
      name, epochs: epochs, optimizers: [Adam(model.parameters, learningRate: 0.001)],
      batches: { _ in model.epochBatches(data.train, batchSize: Self.topNBatch, using: &rng) },
      loss: { model.loss(data.train, users: $0) },
      evaluate: { epoch in
        guard epoch % evaluateEvery == 0 || epoch == epochs else { return [:] }
        return ["NDCG@10": model.evaluate(train: data.train, test: data.test).ndcg(at: 10)]
      },
      summary: { epochLine(name, $0) })
  }
}

// MARK: - Top-N results under full ranking

/// Records a model's full-ranking metrics at K = 10 and returns its row of the table.
func rankingRow(_ run: ChapterRun, _ name: String, _ result: RankingResult) -> [String] {
  run.record(result, as: name, allMetrics: true)
  let values = [
    result.ndcg(at: 10), result.recall(at: 10), result.precision(at: 10), result.map(at: 10),
    result.hitRate(at: 10),
  ]
  return [name] + values.map { formatted($0, decimals: 4) }
}

extension Chapter5 {
  /// ItemPop and Chapter 3's NeuMF against the three autoencoders, every unseen item a
  /// candidate.
  func topNUnderFullRanking(_ run: ChapterRun, _ data: ImplicitData) throws {
    run.section("Top-N results under full ranking")
    let full = FullRankingProtocol(train: data.train, test: data.test)
    var table = MarkdownTable(columns: [
      "model", "NDCG@10", "Recall@10", "Precision@10", "MAP@10", "HR@10",
    ])
    table.append(rankingRow(run, "ItemPop", ItemPop(train: data.train).evaluate(full)))
    var start = Date()
    let neuMFEpochs = run.isQuick ? 1 : 10
    table.append(rankingRow(run, "NeuMF", neuMF(run, data, epochs: neuMFEpochs).evaluate(full)))
    run.timing(
      "NeuMF, \(neuMFEpochs) epochs and its evaluation", seconds: Date().timeIntervalSince(start))

    // The autoencoders, each from its own generator, trained and ranked the same way.
    let epochs = run.epochs(full: 40, quick: 3)
    func train(_ name: String, _ model: some ImplicitAutoencoder, using rng: inout SeededGenerator)
      -> [EpochRecord]
    {
      start = Date()
      let history = fitImplicit(
        run, name, model, on: data, epochs: epochs, evaluateEvery: 2, using: &rng)
      run.timing("\(name), \(epochs) epochs", seconds: Date().timeIntervalSince(start))
      table.append(rankingRow(run, name, model.evaluate(train: data.train, test: data.test)))
      return history
    }
    var rng = run.generator("Mult-DAE")
    let dae = MultDAE(
      itemCount: data.itemCount, hiddenSizes: [600, 200], dropout: 0.5, using: &rng)
    let daeHistory = train("Mult-DAE", dae, using: &rng)

    rng = run.generator("CDAE")
    let cdae = CDAE(
      userCount: data.userCount, itemCount: data.itemCount, hiddenSize: 200, corruption: 0.5,
      using: &rng)
    let cdaeHistory = train("CDAE", cdae, using: &rng)

    rng = run.generator("Mult-VAE")
    let steps = epochs * ((data.train.userCount + Self.topNBatch - 1) / Self.topNBatch)
    let vae = MultVAE(
      itemCount: data.itemCount, hiddenSize: 600, latentSize: 200, dropout: 0.5, annealSteps: steps,
      betaCap: 0.2, using: &rng)
    let vaeHistory = train("Mult-VAE", vae, using: &rng)
    run.record("Mult-VAE/final beta", Double(vae.beta))

    try run.show(
      table, as: "top-n",
      caption: "Full ranking on the per-user 80/20 split (every unseen item is a candidate)")
    let histories = [("Mult-DAE", daeHistory), ("CDAE", cdaeHistory), ("Mult-VAE", vaeHistory)]
    for (name, history) in histories {
      let ndcg = measured("NDCG@10", in: history)
      run.recordCurve("\(name)/NDCG@10 by epoch", x: ndcg.x, y: ndcg.y)
      run.recordCurve(
        "\(name)/training loss by epoch", x: history.map { Double($0.epoch) },
        y: history.map(\.loss))
    }
    // CDAE's loss (binary cross-entropy per entry) is on another scale than the multinomial two.
    let losses = [("Mult-DAE", daeHistory), ("Mult-VAE", vaeHistory)]
    try run.save(
      topNFigure(run, histories, losses: losses, epochs: epochs), as: "topn-training")
  }

  /// NDCG@10 by epoch beside ItemPop's, and the training losses `losses`.
  func topNFigure(
    _ run: ChapterRun, _ histories: [(String, [EpochRecord])],
    losses: [(String, [EpochRecord])], epochs: Int
  ) -> Figure {
    let ndcgCurves = histories.map { name, history in
      let ndcg = measured("NDCG@10", in: history)
      return LineSeries(name, x: ndcg.x, y: ndcg.y, markers: true)
    }
    var ndcgChart = Chart.lines(
      ndcgCurves + [popLine(run, from: 1, to: Double(epochs))],
      title: "NDCG@10 under full ranking", xLabel: "epoch", yLabel: "NDCG@10")
    ndcgChart.legend = .outsideBelow
    var lossChart = Chart.lines(
      losses.map { LineSeries($0.0, y: $0.1.map(\.loss)) },
      title: "Training loss per user", xLabel: "epoch", yLabel: "multinomial NLL (+ beta KL)")
    lossChart.legend = .outsideBelow
    return Figure(
      title: "Autoencoders on implicit MovieLens-100K", panels: [ndcgChart, lossChart], columns: 2)
  }

  /// Chapter 3's NeuMF, trained the NCF way (4 sampled negatives per positive) by `run.fit`.
  func neuMF(_ run: ChapterRun, _ data: ImplicitData, epochs: Int) -> NeuMF {
    var rng = run.generator("NeuMF")
    let model = NeuMF(
      userCount: data.userCount, itemCount: data.itemCount, factors: 8, hiddenLayers: 3,
      using: &rng)
    let trainer = PointwiseTrainer(
      model: model, train: data.train, optimizer: Adam(model.parameters, learningRate: 0.001))
    run.fit(
      "NeuMF", epochs: epochs, optimizers: [trainer.optimizer],
      batches: { _ in trainer.epochBatches(using: &rng) }, loss: trainer.loss,
      weight: { Double($0.count) })
    return model
  }
}

/// ItemPop's NDCG@10 (recorded above) as a dashed line from `x0` to `x1`.
func popLine(_ run: ChapterRun, from x0: Double, to x1: Double) -> LineSeries {
  let ndcg = run.results.metrics["ItemPop/NDCG@10"]!
  return LineSeries("ItemPop", x: [x0, x1], y: [ndcg, ndcg], dashed: true)
}

// MARK: - How much corruption?

extension Chapter5 {
  /// Mult-DAE trained at several input dropout rates, ranked after the same epochs.
  func corruptionLevel(_ run: ChapterRun, _ data: ImplicitData) throws {
    run.section("How much corruption?")
    let epochs = run.isQuick ? 2 : 25
    let rates: [Float] = run.isQuick ? [0, 0.5] : [0, 0.25, 0.5, 0.75, 0.9]
    var ndcgs: [Double] = []
    var table = MarkdownTable(columns: ["dropout rate", "NDCG@10", "Recall@10"])
    let start = Date()
    for rate in rates {
      var rng = run.generator("corruption \(rate)")
      let dae = MultDAE(
        itemCount: data.itemCount, hiddenSizes: [600, 200], dropout: rate, using: &rng)
      fitImplicit(
        run, "Mult-DAE p=\(rate)", dae, on: data, epochs: epochs, evaluateEvery: epochs,
        using: &rng)
      let result = dae.evaluate(train: data.train, test: data.test)
      ndcgs.append(result.ndcg(at: 10))
      run.record("Mult-DAE p=\(rate)/NDCG@10", result.ndcg(at: 10))
      run.record("Mult-DAE p=\(rate)/Recall@10", result.recall(at: 10))
      table.append([
        "\(rate)", formatted(result.ndcg(at: 10), decimals: 4),
        formatted(result.recall(at: 10), decimals: 4),
      ])
    }
    run.timing(
      "corruption sweep, \(epochs) epochs per model", seconds: Date().timeIntervalSince(start))
    try run.show(
      table, as: "corruption", caption: "Mult-DAE after \(epochs) epochs, by input dropout rate")
    let x = rates.map(Double.init)
    run.recordCurve("Mult-DAE/NDCG@10 by dropout rate", x: x, y: ndcgs)
    var chart = Chart.lines(
      [
        LineSeries("Mult-DAE", x: x, y: ndcgs, markers: true),
        popLine(run, from: x.first!, to: x.last!),
      ],
      title: "Mult-DAE: input dropout rate (\(epochs) epochs)", xLabel: "dropout rate p",
      yLabel: "NDCG@10")
    chart.legend = .outsideBelow
    try run.save(Figure(chart), as: "corruption")
  }
}

Chapter5.main()
