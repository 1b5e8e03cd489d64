import TestSupport
import Testing

@testable import NN
@testable import Tensors

// Lazy Adam (`Adam(..., sparseRows: true)`): an embedding table is updated only in the rows
// looked up since the last zeroGrad; every other parameter as by dense Adam.

/// One step's data: the ids looked up in the table (repeats allowed), the gradient each
/// looked-up row receives (ids.count rows of `width`), and the dense weight's gradient.
struct SparseStep {
  var ids: [Int]
  var rowGradient: [Float]
  var denseGradient: [Float]
}

/// Random steps over a (rows, width) table and a dense weight of `denseCount` values: each
/// step looks up `lookups` random ids (so some rows repeat and most are not looked up).
func sparseSteps(
  rows: Int, width: Int, denseCount: Int, lookups: Int, steps: Int, seed: UInt64
) -> [SparseStep] {
  var rng = SeededGenerator(seed: seed)
  return (0..<steps).map { _ in
    SparseStep(
      ids: (0..<lookups).map { _ in rng.int(below: rows) },
      rowGradient: (0..<(lookups * width)).map { _ in rng.uniform(-1, 1) },
      denseGradient: (0..<denseCount).map { _ in rng.uniform(-1, 1) })
  }
}

/// Trains a table and a dense weight through the engine: each step the loss
/// `sum(table.gatherRows(ids) * G) + sum(dense * H)`, whose gradients are G scattered into
/// the looked-up rows and H. Returns the bits of the table and the dense weight.
func trainedBits(
  _ steps: [SparseStep], table start: Tensor, dense denseStart: Tensor, sparseRows: Bool,
  kernel: AdamKernel = .fastest, weightDecay: Float = 0, decoupled: Bool = false,
  everyRowDensely: Bool = false
) -> [UInt32] {
  let table = start.detach().requiringGrad()
  let dense = denseStart.detach().requiringGrad()
  let adam = Adam(
    [table, dense], learningRate: 0.01, weightDecay: weightDecay,
    decoupledWeightDecay: decoupled, sparseRows: sparseRows)
  adam.kernel = kernel
  for s in steps {
    adam.zeroGrad()
    var loss =
      (table.gatherRows(s.ids) * Tensor(s.rowGradient, shape: [s.ids.count, table.shape[1]]))
      .sum() + (dense * Tensor(s.denseGradient, shape: dense.shape)).sum()
    // A dense write into the table's gradient too (adds zero): the table must then be
    // updated densely this step.
    if everyRowDensely { loss = loss + (table * Tensor.zeros(table.shape)).sum() }
    loss.backward()
    adam.step()
  }
  return (table.scalars + dense.scalars).map(\.bitPattern)
}

/// The readable reference: Adam written out over plain arrays, where the table's update
/// is dense Adam's restricted to the rows looked up in the step (moments of other rows
/// neither decay nor move), with the bias correction of the global step count.
func lazyAdamReference(
  _ steps: [SparseStep], table start: Tensor, dense denseStart: Tensor, weightDecay: Float = 0,
  decoupled: Bool = false
) -> [UInt32] {
  let (rows, width) = (start.shape[0], start.shape[1])
  var w = start.scalars
  var m = [Float](repeating: 0, count: w.count)
  var v = m
  var dw = denseStart.scalars
  var dm = [Float](repeating: 0, count: dw.count)
  var dv = dm
  let (lr, b1, b2, eps): (Float, Float, Float, Float) = (0.01, 0.9, 0.999, 1e-8)
  let l2 = decoupled ? 0 : weightDecay
  let shrink = decoupled ? 1 - lr * weightDecay : 1
  var (b1t, b2t): (Float, Float) = (1, 1)
  for s in steps {
    b1t *= b1
    b2t *= b2
    let stepSize = lr / (1 - b1t)
    let c = 1 / (1 - b2t).squareRoot()
    // The table's gradient: each looked-up row's G added into its id's row, in order.
    var g = [Float](repeating: 0, count: w.count)
    var looked = [Bool](repeating: false, count: rows)
    for (r, id) in s.ids.enumerated() {
      looked[id] = true
      for j in 0..<width { g[id * width + j] += s.rowGradient[r * width + j] }
    }
    for row in 0..<rows where looked[row] {
      for j in 0..<width {
        let i = row * width + j
        let gi = g[i] + l2 * w[i]
        m[i] = b1 * m[i] + (1 - b1) * gi
        v[i] = b2 * v[i] + (1 - b2) * gi * gi
        w[i] = shrink * w[i] - stepSize * m[i] / (v[i].squareRoot() * c + eps)
      }
    }
    for i in dw.indices {  // the dense weight: every coordinate
      let gi = s.denseGradient[i] + l2 * dw[i]
      dm[i] = b1 * dm[i] + (1 - b1) * gi
      dv[i] = b2 * dv[i] + (1 - b2) * gi * gi
      dw[i] = shrink * dw[i] - stepSize * dm[i] / (dv[i].squareRoot() * c + eps)
    }
  }
  return (w + dw).map(\.bitPattern)
}

