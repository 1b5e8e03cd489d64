import Tensors

/// A multilayer perceptron: `Linear` layers of the given sizes, an activation after each.
///
///     let tower = MLP(sizes: [64, 32, 16, 8], activation: .relu, finalActivation: .relu, using: &rng)
///     let h = tower(x)        // (batch, 64) -> (batch, 8)
///
/// ```
/// h_0 = x,   h_l = act(h_{l-1} W_l + b_l),   the last layer uses finalActivation
/// ```
/// - Shape: (batch, sizes.first) -> (batch, sizes.last)
public final class MLP: Layer {
  /// The linear layers, in order.
  public let layers: [Linear]
  /// The activation between layers.
  public let activation: Activation
  /// The activation after the last layer (`.identity` for logits or regression outputs).
  public let finalActivation: Activation
  /// Dropout after each hidden activation (not after the last layer), or `nil`.
  public let dropout: Dropout?

  /// An MLP through `sizes` (at least two: input and output); He-normal initial weights
  /// for ReLU, Xavier-uniform otherwise, unless `initializer` says.
  public init(
    sizes: [Int], activation: Activation = .relu, finalActivation: Activation = .identity,
    dropout: Float = 0, initializer: Initializer? = nil, using rng: inout SeededGenerator
  ) {
    ensure(sizes.count >= 2, "MLP: needs at least an input and an output size, got \(sizes)")
    let initial = initializer ?? (activation == .relu ? .heNormal : .xavierUniform)
    var layers: [Linear] = []
    for (i, o) in zip(sizes, sizes.dropFirst()) {
      layers.append(Linear(i, o, initializer: initial, using: &rng))
    }
    self.layers = layers
    self.activation = activation
    self.finalActivation = finalActivation
    self.dropout = dropout > 0 ? Dropout(dropout, seed: rng.next()) : nil
  }

  /// Runs `x` through every layer.
  public func callAsFunction(_ x: Tensor) -> Tensor {
    var h = x
    for (l, layer) in layers.enumerated() {
      if l == layers.count - 1 {
        h = layer(h, then: finalActivation)
      } else {
        h = layer(h, then: activation)
        if let dropout { h = dropout(h) }
      }
    }
    return h
  }

  /// `layers.0.weight`, `layers.0.bias`, `layers.1.weight`, …
  public var namedParameters: [(String, Tensor)] {
    layers.enumerated().flatMap { $0.element.namedParameters(prefixedBy: "layers.\($0.offset)") }
  }
}
