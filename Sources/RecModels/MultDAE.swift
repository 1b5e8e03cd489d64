import NN
import RecData
import Tensors

/// Mult-DAE (Liang et al., 2018): a denoising autoencoder over a user's 0/1 row with a
/// multinomial likelihood. The input is normalised, then corrupted by dropout; the network
/// must put probability mass on all of the user's items, including those it could not see.
///
///     let dae = MultDAE(itemCount: 1682, hiddenSizes: [600, 200], dropout: 0.5, using: &rng)
///     let loss = dae.loss(rows: x, users: batch)
///
/// ```
/// x~  = dropout(x / ||x||)                          corruption, rate p
/// z   = MLP(x~)        I -> 600 -> 200 -> 600 -> I,  tanh between layers, logits out
/// loss = -(1/batch) sum_u sum_i x_ui log softmax(z_u)_i
/// ```
/// - Shape: rows (batch, items) -> logits (batch, items)
/// Introduced in Chapter 5.
public final class MultDAE: ImplicitAutoencoder {
  /// The input corruption.
  public let dropout: Dropout
  /// Encoder and decoder as one stack of layers (the code is the middle layer).
  public let network: MLP

  /// A Mult-DAE whose encoder goes through `hiddenSizes` and whose decoder mirrors it.
  public init(
    itemCount: Int, hiddenSizes: [Int] = [600, 200], dropout: Float = 0.5,
    using rng: inout SeededGenerator
  ) {
    let sizes = [itemCount] + hiddenSizes + hiddenSizes.dropLast().reversed() + [itemCount]
    self.dropout = Dropout(dropout, seed: rng.next())
    network = MLP(sizes: sizes, activation: .tanh, using: &rng)
  }

  /// The logits of the reconstruction (corrupted input in training, clean in evaluation).
  public func callAsFunction(_ rows: Tensor) -> Tensor {
    network(dropout(l2NormalizedRows(rows)))
  }

  /// The multinomial negative log-likelihood of the user's items.
  public func loss(rows: Tensor, users: [Int]) -> Tensor {
    softmaxCrossEntropy(self(rows), rows)
  }

  /// The logits.
  public func scores(rows: Tensor, users: [Int]) -> Tensor { self(rows) }

  /// The network's parameters.
  public var namedParameters: [(String, Tensor)] { network.namedParameters(prefixedBy: "network") }
}
