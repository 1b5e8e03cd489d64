import Tensors

/// A fully connected layer.
///
///     let layer = Linear(64, 32, using: &rng)
///     let y = layer(x)          // (batch, 64) -> (batch, 32)
///
/// ```
/// y = x W + b        W: (in, out),  b: (out)
/// ```
/// - Shape: (batch, in) -> (batch, out)
public final class Linear: Layer {
  /// The weights, (in, out).
  public let weight: Tensor
  /// The bias, (out), or `nil` for a layer without one.
  public let bias: Tensor?

  /// A layer with weights drawn by `initializer` (Xavier-uniform by default; `.heNormal`
  /// suits ReLU) and a zero bias.
  public init(
    _ inputSize: Int, _ outputSize: Int, bias: Bool = true,
    initializer: Initializer = .xavierUniform,
    using rng: inout SeededGenerator
  ) {
    weight = initializer.tensor([inputSize, outputSize], using: &rng).requiringGrad()
    self.bias = bias ? Tensor.zeros([outputSize]).requiringGrad() : nil
  }

  /// `x W + b` (one fused op, `Tensor.linear`, with the values and gradients of
  /// `x.matmul(weight) + bias`).
  public func callAsFunction(_ x: Tensor) -> Tensor {
    Tensor.linear(x, weight: weight, bias: bias)
  }

  /// `activation(x W + b)`; ReLU is fused into the layer's op (one pass, no extra tensor).
  func callAsFunction(_ x: Tensor, then activation: Activation) -> Tensor {
    activation == .relu
      ? Tensor.linear(x, weight: weight, bias: bias, relu: true) : activation(self(x))
  }

  /// `weight`, then `bias`.
  public var namedParameters: [(String, Tensor)] {
    [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
  }
}
