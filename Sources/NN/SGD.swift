import Tensors

/// Stochastic gradient descent with optional momentum and L2 weight decay
/// (PyTorch's `SGD` with dampening 0, not Nesterov).
///
///     let sgd = SGD(model.parameters, learningRate: 0.1, momentum: 0.9)
///
/// ```
/// g = grad + weightDecay * w
/// v = momentum * v + g          (v starts at 0)
/// w = w - learningRate * v
/// ```
public final class SGD: Optimizer {
  public let parameters: [Tensor]
  /// The step size.
  public var learningRate: Float
  /// The momentum coefficient; 0 for plain SGD.
  public let momentum: Float
  /// The L2 penalty coefficient added to the gradient.
  public let weightDecay: Float
  private let velocity: [Tensor]

  /// An SGD optimiser over `parameters`.
  public init(
    _ parameters: [Tensor], learningRate: Float, momentum: Float = 0, weightDecay: Float = 0
  ) {
    self.parameters = parameters
    self.learningRate = learningRate
    self.momentum = momentum
    self.weightDecay = weightDecay
    self.velocity = stateBuffers(like: parameters)
  }

  /// One step over every coordinate — or, for plain SGD (no momentum, no weight decay), over
  /// only the rows of an embedding table that lookups wrote this step
  /// (`sparseGradientRows`). Every other row has a zero gradient, and for plain SGD a zero
  /// gradient changes nothing (`w - lr * 0 = w`, `v = 0 * v + 0 = 0`, the same bits), so
  /// skipping it is not an approximation: it saves a pass over the whole table each step
  /// (most of the fine-tuning time of a pretrained NeuMF on MovieLens-1M).
  public func step() {
    let (lr, mu, wd) = (learningRate, momentum, weightDecay)
    forEachParameterWithGrad(parameters) { w, g, k in
      velocity[k].withUnsafeMutableBufferPointer { v in
        func update(_ range: Range<Int>) {
          for i in range {
            let gi = g[i] + wd * w[i]
            v[i] = mu * v[i] + gi
            w[i] -= lr * v[i]
          }
        }
        if mu == 0, wd == 0, let rows = parameters[k].sparseGradientRows {
          let width = parameters[k].shape[1]
          for row in rows { update(row * width..<(row + 1) * width) }
        } else {
          update(w.indices)
        }
      }
    }
  }
}
