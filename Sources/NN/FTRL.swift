import Tensors

/// FTRL-Proximal (McMahan et al., 2013, "Ad click prediction: a view from the trenches"),
/// per coordinate, with L1 (which makes weights exactly 0) and L2 regularisation: the
/// optimiser of Wide & Deep's wide part.
///
///     let ftrl = FTRL(wide.parameters, alpha: 0.1, beta: 1, l1: 1, l2: 1)
///
/// ```
/// sigma = (sqrt(n + g^2) - sqrt(n)) / alpha
/// z = z + g - sigma * w
/// n = n + g^2
/// w = 0                                                   if |z| <= l1
///   = -(z - sign(z) l1) / ((beta + sqrt(n)) / alpha + l2) otherwise
/// ```
/// z and n start at 0; the weights are computed from them after every step.
public final class FTRL: Optimizer {
  public let parameters: [Tensor]
  /// The learning-rate scale alpha and its smoothing beta.
  public let alpha: Float, beta: Float
  /// The L1 and L2 regularisation strengths.
  public let l1: Float, l2: Float
  private let z: [Tensor]
  private let n: [Tensor]

  /// An FTRL-Proximal optimiser over `parameters`.
  public init(
    _ parameters: [Tensor], alpha: Float = 0.1, beta: Float = 1, l1: Float = 0, l2: Float = 0
  ) {
    self.parameters = parameters
    (self.alpha, self.beta, self.l1, self.l2) = (alpha, beta, l1, l2)
    z = stateBuffers(like: parameters)
    n = stateBuffers(like: parameters)
  }

  public func step() {
    let (alpha, beta, l1, l2) = (alpha, beta, l1, l2)
    forEachParameterWithGrad(parameters) { w, g, k in
      z[k].withUnsafeMutableBufferPointer { z in
        n[k].withUnsafeMutableBufferPointer { n in
          for i in w.indices {
            ftrlUpdate(
              weight: &w[i], gradient: g[i], z: &z[i], n: &n[i], alpha: alpha, beta: beta,
              l1: l1, l2: l2)
          }
        }
      }
    }
  }
}

/// FTRL-Proximal's update of one coordinate, the formula above: `z` and `n` accumulate, the
/// weight is computed from them. `FTRL` and Wide & Deep's sparse wide part both call it.
@inlinable
public func ftrlUpdate(
  weight w: inout Float, gradient g: Float, z: inout Float, n: inout Float, alpha: Float,
  beta: Float, l1: Float, l2: Float
) {
  let sigma = ((n + g * g).squareRoot() - n.squareRoot()) / alpha
  z += g - sigma * w
  n += g * g
  if abs(z) <= l1 {
    w = 0
  } else {
    let sign: Float = z < 0 ? -1 : 1
    w = -(z - sign * l1) / ((beta + n.squareRoot()) / alpha + l2)
  }
}
