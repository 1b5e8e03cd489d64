// The paper's Tables 2, 3 and 4 on its own MovieLens-1M files: `chapter-3 --ml-1m --tables`.
//
// The tables are 36 trainings (9 per factor size), from minutes at 8 factors to about two
// hours for the 64-factor MLP-4. Each training is a "cell" of the tables and depends on nothing
// but its configuration (its generator comes from its label), so the run
//
// - saves every finished cell to a folder (a checkpoint: a stopped run starts again where
//   it stopped, and reuses what it finds, saying so), and
// - with `--table-jobs N`, trains N groups of cells at once, each in a child process of
//   this program (one thread each), then assembles the tables from the saved cells.
//
// A cell is the same numbers whichever process trains it and in whichever order: the
// assembled results.json is byte-identical for any `--table-jobs` (a test holds it).

import Foundation
import ModernRecSys

// MARK: - Cells and the groups a process trains

/// One training of the tables: a model at some predictive factors, evaluated after its last
/// epoch and at its best; with the fingerprint of the run that trained it, and its processor
/// time.
struct TableCell: Codable, Equatable {
  var factors: Int
  /// "GMF", "NeuMF", "NeuMF (pretrained)" or "MLP-0" to "MLP-4".
  var model: String
  /// After the last epoch: the book's way of reporting.
  var hitRate: Double
  var ndcg: Double
  /// At the epoch of the highest HR@10 on the test users (the first, on a tie), with that
  /// epoch's NDCG@10: the paper's way (its code keeps `best_hr` and prints "End. Best
  /// Iteration"), which chooses the epoch on the numbers it reports.
  var bestEpoch: Int
  var bestHitRate: Double
  var bestNDCG: Double
  /// A pretrained NeuMF's HR@10 and NDCG@10 before its first fine-tuning step (epoch 0): the
  /// paper's NeuMF.py evaluates it ("Init") and starts `best_hr` from it, so it is one of the
  /// epochs the best is chosen from. Nil for the models trained from scratch.
  var startHitRate: Double?
  var startNDCG: Double?
  var cpuSeconds: Double
  /// The settings a cell's numbers depend on (mode, seed, epochs, the data's size): a cell
  /// saved by another kind of run is not reused.
  var fingerprint: String
}

/// What one process trains at once: GMF and MLP-3 must be trained in the process that
/// pretrains NeuMF from them; every other cell stands alone.
enum TableGroup: String, CaseIterable {
  case pretrained, neumf
  case mlp0 = "mlp-0"
  case mlp1 = "mlp-1"
  case mlp2 = "mlp-2"
  case mlp4 = "mlp-4"

  /// The cells the group trains (and saves).
  var cells: [String] {
    switch self {
    case .pretrained: ["GMF", "MLP-3", "NeuMF (pretrained)", "NeuMF (pretrained, Adam)"]
    case .neumf: ["NeuMF"]
    case .mlp0: ["MLP-0"]
    case .mlp1: ["MLP-1"]
    case .mlp2: ["MLP-2"]
    case .mlp4: ["MLP-4"]
    }
  }

  /// The hidden layers of the one MLP the group trains (nil for the NeuMF groups).
  var hiddenLayers: Int? {
    switch self {
    case .pretrained, .neumf: nil
    case .mlp0: 0
    case .mlp1: 1
    case .mlp2: 2
    case .mlp4: 4
    }
  }

  /// Multiply-adds per training instance, roughly: the MLP tower's products (its first layer
  /// takes 2^L f inputs, each layer halves them) plus the embedding rows; enough to start the
  /// longest groups first.
  func cost(factors f: Int) -> Double {
    func mlp(_ layers: Int) -> Double {
      let f = Double(f)
      // Powers of two as shifts: no platform `pow` in a chapter (PlatformMathTests).
      var sum = f * Double(1 << layers)
      for l in 0..<layers { sum += f * f * Double(1 << (2 * (layers - l) - 1)) }
      return sum
    }
    switch self {
    case .pretrained: return 2 * (Double(f) + mlp(3))
    case .neumf: return Double(f) + mlp(3)
    case .mlp0, .mlp1, .mlp2, .mlp4: return mlp(hiddenLayers!)
    }
  }

