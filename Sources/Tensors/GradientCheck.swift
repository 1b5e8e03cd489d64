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

  var reports: [GradientCheckReport.InputReport] = []
  for (index, leaf) in leaves.enumerated() {
    let analytic = leaf.grad?.scalars ?? [Float](repeating: 0, count: leaf.count)
    var maxAbs = 0.0
    var maxRel = 0.0
    var worst = 0
    for i in 0..<leaf.count {
      let original = leaf.node.data[i]
      let (up, down) = (original + epsilon, original - epsilon)  // as stored in Float
      leaf.node.data[i] = up
      let plus = try objective()
      leaf.node.data[i] = down
      let minus = try objective()
      leaf.node.data[i] = original
      let numeric = (plus - minus) / (Double(up) - Double(down))
      let a = Double(analytic[i])
      let absError = Swift.abs(a - numeric)
      let relError = absError / Swift.max(Swift.abs(a), Swift.abs(numeric), 1)
      maxAbs = Swift.max(maxAbs, absError)
      if relError > maxRel { (maxRel, worst) = (relError, i) }
    }
    reports.append(
      .init(
        index: index, shape: leaf.shape, maxAbsoluteError: maxAbs, maxRelativeError: maxRel,
        worstIndex: worst))
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
  var reports: [GradientCheckReport.InputReport] = []
  for (index, parameter) in parameters.enumerated() {
    let analytic = parameter.grad?.scalars ?? [Float](repeating: 0, count: parameter.count)
    var maxAbs = 0.0
    var maxRel = 0.0
    var worst = 0
    for i in 0..<parameter.count {
      let original = parameter.node.data[i]
      let (up, down) = (original + epsilon, original - epsilon)  // as stored in Float
      parameter.node.data[i] = up
      let plus = Double(try withNoGrad { try loss() }.scalar)
      parameter.node.data[i] = down
      let minus = Double(try withNoGrad { try loss() }.scalar)
      parameter.node.data[i] = original
      let numeric = (plus - minus) / (Double(up) - Double(down))
      let a = Double(analytic[i])
      let absError = Swift.abs(a - numeric)
      let relError = absError / Swift.max(Swift.abs(a), Swift.abs(numeric), 1)
      maxAbs = Swift.max(maxAbs, absError)
      if relError > maxRel { (maxRel, worst) = (relError, i) }
    }
    reports.append(
      .init(
        index: index, shape: parameter.shape, maxAbsoluteError: maxAbs, maxRelativeError: maxRel,
        worstIndex: worst))
  }
  return GradientCheckReport(inputs: reports)
}
