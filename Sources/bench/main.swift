// bench: how fast the engine is. `make bench` (or `.build/release/bench --help`) prints a
// table and the same numbers as JSON. Each benchmark is a function returning rows; add a
// new one to `benchmarks` at the bottom.
//
//   matmul     the engine's product against OpenBLAS (in the same process, alternating) at
//              512, 1024 and the book's shapes; the engine's paths on one thread; numpy
//   neumf      one NeuMF training step (RecModels.NeuMF, batch 256, through fit): forward,
//              BCE with logits, backward, Adam; wall-clock and thread CPU time, the median of
//              the quietest 500 steps, buffers and page faults per step; with OpenBLAS too
//   autorec    one AutoRec training step (a batch of 64 item rows over 943 users)
//   data       loading MovieLens-100K (Data/ml-100k) and building one training epoch
//              (4 sampled negatives per positive); skipped when the data is absent
//   neumf-epoch    a whole NeuMF epoch as Chapter 3 runs it (NeuMFEpoch.swift)
//   autorec-epoch  a whole I-AutoRec epoch as Chapter 5 runs it, with OpenBLAS too
//   ncf-ml1m       NeuMF (f = 8) and MLP (f = 64) epochs of MovieLens-1M's shape, lazy and
//                  dense Adam, 1 and 2 threads, against PyTorch's measured figures
//                  (NCFEpochML1M.swift)
//   ncf-threads    the products of those steps on 1 and on 2 threads, product by product

import ArgumentParser
import Foundation
import NN
import RecData
import RecModels
import Tensors

// MARK: - Measuring

/// One measured number.
struct Row {
  var benchmark: String
  var name: String
  var value: Double
  var unit: String
  var note: String = ""
}

