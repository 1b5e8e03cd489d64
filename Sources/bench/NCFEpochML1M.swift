// ncf-ml1m: NCF epochs of MovieLens-1M's shape, as Chapter 3 trains them on the NCF
// paper's split (6,040 users, 3,706 items, 994,169 training pairs, 4 negatives per
// positive: 4,970,845 instances, 19,418 batches of 256): NeuMF with 8 factors and the MLP
// with 64 predictive factors (512-256-128-64 on 256-wide embeddings), each with lazy Adam
// (`sparseRows: true`) and dense Adam, on 1 and on 2 threads. Uses the real training pairs
// from Data/ncf-ml-1m/ml-1m.train.pairs.tsv when present, else synthetic pairs of the same
// shape. A whole epoch takes minutes for the wide MLP, so each case times a fixed number of
// batches (after a warm-up) and extrapolates to the epoch; it says so. The PyTorch figures
// it compares with are read from Benchmarks/pytorch/measured.json (measured by
// Benchmarks/pytorch/ncf_epoch.py; that file says where and when).

import Foundation
import NN
import RecData
import RecModels
import Tensors

/// Batches timed per case (`--ncf-batches`; 0 for a whole epoch).
nonisolated(unsafe) var ncfBatchesTimed = 1000

/// Only the cases whose "model/optimizer/threads" name contains one of these
/// (`--ncf-cases`, e.g. "neumf-f8/sparse"); empty for all of them.
enum NCF { nonisolated(unsafe) static var cases: [String] = [] }

/// Where the bench finds the NCF paper's MovieLens-1M training pairs.
let ncfPairsPath = "Data/ncf-ml-1m/ml-1m.train.pairs.tsv"
/// The measured PyTorch reference figures.
let pytorchReferencePath = "Benchmarks/pytorch/measured.json"

/// The training pairs (user, item) of the NCF paper's MovieLens-1M split (the first two
/// tab-separated columns of each line), or nil when the file is absent or unreadable.
func ncfTrainingPairs(_ path: String) -> [(user: Int, item: Int)]? {
  guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
  var pairs: [(user: Int, item: Int)] = []
  pairs.reserveCapacity(1_000_000)
  for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
    let fields = line.split(separator: "\t", maxSplits: 2)
    guard fields.count >= 2, let u = Int(fields[0]), let i = Int(fields[1]) else { return nil }
    pairs.append((u, i))
  }
  return pairs
}

/// 994,169 distinct synthetic pairs over 6,040 users and 3,706 items from a seeded
/// generator, with a skew towards low user and item numbers (as MovieLens has heavy users
/// and popular items), when the real pairs are absent.
func syntheticML1MPairs() -> [(user: Int, item: Int)] {
  var rng = SeededGenerator(seed: 1_000_209)
  var seen = Set<Int>()
  var pairs: [(user: Int, item: Int)] = []
  while pairs.count < 994_169 {
    let a = rng.nextDouble()
    let b = rng.nextDouble()
    let u = Int(Double(6040) * a * a)
    let i = Int(Double(3706) * b * b)
    if seen.insert(u * 3706 + i).inserted { pairs.append((u, i)) }
  }
  return pairs
}

/// One measured PyTorch figure from `pytorchReferencePath`.
struct PyTorchFigure: Decodable {
  var model: String
  var optimizer: String
  var threads: Int
  var secondsPerEpoch: Double
  var cpuSecondsPerEpoch: Double?
}

struct PyTorchReference: Decodable {
  var source: String
  var results: [PyTorchFigure]
}

func loadPyTorchReference() -> PyTorchReference? {
  guard let data = FileManager.default.contents(atPath: pytorchReferencePath) else { return nil }
  let decoder = JSONDecoder()
  decoder.keyDecodingStrategy = .convertFromSnakeCase
  return try? decoder.decode(PyTorchReference.self, from: data)
}