@Test(arguments: adamDecayVariants)
func sparseAdamEqualsTheReferenceOnEveryPath(l2: Float, shrink: Float) {
  // 40 rows of 13 (a vector and a tail in every path), 12 lookups a step: some rows
  // repeat within a step, most are skipped, some come back after steps away. Up to 8
  // steps, so the moments of a returning row must not have decayed.
  let (weightDecay, decoupled): (Float, Bool) =
    shrink != 1 ? (0.01, true) : (l2, false)
  let steps = sparseSteps(rows: 40, width: 13, denseCount: 7, lookups: 12, steps: 8, seed: 21)
  let table = random([40, 13], 22)
  let dense = random([7], 23)
  let expected = lazyAdamReference(
    steps, table: table, dense: dense, weightDecay: weightDecay, decoupled: decoupled)
  var kernels: [AdamKernel] = [.reference]
  kernels += KernelPath.available.map { .path($0) }
  for kernel in kernels {
    let bits = trainedBits(
      steps, table: table, dense: dense, sparseRows: true, kernel: kernel,
      weightDecay: weightDecay, decoupled: decoupled)
    let differing = zip(bits, expected).filter { $0 != $1 }.count
    #expect(differing == 0, "\(kernel): \(differing) of \(bits.count) numbers differ")
  }
}

@Test func sparseAdamLeavesAnUntouchedRowUntouched() {
  // Step 1 looks up rows 0 and 1; steps 2-4 only row 1. Row 0 must keep its step-1 value
  // under lazy Adam (dense Adam keeps moving it on its momentum); rows 2... never move.
  let table = random([6, 8], 31)
  let dense = random([3], 32)
  let g: [Float] = (0..<16).map { Float($0 % 5) * 0.1 - 0.2 }
  let first = SparseStep(ids: [0, 1], rowGradient: g, denseGradient: [0.1, 0.2, 0.3])
  let later = SparseStep(ids: [1], rowGradient: Array(g[8...]), denseGradient: [0.1, 0.2, 0.3])
  let afterOne = trainedBits([first], table: table, dense: dense, sparseRows: true)
  let afterFour = trainedBits(
    [first, later, later, later], table: table, dense: dense, sparseRows: true)
  let denseAfterFour = trainedBits(
    [first, later, later, later], table: table, dense: dense, sparseRows: false)
  let start = table.scalars.map(\.bitPattern)
  #expect(Array(afterFour[0..<8]) == Array(afterOne[0..<8]), "row 0 stays as step 1 left it")
  #expect(Array(afterOne[0..<8]) != Array(start[0..<8]), "row 0 moved in step 1")
  #expect(Array(afterFour[16..<48]) == Array(start[16..<48]), "rows 2-5 never move")
  #expect(Array(denseAfterFour[0..<8]) != Array(afterOne[0..<8]), "dense Adam moves row 0 on")
  #expect(Array(afterFour[8..<16]) == Array(denseAfterFour[8..<16]), "row 1 as dense Adam")
  #expect(Array(afterFour[48...]) == Array(denseAfterFour[48...]), "the dense weight too")
}