/// Nanoseconds since an arbitrary start.
func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// The median of `samples`.
func median(_ samples: [Double]) -> Double {
  let s = samples.sorted()
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Nanoseconds of CPU time this thread has used: unlike the wall clock, it does not count
/// the time the thread waited for a core while other programs ran.
func threadCPUTime() -> UInt64 {
  var t = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
  return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

/// The minor page faults (a page mapped in, typically a fresh page of zeros) this process
/// has taken so far.
func minorPageFaults() -> Int {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return usage.ru_minflt
}

/// Runs `body` `warmup` times, then `repeats` times; returns each timed run in seconds.
func time(warmup: Int, repeats: Int, _ body: () -> Void) -> [Double] {
  for _ in 0..<warmup { body() }
  return (0..<repeats).map { _ in
    let start = now()
    body()
    return Double(now() - start) * 1e-9
  }
}

func environment(_ name: String) -> String {
  ProcessInfo.processInfo.environment[name] ?? "(unset)"
}

// MARK: - Matmul

func matmulRepeats(_ n: Int) -> Int { n <= 256 ? 40 : n <= 512 ? 20 : 10 }

/// numpy's float32 matmul GFLOP/s per size (median of the same number of runs), or nil.
func numpyGflops(_ sizes: [Int]) -> [Int: Double]? {
  let script = """
    import json, time, numpy as np
    out = {}
    for n in \(sizes):
        rng = np.random.default_rng(0)
        a = rng.random((n, n), dtype=np.float32); b = rng.random((n, n), dtype=np.float32)
        reps = 40 if n <= 256 else 20 if n <= 512 else 10
        for _ in range(3): a @ b
        ts = []
        for _ in range(reps):
            t = time.perf_counter(); a @ b; ts.append(time.perf_counter() - t)
        ts.sort(); m = ts[len(ts)//2] if len(ts) % 2 else (ts[len(ts)//2-1] + ts[len(ts)//2]) / 2
        out[str(n)] = 2 * n**3 / m / 1e9
    print(json.dumps(out))
    """
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", "-c", script]
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = FileHandle.nullDevice
  do { try process.run() } catch { return nil }
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0,
    let object = try? JSONSerialization.jsonObject(with: data) as? [String: Double]
  else { return nil }
  return Dictionary(uniqueKeysWithValues: object.compactMap { k, v in Int(k).map { ($0, v) } })
}

/// Waits a tenth of a second: long enough for OpenBLAS's threads, which spin after a
/// product, to go to sleep before something else is timed.
func settle() { usleep(100_000) }

/// The engine's product against OpenBLAS on one shape, C (m, n) = op(A) op(B): the median
/// time of each, in alternating blocks so that a busy moment of the machine hits both.
func compareProducts(
  _ label: String, m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false,
  using rng: inout SeededGenerator
) -> [Row] {
  let a = Tensor.uniform(transposeA ? [k, m] : [m, k], using: &rng)
  let b = Tensor.uniform(transposeB ? [n, k] : [k, n], using: &rng)
  let c = Tensor.zeros([m, n])
  let flops = 2 * Double(m * n * k)
  let repeats = max(5, min(400, Int(2e9 / flops)))
  var engine: [Double] = []
  var blas: [Double] = []
  a.withUnsafeBufferPointer { pa in
    b.withUnsafeBufferPointer { pb in
      c.withUnsafeMutableBufferPointer { pc in
        let (x, y, z) = (pa.baseAddress!, pb.baseAddress!, pc.baseAddress!)
        // Blocks of runs, alternating, with a pause between them: OpenBLAS's threads keep
        // spinning for a while after its last product and would take a core from the
        // engine's next one. The first three runs of a block are not timed: after the
        // pause, a virtual machine's second core takes a few milliseconds to come back to
        // speed, for either library.
        let perBlock = max(5, repeats / 4)
        let warmUp = 3
        for block in 0..<8 {
          let useBLAS = block % 2 == 1
          settle()
          for round in 0..<(perBlock + warmUp) {
            let t0 = now()
            if useBLAS {
              openBLASProduct(transposeA, transposeB, m, n, k, x, y, 0, z)
            } else {
              MatrixKernels.sgemm(
                transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: x, b: y,
                c: z)
            }
            let seconds = Double(now() - t0) * 1e-9
            if round >= warmUp { useBLAS ? blas.append(seconds) : engine.append(seconds) }
          }
        }
      }
    }
  }
  let ratio = median(blas) / median(engine)
  let shape = "\(m)x\(k)\(transposeA ? "ᵀ" : "") · \(k)x\(n)\(transposeB ? "ᵀ" : "")"
  return [
    Row(
      benchmark: "matmul", name: "\(label) engine", value: flops / median(engine) / 1e9,
      unit: "GFLOP/s", note: shape),
    Row(
      benchmark: "matmul", name: "\(label) OpenBLAS", value: flops / median(blas) / 1e9,
      unit: "GFLOP/s"),
    Row(
      benchmark: "matmul", name: "\(label) engine / OpenBLAS", value: ratio, unit: "ratio",
      note: "speed; median of \(engine.count) each"),
  ]
}

func benchMatmul() -> [Row] {
  var rows: [Row] = []
  var rng = SeededGenerator(seed: 1)
  // Square products: the target is at least 0.75 of OpenBLAS's speed.
  for n in [512, 1024] {
    rows += compareProducts("n=\(n)", m: n, n: n, k: n, using: &rng)
  }
  // The book's shapes: NeuMF's tower (64 -> 32 -> 16 -> 8) at batch 256, forward (X W),
  // backward to the input (G Wᵀ) and to the weights (Xᵀ G); the f = 64 MLP's widest layer
  // (512 -> 256); I-AutoRec's encoder over all items (1682 x 943 by 943 x 500) and its
  // backward products.
  for (label, m, n, k, ta, tb) in [
    ("NeuMF 64->32 fwd", 256, 32, 64, false, false),
    ("NeuMF 64->32 dX", 256, 64, 32, false, true),
    ("NeuMF 64->32 dW", 64, 32, 256, true, false),
    ("NeuMF 32->16 fwd", 256, 16, 32, false, false),
    ("NeuMF 16->8 fwd", 256, 8, 16, false, false),
    ("NeuMF 16->1 fwd", 256, 1, 16, false, false),
    ("MLP-64 512->256 fwd", 256, 256, 512, false, false),
    ("AutoRec encoder", 1682, 500, 943, false, false),
    ("AutoRec dX", 1682, 943, 500, false, true),
    ("AutoRec dW", 943, 500, 1682, true, false),
  ] {
    rows += compareProducts(label, m: m, n: n, k: k, transposeA: ta, transposeB: tb, using: &rng)
  }
  // The engine's own paths, one thread, at n = 512: the same bits at different speeds.
  let n = 512
  let a = Tensor.uniform([n, n], using: &rng)
  let b = Tensor.uniform([n, n], using: &rng)
  let c = Tensor.zeros([n, n])
  for path in KernelPath.available {
    let t = time(warmup: 1, repeats: path == .scalar ? 3 : 10) {
      a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
          c.withUnsafeMutableBufferPointer { pc in
            MatrixKernels.sgemm(
              path: path, threads: 1, transposeA: false, transposeB: false, m: n, n: n, k: n,
              a: pa.baseAddress!, b: pb.baseAddress!, c: pc.baseAddress!)
          }
        }
      }
    }
    rows.append(
      Row(
        benchmark: "matmul", name: "path \(path), 1 thread, n=\(n)",
        value: 2 * Double(n * n * n) / median(t) / 1e9, unit: "GFLOP/s",
        note: path == KernelPath.active ? "the active path" : ""))
  }
  if let numpy = numpyGflops([512, 1024]) {
    for n in [512, 1024] {
      guard let g = numpy[n] else { continue }
      rows.append(Row(benchmark: "matmul", name: "numpy n=\(n)", value: g, unit: "GFLOP/s"))
    }
  } else {
    rows.append(
      Row(
        benchmark: "matmul", name: "numpy", value: .nan, unit: "",
        note: "python3 with numpy not available"))
  }
  return rows
}

