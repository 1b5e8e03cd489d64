import TestSupport
import Testing

@testable import Tensors

/// One row of the gradient-check table: an op, inputs to check it at.
struct OpCase: Sendable, CustomTestStringConvertible {
  let name: String
  let inputs: @Sendable () -> [Tensor]
  let f: @Sendable ([Tensor]) -> Tensor
  var testDescription: String { name }

  init(
    _ name: String, _ inputs: @escaping @Sendable () -> [Tensor],
    _ f: @escaping @Sendable ([Tensor]) -> Tensor
  ) {
    (self.name, self.inputs, self.f) = (name, inputs, f)
  }
}

let opCases: [OpCase] = [
  // Arithmetic, equal shapes and every broadcast case.
  OpCase("add", { [random([3, 4], 1), random([3, 4], 2)] }) { $0[0] + $0[1] },
  OpCase("add row (1,n)", { [random([3, 4], 1), random([1, 4], 2)] }) { $0[0] + $0[1] },
  OpCase("add vector (n)", { [random([3, 4], 1), random([4], 2)] }) { $0[0] + $0[1] },
  OpCase("add column (m,1)", { [random([3, 4], 1), random([3, 1], 2)] }) { $0[0] + $0[1] },
  OpCase("add scalar", { [random([3, 4], 1), random([], 2)] }) { $0[0] + $0[1] },
  OpCase("add column + row", { [random([3, 1], 1), random([1, 4], 2)] }) { $0[0] + $0[1] },
  OpCase("sub", { [random([3, 4], 1), random([3, 4], 2)] }) { $0[0] - $0[1] },
  OpCase("sub row (1,n)", { [random([3, 4], 1), random([1, 4], 2)] }) { $0[0] - $0[1] },
  OpCase("sub column (m,1)", { [random([3, 1], 1), random([3, 4], 2)] }) { $0[0] - $0[1] },
  OpCase("mul", { [random([3, 4], 1), random([3, 4], 2)] }) { $0[0] * $0[1] },
  OpCase("mul row (1,n)", { [random([3, 4], 1), random([1, 4], 2)] }) { $0[0] * $0[1] },
  OpCase("mul column (m,1)", { [random([3, 4], 1), random([3, 1], 2)] }) { $0[0] * $0[1] },
  OpCase("mul scalar", { [random([], 1), random([3, 4], 2)] }) { $0[0] * $0[1] },
  OpCase("mul by itself", { [random([3, 4], 1)] }) { $0[0] * $0[0] },
  OpCase("div", { [random([3, 4], 1), random([3, 4], 2, low: 0.5, high: 2)] }) { $0[0] / $0[1] },
  OpCase("div column (m,1)", { [random([3, 4], 1), random([3, 1], 2, low: 0.5, high: 2)] }) {
    $0[0] / $0[1]
  },
  OpCase("div row (1,n)", { [random([1, 4], 1), random([3, 4], 2, low: 0.5, high: 2)] }) {
    $0[0] / $0[1]
  },
  OpCase("neg", { [random([3, 4], 1)] }) { -$0[0] },
  OpCase("number ops", { [random([3, 4], 1, low: 0.5, high: 2)] }) {
    (2 + $0[0]) * 3 - 1 / $0[0] + $0[0] / 4 - 1
  },
  // Elementary functions.
  OpCase("exp", { [random([3, 4], 1)] }) { $0[0].exp() },
  OpCase("log", { [random([3, 4], 1, low: 0.5, high: 3)] }) { $0[0].log() },
  OpCase("relu", { [awayFromZero([3, 4], 1)] }) { $0[0].relu() },
  OpCase("maximum", { [awayFromZero([3, 4], 1), awayFromZero([3, 4], 2)] }) {
    Tensor.maximum($0[0], $0[1])
  },
  OpCase("maximum row (1,n)", { [awayFromZero([3, 4], 1), awayFromZero([1, 4], 2)] }) {
    Tensor.maximum($0[0], $0[1])
  },
  OpCase("sigmoid", { [random([3, 4], 1, low: -4, high: 4)] }) { $0[0].sigmoid() },
  OpCase("tanh", { [random([3, 4], 1, low: -2, high: 2)] }) { $0[0].tanh() },
  OpCase("logSigmoid", { [random([3, 4], 1, low: -4, high: 4)] }) { $0[0].logSigmoid() },
  // Reductions.
  OpCase("sum", { [random([3, 4], 1)] }) { $0[0].sum() },
  OpCase("mean", { [random([3, 4], 1)] }) { $0[0].mean() },
  OpCase("sum axis 0", { [random([3, 4], 1)] }) { $0[0].sum(axis: 0) },
  OpCase("sum axis 1 keepDims", { [random([3, 4], 1)] }) { $0[0].sum(axis: 1, keepDims: true) },
  OpCase("mean axis -1", { [random([2, 3, 4], 1)] }) { $0[0].mean(axis: -1) },
  OpCase("mean axis 1 of rank 3", { [random([2, 3, 4], 1)] }) { $0[0].mean(axis: 1) },
  // Moving values.
  OpCase("reshape", { [random([3, 4], 1)] }) { $0[0].reshaped([2, -1]) },
  OpCase("transpose", { [random([3, 4], 1)] }) { $0[0].transposed() },
  OpCase("concatenate", { [random([3, 2], 1), random([3, 4], 2), random([3, 1], 3)] }) {
    Tensor.concatenate($0)
  },
  OpCase("slice", { [random([3, 5], 1)] }) { $0[0].slice(lastAxis: 1..<4) },
  OpCase("gatherRows with repeats", { [random([5, 3], 1)] }) { $0[0].gatherRows([4, 0, 4, 2, 4]) },
  OpCase("sumOfRows with repeats and an empty row", { [random([5, 3], 2)] }) {
    $0[0].sumOfRows(offsets: [0, 3, 3, 5], ids: [4, 0, 4, 2, 1])
  },
  OpCase("select", { [random([3, 4], 1), random([3, 4], 2)] }) {
    Tensor.select(random([3, 4], 3).isGreater(than: 0), $0[0], $0[1])
  },
  // Matrix products, with every transpose flag.
  OpCase("matmul", { [random([3, 4], 1), random([4, 5], 2)] }) { $0[0].matmul($0[1]) },
  OpCase("matmul Aᵀ", { [random([4, 3], 1), random([4, 5], 2)] }) {
    Tensor.matmul($0[0], $0[1], transposeA: true)
  },
  OpCase("matmul Bᵀ", { [random([3, 4], 1), random([5, 4], 2)] }) {
    Tensor.matmul($0[0], $0[1], transposeB: true)
  },
  OpCase("matmul AᵀBᵀ", { [random([4, 3], 1), random([5, 4], 2)] }) {
    Tensor.matmul($0[0], $0[1], transposeA: true, transposeB: true)
  },
  OpCase("matmul same input twice", { [random([4, 4], 1)] }) { $0[0].matmul($0[0]) },
  // Softmax family (fused).
  OpCase("softmax", { [random([3, 5], 1, low: -3, high: 3)] }) { $0[0].softmax() },
  OpCase("logSoftmax", { [random([3, 5], 1, low: -3, high: 3)] }) { $0[0].logSoftmax() },
  // A small composed network: every gradient flows through several ops.
  OpCase("two-layer network", { [random([4, 3], 1), random([3, 5], 2), random([5], 3)] }) {
    Tensor.matmul(($0[0].matmul($0[1]) + $0[2]).sigmoid(), $0[1], transposeB: true).sum(axis: 1)
      .mean()
  },
]

@Test(arguments: opCases)
func opGradientMatchesCentralDifference(_ c: OpCase) {
  let report = checkGradients(at: c.inputs(), c.f)
  #expect(report.passes(tolerance: 1e-2), "\(c.name):\n\(report)")
}

@Test func gradientCheckCatchesAWrongGradient() {
  // An op whose backward is deliberately wrong (3x instead of 2x).
  let report = checkGradients(at: [random([3], 1)]) { t in
    let x = t[0]
    let out = Tensor(shape: x.shape) { y in
      x.withUnsafeBufferPointer { for i in y.indices { y[i] = $0[i] * $0[i] } }
    }
    return out.recording("badSquare", inputs: [x]) { g, _ in
      x.withUnsafeBufferPointer { px in
        x.accumulateGrad { gx in for i in gx.indices { gx[i] += 3 * px[i] * g[i] } }
      }
    }
  }
  #expect(!report.passes(tolerance: 1e-2))
  #expect(report.inputs[0].maxAbsoluteError > 0.01)
}