  /// The groups to train for `factors`, longest first (a greedy schedule's best order).
  static func schedule(_ work: [(factors: Int, group: TableGroup)]) -> [(
    factors: Int, group: TableGroup
  )] {
    work.enumerated().sorted { a, b in
      let (ca, cb) = (
        a.element.group.cost(factors: a.element.factors),
        b.element.group.cost(factors: b.element.factors)
      )
      return ca != cb ? ca > cb : a.offset < b.offset
    }.map(\.element)
  }
}

/// The folder of saved cells: one JSON file per cell, written atomically, and the logs of
/// the child processes.
struct TableCellStore {
  let directory: URL
  let fingerprint: String

  func url(factors: Int, model: String) -> URL {
    let name = model.lowercased().replacingOccurrences(of: " ", with: "-")
      .filter { $0.isLetter || $0.isNumber || $0 == "-" }
    return directory.appendingPathComponent("f\(factors)-\(name).json")
  }

  /// The saved cell, or nil when there is none or it came from another kind of run.
  func load(factors: Int, model: String) -> TableCell? {
    guard let data = try? Data(contentsOf: url(factors: factors, model: model)),
      let cell = try? JSONDecoder().decode(TableCell.self, from: data),
      cell.fingerprint == fingerprint, cell.factors == factors, cell.model == model
    else { return nil }
    return cell
  }

  func save(_ cell: TableCell) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try writeAtomically(
      encoder.encode(cell), to: url(factors: cell.factors, model: cell.model))
  }
}

// MARK: - The run

extension Chapter3 {
  /// The folder of saved cells: beside the committed tables' scratch folder for the book's
  /// run (never in Figures/), inside the output folder for any other.
  func tableCellStore(_ run: ChapterRun, _ experiment: Experiment) -> TableCellStore {
    let committed = CompanionRuns.committedFolder(chapter: 3, name: "ml-1m-tables")
    let isBooks =
      run.outputDirectory.standardizedFileURL.path
      == URL(fileURLWithPath: committed).standardizedFileURL.path
    let directory =
      isBooks
      ? URL(
        fileURLWithPath: CompanionRuns.scratchFolder(chapter: 3, name: "ml-1m-tables") + ".cells")
      : run.outputDirectory.appendingPathComponent("cells")
    let data = experiment.data
    let fingerprint =
      "\(run.isQuick ? "quick" : "full") seed \(run.options.seed) epochs \(experiment.epochs) "
      + "users \(data.userCount) items \(data.itemCount) pairs \(data.train.interactionCount) "
      + "\(experiment.sparseAdam ? "lazy" : "dense") Adam"
    return TableCellStore(directory: directory, fingerprint: fingerprint)
  }

