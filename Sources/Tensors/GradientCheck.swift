/// How far an op's analytic gradient (from `backward()`) is from a numerical one.
///
///     let report = checkGradients(at: [x, w]) { t in t[0].matmul(t[1]).relu() }
///     #expect(report.passes(tolerance: 1e-2), "\(report)")
public struct GradientCheckReport: CustomStringConvertible, Sendable {
  /// The comparison for one input tensor.
  public struct InputReport: Sendable {
    /// The input's position in the `inputs` array.
    public let index: Int
    /// The input's shape.
    public let shape: [Int]
    /// max_i |analytic_i - numeric_i|.
    public let maxAbsoluteError: Double
    /// max_i |analytic_i - numeric_i| / max(|analytic_i|, |numeric_i|, 1).
    public let maxRelativeError: Double
    /// The flat index where the relative error is largest.
    public let worstIndex: Int
  }

  /// One entry per input, in order.
  public let inputs: [InputReport]

  /// Whether every input's relative error is at most `tolerance`.
  public func passes(tolerance: Double = 1e-2) -> Bool {
    inputs.allSatisfy { $0.maxRelativeError <= tolerance }
  }

  /// One line per input.
  public var description: String {
    inputs.map {
      "input \($0.index) \($0.shape): max abs error \($0.maxAbsoluteError), max rel error \($0.maxRelativeError) at \($0.worstIndex)"
    }.joined(separator: "\n")
  }
}

/// Checks the gradient of `f` at `inputs` against central differences computed in Double.
///
/// The output of `f` (any shape) is reduced to a number with fixed pseudo-random weights
/// `w` (so every output element matters, with a different weight), then for every input
/// coordinate x_i:
///
/// ```
/// L(x)        = sum_k w_k f(x)_k
/// numeric_i   = (L(x + h e_i) - L(x - h e_i)) / (2h)     (L summed in Double)
/// analytic_i  = dL/dx_i from backward()
/// ```
///
/// The inputs are copied, so their own gradients are untouched. With Float32 values and
/// `h = 1e-2`, agreement to about 1e-3 relative is typical; keep inputs away from kinks
/// (ReLU at 0, max ties), where the numeric slope is meaningless.
public func checkGradients(
  at inputs: [Tensor], epsilon: Float = 1e-2, seed: UInt64 = 1, _ f: ([Tensor]) throws -> Tensor
) rethrows -> GradientCheckReport {
  let leaves = inputs.map { $0.copy().requiringGrad() }
  let y = try GradMode.$isEnabled.withValue(true) { try f(leaves) }
  // Weights for the output elements, fixed by `seed`.
  var rng = SeededGenerator(seed: seed)
  let weights = (0..<y.count).map { _ in
    Double(rng.uniform(0.5, 1.5)) * (rng.nextFloat() < 0.5 ? -1 : 1)
  }

  // Analytic: backward through L = sum_k w_k f_k.
  let w = Tensor(weights.map { Float($0) }, shape: y.shape)
  GradMode.$isEnabled.withValue(true) { (y * w).sum() }.backward()

  func objective() throws -> Double {
    let out = try withNoGrad { try f(leaves) }
    return out.withUnsafeBufferPointer { o in
      zip(o, weights).reduce(0.0) { $0 + Double($1.0) * $1.1 }
    }
  }

  let reports = try leaves.enumerated().map { index, leaf in
    try compareWithCentralDifferences(leaf, index: index, epsilon: epsilon, objective)
  }
  return GradientCheckReport(inputs: reports)
}

/// Checks the gradients a model's `loss` gives its `parameters` against central
/// differences, perturbing each parameter coordinate in place (and restoring it):
///
/// ```
/// numeric_i  = (loss(θ + h e_i) - loss(θ - h e_i)) / (2h)      (loss evaluated without a graph)
/// analytic_i = dloss/dθ_i from one backward()
/// ```
///
///     let report = checkGradients(of: model.parameters) { model.loss(ratings: r, mask: m) }
///     #expect(report.passes(tolerance: 2e-2), "\(report)")
///
/// The parameters' gradients are zeroed first and hold the analytic gradient afterwards.
/// `loss` must be deterministic (no dropout, no sampling), and return one value.
public func checkGradients(
  of parameters: [Tensor], epsilon: Float = 1e-2, _ loss: () throws -> Tensor
) rethrows -> GradientCheckReport {
  for p in parameters { p.zeroGrad() }
  try GradMode.$isEnabled.withValue(true) { try loss() }.backward()
  let reports = try parameters.enumerated().map { index, parameter in
    try compareWithCentralDifferences(parameter, index: index, epsilon: epsilon) {
      Double(try withNoGrad { try loss() }.scalar)
    }
  }
  return GradientCheckReport(inputs: reports)
}

/// Compares `tensor`'s analytic gradient (what `backward()` left in `grad`, zero if none)
/// with central differences of `objective`, perturbing each coordinate by ±`epsilon` in
/// place and restoring it: the worst absolute and relative errors, and where.
private func compareWithCentralDifferences(
  _ tensor: Tensor, index: Int, epsilon: Float, _ objective: () throws -> Double
) rethrows -> GradientCheckReport.InputReport {
  let analytic = tensor.grad?.scalars ?? [Float](repeating: 0, count: tensor.count)
  var maxAbs = 0.0
  var maxRel = 0.0
  var worst = 0
  for i in 0..<tensor.count {
    let original = tensor.node.data[i]
    let (up, down) = (original + epsilon, original - epsilon)  // as stored in Float
    tensor.node.data[i] = up
    let plus = try objective()
    tensor.node.data[i] = down
    let minus = try objective()
    tensor.node.data[i] = original
    let numeric = (plus - minus) / (Double(up) - Double(down))
    let a = Double(analytic[i])
    let absError = Swift.abs(a - numeric)
    let relError = absError / Swift.max(Swift.abs(a), Swift.abs(numeric), 1)
    maxAbs = Swift.max(maxAbs, absError)
    if relError > maxRel { (maxRel, worst) = (relError, i) }
  }
  return .init(
    index: index, shape: tensor.shape, maxAbsoluteError: maxAbs, maxRelativeError: maxRel,
    worstIndex: worst)
}
