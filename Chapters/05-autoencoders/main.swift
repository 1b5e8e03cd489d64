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
    try hiddenSizeAndRegularisation(run, ml, rating)
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
  /// hidden units and an L2 weight of 0.003 (the sweeps below vary both), Adam, batches of
  /// 256 rows. Adam's learning rate is chosen from `autoRecRates` on the validation split.
  static let autoRecHidden = 500
  static let autoRecL2: Float = 0.003
  static let autoRecRates: [Float] = [0.001, 0.002, 0.005]

  /// The size of an I-AutoRec for MovieLens-100K.
  func autoRecModel(_ run: ChapterRun) {
    run.section("AutoRec")
    var rng = run.generator("AutoRec size")
    let model = AutoRec(inputSize: 943, hiddenSize: Self.autoRecHidden, using: &rng)
    run.note("I-AutoRec on MovieLens-100K: 943 -> 500 -> 943, \(model.parameterCount) parameters")
    run.record("I-AutoRec/parameters", Double(model.parameterCount))
  }

  /// Trains `model` on `rows` by `run.fit`: Adam with `learningRate`, the rows that have a
  /// rating shuffled into batches of 256 each epoch, the masked loss with L2 weight `l2`.
  @discardableResult
  func fitAutoRec(
    _ run: ChapterRun, _ name: String, _ model: AutoRec, rows: RatingRows, l2: Float,
    learningRate: Float, epochs: Int, using rng: inout SeededGenerator,
    evaluate: ((_ epoch: Int) -> [String: Double])? = nil,
    summary: ((EpochRecord) -> String?)? = nil
  ) -> [EpochRecord] {
    run.fit(
      name, epochs: epochs, optimizers: [Adam(model.parameters, learningRate: learningRate)],
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

/// What the rating experiments leave for the sweeps: the split, the validation split carved
/// from its training ratings, I-AutoRec's learning rate chosen on it, and the test RMSE of
/// the MF baseline (mean over the seeds).
struct RatingResults {
  var split: RatingSplit
  var tuning: RatingSplit
  var autoRecRate: Float
  var mfRMSE: Double
}

/// Matrix factorisation's settings: factors, SGD step and L2 weight, and the epochs to train.
struct RatingMFSettings {
  var factors: Int
  var learningRate: Float
  var lambda: Float
  var epochs: Int
}

/// Each model's values per seed, and the paired comparisons the text makes.
extension Chapter5 {
  /// Training seeds per headline model (the split stays the same: only the initialisation,
  /// the dropout and negative draws, and the order of the batches change).
  func seedCount(_ run: ChapterRun) -> Int { run.isQuick ? 2 : 5 }

  /// Records `values` (one per seed) as `name seed s`, their mean as `name` and their
  /// standard deviation as `name sd`, and returns the spread.
  @discardableResult
  func recordSeeds(_ run: ChapterRun, _ name: String, _ values: [Double]) -> SeedSpread {
    let spread = SeedSpread(values)
    for (s, v) in values.enumerated() { run.record("\(name) seed \(s)", v) }
    run.record(name, spread.mean)
    run.record("\(name) sd", spread.standardDeviation)
    return spread
  }

  /// Records a paired comparison of A against B as `A vs B/…` and returns it.
  @discardableResult
  func recordComparison(_ run: ChapterRun, _ name: String, _ c: PairedComparison)
    -> PairedComparison
  {
    run.record("\(name)/p", c.pValue)
    run.record("\(name)/mean difference", c.meanDifference)
    run.record("\(name)/wins", Double(c.wins))
    run.record("\(name)/losses", Double(c.losses))
    return c
  }
}

/// The mean over seeds of each case's value: `values[seed][case]` -> one value per case,
/// summed in seed order.
func meanOverSeeds(_ values: [[Double]]) -> [Double] {
  (0..<values[0].count).map { i in values.reduce(0) { $0 + $1[i] } / Double(values.count) }
}

/// "0.0123" for p >= 0.0001, "< 0.0001" below.
func formattedP(_ p: Double) -> String { p < 0.0001 ? "< 0.0001" : formatted(p, decimals: 4) }

extension Chapter5 {
  /// Two baselines, then I-AutoRec and U-AutoRec, on a random 90/10 split of the ratings;
  /// MF and I-AutoRec over several seeds, their settings and epochs chosen on a validation
  /// split carved from the training ratings.
  func ratingPrediction(_ run: ChapterRun, _ ml: MovieLens) throws -> RatingResults {
    run.section("Rating prediction on MovieLens-100K")
    let split = RatingSplit.random(ml.ratings, testFraction: 0.1, seed: run.options.seed)
    let tuning = RatingSplit.random(
      split.train, testFraction: 0.1, seed: run.options.seed ^ 0x7661_6C69_6461_7465)
    let targets = split.test.map { Float($0.rating) }
    run.note(
      "random 90/10 split: \(split.train.count) training ratings, \(split.test.count) test ratings; of the training ratings, \(tuning.test.count) are held out for validation"
    )

    // The global mean: the same prediction for every pair.
    let mu = Float(split.train.reduce(0) { $0 + $1.rating }) / Float(split.train.count)
    let globalMean = Metrics.rmse(predictions: targets.map { _ in mu }, targets: targets)
    let globalMAE = Metrics.mae(predictions: targets.map { _ in mu }, targets: targets)
    run.record("Global mean/RMSE", globalMean)
    run.record("Global mean/MAE", globalMAE)

    // Settings and epochs chosen on the validation split, then every seed trained on all
    // training ratings.
    let itemRows = RatingRows(
      ratings: split.train, userCount: ml.userCount, itemCount: ml.itemCount, by: .items)
    let userRows = RatingRows(
      ratings: split.train, userCount: ml.userCount, itemCount: ml.itemCount, by: .users)
    let mfSettings = try ratingMFSettings(run, ml, tuning)
    let (autoRecRate, epochs) = autoRecSettings(run, ml, tuning)
    try showRatingSettings(run, mf: mfSettings, autoRecRate: autoRecRate, autoRecEpochs: epochs)
    var mfRuns: [[Float]] = []
    var autoRecRuns: [[Float]] = []
    var autoRecCurve: (x: [Double], y: [Double]) = ([], [])
    for s in 0..<seedCount(run) {
      mfRuns.append(ratingMF(run, ml, split, mfSettings, seed: s))
      let (predictions, curve) = autoRec(
        run, "I-AutoRec", rows: itemRows, split: split, learningRate: autoRecRate,
        epochs: epochs, seed: s)
      autoRecRuns.append(predictions)
      if s == 0 { autoRecCurve = curve }
    }
    let (userPredictions, userCurve) = autoRec(
      run, "U-AutoRec", rows: userRows, split: split, learningRate: autoRecRate, epochs: epochs,
      seed: 0)

    // Per-seed RMSE and MAE, and a paired bootstrap over the test ratings of each rating's
    // squared error (averaged over the seeds).
    func squaredErrors(_ p: [Float]) -> [Double] {
      zip(p, targets).map { Double($0 - $1) * Double($0 - $1) }
    }
    let mfSpread = recordSeeds(
      run, "MF/RMSE", mfRuns.map { Metrics.rmse(predictions: $0, targets: targets) })
    let mfMAE = recordSeeds(
      run, "MF/MAE", mfRuns.map { Metrics.mae(predictions: $0, targets: targets) })
    let arSpread = recordSeeds(
      run, "I-AutoRec/RMSE", autoRecRuns.map { Metrics.rmse(predictions: $0, targets: targets) })
    let arMAE = recordSeeds(
      run, "I-AutoRec/MAE", autoRecRuns.map { Metrics.mae(predictions: $0, targets: targets) })
    let userRMSE = Metrics.rmse(predictions: userPredictions, targets: targets)
    let userMAE = Metrics.mae(predictions: userPredictions, targets: targets)
    run.record("U-AutoRec/RMSE", userRMSE)
    run.record("U-AutoRec/MAE", userMAE)
    let mfErrors = meanOverSeeds(mfRuns.map(squaredErrors))
    let versusMF = recordComparison(
      run, "I-AutoRec vs MF",
      PairedTest.bootstrap(meanOverSeeds(autoRecRuns.map(squaredErrors)), mfErrors))
    let userVersusMF = recordComparison(
      run, "U-AutoRec vs MF", PairedTest.bootstrap(squaredErrors(userPredictions), mfErrors))

    let n = seedCount(run)
    var table = MarkdownTable(columns: [
      "model", "seeds", "test RMSE", "test MAE", "squared error vs MF (p)",
    ])
    table.append([
      "global mean", "-", formatted(globalMean, decimals: 4), formatted(globalMAE, decimals: 4),
      "",
    ])
    table.append([
      "MF (biases, \(mfSettings.factors) factors)", "\(n)", "\(mfSpread)", "\(mfMAE)", "",
    ])
    table.append([
      "I-AutoRec", "\(n)", "\(arSpread)", "\(arMAE)",
      "\(versusMF.meanDifference < 0 ? "lower" : "higher") (\(formattedP(versusMF.pValue)))",
    ])
    table.append([
      "U-AutoRec", "1", formatted(userRMSE, decimals: 4), formatted(userMAE, decimals: 4),
      "\(userVersusMF.meanDifference < 0 ? "lower" : "higher") (\(formattedP(userVersusMF.pValue)))",
    ])
    try run.show(
      table, as: "rating-prediction",
      caption:
        "Test RMSE and MAE on the random 90/10 split (predictions clipped to 1...5), mean ± sd over the seeds; p from a paired bootstrap over the test ratings"
    )

    let curves = [
      LineSeries("I-AutoRec (seed 0)", x: autoRecCurve.x, y: autoRecCurve.y, markers: true),
      LineSeries("U-AutoRec", x: userCurve.x, y: userCurve.y, markers: true),
    ]
    let last = Double(epochs)
    let baselines = [
      LineSeries(
        "MF (mean of \(n) seeds)", x: [1, last], y: [mfSpread.mean, mfSpread.mean], dashed: true),
      LineSeries("global mean", x: [1, last], y: [globalMean, globalMean], dashed: true),
    ]
    var chart = Chart.lines(
      curves + baselines, title: "Test RMSE while training (MovieLens-100K, 90/10)",
      xLabel: "epoch", yLabel: "test RMSE")
    chart.yRange = AxisRange(min: 0.85, max: 1.2)
    try run.save(Figure(chart), as: "autorec-training", preview: true)
    return RatingResults(
      split: split, tuning: tuning, autoRecRate: autoRecRate, mfRMSE: mfSpread.mean)
  }

  /// The grids MF's settings are chosen from: every combination is tried.
  static let mfFactorGrid = [20, 40, 80]
  static let mfRateGrid: [Float] = [0.005, 0.01, 0.02]
  static let mfLambdaGrid: [Float] = [0.04, 0.08, 0.16]

  /// A matrix factorisation with `settings`' factors, step and L2 weight.
  func makeRatingMF(_ ml: MovieLens, _ settings: RatingMFSettings, using rng: inout SeededGenerator)
    -> RatingMF
  {
    RatingMF(
      userCount: ml.userCount, itemCount: ml.itemCount, factors: settings.factors,
      learningRate: settings.learningRate, regularization: settings.lambda, using: &rng)
  }

  /// MF's settings: every combination of the grids trained on the validation split's training
  /// part for up to 50 epochs (each from the same generator), scored on its validation
  /// ratings after every epoch; the combination and epoch with the lowest validation RMSE.
  func ratingMFSettings(_ run: ChapterRun, _ ml: MovieLens, _ tuning: RatingSplit) throws
    -> RatingMFSettings
  {
    let maxEpochs = run.isQuick ? 3 : 50
    var best: (settings: RatingMFSettings, rmse: Double, curve: [Double])?
    var table = MarkdownTable(
      columns: ["lr", "lambda"] + Self.mfFactorGrid.map { "\($0) factors" })
    let start = Date()
    for learningRate in Self.mfRateGrid {
      for lambda in Self.mfLambdaGrid {
        var row = ["\(learningRate)", "\(lambda)"]
        for factors in Self.mfFactorGrid {
          var settings = RatingMFSettings(
            factors: factors, learningRate: learningRate, lambda: lambda, epochs: maxEpochs)
          var rng = run.generator("RatingMF validation")
          let mf = makeRatingMF(ml, settings, using: &rng)
          mf.setMean(from: tuning.train)
          var curve: [Double] = []
          // Not `fit`, as below: RatingMF updates plain arrays one rating at a time.
          for _ in 1...maxEpochs {
            mf.trainEpoch(tuning.train, using: &rng)
            curve.append(mf.rmse(on: tuning.test))
          }
          let epoch = curve.indices.min { curve[$0] < curve[$1] }!
          settings.epochs = epoch + 1
          let name = "MF f=\(factors) lr=\(learningRate) lambda=\(lambda)"
          run.record("\(name)/validation RMSE", curve[epoch])
          run.record("\(name)/epochs (validation)", Double(epoch + 1))
          row.append("\(formatted(curve[epoch], decimals: 4)) (\(epoch + 1))")
          if best == nil || curve[epoch] < best!.rmse { best = (settings, curve[epoch], curve) }
        }
        table.append(row)
      }
    }
    run.timing(
      "MF grid, \(table.rows.count * Self.mfFactorGrid.count) settings of \(maxEpochs) epochs",
      seconds: Date().timeIntervalSince(start))
    try run.show(
      table, as: "mf-grid",
      caption:
        "MF's lowest validation RMSE (at epoch) for each setting, trained on the validation split's training part"
    )
    let chosen = best!.settings
    run.recordCurve(
      "MF/validation RMSE by epoch", x: (1...best!.curve.count).map(Double.init), y: best!.curve)
    run.record("MF/epochs (validation)", Double(chosen.epochs))
    run.record("MF/factors (validation)", Double(chosen.factors))
    run.record("MF/learning rate (validation)", Double(chosen.learningRate))
    run.record("MF/lambda (validation)", Double(chosen.lambda))
    run.record("MF/validation RMSE", best!.rmse)
    run.note(
      "MF: lowest validation RMSE \(formatted(best!.rmse, decimals: 4)) with \(chosen.factors) factors, lr = \(chosen.learningRate), lambda = \(chosen.lambda), after \(chosen.epochs) of \(maxEpochs) epochs"
    )
    return chosen
  }

  /// The settings chosen on the validation split, with the grids they were chosen from.
  func showRatingSettings(
    _ run: ChapterRun, mf: RatingMFSettings, autoRecRate: Float, autoRecEpochs: Int
  ) throws {
    func list<T>(_ values: [T]) -> String { values.map { "\($0)" }.joined(separator: ", ") }
    var table = MarkdownTable(columns: ["setting", "grid", "chosen"])
    table.append(["MF factors", list(Self.mfFactorGrid), "\(mf.factors)"])
    table.append(["MF lr", list(Self.mfRateGrid), "\(mf.learningRate)"])
    table.append(["MF lambda", list(Self.mfLambdaGrid), "\(mf.lambda)"])
    table.append(["MF epochs", "1 to \(run.isQuick ? 3 : 50)", "\(mf.epochs)"])
    table.append(["I-AutoRec lr", list(Self.autoRecRates), "\(autoRecRate)"])
    table.append([
      "I-AutoRec epochs", "2 to \(run.epochs(full: 80, quick: 4)), even", "\(autoRecEpochs)",
    ])
    try run.show(
      table, as: "rating-settings",
      caption:
        "The rating models' settings, each chosen by the lowest RMSE on the validation ratings (10% of the training ratings)"
    )
  }

  /// Matrix factorisation with biases and `settings`, trained by SGD for its epochs from seed
  /// `seed`; returns its clipped test predictions. Seed 0 records its test RMSE after each
  /// epoch as a curve.
  func ratingMF(
    _ run: ChapterRun, _ ml: MovieLens, _ split: RatingSplit, _ settings: RatingMFSettings,
    seed: Int
  ) -> [Float] {
    let epochs = settings.epochs
    var rng = run.generator("RatingMF seed \(seed)")
    let mf = makeRatingMF(ml, settings, using: &rng)
    mf.setMean(from: split.train)
    var curve: [Double] = []
    let start = Date()
    // Not `fit`: RatingMF updates its scalars one rating at a time by hand, with no tensor,
    // no loss graph and no optimiser for `fit` to step.
    for _ in 1...epochs {
      mf.trainEpoch(split.train, using: &rng)
      if seed == 0 { curve.append(mf.rmse(on: split.test)) }
    }
    run.timing("MF seed \(seed), \(epochs) epochs", seconds: Date().timeIntervalSince(start))
    if seed == 0 {
      run.recordCurve("MF/test RMSE by epoch", x: (1...curve.count).map(Double.init), y: curve)
    }
    return split.test.map { min(max(mf.predict(user: $0.user, item: $0.item), 1), 5) }
  }

  /// I-AutoRec's learning rate and number of epochs: for each rate of `autoRecRates`, a model
  /// trained on the validation split's training part for up to 80 epochs (each from the same
  /// generator), scored on its validation ratings every second epoch; the rate and even epoch
  /// with the lowest validation RMSE.
  func autoRecSettings(_ run: ChapterRun, _ ml: MovieLens, _ tuning: RatingSplit)
    -> (learningRate: Float, epochs: Int)
  {
    let maxEpochs = run.epochs(full: 80, quick: 4)
    let rows = RatingRows(
      ratings: tuning.train, userCount: ml.userCount, itemCount: ml.itemCount, by: .items)
    var best: (rate: Float, epochs: Int, rmse: Double, curve: (x: [Double], y: [Double]))?
    let start = Date()
    for rate in Self.autoRecRates {
      var rng = run.generator("I-AutoRec validation")
      let model = AutoRec(inputSize: rows.columnCount, hiddenSize: Self.autoRecHidden, using: &rng)
      let history = fitAutoRec(
        run, "I-AutoRec lr=\(rate) (validation)", model, rows: rows, l2: Self.autoRecL2,
        learningRate: rate, epochs: maxEpochs, using: &rng,
        evaluate: { epoch in
          guard epoch % 2 == 0 || epoch == maxEpochs else { return [:] }
          return ["validation RMSE": model.rmse(on: tuning.test, from: rows)]
        })
      let curve = measured("validation RMSE", in: history)
      let index = curve.y.indices.min { curve.y[$0] < curve.y[$1] }!
      let name = "I-AutoRec lr=\(rate)"
      run.recordCurve("\(name)/validation RMSE by epoch", x: curve.x, y: curve.y)
      run.record("\(name)/validation RMSE", curve.y[index])
      run.record("\(name)/epochs (validation)", curve.x[index])
      run.note(
        "\(name): lowest validation RMSE \(formatted(curve.y[index], decimals: 4)) after \(Int(curve.x[index])) of \(maxEpochs) epochs"
      )
      if best == nil || curve.y[index] < best!.rmse {
        best = (rate, Int(curve.x[index]), curve.y[index], curve)
      }
    }
    run.timing(
      "I-AutoRec validation runs, \(Self.autoRecRates.count) rates of \(maxEpochs) epochs",
      seconds: Date().timeIntervalSince(start))
    let chosen = best!
    run.recordCurve("I-AutoRec/validation RMSE by epoch", x: chosen.curve.x, y: chosen.curve.y)
    run.record("I-AutoRec/epochs (validation)", Double(chosen.epochs))
    run.record("I-AutoRec/learning rate (validation)", Double(chosen.rate))
    run.record("I-AutoRec/validation RMSE", chosen.rmse)
    run.note(
      "I-AutoRec: lr = \(chosen.rate), \(chosen.epochs) epochs (lowest validation RMSE)")
    return (chosen.rate, chosen.epochs)
  }

  /// Trains an AutoRec on `rows` with the book's hyper-parameters and Adam's `learningRate`
  /// from seed `seed`; seed 0
  /// measures the test RMSE every second epoch and after the last (a curve for the figure,
  /// never used to choose anything) and records its curves. Returns the clipped test
  /// predictions and that curve.
  func autoRec(
    _ run: ChapterRun, _ name: String, rows: RatingRows, split: RatingSplit,
    learningRate: Float, epochs: Int, seed: Int
  ) -> (predictions: [Float], testRMSE: (x: [Double], y: [Double])) {
    var rng = run.generator("\(name) seed \(seed)")
    let model = AutoRec(inputSize: rows.columnCount, hiddenSize: Self.autoRecHidden, using: &rng)
    let start = Date()
    let history = fitAutoRec(
      run, "\(name) seed \(seed)", model, rows: rows, l2: Self.autoRecL2,
      learningRate: learningRate, epochs: epochs, using: &rng,
      evaluate: { epoch in
        guard seed == 0, epoch % 2 == 0 || epoch == epochs else { return [:] }
        return ["test RMSE": model.rmse(on: split.test, from: rows)]
      },
      summary: { epochLine(name, $0) })
    run.timing("\(name) seed \(seed), \(epochs) epochs", seconds: Date().timeIntervalSince(start))
    let testRMSE = measured("test RMSE", in: history)
    if seed == 0 {
      let cold = split.test.filter { r in
        let (row, column) = rows.position(user: r.user, item: r.item)
        return rows.rowCounts[row] == 0 || rows.columnCounts[column] == 0
      }.count
      run.record("\(name)/cold test ratings", Double(cold))
      run.recordCurve("\(name)/test RMSE by epoch", x: testRMSE.x, y: testRMSE.y)
      run.recordCurve(
        "\(name)/training loss by epoch", x: history.map { Double($0.epoch) },
        y: history.map(\.loss))
    }
    return (model.predict(split.test, from: rows), testRMSE)
  }
}

// MARK: - Hidden size and regularisation

extension Chapter5 {
  /// I-AutoRec's validation RMSE as the code widens (lambda fixed), then as the L2 weight
  /// grows (k fixed), each model trained on the validation split's training part for the
  /// same number of epochs, with the learning rate chosen on it.
  func hiddenSizeAndRegularisation(_ run: ChapterRun, _ ml: MovieLens, _ rating: RatingResults)
    throws
  {
    run.section("Hidden size and regularisation")
    let rows = RatingRows(
      ratings: rating.tuning.train, userCount: ml.userCount, itemCount: ml.itemCount, by: .items)
    let validation = rating.tuning.test
    let epochs = run.isQuick ? 2 : 25
    let hiddenSizes = run.isQuick ? [20, 100] : [25, 100, 250, 500, 750]
    let l2s: [Float] = run.isQuick ? [0.001, 0.01] : [0.0001, 0.001, 0.003, 0.01, 0.03]
    /// An I-AutoRec of `hidden` units with L2 weight `l2`, trained from generator `seed`.
    func validationRMSE(_ name: String, seed: String, hidden: Int, l2: Float) -> Double {
      var rng = run.generator(seed)
      let model = AutoRec(inputSize: rows.columnCount, hiddenSize: hidden, using: &rng)
      fitAutoRec(
        run, name, model, rows: rows, l2: l2, learningRate: rating.autoRecRate, epochs: epochs,
        using: &rng)
      let rmse = model.rmse(on: validation, from: rows)
      run.record("\(name)/validation RMSE", rmse)
      return rmse
    }

    var table = MarkdownTable(columns: ["hidden units", "lambda", "validation RMSE"])
    var hiddenRMSE: [Double] = []
    let start = Date()
    for hidden in hiddenSizes {
      hiddenRMSE.append(
        validationRMSE(
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
        validationRMSE(
          "I-AutoRec lambda=\(l2)", seed: "lambda \(l2)", hidden: Self.autoRecHidden, l2: l2))
      table.append(["\(Self.autoRecHidden)", "\(l2)", formatted(l2RMSE.last!, decimals: 4)])
    }
    run.timing(
      "the two sweeps, \(epochs) epochs per model", seconds: Date().timeIntervalSince(start))
    try run.show(
      table, as: "autorec-sweeps",
      caption:
        "I-AutoRec's validation RMSE after \(epochs) epochs (trained without the validation ratings)"
    )
    run.recordCurve(
      "I-AutoRec/validation RMSE by hidden size", x: hiddenSizes.map(Double.init), y: hiddenRMSE)
    run.recordCurve("I-AutoRec/validation RMSE by lambda", x: l2s.map(Double.init), y: l2RMSE)
    try run.save(
      capacityFigure(
        hiddenSizes: hiddenSizes, hiddenRMSE: hiddenRMSE, l2s: l2s, l2RMSE: l2RMSE, epochs: epochs),
      as: "autorec-capacity")
  }

  /// The two sweeps side by side.
  func capacityFigure(
    hiddenSizes: [Int], hiddenRMSE: [Double], l2s: [Float], l2RMSE: [Double], epochs: Int
  ) -> Figure {
    let hiddenX = hiddenSizes.map(Double.init)
    var hiddenChart = Chart.lines(
      [LineSeries("I-AutoRec", x: hiddenX, y: hiddenRMSE, markers: true)],
      title: "Hidden units k (lambda = \(Self.autoRecL2))", xLabel: "hidden units k",
      yLabel: "validation RMSE")
    hiddenChart.xLogScale = true
    let l2X = l2s.map { Elementary.log10(Double($0)) }
    var l2Chart = Chart.lines(
      [LineSeries("I-AutoRec", x: l2X, y: l2RMSE, markers: true)],
      title: "L2 weight lambda (k = \(Self.autoRecHidden))", xLabel: "log10(lambda)",
      yLabel: "validation RMSE")
    l2Chart.legend = .topLeft
    return Figure(
      title: "I-AutoRec after \(epochs) epochs, on the validation split",
      panels: [hiddenChart, l2Chart], columns: 2)
  }
}

// MARK: - Denoising autoencoders for top-N recommendation

/// Implicit feedback split per user, 80/20, as interaction matrices; and, for choosing
/// settings, each user's training items split again 80/20 into `fit` and `validation`.
struct ImplicitData {
  var train: InteractionMatrix
  var test: InteractionMatrix
  var fit: InteractionMatrix
  var validation: InteractionMatrix
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
    let tuning = RatingSplit.perUser(
      split.train, userCount: ml.userCount, testFraction: 0.2,
      seed: run.options.seed ^ 0x7661_6C69_6461_7465)
    func matrix(_ ratings: [Rating]) -> InteractionMatrix {
      InteractionMatrix(ratings: ratings, userCount: ml.userCount, itemCount: ml.itemCount)
    }
    let (train, test) = (matrix(split.train), matrix(split.test))
    run.note(
      "per-user 80/20 split: \(train.interactionCount) training and \(test.interactionCount) test interactions"
    )
    return ImplicitData(
      train: train, test: test, fit: matrix(tuning.train), validation: matrix(tuning.test),
      userCount: ml.userCount, itemCount: ml.itemCount)
  }

  /// Trains an implicit-feedback autoencoder on `train` by `run.fit`: Adam (lr = 0.001), the
  /// users who have training items shuffled into batches of 128 each epoch, measuring NDCG@10
  /// under full ranking against `test` every `evaluateEvery` epochs and after the last (never,
  /// when `evaluateEvery` is nil).
  @discardableResult
  func fitImplicit(
    _ run: ChapterRun, _ name: String, _ model: some ImplicitAutoencoder,
    train: InteractionMatrix, test: InteractionMatrix, epochs: Int, evaluateEvery: Int?,
    using rng: inout SeededGenerator
  ) -> [EpochRecord] {
    run.fit(
      name, epochs: epochs, optimizers: [Adam(model.parameters, learningRate: 0.001)],
      batches: { _ in model.epochBatches(train, batchSize: Self.topNBatch, using: &rng) },
      loss: { model.loss(train, users: $0) },
      evaluate: { epoch in
        guard let every = evaluateEvery, epoch % every == 0 || epoch == epochs else { return [:] }
        return ["NDCG@10": model.evaluate(train: train, test: test).ndcg(at: 10)]
      },
      summary: { epochLine(name, $0) })
  }
}

// MARK: - Top-N results under full ranking

/// Liang et al.'s Recall@K: the hits in the top K over min(K, R), so that a perfect list
/// scores 1 even when the user has more than K relevant items.
func cappedRecall(ranks: [Int], relevantCount: Int, k: Int) -> Double {
  guard relevantCount > 0 else { return 0 }
  return Double(ranks.filter { $0 <= k }.count) / Double(min(k, relevantCount))
}

/// The per-user metrics the top-N table reports, by name.
extension Chapter5 {
  static let topNMetrics:
    [(name: String, perUser: @Sendable (_ ranks: [Int], _ relevant: Int) -> Double)] = [
      ("NDCG@10", { Metrics.ndcg(ranks: $0, relevantCount: $1, k: 10) }),
      ("Recall@10", { Metrics.recall(ranks: $0, relevantCount: $1, k: 10) }),
      ("Precision@10", { r, _ in Metrics.precision(ranks: r, k: 10) }),
      ("MAP@10", { Metrics.averagePrecision(ranks: $0, relevantCount: $1, k: 10) }),
      ("HR@10", { r, _ in Metrics.hitRate(ranks: r, k: 10) }),
      ("NDCG@100", { Metrics.ndcg(ranks: $0, relevantCount: $1, k: 100) }),
      ("Recall@20", { Metrics.recall(ranks: $0, relevantCount: $1, k: 20) }),
      ("Recall@50", { Metrics.recall(ranks: $0, relevantCount: $1, k: 50) }),
      ("Recall@20 (min(K,R))", { cappedRecall(ranks: $0, relevantCount: $1, k: 20) }),
      ("Recall@50 (min(K,R))", { cappedRecall(ranks: $0, relevantCount: $1, k: 50) }),
    ]
}

extension Chapter5 {
  /// ItemPop and Chapter 3's NeuMF against the three autoencoders, every unseen item a
  /// candidate, each trained model over several seeds.
  func topNUnderFullRanking(_ run: ChapterRun, _ data: ImplicitData) throws {
    run.section("Top-N results under full ranking")
    let full = FullRankingProtocol(train: data.train, test: data.test)
    let seeds = seedCount(run)
    var results: [(name: String, runs: [RankingResult])] = []
    results.append(("ItemPop", [ItemPop(train: data.train).evaluate(full)]))
    var start = Date()
    let neuMFEpochs = run.isQuick ? 1 : 10
    results.append(
      (
        "NeuMF",
        (0..<seeds).map { s in neuMF(run, data, epochs: neuMFEpochs, seed: s).evaluate(full) }
      ))
    run.timing(
      "NeuMF, \(seeds) seeds of \(neuMFEpochs) epochs and their evaluations",
      seconds: Date().timeIntervalSince(start))

    // The autoencoders, each seed from its own generator, trained and ranked the same way;
    // seed 0 also measures NDCG@10 every second epoch for the figure.
    let epochs = run.epochs(full: 40, quick: 3)
    var histories: [(String, [EpochRecord])] = []
    func train(_ name: String, _ make: (inout SeededGenerator) -> some ImplicitAutoencoder) {
      start = Date()
      var runs: [RankingResult] = []
      for s in 0..<seeds {
        var rng = run.generator("\(name) seed \(s)")
        let model = make(&rng)
        let history = fitImplicit(
          run, "\(name) seed \(s)", model, train: data.train, test: data.test, epochs: epochs,
          evaluateEvery: s == 0 ? 2 : nil, using: &rng)
        if s == 0 { histories.append((name, history)) }
        runs.append(model.evaluate(train: data.train, test: data.test))
      }
      run.timing(
        "\(name), \(seeds) seeds of \(epochs) epochs", seconds: Date().timeIntervalSince(start))
      results.append((name, runs))
    }
    train("Mult-DAE") {
      MultDAE(itemCount: data.itemCount, hiddenSizes: [600, 200], dropout: 0.5, using: &$0)
    }
    train("CDAE") {
      CDAE(
        userCount: data.userCount, itemCount: data.itemCount, hiddenSize: 200, corruption: 0.5,
        using: &$0)
    }
    let steps = epochs * ((data.train.userCount + Self.topNBatch - 1) / Self.topNBatch)
    train("Mult-VAE") {
      MultVAE(
        itemCount: data.itemCount, hiddenSize: 600, latentSize: 200, dropout: 0.5,
        annealSteps: steps, betaCap: 0.2, using: &$0)
    }

    // Each metric per seed, and the per-user NDCG@10 averaged over seeds for the paired tests.
    var perUserNDCG: [String: [Double]] = [:]
    var spreads: [String: [String: SeedSpread]] = [:]
    for (name, runs) in results {
      for (metric, perUser) in Self.topNMetrics {
        spreads[name, default: [:]][metric] = recordSeeds(
          run, "\(name)/\(metric)", runs.map { r in meanOfPerUser(r.perUser(perUser)) })
      }
      perUserNDCG[name] = meanOverSeeds(runs.map { $0.perUser(Self.topNMetrics[0].perUser) })
    }
    var versusNeuMF: [String: PairedComparison] = [:]
    for name in ["ItemPop", "Mult-DAE", "CDAE", "Mult-VAE"] {
      versusNeuMF[name] = recordComparison(
        run, "\(name) vs NeuMF", PairedTest.bootstrap(perUserNDCG[name]!, perUserNDCG["NeuMF"]!))
    }
    recordComparison(
      run, "Mult-VAE vs Mult-DAE",
      PairedTest.bootstrap(perUserNDCG["Mult-VAE"]!, perUserNDCG["Mult-DAE"]!))
    recordComparison(
      run, "Mult-DAE vs CDAE",
      PairedTest.bootstrap(perUserNDCG["Mult-DAE"]!, perUserNDCG["CDAE"]!))

    var table = MarkdownTable(columns: [
      "model", "seeds", "NDCG@10", "Recall@10", "HR@10", "NDCG@10 vs NeuMF (p)",
    ])
    var liang = MarkdownTable(columns: [
      "model", "NDCG@100", "Recall@20", "Recall@20 (min(K,R))", "Recall@50",
      "Recall@50 (min(K,R))", "Precision@10", "MAP@10",
    ])
    for (name, runs) in results {
      let s = spreads[name]!
      let versus = versusNeuMF[name].map {
        "\($0.meanDifference > 0 ? "higher" : "lower") (\(formattedP($0.pValue)))"
      }
      table.append(
        [name, "\(runs.count)"] + ["NDCG@10", "Recall@10", "HR@10"].map { "\(s[$0]!)" }
          + [versus ?? ""])
      liang.append(
        [name]
          + [
            "NDCG@100", "Recall@20", "Recall@20 (min(K,R))", "Recall@50", "Recall@50 (min(K,R))",
            "Precision@10", "MAP@10",
          ].map { formatted(s[$0]!.mean, decimals: 4) })
    }
    try run.show(
      table, as: "top-n",
      caption:
        "Full ranking on the per-user 80/20 split (every unseen item is a candidate): mean ± sd over the seeds; p from a paired bootstrap over users of NDCG@10 (averaged over the seeds)"
    )
    try run.show(
      liang, as: "top-n-more",
      caption: "The same runs (means over the seeds), with Liang et al.'s headline metrics")

    for (name, history) in histories {
      let ndcg = measured("NDCG@10", in: history)
      run.recordCurve("\(name)/NDCG@10 by epoch", x: ndcg.x, y: ndcg.y)
      run.recordCurve(
        "\(name)/training loss by epoch", x: history.map { Double($0.epoch) },
        y: history.map(\.loss))
    }
    // CDAE's loss (binary cross-entropy per entry) is on another scale than the multinomial two.
    let losses = histories.filter { $0.0 != "CDAE" }
    try run.save(
      topNFigure(run, histories, losses: losses, epochs: epochs), as: "topn-training")
    try run.save(seedFigure(run, results.map(\.name)), as: "seeds")
  }

  /// Every seed's test RMSE (rating models) and NDCG@10 (top-N models), one column of points
  /// per model: the spread the ± in the tables summarises.
  func seedFigure(_ run: ChapterRun, _ topN: [String]) -> Figure {
    func panel(_ names: [String], _ metric: String, _ title: String) -> Chart {
      let series = names.enumerated().map { i, name in
        let values = (0..<seedCount(run)).compactMap {
          run.results.metrics["\(name)/\(metric) seed \($0)"]
        }
        return ScatterSeries(
          name, x: values.map { _ in Double(i + 1) }, y: values)
      }
      var chart = Chart.scatter(series, title: title, xLabel: "model", yLabel: metric)
      chart.xRange = AxisRange(min: 0.5, max: Double(names.count) + 0.5)
      chart.legend = .outsideBelow
      return chart
    }
    return Figure(
      title: "One point per training seed",
      panels: [
        panel(["MF", "I-AutoRec"], "RMSE", "Test RMSE (lower is better)"),
        panel(topN, "NDCG@10", "NDCG@10 under full ranking"),
      ], columns: 2)
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
      title: "NDCG@10 under full ranking (seed 0)", xLabel: "epoch", yLabel: "NDCG@10")
    ndcgChart.legend = .outsideBelow
    var lossChart = Chart.lines(
      losses.map { LineSeries($0.0, y: $0.1.map(\.loss)) },
      title: "Training loss per user (seed 0)", xLabel: "epoch",
      yLabel: "multinomial NLL (+ beta KL)")
    lossChart.legend = .outsideBelow
    return Figure(
      title: "Autoencoders on implicit MovieLens-100K", panels: [ndcgChart, lossChart], columns: 2)
  }

  /// Chapter 3's NeuMF, trained the NCF way (4 sampled negatives per positive) by `run.fit`.
  func neuMF(_ run: ChapterRun, _ data: ImplicitData, epochs: Int, seed: Int) -> NeuMF {
    var rng = run.generator("NeuMF seed \(seed)")
    let model = NeuMF(
      userCount: data.userCount, itemCount: data.itemCount, factors: 8, hiddenLayers: 3,
      using: &rng)
    let trainer = PointwiseTrainer(
      model: model, train: data.train, optimizer: Adam(model.parameters, learningRate: 0.001))
    run.fit(
      "NeuMF seed \(seed)", epochs: epochs, optimizers: [trainer.optimizer],
      batches: { _ in trainer.epochBatches(using: &rng) }, loss: trainer.loss,
      weight: { Double($0.count) })
    return model
  }
}

/// The mean of per-user values, summed in user order.
func meanOfPerUser(_ values: [Double]) -> Double {
  values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
}

/// ItemPop's NDCG@10 (recorded above) as a dashed line from `x0` to `x1`.
func popLine(_ run: ChapterRun, from x0: Double, to x1: Double) -> LineSeries {
  let ndcg = run.results.metrics["ItemPop/NDCG@10"]!
  return LineSeries("ItemPop", x: [x0, x1], y: [ndcg, ndcg], dashed: true)
}

// MARK: - How much corruption?

extension Chapter5 {
  /// Mult-DAE trained at several input dropout rates on the validation split's training
  /// part, ranked on its validation items after the same epochs.
  func corruptionLevel(_ run: ChapterRun, _ data: ImplicitData) throws {
    run.section("How much corruption?")
    let epochs = run.isQuick ? 2 : 25
    let rates: [Float] = run.isQuick ? [0, 0.5] : [0, 0.25, 0.5, 0.75, 0.9]
    var ndcgs: [Double] = []
    var table = MarkdownTable(columns: [
      "dropout rate", "validation NDCG@10", "validation Recall@10",
    ])
    let start = Date()
    for rate in rates {
      var rng = run.generator("corruption \(rate)")
      let dae = MultDAE(
        itemCount: data.itemCount, hiddenSizes: [600, 200], dropout: rate, using: &rng)
      fitImplicit(
        run, "Mult-DAE p=\(rate)", dae, train: data.fit, test: data.validation, epochs: epochs,
        evaluateEvery: nil, using: &rng)
      let result = dae.evaluate(train: data.fit, test: data.validation)
      ndcgs.append(result.ndcg(at: 10))
      run.record("Mult-DAE p=\(rate)/validation NDCG@10", result.ndcg(at: 10))
      run.record("Mult-DAE p=\(rate)/validation Recall@10", result.recall(at: 10))
      table.append([
        "\(rate)", formatted(result.ndcg(at: 10), decimals: 4),
        formatted(result.recall(at: 10), decimals: 4),
      ])
    }
    run.timing(
      "corruption sweep, \(epochs) epochs per model", seconds: Date().timeIntervalSince(start))
    try run.show(
      table, as: "corruption",
      caption: "Mult-DAE after \(epochs) epochs, by input dropout rate, on the validation split")
    let x = rates.map(Double.init)
    run.recordCurve("Mult-DAE/validation NDCG@10 by dropout rate", x: x, y: ndcgs)
    var chart = Chart.lines(
      [LineSeries("Mult-DAE", x: x, y: ndcgs, markers: true)],
      title: "Mult-DAE: input dropout rate (\(epochs) epochs, validation split)",
      xLabel: "dropout rate p", yLabel: "validation NDCG@10")
    chart.legend = .outsideBelow
    try run.save(Figure(chart), as: "corruption")
  }
}

Chapter5.main()