@Test(arguments: adamDecayVariants)
func sparseAdamEqualsDenseAdamWhenEveryRowIsLookedUp(l2: Float, shrink: Float) {
  // Every step looks up every row (in a shuffled order, some twice): lazy and dense Adam
  // then do the same arithmetic on every coordinate, to the bit.
  let (weightDecay, decoupled): (Float, Bool) =
    shrink != 1 ? (0.01, true) : (l2, false)
  var rng = SeededGenerator(seed: 41)
  let steps = (0..<6).map { _ in
    let ids = rng.permutation(20) + [3, 17, 3]
    return SparseStep(
      ids: ids, rowGradient: (0..<(ids.count * 9)).map { _ in rng.uniform(-1, 1) },
      denseGradient: (0..<5).map { _ in rng.uniform(-1, 1) })
  }
  let table = random([20, 9], 42)
  let dense = random([5], 43)
  let lazy = trainedBits(
    steps, table: table, dense: dense, sparseRows: true, weightDecay: weightDecay,
    decoupled: decoupled)
  let full = trainedBits(
    steps, table: table, dense: dense, sparseRows: false, weightDecay: weightDecay,
    decoupled: decoupled)
  #expect(lazy == full)
}

@Test func sparseAdamUpdatesATableDenselyWhenAnotherOpWroteItsGradient() {
  // When something besides lookups wrote the table's gradient in a step (here a term
  // adding zero over the whole table), the table is a dense parameter for that step.
  let steps = sparseSteps(rows: 30, width: 5, denseCount: 4, lookups: 6, steps: 5, seed: 51)
  let table = random([30, 5], 52)
  let dense = random([4], 53)
  let lazy = trainedBits(
    steps, table: table, dense: dense, sparseRows: true, everyRowDensely: true)
  let full = trainedBits(
    steps, table: table, dense: dense, sparseRows: false, everyRowDensely: true)
  #expect(lazy == full)
}

@Test func sparseGradientRowsAreExactBeyondAQuarterOfTheTable() {
  // 12 of 16 rows looked up: zeroGrad clears the whole buffer then, but the sparse
  // optimiser still gets exactly the rows looked up; gradientRowsWritten says "all".
  let table = random([16, 4], 61).requiringGrad()
  let ids = [0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 2]
  table.gatherRows(ids).sum().backward()
  #expect(table.sparseGradientRows == [0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7])
  #expect(table.gradientRowsWritten == nil)
  table.zeroGrad()
  #expect(table.sparseGradientRows == [])
  #expect(table.grad!.scalars.allSatisfy { $0 == 0 })
  table.gatherRows([9]).sum().backward()
  #expect(table.sparseGradientRows == [9])
  #expect(table.gradientRowsWritten == [9])
  table.zeroGrad()
  #expect(table.grad!.scalars.allSatisfy { $0 == 0 })
}

// Plain SGD skips the rows no lookup wrote: the same bits as its dense update, not an
// approximation (a zero gradient moves nothing).

/// Plain SGD's update written out over arrays, every coordinate: `w -= lr * g`.
func plainSGDReference(_ steps: [SparseStep], table start: Tensor, dense denseStart: Tensor)
  -> [UInt32]
{
  let width = start.shape[1]
  var w = start.scalars
  var dw = denseStart.scalars
  let lr: Float = 0.01
  for s in steps {
    var g = [Float](repeating: 0, count: w.count)
    for (r, id) in s.ids.enumerated() {
      for j in 0..<width { g[id * width + j] += s.rowGradient[r * width + j] }
    }
    for i in w.indices { w[i] -= lr * g[i] }
    for i in dw.indices { dw[i] -= lr * s.denseGradient[i] }
  }
  return (w + dw).map(\.bitPattern)
}

@Test func plainSGDOverTheLookedUpRowsEqualsItsDenseUpdate() {
  var rng = SeededGenerator(seed: 11)
  let table = Tensor.normal([40, 3], standardDeviation: 0.1, using: &rng)
  let dense = Tensor.normal([5], standardDeviation: 0.1, using: &rng)
  let steps = sparseSteps(rows: 40, width: 3, denseCount: 5, lookups: 6, steps: 12, seed: 5)
  let t = table.detach().requiringGrad()
  let d = dense.detach().requiringGrad()
  let sgd = SGD([t, d], learningRate: 0.01)
  for s in steps {
    sgd.zeroGrad()
    let loss =
      (t.gatherRows(s.ids) * Tensor(s.rowGradient, shape: [s.ids.count, 3])).sum()
      + (d * Tensor(s.denseGradient, shape: d.shape)).sum()
    loss.backward()
    #expect(t.sparseGradientRows != nil, "the table's gradient is tracked by rows")
    sgd.step()
  }
  #expect(
    (t.scalars + d.scalars).map(\.bitPattern)
      == plainSGDReference(steps, table: table, dense: dense))
}