  /// Trains one group at `factors` in this process and saves its cells.
  func trainTableGroup(
    _ group: TableGroup, factors f: Int, _ experiment: Experiment, into store: TableCellStore
  ) throws {
    let epochs = experiment.epochs
    func save(
      _ model: String, _ history: [PointwiseTrainer.EpochRecord], start: RankingResult? = nil,
      since cpu: Double
    ) throws {
      let last = history.last!
      let epoch0 = start.map {
        PointwiseTrainer.EpochRecord(
          epoch: 0, loss: .nan, hitRate: $0.hitRate(at: 10), ndcg: $0.ndcg(at: 10))
      }
      let candidates = (epoch0.map { [$0] } ?? []) + history
      var best = candidates[0]
      for record in candidates.dropFirst() where record.hitRate > best.hitRate { best = record }
      try store.save(
        TableCell(
          factors: f, model: model, hitRate: last.hitRate, ndcg: last.ndcg, bestEpoch: best.epoch,
          bestHitRate: best.hitRate, bestNDCG: best.ndcg, startHitRate: epoch0?.hitRate,
          startNDCG: epoch0?.ndcg, cpuSeconds: processCPUSeconds() - cpu,
          fingerprint: store.fingerprint))
    }
    var cpu = processCPUSeconds()
    switch group {
    case .pretrained:
      let gmf = experiment.train(
        .init(model: .gmf, factors: f), epochs: epochs, everyEpoch: true, model: experiment.gmf)
      try save("GMF", gmf.run.history, since: cpu)
      cpu = processCPUSeconds()
      let mlp = experiment.train(
        .init(model: .mlp, factors: f), epochs: epochs, everyEpoch: true, model: experiment.mlp)
      try save("MLP-3", mlp.run.history, since: cpu)
      cpu = processCPUSeconds()
      var start: RankingResult?
      let pretrained = experiment.pretrainedNeuMF(gmf: gmf.model, mlp: mlp.model, seed: 0) {
        start = $0
      }
      try save("NeuMF (pretrained)", pretrained.history, start: start, since: cpu)
      // The same GMF and MLP fine-tuned the authors' way (NeuMF copies their weights, so the
      // first fine-tuning left them as they were).
      cpu = processCPUSeconds()
      let withAdam = experiment.pretrainedNeuMF(
        gmf: gmf.model, mlp: mlp.model, seed: 0, withAdam: true
      ) { start = $0 }
      try save("NeuMF (pretrained, Adam)", withAdam.history, start: start, since: cpu)
    case .neumf:
      let neumf = experiment.train(
        .init(model: .neumf, factors: f), epochs: epochs, everyEpoch: true, model: experiment.neumf)
      try save("NeuMF", neumf.run.history, since: cpu)
    case .mlp0, .mlp1, .mlp2, .mlp4:
      let layers = group.hiddenLayers!
      let mlp = experiment.train(
        .init(model: .mlp, factors: f, hiddenLayers: layers), epochs: epochs, everyEpoch: true,
        model: experiment.mlp)
      try save("MLP-\(layers)", mlp.run.history, since: cpu)
    }
  }

  /// The paper's Table 2 (NeuMF with and without pretraining) and Tables 3–4 (MLP-0 to
  /// MLP-4) at each of `factors`, ours beside theirs, one training seed, the main models'
  /// epochs, each at its last epoch and at its best (the `best-epoch` table): trains the
  /// cells not yet saved (`jobs` groups at a time), then assembles the tables from them.
  func papersTables(_ run: ChapterRun, _ experiment: Experiment, factors: [Int], jobs: Int)
    throws
  {
    let store = tableCellStore(run, experiment)
    let all = factors.flatMap { f in TableGroup.allCases.map { (factors: f, group: $0) } }
    let missing = all.filter { work in
      work.group.cells.contains { store.load(factors: work.factors, model: $0) == nil }
    }
    let reused = all.count - missing.count
    if reused > 0 {
      run.note(
        "reusing \(reused) of \(all.count) groups of cells saved in \(store.directory.path) (delete it to train them again)"
      )
    }
    if jobs > 1 && missing.count > 1 {
      try trainInChildProcesses(TableGroup.schedule(missing), jobs: jobs, run, store)
    } else {
      for work in missing {
        run.note("factors \(work.factors): training \(work.group.cells.joined(separator: ", "))")
        try trainTableGroup(work.group, factors: work.factors, experiment, into: store)
      }
    }
    try assembleTables(run, store, factors: factors)
  }