// MARK: - NeuMF step

/// An optimiser that times its `step()`, for the phases of a training step.
final class TimedOptimizer: Optimizer {
  let base: any Optimizer
  var nanoseconds: UInt64 = 0
  init(_ base: any Optimizer) { self.base = base }
  var parameters: [Tensor] { base.parameters }
  func step() {
    let t0 = now()
    base.step()
    nanoseconds = now() - t0
  }
}

/// One NeuMF training step as Chapter 3 takes it: `RecModels.NeuMF` at MovieLens-100K size
/// (8 factors, MLP tower 64 -> 32 -> 16 -> 8 on 32-wide embeddings), one mini-batch through
/// `fit`, Adam. Its phases are timed by wrapping the loss (the forward pass) and the
/// optimiser (the update); the rest is zeroGrad and the backward pass.
final class NeuMFStep {
  let model: NeuMF
  let optimizer: TimedOptimizer

  init(users: Int, items: Int, using rng: inout SeededGenerator) {
    model = NeuMF(userCount: users, itemCount: items, factors: 8, hiddenLayers: 3, using: &rng)
    optimizer = TimedOptimizer(Adam(model.parameters, learningRate: 0.001))
  }

  /// Nanoseconds spent in forward, backward and the optimiser, one entry per step.
  var phases: [[Double]] = [[], [], []]

  func step(users: [Int], items: [Int], labels: Tensor) -> Float {
    var forward: UInt64 = 0
    let t0 = now()
    let history = fit(
      epochs: 1, optimizers: [optimizer], batches: { _ in [labels] },
      loss: { labels in
        let start = now()
        let loss = binaryCrossEntropyWithLogits(
          model.logits(users: users, items: items), labels)
        forward = now() - start
        return loss
      })
    let total = now() - t0
    phases[0].append(Double(forward))
    phases[1].append(Double(total - forward - optimizer.nanoseconds))
    phases[2].append(Double(optimizer.nanoseconds))
    return Float(history[0].loss)
  }
}

