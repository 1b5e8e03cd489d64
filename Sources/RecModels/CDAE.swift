import NN
import RecData
import Tensors

/// CDAE, the collaborative denoising autoencoder (Wu et al., 2016): a denoising autoencoder
/// over a user's 0/1 row whose hidden layer also receives a learned vector of the user, so
/// two users with the same items can still be told apart.
///
///     let cdae = CDAE(userCount: 943, itemCount: 1682, hiddenSize: 50, corruption: 0.5, using: &rng)
///     let loss = cdae.loss(rows: x, users: batch)
///
/// ```
/// x~  = dropout(x)                                  corruption, rate q (survivors scaled by 1/(1-q))
/// h   = sigmoid(x~ W + V_u + b)                     V_u: the user's node, (k)
/// z   = h W' + b'                                   logits, (items)
/// loss = mean over entries of BCE(sigmoid(z_ui), x_ui)
/// ```
/// - Shape: rows (batch, items), users (batch) -> logits (batch, items)
/// Introduced in Chapter 5.
public final class CDAE: ImplicitAutoencoder {
  /// The input corruption.
  public let dropout: Dropout
  /// Items to code, I -> k.
  public let encoder: Linear
  /// One vector per user, added to the code: the per-user node.
  public let userNode: Embedding
  /// Code to item logits, k -> I.
  public let decoder: Linear

  /// A CDAE with a code of `hiddenSize` units.
  public init(
    userCount: Int, itemCount: Int, hiddenSize: Int = 50, corruption: Float = 0.5,
    using rng: inout SeededGenerator
  ) {
    dropout = Dropout(corruption, seed: rng.next())
    encoder = Linear(itemCount, hiddenSize, using: &rng)
    userNode = Embedding(userCount, hiddenSize, using: &rng)
    decoder = Linear(hiddenSize, itemCount, using: &rng)
  }

  /// The logits of the reconstruction of `rows`, the rows of `users`.
  public func callAsFunction(_ rows: Tensor, users: [Int]) -> Tensor {
    let code = (encoder(dropout(rows)) + userNode(users)).sigmoid()
    return decoder(code)
  }

  /// Binary cross-entropy against the clean rows, averaged over every entry.
  public func loss(rows: Tensor, users: [Int]) -> Tensor {
    binaryCrossEntropyWithLogits(self(rows, users: users), rows)
  }

  /// The logits.
  public func scores(rows: Tensor, users: [Int]) -> Tensor { self(rows, users: users) }

  /// Encoder, user node, decoder.
  public var namedParameters: [(String, Tensor)] {
    encoder.namedParameters(prefixedBy: "encoder")
      + userNode.namedParameters(prefixedBy: "userNode")
      + decoder.namedParameters(prefixedBy: "decoder")
  }
}
