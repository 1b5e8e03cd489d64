import Tensors

/// An element-wise nonlinearity, chosen by name (for `MLP`).
public enum Activation: Sendable {
  case relu, sigmoid, tanh, identity

  /// Applies the activation.
  public func callAsFunction(_ x: Tensor) -> Tensor {
    switch self {
    case .relu: x.relu()
    case .sigmoid: x.sigmoid()
    case .tanh: x.tanh()
    case .identity: x
    }
  }
}
