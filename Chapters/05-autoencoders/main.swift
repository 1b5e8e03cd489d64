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
    let data = try loadData(run)
    let settings = Settings(run)
    let rating = try ratingPrediction(run, data, settings)
    try hiddenSizeAndRegularisation(run, data, settings, rating)
    let implicit = denoisingForTopN(run, data)
    try topNUnderFullRanking(run, implicit, settings)
    try corruptionLevel(run, implicit, settings)
    try run.finish()
  }
}

/// The hyper-parameters of the chapter, full run and `--quick`.
struct Settings {
  var autoRecEpochs: Int
  var autoRecHidden = 500
  var autoRecL2: Float = 0.003
  var autoRecLearningRate: Float = 0.002
  var autoRecBatch = 256
  var mfEpochs: Int
  var sweepEpochs: Int
  var hiddenSizes: [Int]
  var l2s: [Float]
  var topNEpochs: Int
  var topNBatch = 128
  var corruptionEpochs: Int
  var corruptions: [Float]
  var neuMFEpochs: Int

  /// The chapter's settings; `--epochs` sets the epochs of the main models (not the sweeps').
  init(_ run: ChapterRun) {
    let quick = run.isQuick
    autoRecEpochs = run.epochs(full: 80, quick: 3)
    mfEpochs = quick ? 3 : 50
    sweepEpochs = quick ? 2 : 25
    hiddenSizes = quick ? [20, 100] : [25, 100, 250, 500, 750]
    l2s = quick ? [0.001, 0.01] : [0.0001, 0.001, 0.003, 0.01, 0.03]
    topNEpochs = run.epochs(full: 40, quick: 3)
    corruptionEpochs = quick ? 2 : 25
    neuMFEpochs = quick ? 1 : 10
    corruptions = quick ? [0, 0.5] : [0, 0.25, 0.5, 0.75, 0.9]
  }
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

/// Trains a 6 -> 2 -> 6 autoencoder on the toy rows with the loss on the entries `mask` marks,
/// and returns its reconstruction of each row.
func fitToyAutoencoder(mask: Tensor, steps: Int, seed: UInt64) -> [[Float]] {
  var rng = SeededGenerator(seed: seed)
  let ratings = Tensor(toyRatings)
  let model = AutoRec(inputSize: 6, hiddenSize: 2, using: &rng)
  let optimizer = Adam(model.parameters, learningRate: 0.05)
  for _ in 0..<steps {
    let loss = model.loss(ratings: ratings, mask: mask, l2: 0)
    optimizer.zeroGrad()
    loss.backward()
    optimizer.step()
  }
  let out = evaluating { model(ratings) }.scalars
  return (0..<toyRatings.count).map { Array(out[($0 * 6)..<($0 * 6 + 6)]) }
}

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
    "Toy/masked: RMSE on observed entries", Metrics.rmse(predictions: fitMasked, targets: targets))
  run.record("Toy/masked: u1 on R3", Double(masked[0][5]))
  run.record("Toy/masked: u5 on R3", Double(masked[4][5]))
  run.note(
    "missing entries: loss on every entry fills in \(formatted(mean(missingPlain), decimals: 2)) on average; loss on observed entries only fills in \(formatted(mean(missingMasked), decimals: 2))"
  )

  let users = (1...toyRatings.count).map { "u\($0)" }
  func panel(_ values: [[Float]], _ title: String) -> Chart {
    Chart.heatmap(
      Heatmap(
        values: values.map { $0.map(Double.init) }, rowLabels: users, columnLabels: toyMovies,
        cellFormat: "%.1f", colorRange: 0...5, showsColorBox: false),
      title: title, xLabel: "movie", yLabel: "user")
  }
  let figure = Figure(
    title: "A 6-2-6 autoencoder on eight users' ratings (0 = missing)",
    panels: [
      panel(toyRatings, "input"), panel(plain, "loss on every entry"),
      panel(masked, "loss on observed entries only"),
    ])
  try run.save(figure, as: "toy-reconstruction")
}

// MARK: - AutoRec