func benchNeuMF() -> [Row] {
  var rng = SeededGenerator(seed: 2)
  let model = NeuMFStep(users: 943, items: 1682, using: &rng)
  let batch = 256
  let batches = (0..<64).map { _ in
    (
      (0..<batch).map { _ in rng.int(below: 943) }, (0..<batch).map { _ in rng.int(below: 1682) },
      Tensor((0..<batch).map { _ in Float(rng.int(below: 2)) }, shape: [batch, 1])
    )
  }
  var k = 0
  func next() {
    let (u, i, y) = batches[k % batches.count]
    k += 1
    _ = model.step(users: u, items: i, labels: y)
  }
  for _ in 0..<200 { next() }  // warm up: caches, buffers, BLAS
  var wall: [Double] = []
  var cpu: [Double] = []
  // The same steps with OpenBLAS's product, in blocks alternating with the engine's.
  var blasWall: [Double] = []
  let block = 250
  for start in stride(from: 0, to: 2 * neumfSteps, by: block) {
    let useBLAS = (start / block) % 2 == 1
    settle()
    MatrixKernels.benchmarkOverride = useBLAS ? MatrixKernels.Product?(openBLASProduct) : nil
    for _ in 0..<block {
      // Reading the thread's CPU time is a system call (about a microsecond here), so both
      // readings sit outside the wall-clock interval.
      let c0 = threadCPUTime()
      let w0 = now()
      next()
      let w1 = now()
      let c1 = threadCPUTime()
      if useBLAS {
        blasWall.append(Double(w1 - w0) * 1e-3)
      } else {
        wall.append(Double(w1 - w0) * 1e-3)
        cpu.append(Double(c1 - c0) * 1e-3)
      }
    }
  }
  MatrixKernels.benchmarkOverride = nil
  // The phases of the engine's steps only: the even blocks after the 200 warm-up steps.
  let engineSteps = stride(from: 0, to: 2 * neumfSteps, by: 2 * block).flatMap {
    (200 + $0)..<(200 + $0 + block)
  }
  let phase = model.phases.map { all in median(engineSteps.map { all[$0] }) / 1e3 }
  // On a shared machine the speed can drift from one second to the next; the quietest
  // window shows the code's own speed, the overall median what this run met. (Stretches
  // of 160-260 us seen here before were the engine's own doing: where malloc placed the
  // buffers. See allocateFloats in Sources/Tensors/Tensor.swift.)
  let window = min(500, wall.count)
  let quietest = stride(from: 0, through: wall.count - window, by: window).map {
    median(Array(wall[$0..<($0 + window)]))
  }.min()!
  let allocationSteps = 100
  let before = Tensor.bufferAllocationCount
  let faultsBefore = minorPageFaults()
  for _ in 0..<allocationSteps { next() }
  let faults = Double(minorPageFaults() - faultsBefore) / Double(allocationSteps)
  let allocations = Tensor.bufferAllocationCount.map { $0 - before! }
  return [
    Row(
      benchmark: "neumf", name: "step median (batch 256)", value: median(wall), unit: "µs",
      note: "PyTorch ~670"),
    Row(
      benchmark: "neumf", name: "  the same with OpenBLAS's product", value: median(blasWall),
      unit: "µs", note: "in blocks of \(block) steps alternating with the engine's"),
    Row(
      benchmark: "neumf", name: "  engine / OpenBLAS", value: median(blasWall) / median(wall),
      unit: "ratio", note: "speed; >= 1: the engine's product is no slower"),
    Row(
      benchmark: "neumf", name: "step median, quietest \(window) steps", value: quietest,
      unit: "µs", note: "the code's speed when the machine is quiet"),
    Row(
      benchmark: "neumf", name: "step 10th percentile", value: wall.sorted()[wall.count / 10],
      unit: "µs"),
    Row(
      benchmark: "neumf", name: "step median, thread CPU time", value: median(cpu), unit: "µs",
      note: "excludes time waiting for a core"),
    Row(benchmark: "neumf", name: "  forward (median)", value: phase[0], unit: "µs"),
    Row(benchmark: "neumf", name: "  zeroGrad + backward (median)", value: phase[1], unit: "µs"),
    Row(benchmark: "neumf", name: "  Adam step (median)", value: phase[2], unit: "µs"),
    Row(
      benchmark: "neumf", name: "tensor buffers allocated per step",
      value: allocations.map { Double($0) / Double(allocationSteps) } ?? .nan, unit: "",
      note: allocations == nil
        ? "not counted on this platform"
        : "values and gradients; mean of \(allocationSteps) steps"),
    Row(
      benchmark: "neumf", name: "page faults per step", value: faults, unit: "",
      note: "mean of \(allocationSteps) steps"),
  ]
}

