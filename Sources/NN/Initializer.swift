import Tensors

/// How to draw a weight matrix of shape (fanIn, fanOut) at the start of training.
///
/// ```
/// xavierUniform:  U(-a, a),   a = sqrt(6 / (fanIn + fanOut))   (Glorot & Bengio, 2010)
/// xavierNormal:   N(0, 2 / (fanIn + fanOut))
/// heNormal:       N(0, 2 / fanIn)                              (He et al., 2015), for ReLU
/// heUniform:      U(-a, a),   a = sqrt(6 / fanIn)
/// normal(s):      N(0, s^2)
/// ```
public enum Initializer: Sendable {
  case xavierUniform, xavierNormal, heNormal, heUniform
  case normal(standardDeviation: Float)
  case zeros

  /// A tensor of `shape` drawn by this rule; fan-in is `shape[0]`, fan-out `shape[1]`.
  public func tensor(_ shape: [Int], using rng: inout SeededGenerator) -> Tensor {
    let fanIn = Float(shape.first ?? 1)
    let fanOut = Float(shape.count > 1 ? shape[1] : 1)
    switch self {
    case .xavierUniform:
      let a = (6 / (fanIn + fanOut)).squareRoot()
      return .uniform(shape, low: -a, high: a, using: &rng)
    case .xavierNormal:
      return .normal(shape, standardDeviation: (2 / (fanIn + fanOut)).squareRoot(), using: &rng)
    case .heNormal:
      return .normal(shape, standardDeviation: (2 / fanIn).squareRoot(), using: &rng)
    case .heUniform:
      let a = (6 / fanIn).squareRoot()
      return .uniform(shape, low: -a, high: a, using: &rng)
    case .normal(let s):
      return .normal(shape, standardDeviation: s, using: &rng)
    case .zeros:
      return .zeros(shape)
    }
  }
}
