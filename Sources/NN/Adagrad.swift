import Tensors

/// Adagrad (Duchi et al., 2011): each coordinate's step shrinks with the sum of its
/// squared gradients, so rare features keep large steps.
///
///     let adagrad = Adagrad(model.parameters, learningRate: 0.05)
///
/// ```
/// s = s + g^2                          (s starts at initialAccumulator)
/// w = w - learningRate * g / (sqrt(s) + epsilon)
/// ```
public final class Adagrad: Optimizer {
  public let parameters: [Tensor]
  /// The step size.
  public var learningRate: Float
  /// Added to the denominator for safety.
  public let epsilon: Float
  private let sumOfSquares: [Tensor]

  /// An Adagrad optimiser over `parameters`.
  public init(
    _ parameters: [Tensor], learningRate: Float = 0.01, initialAccumulator: Float = 0,
    epsilon: Float = 1e-10
  ) {
    self.parameters = parameters
    self.learningRate = learningRate
    self.epsilon = epsilon
    self.sumOfSquares = stateBuffers(like: parameters, initialValue: initialAccumulator)
  }

  public func step() {
    let (lr, eps) = (learningRate, epsilon)
    forEachParameterWithGrad(parameters) { w, g, k in
      sumOfSquares[k].withUnsafeMutableBufferPointer { s in
        for i in w.indices {
          s[i] += g[i] * g[i]
          w[i] -= lr * g[i] / (s[i].squareRoot() + eps)
        }
      }
    }
  }
}