// MARK: - AutoRec step

func benchAutoRec() -> [Row] {
  var rng = SeededGenerator(seed: 3)
  let users = 943  // an item's row: its ratings by every user
  let hidden = 500
  let batch = 64
  let encoder = Linear(users, hidden, using: &rng)
  let decoder = Linear(hidden, users, using: &rng)
  let optimizer = Adam(encoder.parameters + decoder.parameters, learningRate: 0.001)
  // About 6% of the entries observed, ratings 1...5, as in MovieLens-100K.
  let batches = (0..<8).map { _ in
    var r = [Float](repeating: 0, count: batch * users)
    var m = r
    for j in r.indices where rng.nextFloat() < 0.063 {
      r[j] = Float(1 + rng.int(below: 5))
      m[j] = 1
    }
    return (Tensor(r, shape: [batch, users]), Tensor(m, shape: [batch, users]))
  }
  var k = 0
  let t = time(warmup: 20, repeats: 200) {
    let (x, mask) = batches[k % batches.count]
    k += 1
    let prediction = decoder(encoder(x).sigmoid())
    let loss = maskedMeanSquaredError(prediction, x, mask: mask)
    optimizer.zeroGrad()
    loss.backward()
    optimizer.step()
  }
  return [
    Row(
      benchmark: "autorec", name: "step median (batch 64 x 943)", value: median(t.map { $0 * 1e6 }),
      unit: "µs")
  ]
}

// MARK: - Data

/// Where MovieLens-100K is expected, relative to the package root (the working directory).
let movieLensFolder = "Data/ml-100k"

func benchData() -> [Row] {
  guard FileManager.default.fileExists(atPath: movieLensFolder + "/u.data") else {
    return [
      Row(
        benchmark: "data", name: "MovieLens-100K", value: .nan, unit: "",
        note: "skipped: \(movieLensFolder) is absent (make data)")
    ]
  }
  var loaded: MovieLens?
  var failure: Error?
  let load = time(warmup: 1, repeats: 5) {
    do { loaded = try MovieLens.load(from: movieLensFolder) } catch { failure = error }
  }
  guard let movieLens = loaded else {
    return [
      Row(
        benchmark: "data", name: "MovieLens-100K", value: .nan, unit: "",
        note: "cannot load: \(failure.map { "\($0)" } ?? "unknown error")")
    ]
  }
  let positives = movieLens.interactions()
  var rng = SeededGenerator(seed: 4)
  var instances = 0
  let epoch = time(warmup: 1, repeats: 5) {
    instances =
      TrainingInstances.epoch(positives: positives, negativesPerPositive: 4, using: &rng).count
  }
  return [
    Row(
      benchmark: "data", name: "load MovieLens-100K (median)", value: median(load) * 1e3,
      unit: "ms", note: "\(movieLens.ratings.count) ratings"),
    Row(
      benchmark: "data", name: "epoch instances (median)", value: median(epoch) * 1e3, unit: "ms",
      note: "\(instances) instances, 4 negatives per positive"),
  ]
}

// MARK: - Main

nonisolated(unsafe) let benchmarks: [(name: String, run: () -> [Row])] = [
  ("matmul", benchMatmul),
  ("neumf", benchNeuMF),
  ("autorec", benchAutoRec),
  ("data", benchData),
  ("neumf-epoch", benchNeuMFEpoch),
  ("autorec-epoch", benchAutoRecEpoch),
  ("ncf-ml1m", benchNCFML1M),
  ("ncf-threads", benchNCFThreads),
]

/// How many NeuMF steps `neumf` times (`--steps`).
nonisolated(unsafe) var neumfSteps = 4000