/// Process CPU time (every thread), in nanoseconds.
func processCPUTime() -> UInt64 {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

func benchNCFML1M() -> [Row] {
  let real = ncfTrainingPairs(ncfPairsPath)
  let pairs = real ?? syntheticML1MPairs()
  let dataNote =
    real != nil ? "real pairs, \(ncfPairsPath)" : "synthetic pairs (no \(ncfPairsPath))"
  let (userCount, itemCount) = (6040, 3706)
  let train = InteractionMatrix(userCount: userCount, itemCount: itemCount, pairs: pairs)
  var rng = SeededGenerator(seed: 6)
  let start = now()
  let instances = TrainingInstances.epoch(
    positives: train, negativesPerPositive: 4, using: &rng)
  let sampling = Double(now() - start) * 1e-9
  let batches = instances.batches(size: 256)
  let reference = loadPyTorchReference()
  var rows: [Row] = [
    Row(
      benchmark: "ncf-ml1m", name: "epoch of ML-1M's shape", value: Double(batches.count),
      unit: "batches",
      note:
        "\(dataNote); \(instances.count) instances, sampled in \(String(format: "%.2f", sampling)) s"
    )
  ]
  let savedThreads = MatrixKernels.threadCount
  defer { MatrixKernels.threadCount = savedThreads }
  let threadCounts = ProcessInfo.processInfo.activeProcessorCount >= 2 ? [1, 2] : [1]
  for (label, key) in [("NeuMF f=8", "neumf-f8"), ("MLP f=64", "mlp-f64")] {
    for sparse in [true, false] {
      for threads in threadCounts {
        let caseName = "\(key)/\(sparse ? "sparse" : "dense")/\(threads)"
        guard NCF.cases.isEmpty || NCF.cases.contains(where: { caseName.contains($0) }) else {
          continue
        }
        MatrixKernels.threadCount = threads
        var modelRNG = SeededGenerator(seed: 7)
        let model: any PointwiseRecommender =
          key == "neumf-f8"
          ? NeuMF(
            userCount: userCount, itemCount: itemCount, factors: 8, hiddenLayers: 3,
            using: &modelRNG)
          : MLPRecommender(
            userCount: userCount, itemCount: itemCount, factors: 64, hiddenLayers: 3,
            using: &modelRNG)
        let trainer = PointwiseTrainer(
          model: model, train: train,
          optimizer: Adam(model.parameters, learningRate: 0.001, sparseRows: sparse))
        // Dense Adam over a 2.5-million-parameter model is slow: time fewer of its batches.
        let wanted = ncfBatchesTimed == 0 ? batches.count : ncfBatchesTimed
        let timed = min(batches.count - 50, sparse || key == "neumf-f8" ? wanted : wanted / 2)
        for b in 0..<50 { trainer.step(batches[b]) }  // warm-up: buffers, caches, threads
        settle()
        let (w0, c0) = (now(), processCPUTime())
        for b in 50..<(50 + timed) { trainer.step(batches[b]) }
        let (w1, c1) = (now(), processCPUTime())
        let scale = Double(batches.count) / Double(timed)
        let wall = Double(w1 - w0) * 1e-9 * scale
        let cpu = Double(c1 - c0) * 1e-9 * scale
        let optimizer = sparse ? "sparse" : "dense"
        var note =
          timed == batches.count - 50
          ? "all but 50 warm-up batches, scaled to the epoch"
          : "extrapolated from \(timed) batches; CPU \(String(format: "%.1f", cpu)) s"
        if timed == batches.count - 50 { note += "; CPU \(String(format: "%.1f", cpu)) s" }
        if let figure = reference?.results.first(where: {
          $0.model == key && $0.optimizer == optimizer && $0.threads == threads
        }) {
          note +=
            "; PyTorch \(String(format: "%.1f", figure.secondsPerEpoch)) s, engine speed "
            + "\(String(format: "%.2f", figure.secondsPerEpoch / wall))x"
        }
        rows.append(
          Row(
            benchmark: "ncf-ml1m",
            name: "\(label) epoch, \(optimizer) Adam, \(threads) thread\(threads > 1 ? "s" : "")",
            value: wall, unit: "s", note: note))
      }
    }
  }
  rows.append(
    Row(
      benchmark: "ncf-ml1m", name: "PyTorch reference", value: .nan, unit: "",
      note: reference.map { "from \(pytorchReferencePath): \($0.source)" }
        ?? "no \(pytorchReferencePath)"))
  return rows
}

// MARK: - One thread or two, product by product

/// The products of one f = 64 MLP training step (batch 256, tower 512-256-128-64-1) and of
/// NeuMF's (64-32-16-8), each timed on 1 and on 2 threads: median wall time and process CPU
/// time (both threads) per product, in alternating blocks. Where 2 threads do not save
/// wall time, or cost much more CPU than they save, a product should stay on one thread.
func benchNCFThreads() -> [Row] {
  var rng = SeededGenerator(seed: 8)
  var rows: [Row] = []
  let batch = 256
  var shapes: [(String, Int, Int, Int, Bool, Bool)] = []
  for (i, o) in [(512, 256), (256, 128), (128, 64), (64, 32), (32, 16)] {
    shapes.append(("\(i)->\(o) fwd", batch, o, i, false, false))
    shapes.append(("\(i)->\(o) dX", batch, i, o, false, true))
    shapes.append(("\(i)->\(o) dW", i, o, batch, true, false))
  }
  let savedThreads = MatrixKernels.threadCount
  defer { MatrixKernels.threadCount = savedThreads }
  for (label, m, n, k, ta, tb) in shapes {
    let a = Tensor.uniform(ta ? [k, m] : [m, k], using: &rng)
    let b = Tensor.uniform(tb ? [n, k] : [k, n], using: &rng)
    let c = Tensor.zeros([m, n])
    let repeats = max(20, min(2000, Int(4e8 / Double(m * n * k))))
    var wall: [Int: [Double]] = [1: [], 2: []]
    var cpu: [Int: [Double]] = [1: [], 2: []]
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        c.withUnsafeMutableBufferPointer { pc in
          for block in 0..<6 {
            let threads = block % 2 == 0 ? 1 : 2
            MatrixKernels.threadCount = threads
            for round in 0..<(repeats / 3 + 3) {
              let (w0, c0) = (now(), processCPUTime())
              MatrixKernels.sgemm(
                transposeA: ta, transposeB: tb, m: m, n: n, k: k, a: pa.baseAddress!,
                b: pb.baseAddress!, c: pc.baseAddress!)
              let (w1, c1) = (now(), processCPUTime())
              if round >= 3 {
                wall[threads]!.append(Double(w1 - w0) * 1e-3)
                cpu[threads]!.append(Double(c1 - c0) * 1e-3)
              }
            }
          }
        }
      }
    }
    let (w1, w2) = (median(wall[1]!), median(wall[2]!))
    let (c1, c2) = (median(cpu[1]!), median(cpu[2]!))
    rows.append(
      Row(
        benchmark: "ncf-threads", name: "\(label) (\(m)x\(k)·\(k)x\(n))", value: w1 / w2,
        unit: "ratio",
        note: String(
          format:
            "wall speed-up of 2 threads; 1 thread %.1f µs, 2 threads %.1f µs; CPU %.1f vs %.1f µs; %.1fM multiply-adds",
          w1, w2, c1, c2, Double(m * n * k) / 1e6)))
  }
  return rows
}
