import Tensors

/// Anything with trainable parameters, each under a dotted name (`"mlp.layers.0.weight"`),
/// the names that saving, loading and optimisers refer to.
///
///     let model = MLP(sizes: [2, 8, 1], activation: .tanh, using: &rng)
///     let optimizer = Adam(model.parameters, learningRate: 0.01)
public protocol Layer {
  /// Every trainable tensor with its dotted name, in a fixed order.
  var namedParameters: [(String, Tensor)] { get }
}

extension Layer {
  /// The trainable tensors, in the order of `namedParameters`.
  public var parameters: [Tensor] { namedParameters.map(\.1) }

  /// The total number of trainable scalars.
  public var parameterCount: Int { namedParameters.reduce(0) { $0 + $1.1.count } }

  /// The parameters with `prefix.` in front of each name: how a model names its parts.
  ///
  ///     var namedParameters: [(String, Tensor)] {
  ///       gmf.namedParameters(prefixedBy: "gmf") + mlp.namedParameters(prefixedBy: "mlp")
  ///     }
  public func namedParameters(prefixedBy prefix: String) -> [(String, Tensor)] {
    namedParameters.map { ("\(prefix).\($0.0)", $0.1) }
  }

  /// Sets every parameter's gradient to zero.
  public func zeroGrad() { for p in parameters { p.zeroGrad() } }
}

// MARK: - Training and evaluation

/// Whether layers behave as in training (dropout active) or in evaluation. Task-local,
/// so parallel tests do not interfere; training is the default.
public enum Phase {
  /// `true` except inside `evaluating { }`.
  @TaskLocal public static var isTraining = true
}

/// Runs `body` in evaluation mode: dropout off, and no graph recorded (`withNoGrad`).
///
///     let scores = evaluating { model(users, items) }
public func evaluating<R>(_ body: () throws -> R) rethrows -> R {
  try Phase.$isTraining.withValue(false) { try withNoGrad(body) }
}