func autoRecModel(_ run: ChapterRun) {
  run.section("AutoRec")
  var rng = run.generator("AutoRec size")
  let model = AutoRec(inputSize: 943, hiddenSize: 500, using: &rng)
  run.note("I-AutoRec on MovieLens-100K: 943 -> 500 -> 943, \(model.parameterCount) parameters")
  run.record("I-AutoRec/parameters", Double(model.parameterCount))
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

struct RatingResults {
  var split: RatingSplit
  var mfRMSE: Double
  var globalMeanRMSE: Double
}

/// Trains an AutoRec with `settings`' optimiser for `epochs`, calling `epochEnd` after each.
func trainAutoRec(
  rows: RatingRows, hidden: Int, l2: Float, epochs: Int, settings: Settings,
  rng: inout SeededGenerator, label: String, run: ChapterRun,
  epochEnd: (Int, AutoRec, Double) -> Void = { _, _, _ in }
) -> AutoRec {
  let model = AutoRec(inputSize: rows.columnCount, hiddenSize: hidden, using: &rng)
  let optimizer = Adam(model.parameters, learningRate: settings.autoRecLearningRate)
  let batches =
    (rows.rowCounts.filter { $0 > 0 }.count + settings.autoRecBatch - 1) / settings.autoRecBatch
  for epoch in 1...epochs {
    let bar = run.progress("\(label) epoch \(epoch)/\(epochs)", total: batches)
    let loss = model.trainEpoch(
      on: rows, optimizer: optimizer, batchSize: settings.autoRecBatch, l2: l2, using: &rng
    ) { bar.advance(status: "loss \(formatted($0, decimals: 4))") }
    bar.finish()
    epochEnd(epoch, model, loss)
  }
  return model
}

func ratingPrediction(_ run: ChapterRun, _ ml: MovieLens, _ settings: Settings) throws
  -> RatingResults
{
  run.section("Rating prediction on MovieLens-100K")
  let split = RatingSplit.random(ml.ratings, testFraction: 0.1, seed: run.options.seed)
  let targets = split.test.map { Float($0.rating) }
  run.note(
    "random 90/10 split: \(split.train.count) training ratings, \(split.test.count) test ratings")

  // The global mean: the same prediction for every pair.
  let mu = Float(split.train.reduce(0) { $0 + $1.rating }) / Float(split.train.count)
  let globalMean = Metrics.rmse(predictions: targets.map { _ in mu }, targets: targets)
  run.record("Global mean/RMSE", globalMean)
  run.record("Global mean/MAE", Metrics.mae(predictions: targets.map { _ in mu }, targets: targets))

  // Matrix factorisation with biases, trained by SGD.
  var rng = run.generator("RatingMF")
  let mf = RatingMF(
    userCount: ml.userCount, itemCount: ml.itemCount, factors: 40, learningRate: 0.007,
    regularization: 0.08, using: &rng)
  mf.setMean(from: split.train)
  var mfCurve: [Double] = []
  var start = Date()
  for _ in 1...settings.mfEpochs {
    mf.trainEpoch(split.train, using: &rng)
    mfCurve.append(mf.rmse(on: split.test))
  }
  run.timing("MF, \(settings.mfEpochs) epochs", seconds: Date().timeIntervalSince(start))
  let mfPredictions = split.test.map { min(max(mf.predict(user: $0.user, item: $0.item), 1), 5) }
  run.record("MF/RMSE", mfCurve.last!)
  run.record("MF/MAE", Metrics.mae(predictions: mfPredictions, targets: targets))
  run.recordCurve("MF/test RMSE by epoch", x: (1...mfCurve.count).map(Double.init), y: mfCurve)

  // I-AutoRec and U-AutoRec: the same network on item rows or on user rows.
  var curves: [String: (x: [Double], y: [Double])] = [:]
  var table = MarkdownTable(columns: ["model", "test RMSE", "test MAE"])
  table.append([
    "global mean", formatted(globalMean, decimals: 4),
    formatted(run.results.metrics["Global mean/MAE"]!, decimals: 4),
  ])
  table.append([
    "MF (biases, 40 factors)", formatted(mfCurve.last!, decimals: 4),
    formatted(run.results.metrics["MF/MAE"]!, decimals: 4),
  ])
  for (name, orientation) in [("I-AutoRec", RatingRows.Orientation.items), ("U-AutoRec", .users)] {
    let rows = RatingRows(
      ratings: split.train, userCount: ml.userCount, itemCount: ml.itemCount, by: orientation)
    var rng = run.generator(name)
    var testEpochs: [Double] = []
    var testCurve: [Double] = []
    var lossCurve: [Double] = []
    start = Date()
    let model = trainAutoRec(
      rows: rows, hidden: settings.autoRecHidden, l2: settings.autoRecL2,
      epochs: settings.autoRecEpochs,
      settings: settings, rng: &rng, label: name, run: run
    ) { epoch, model, loss in
      lossCurve.append(loss)
      guard epoch % 2 == 0 || epoch == settings.autoRecEpochs else { return }
      testEpochs.append(Double(epoch))
      testCurve.append(model.rmse(on: split.test, from: rows))
      run.note(
        "\(name) epoch \(epoch): training loss \(formatted(loss, decimals: 4)), test RMSE \(formatted(testCurve.last!, decimals: 4))"
      )
    }
    run.timing(
      "\(name), \(settings.autoRecEpochs) epochs (with a test RMSE every 2)",
      seconds: Date().timeIntervalSince(start))
    let predictions = model.predict(split.test, from: rows)
    let cold = split.test.filter { r in
      let (row, column) = rows.position(user: r.user, item: r.item)
      return rows.rowCounts[row] == 0 || rows.columnCounts[column] == 0
    }.count
    run.record("\(name)/RMSE", testCurve.last!)
    run.record("\(name)/MAE", Metrics.mae(predictions: predictions, targets: targets))
    run.record("\(name)/cold test ratings", Double(cold))
    run.recordCurve("\(name)/test RMSE by epoch", x: testEpochs, y: testCurve)
    run.recordCurve(
      "\(name)/training loss by epoch", x: (1...lossCurve.count).map(Double.init), y: lossCurve)
    curves[name] = (testEpochs, testCurve)
    table.append([
      name, formatted(testCurve.last!, decimals: 4),
      formatted(run.results.metrics["\(name)/MAE"]!, decimals: 4),
    ])
  }
  try run.show(
    table, as: "rating-prediction",
    caption: "Test RMSE and MAE on the random 90/10 split (predictions clipped to 1...5)")

  let epochs = settings.autoRecEpochs
  var chart = Chart.lines(
    [
      LineSeries("I-AutoRec", x: curves["I-AutoRec"]!.x, y: curves["I-AutoRec"]!.y, markers: true),
      LineSeries("U-AutoRec", x: curves["U-AutoRec"]!.x, y: curves["U-AutoRec"]!.y, markers: true),
      LineSeries(
        "MF (after \(settings.mfEpochs) epochs)", x: [1, Double(epochs)],
        y: [mfCurve.last!, mfCurve.last!], dashed: true),
      LineSeries(
        "global mean", x: [1, Double(epochs)], y: [globalMean, globalMean], dashed: true),
    ],
    title: "Test RMSE while training (MovieLens-100K, 90/10)", xLabel: "epoch", yLabel: "test RMSE")
  chart.yRange = AxisRange(min: 0.85, max: 1.2)
  try run.save(Figure(chart), as: "autorec-training", preview: true)
  return RatingResults(split: split, mfRMSE: mfCurve.last!, globalMeanRMSE: globalMean)
}

// MARK: - Hidden size and regularisation

func hiddenSizeAndRegularisation(
  _ run: ChapterRun, _ ml: MovieLens, _ settings: Settings, _ rating: RatingResults
) throws {
  run.section("Hidden size and regularisation")
  let rows = RatingRows(
    ratings: rating.split.train, userCount: ml.userCount, itemCount: ml.itemCount, by: .items)
  let epochs = settings.sweepEpochs
  var table = MarkdownTable(columns: ["hidden units", "lambda", "test RMSE"])
  var hiddenRMSE: [Double] = []
  let start = Date()
  for hidden in settings.hiddenSizes {
    var rng = run.generator("hidden \(hidden)")
    let model = trainAutoRec(
      rows: rows, hidden: hidden, l2: settings.autoRecL2, epochs: epochs, settings: settings,
      rng: &rng,
      label: "I-AutoRec k=\(hidden)", run: run)
    hiddenRMSE.append(model.rmse(on: rating.split.test, from: rows))
    run.record("I-AutoRec k=\(hidden)/RMSE", hiddenRMSE.last!)
    table.append(["\(hidden)", "\(settings.autoRecL2)", formatted(hiddenRMSE.last!, decimals: 4)])
  }
  var l2RMSE: [Double] = []
  for l2 in settings.l2s {
    if l2 == settings.autoRecL2, let k = settings.hiddenSizes.firstIndex(of: settings.autoRecHidden)
    {
      l2RMSE.append(hiddenRMSE[k])  // trained above
      continue
    }
    var rng = run.generator("lambda \(l2)")
    let model = trainAutoRec(
      rows: rows, hidden: settings.autoRecHidden, l2: l2, epochs: epochs, settings: settings,
      rng: &rng,
      label: "I-AutoRec lambda=\(l2)", run: run)
    l2RMSE.append(model.rmse(on: rating.split.test, from: rows))
    run.record("I-AutoRec lambda=\(l2)/RMSE", l2RMSE.last!)
    table.append(["\(settings.autoRecHidden)", "\(l2)", formatted(l2RMSE.last!, decimals: 4)])
  }
  run.timing("the two sweeps, \(epochs) epochs per model", seconds: Date().timeIntervalSince(start))
  try run.show(table, as: "autorec-sweeps", caption: "I-AutoRec's test RMSE after \(epochs) epochs")
  run.recordCurve(
    "I-AutoRec/test RMSE by hidden size", x: settings.hiddenSizes.map(Double.init), y: hiddenRMSE)
  run.recordCurve("I-AutoRec/test RMSE by lambda", x: settings.l2s.map(Double.init), y: l2RMSE)

  let baselines = { (xs: [Double]) -> [LineSeries] in
    [
      LineSeries("MF", x: [xs.first!, xs.last!], y: [rating.mfRMSE, rating.mfRMSE], dashed: true)
    ]
  }
  let hiddenX = settings.hiddenSizes.map(Double.init)
  var hiddenChart = Chart.lines(
    [LineSeries("I-AutoRec", x: hiddenX, y: hiddenRMSE, markers: true)] + baselines(hiddenX),
    title: "Hidden units k (lambda = \(settings.autoRecL2))", xLabel: "hidden units k",
    yLabel: "test RMSE")
  hiddenChart.xLogScale = true
  let l2X = settings.l2s.map { Elementary.log10(Double($0)) }
  var l2Chart = Chart.lines(
    [LineSeries("I-AutoRec", x: l2X, y: l2RMSE, markers: true)] + baselines(l2X),
    title: "L2 weight lambda (k = \(settings.autoRecHidden))", xLabel: "log10(lambda)",
    yLabel: "test RMSE")
  l2Chart.legend = .topLeft
  try run.save(
    Figure(title: "I-AutoRec after \(epochs) epochs", panels: [hiddenChart, l2Chart], columns: 2),
    as: "autorec-capacity")
}

// MARK: - Denoising autoencoders for top-N recommendation

struct ImplicitData {
  var train: InteractionMatrix
  var test: InteractionMatrix
  var userCount: Int
  var itemCount: Int
}

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

// MARK: - Top-N results under full ranking

/// Records a model's metrics at K = 10 and returns them as table cells.
func recordRanking(_ run: ChapterRun, _ name: String, _ result: RankingResult) -> [String] {
  let values = [
    ("NDCG@10", result.ndcg(at: 10)), ("Recall@10", result.recall(at: 10)),
    ("Precision@10", result.precision(at: 10)), ("MAP@10", result.map(at: 10)),
    ("HR@10", result.hitRate(at: 10)),
  ]
  for (metric, value) in values { run.record("\(name)/\(metric)", value) }
  return [name] + values.map { formatted($0.1, decimals: 4) }
}

/// Trains an implicit-feedback autoencoder, evaluating NDCG@10 after each epoch.
func trainImplicit(
  _ model: some ImplicitAutoencoder, name: String, data: ImplicitData, epochs: Int, batch: Int,
  learningRate: Float, weightDecay: Float, rng: inout SeededGenerator, run: ChapterRun,
  evaluateEvery: Int = 1
) -> (epochs: [Double], curve: [Double], losses: [Double]) {
  let optimizer = Adam(model.parameters, learningRate: learningRate, weightDecay: weightDecay)
  let batches = (data.train.userCount + batch - 1) / batch
  var evaluated: [Double] = []
  var curve: [Double] = []
  var losses: [Double] = []
  for epoch in 1...epochs {
    let bar = run.progress("\(name) epoch \(epoch)/\(epochs)", total: batches)
    let loss = model.trainEpoch(on: data.train, optimizer: optimizer, batchSize: batch, using: &rng)
    {
      bar.advance(status: "loss \(formatted($0, decimals: 4))")
    }
    losses.append(loss)
    if epoch % evaluateEvery == 0 || epoch == epochs {
      let ndcg = model.evaluate(train: data.train, test: data.test).ndcg(at: 10)
      curve.append(ndcg)
      evaluated.append(Double(epoch))
      bar.finish(
        status: "loss \(formatted(loss, decimals: 4)), NDCG@10 \(formatted(ndcg, decimals: 4))")
    } else {
      bar.finish(status: "loss \(formatted(loss, decimals: 4))")
    }
  }
  return (evaluated, curve, losses)
}

func topNUnderFullRanking(_ run: ChapterRun, _ data: ImplicitData, _ settings: Settings) throws {
  run.section("Top-N results under full ranking")
  let full = FullRankingProtocol(train: data.train, test: data.test)
  var table = MarkdownTable(columns: [
    "model", "NDCG@10", "Recall@10", "Precision@10", "MAP@10", "HR@10",
  ])
  let pop = ItemPop(train: data.train)
  table.append(
    recordRanking(
      run, "ItemPop", full.evaluate(cutoffs: 1...10) { pop.scores(user: $0, items: $1) }))

  // Chapter 3's NeuMF, trained the NCF way (4 sampled negatives per positive), ranked the same way.
  var neuMFRng = run.generator("NeuMF")
  let neuMF = NeuMF(
    userCount: data.userCount, itemCount: data.itemCount, factors: 8, hiddenLayers: 3,
    using: &neuMFRng)
  let trainer = PointwiseTrainer(
    model: neuMF, train: data.train, optimizer: Adam(neuMF.parameters, learningRate: 0.001))
  var start = Date()
  for epoch in 1...settings.neuMFEpochs {
    var bar: ProgressBar? = nil
    let loss = trainer.trainEpoch(using: &neuMFRng) { done, total, loss in
      if bar == nil {
        bar = run.progress("NeuMF epoch \(epoch)/\(settings.neuMFEpochs)", total: total)
      }
      bar?.advance(status: "loss \(formatted(Double(loss), decimals: 4))")
    }
    bar?.finish(status: "mean loss \(formatted(Double(loss), decimals: 4))")
  }
  table.append(recordRanking(run, "NeuMF", neuMF.evaluate(full)))
  run.timing(
    "NeuMF, \(settings.neuMFEpochs) epochs and its evaluation",
    seconds: Date().timeIntervalSince(start))

  let epochs = settings.topNEpochs
  var curves: [(String, [Double], [Double])] = []
  var rng = run.generator("Mult-DAE")
  let dae = MultDAE(itemCount: data.itemCount, hiddenSizes: [600, 200], dropout: 0.5, using: &rng)
  start = Date()
  let daeRun = trainImplicit(
    dae, name: "Mult-DAE", data: data, epochs: epochs, batch: settings.topNBatch,
    learningRate: 0.001,
    weightDecay: 0, rng: &rng, run: run, evaluateEvery: 2)
  run.timing("Mult-DAE, \(epochs) epochs", seconds: Date().timeIntervalSince(start))
  table.append(recordRanking(run, "Mult-DAE", dae.evaluate(train: data.train, test: data.test)))
  curves.append(("Mult-DAE", daeRun.epochs, daeRun.curve))

  rng = run.generator("CDAE")
  let cdae = CDAE(
    userCount: data.userCount, itemCount: data.itemCount, hiddenSize: 200, corruption: 0.5,
    using: &rng)
  start = Date()
  let cdaeRun = trainImplicit(
    cdae, name: "CDAE", data: data, epochs: epochs, batch: settings.topNBatch, learningRate: 0.001,
    weightDecay: 0, rng: &rng, run: run, evaluateEvery: 2)
  run.timing("CDAE, \(epochs) epochs", seconds: Date().timeIntervalSince(start))
  table.append(recordRanking(run, "CDAE", cdae.evaluate(train: data.train, test: data.test)))
  curves.append(("CDAE", cdaeRun.epochs, cdaeRun.curve))

  rng = run.generator("Mult-VAE")
  let steps = epochs * ((data.train.userCount + settings.topNBatch - 1) / settings.topNBatch)
  let vae = MultVAE(
    itemCount: data.itemCount, hiddenSize: 600, latentSize: 200, dropout: 0.5, annealSteps: steps,
    betaCap: 0.2, using: &rng)
  start = Date()
  let vaeRun = trainImplicit(
    vae, name: "Mult-VAE", data: data, epochs: epochs, batch: settings.topNBatch,
    learningRate: 0.001,
    weightDecay: 0, rng: &rng, run: run, evaluateEvery: 2)
  run.timing("Mult-VAE, \(epochs) epochs", seconds: Date().timeIntervalSince(start))
  table.append(recordRanking(run, "Mult-VAE", vae.evaluate(train: data.train, test: data.test)))
  curves.append(("Mult-VAE", vaeRun.epochs, vaeRun.curve))
  run.record("Mult-VAE/final beta", Double(vae.beta))

  try run.show(
    table, as: "top-n",
    caption: "Full ranking on the per-user 80/20 split (every unseen item is a candidate)")
  for (name, x, y) in curves { run.recordCurve("\(name)/NDCG@10 by epoch", x: x, y: y) }
  run.recordCurve(
    "Mult-DAE/training loss by epoch", x: (1...daeRun.losses.count).map(Double.init),
    y: daeRun.losses)
  run.recordCurve(
    "CDAE/training loss by epoch", x: (1...cdaeRun.losses.count).map(Double.init), y: cdaeRun.losses
  )
  run.recordCurve(
    "Mult-VAE/training loss by epoch", x: (1...vaeRun.losses.count).map(Double.init),
    y: vaeRun.losses)

  let popNDCG = run.results.metrics["ItemPop/NDCG@10"]!
  var ndcgChart = Chart.lines(
    curves.map { LineSeries($0.0, x: $0.1, y: $0.2, markers: true) }
      + [LineSeries("ItemPop", x: [1, Double(epochs)], y: [popNDCG, popNDCG], dashed: true)],
    title: "NDCG@10 under full ranking", xLabel: "epoch", yLabel: "NDCG@10")
  ndcgChart.legend = .outsideBelow
  var lossChart = Chart.lines(
    [LineSeries("Mult-DAE", y: daeRun.losses), LineSeries("Mult-VAE", y: vaeRun.losses)],
    title: "Training loss per user", xLabel: "epoch", yLabel: "multinomial NLL (+ beta KL)")
  lossChart.legend = .outsideBelow
  try run.save(
    Figure(
      title: "Autoencoders on implicit MovieLens-100K", panels: [ndcgChart, lossChart], columns: 2),
    as: "topn-training")
}

// MARK: - How much corruption?

func corruptionLevel(_ run: ChapterRun, _ data: ImplicitData, _ settings: Settings) throws {
  run.section("How much corruption?")
  let epochs = settings.corruptionEpochs
  var ndcgs: [Double] = []
  var table = MarkdownTable(columns: ["dropout rate", "NDCG@10", "Recall@10"])
  let start = Date()
  for rate in settings.corruptions {
    var rng = run.generator("corruption \(rate)")
    let dae = MultDAE(
      itemCount: data.itemCount, hiddenSizes: [600, 200], dropout: rate, using: &rng)
    _ = trainImplicit(
      dae, name: "Mult-DAE p=\(rate)", data: data, epochs: epochs, batch: settings.topNBatch,
      learningRate: 0.001,
      weightDecay: 0, rng: &rng, run: run, evaluateEvery: epochs)
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
  let x = settings.corruptions.map(Double.init)
  run.recordCurve("Mult-DAE/NDCG@10 by dropout rate", x: x, y: ndcgs)
  let popNDCG = run.results.metrics["ItemPop/NDCG@10"]!
  var chart = Chart.lines(
    [
      LineSeries("Mult-DAE", x: x, y: ndcgs, markers: true),
      LineSeries("ItemPop", x: [x.first!, x.last!], y: [popNDCG, popNDCG], dashed: true),
    ],
    title: "Mult-DAE: input dropout rate (\(epochs) epochs)", xLabel: "dropout rate p",
    yLabel: "NDCG@10")
  chart.legend = .outsideBelow
  try run.save(Figure(chart), as: "corruption")
}

Chapter5.main()
