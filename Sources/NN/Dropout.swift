import Tensors

/// Inverted dropout: in training, zeroes each value with probability `probability` and
/// scales the survivors by 1 / (1 - p), so evaluation (which passes `x` through unchanged,
/// inside `evaluating { }`) needs no rescaling.
///
///     let drop = Dropout(0.2, seed: 7)
///     let h = drop(x)
///
/// ```
/// y = x * mask,   mask_i = 0 with probability p, else 1 / (1 - p)
/// ```
public final class Dropout: Layer {
  /// The probability of dropping each value.
  public let probability: Float
  private var rng: SeededGenerator

  /// Dropout with its own seeded generator, so runs are reproducible.
  public init(_ probability: Float, seed: UInt64 = 0) {
    ensure(
      probability >= 0 && probability < 1,
      "Dropout: probability must be in [0, 1), got \(probability)")
    self.probability = probability
    self.rng = SeededGenerator(seed: seed)
  }

  /// `x` with values dropped (training) or unchanged (evaluation).
  public func callAsFunction(_ x: Tensor) -> Tensor {
    guard Phase.isTraining, probability > 0 else { return x }
    let keep = 1 / (1 - probability)
    let p = probability
    let mask = Tensor(shape: x.shape) { m in
      for i in m.indices { m[i] = rng.nextFloat() < p ? 0 : keep }
    }
    return x * mask
  }

  /// None: dropout has no parameters.
  public var namedParameters: [(String, Tensor)] { [] }
}