/// The command line.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "How fast the engine is, on this book's workloads.",
    discussion: """
      Prints a table, then the same numbers as JSON. Benchmarks: \
      \(benchmarks.map(\.name).joined(separator: ", ")).
      """)

  @Option(help: ArgumentHelp("Also write the JSON to this file.", valueName: "path"))
  var json: String?

  @Option(help: "Only these benchmarks, comma-separated.")
  var only: String?

  @Option(help: "NeuMF steps timed (and as many with OpenBLAS's product).")
  var steps = 4000

  @Option(
    help:
      "Batches timed per ncf-ml1m case, extrapolated to the epoch (dense Adam's MLP times half); 0: a whole epoch."
  )
  var ncfBatches = 1000

  @Option(
    help: ArgumentHelp(
      "Only these ncf-ml1m cases, comma-separated parts of model/optimizer/threads, e.g. mlp-f64/sparse/2 or neumf-f8/dense.",
      valueName: "cases"))
  var ncfCases: String?

  func validate() throws {
    guard steps > 0 else { throw ValidationError("--steps must be positive, got \(steps)") }
    guard ncfBatches >= 0 else {
      throw ValidationError("--ncf-batches must not be negative, got \(ncfBatches)")
    }
    let known = Set(benchmarks.map(\.name))
    for name in selected where !known.contains(name) {
      throw ValidationError(
        "no benchmark '\(name)'; there are: \(benchmarks.map(\.name).joined(separator: ", "))")
    }
  }

  var selected: [String] {
    only.map { $0.split(separator: ",").map(String.init) } ?? benchmarks.map(\.name)
  }

  func run() throws {
    neumfSteps = steps
    ncfBatchesTimed = ncfBatches
    NCF.cases = ncfCases.map { $0.split(separator: ",").map(String.init) } ?? []
    try report(benchmarks.filter { selected.contains($0.name) }, jsonPath: json)
  }
}

/// Runs `chosen`, prints the table and the JSON, and writes the JSON to `jsonPath`.
func report(_ chosen: [(name: String, run: () -> [Row])], jsonPath: String?) throws {
  let context: [String: String] = [
    "OPENBLAS_CORETYPE": environment("OPENBLAS_CORETYPE"),
    "OPENBLAS_NUM_THREADS": environment("OPENBLAS_NUM_THREADS"),
    "MODERNRECSYS_SIMD": environment("MODERNRECSYS_SIMD"),
    "kernels": "\(KernelPath.active) (\(KernelPath.active.width) floats)",
    "threads": "\(MatrixKernels.threadCount)",
    "openblas": openBLASDescription,
    "cores": "\(ProcessInfo.processInfo.activeProcessorCount)",
  ]
  print(
    "bench: "
      + context.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "  "))

  var allRows: [Row] = []
  for b in chosen {
    allRows += b.run()
  }

  // The table.
  let nameWidth = max(28, allRows.map { $0.name.count }.max() ?? 0)
  let benchmarkWidth = max(9, allRows.map { $0.benchmark.count }.max() ?? 0) + 1
  print(
    "\n" + "benchmark".padding(toLength: benchmarkWidth, withPad: " ", startingAt: 0)
      + "name".padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0) + "value")
  for r in allRows {
    let value = r.value.isNaN ? "-" : String(format: r.unit == "ratio" ? "%.2f" : "%.1f", r.value)
    print(
      r.benchmark.padding(toLength: benchmarkWidth, withPad: " ", startingAt: 0)
        + r.name.padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0)
        + "\(value) \(r.unit)" + (r.note.isEmpty ? "" : "   (\(r.note))"))
  }

  // The JSON.
  let json: [String: Any] = [
    "context": context,
    "results": allRows.map {
      [
        "benchmark": $0.benchmark, "name": $0.name,
        "value": $0.value.isNaN ? NSNull() : $0.value as Any, "unit": $0.unit, "note": $0.note,
      ]
    },
  ]
  let data = try! JSONSerialization.data(
    withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
  print("\n" + String(decoding: data, as: UTF8.self))
  if let jsonPath {
    do { try data.write(to: URL(fileURLWithPath: jsonPath)) } catch {
      throw ValidationError("cannot write \(jsonPath): \(error.localizedDescription)")
    }
  }
}

Bench.main()