  /// Trains each group in a child process (this program with `--table-group F:GROUP`), `jobs`
  /// at a time, longest first; each child's output goes to a log beside the cells.
  func trainInChildProcesses(
    _ work: [(factors: Int, group: TableGroup)], jobs: Int, _ run: ChapterRun,
    _ store: TableCellStore
  ) throws {
    try FileManager.default.createDirectory(at: store.directory, withIntermediateDirectories: true)
    let executable =
      Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    var shared = ["--ml-1m", "--tables", "--out", run.outputDirectory.path]
    if options.quick { shared.append("--quick") }
    if let epochs = options.epochs { shared += ["--epochs", "\(epochs)"] }
    shared += ["--seed", "\(options.seed)"]
    if let data = options.data { shared += ["--data", data] }
    var queue = work[...]
    var running: [(process: Process, label: String, log: URL)] = []
    var failures: [String] = []
    let progress = run.progress("groups of cells", total: work.count)
    run.note("training \(work.count) groups of cells, \(jobs) at a time, in child processes")
    while !queue.isEmpty || !running.isEmpty {
      while running.count < jobs, let next = queue.popFirst() {
        let label = "f\(next.factors)-\(next.group.rawValue)"
        let log = store.directory.appendingPathComponent("\(label).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = executable
        process.arguments = shared + ["--table-group", "\(next.factors):\(next.group.rawValue)"]
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        running.append((process, label, log))
      }
      Thread.sleep(forTimeInterval: 0.2)
      for (index, child) in running.enumerated().reversed() where !child.process.isRunning {
        running.remove(at: index)
        progress.advance()
        if child.process.terminationStatus != 0 {
          failures.append(
            "\(child.label) (exit \(child.process.terminationStatus); its log: \(child.log.path))")
        }
      }
    }
    progress.finish()
    if !failures.isEmpty {
      throw ChapterError(
        "the tables run could not train \(failures.joined(separator: ", ")); the cells that finished are saved in \(store.directory.path), and running again trains only the others"
      )
    }
  }

  /// Tables 2–4, the best-epoch table and their metrics, from the saved cells.
  func assembleTables(_ run: ChapterRun, _ store: TableCellStore, factors: [Int]) throws {
    var table2 = MarkdownTable(columns: [
      "factors", "without: HR@10", "(paper)", "NDCG@10", "(paper)", "with: HR@10", "(paper)",
      "NDCG@10", "(paper)", "with, Adam: HR@10", "NDCG@10",
    ])
    var table3 = MarkdownTable(columns: ["factors"] + (0...4).map { "MLP-\($0)" })
    var table4 = MarkdownTable(columns: ["factors"] + (0...4).map { "MLP-\($0)" })
    let bestColumns =
      ["GMF", "NeuMF", "NeuMF (pretrained)", "NeuMF (pretrained, Adam)"]
      + (0...4).map { "MLP-\($0)" }
    var best = MarkdownTable(columns: ["factors"] + bestColumns)
    var cpuSeconds = 0.0
    func cell(_ f: Int, _ model: String) throws -> TableCell {
      guard let cell = store.load(factors: f, model: model) else {
        throw ChapterError(
          "the tables run has no saved \(model) at \(f) factors in \(store.directory.path)")
      }
      return cell
    }
    for f in factors {
      for model in TableGroup.allCases.flatMap(\.cells) {
        cpuSeconds += try cell(f, model).cpuSeconds
      }
      let (without, with) = (try cell(f, "NeuMF"), try cell(f, "NeuMF (pretrained)"))
      let withAdam = try cell(f, "NeuMF (pretrained, Adam)")
      // The paper's numbers ride along, as in the headline run, so the text cites them.
      if let reported = PublishedNumbers.neuMFTable2[f] {
        for (label, r) in [("NeuMF", reported.without), ("NeuMF (pretrained)", reported.with)] {
          if let hr = r.hitRate { run.record("paper/\(label) f\(f)/HR@10", hr) }
          if let ndcg = r.ndcg { run.record("paper/\(label) f\(f)/NDCG@10", ndcg) }
        }
      }
      for (layers, r) in (PublishedNumbers.mlpTables3And4[f] ?? []).enumerated() {
        if let hr = r.hitRate { run.record("paper/MLP-\(layers) f\(f)/HR@10", hr) }
        if let ndcg = r.ndcg { run.record("paper/MLP-\(layers) f\(f)/NDCG@10", ndcg) }
      }
      // GMF is in none of the paper's tables (its Figure 4 draws it); the text cites it.
      let gmf = try cell(f, "GMF")
      run.record("GMF f\(f)/HR@10", gmf.hitRate)
      run.record("GMF f\(f)/NDCG@10", gmf.ndcg)
      if let start = with.startHitRate, let startNDCG = with.startNDCG {
        run.record("Table 2/NeuMF (pretrained) f\(f)/HR@10 before fine-tuning", start)
        run.record("Table 2/NeuMF (pretrained) f\(f)/NDCG@10 before fine-tuning", startNDCG)
      }
      let reported = PublishedNumbers.neuMFTable2[f]
      for (label, record) in [
        ("NeuMF", without), ("NeuMF (pretrained)", with), ("NeuMF (pretrained, Adam)", withAdam),
      ] {
        run.record("Table 2/\(label) f\(f)/HR@10", record.hitRate)
        run.record("Table 2/\(label) f\(f)/NDCG@10", record.ndcg)
      }
      table2.append([
        "\(f)", threeDecimals(without.hitRate), threeDecimals(reported?.without.hitRate),
        threeDecimals(without.ndcg), threeDecimals(reported?.without.ndcg),
        threeDecimals(with.hitRate), threeDecimals(reported?.with.hitRate),
        threeDecimals(with.ndcg), threeDecimals(reported?.with.ndcg),
        threeDecimals(withAdam.hitRate), threeDecimals(withAdam.ndcg),
      ])
      var (hitRates, ndcgs) = ([String](), [String]())
      for layers in 0...4 {
        let record = try cell(f, "MLP-\(layers)")
        run.record("Table 3/MLP-\(layers) f\(f)/HR@10", record.hitRate)
        run.record("Table 3/MLP-\(layers) f\(f)/NDCG@10", record.ndcg)
        let paper = PublishedNumbers.mlpTables3And4[f]?[layers]
        hitRates.append("\(threeDecimals(record.hitRate)) (\(threeDecimals(paper?.hitRate)))")
        ndcgs.append("\(threeDecimals(record.ndcg)) (\(threeDecimals(paper?.ndcg)))")
      }
      table3.append(["\(f)"] + hitRates)
      table4.append(["\(f)"] + ndcgs)
      // Each run at its best epoch on the test users, the paper's way, beside the paper's.
      var bestCells: [String] = []
      for model in bestColumns {
        let c = try cell(f, model)
        run.record("Best epoch/\(model) f\(f)/HR@10", c.bestHitRate)
        run.record("Best epoch/\(model) f\(f)/NDCG@10", c.bestNDCG)
        run.record("Best epoch/\(model) f\(f)/epoch", Double(c.bestEpoch))
        let paper: Double? =
          switch model {
          case "NeuMF": reported?.without.hitRate
          case "NeuMF (pretrained)": reported?.with.hitRate
          case let mlp where mlp.hasPrefix("MLP-"):
            PublishedNumbers.mlpTables3And4[f]?[Int(mlp.dropFirst(4))!].hitRate
          default: nil
          }
        let ours = "\(threeDecimals(c.bestHitRate)) @\(c.bestEpoch)"
        bestCells.append(paper.map { "\(ours) (\(threeDecimals($0)))" } ?? ours)
      }
      best.append(["\(f)"] + bestCells)
    }
    try run.show(
      table2, as: "table-2",
      caption:
        "The paper's Table 2 on its own split: NeuMF without and with pretraining (fine-tuned with plain SGD as §3.4.1 says, and with Adam as the authors' README command does), ours (paper)"
    )
    try run.show(
      table3, as: "table-3", caption: "The paper's Table 3: HR@10 of MLP-0 to MLP-4, ours (paper)")
    try run.show(
      table4, as: "table-4",
      caption: "The paper's Table 4: NDCG@10 of MLP-0 to MLP-4, ours (paper)")
    try run.show(
      best, as: "best-epoch",
      caption:
        "HR@10 at each run's best epoch on the test users (@ the epoch), the paper's way of reporting, ours (paper)"
    )
    run.record("Tables/factors run", Double(factors.count))
    run.timing(
      "training the tables' cells, CPU time summed over the processes", seconds: cpuSeconds)
  }
}

/// A number as the tables print it (three decimals), or a dash for none.
func threeDecimals(_ value: Double?) -> String {
  value.map { formatted($0, decimals: 3) } ?? "—"
}
