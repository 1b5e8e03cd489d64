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

// MARK: - As functions

/// max(x, 0), element-wise.
public func relu(_ x: Tensor) -> Tensor { x.relu() }
/// 1 / (1 + e^-x), element-wise (computed stably).
public func sigmoid(_ x: Tensor) -> Tensor { x.sigmoid() }
/// tanh x, element-wise.
public func tanh(_ x: Tensor) -> Tensor { x.tanh() }
/// Softmax along the last axis.
public func softmax(_ x: Tensor) -> Tensor { x.softmax() }
/// Log-softmax along the last axis.
public func logSoftmax(_ x: Tensor) -> Tensor { x.logSoftmax() }
