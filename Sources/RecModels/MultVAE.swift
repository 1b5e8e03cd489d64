import NN
import RecData
import Tensors

/// Mult-VAE (Liang et al., 2018): a variational autoencoder over a user's 0/1 row with a
/// multinomial likelihood. The encoder gives a Gaussian over a latent code instead of one
/// code; training samples from it (the reparameterisation trick) and pays a KL penalty whose
/// weight beta is annealed from 0 to `betaCap`.
///
///     let vae = MultVAE(itemCount: 1682, hiddenSize: 600, latentSize: 200, annealSteps: 2000, using: &rng)
///     let loss = vae.loss(rows: x, users: batch)      // counts one annealing step
///
/// ```
/// x~          = dropout(x / ||x||)
/// [mu, logv]  = tanh(x~ W1 + b1) W2 + b2                   I -> 600 -> 2 x 200
/// z           = mu + eps * exp(logv / 2),  eps ~ N(0, I)    (z = mu in evaluation)
/// logits      = tanh(z W3 + b3) W4 + b4                     200 -> 600 -> I
/// KL          = (1/2) sum_k (exp(logv_k) + mu_k^2 - 1 - logv_k)
/// loss        = -(1/batch) sum_u sum_i x_ui log softmax(logits_u)_i  + beta * mean_u KL_u
/// beta        = min(betaCap, updates / annealSteps)
/// ```
/// - Shape: rows (batch, items) -> logits (batch, items)
/// Introduced in Chapter 5.
public final class MultVAE: ImplicitAutoencoder {
  /// The input corruption.
  public let dropout: Dropout
  /// Items to the Gaussian's parameters: I -> hidden -> 2 * latent.
  public let encoder: MLP
  /// Latent code to item logits: latent -> hidden -> I.
  public let decoder: MLP
  /// The size of the latent code.
  public let latentSize: Int
  /// The training steps over which beta grows linearly from 0 to `betaCap`.
  public let annealSteps: Int
  /// The largest KL weight.
  public let betaCap: Float
  /// How many times `loss` has been called (each call is one step of the annealing).
  public private(set) var updates = 0
  private var noise: SeededGenerator

  /// A Mult-VAE with one hidden layer of `hiddenSize` on each side.
  public init(
    itemCount: Int, hiddenSize: Int = 600, latentSize: Int = 200, dropout: Float = 0.5,
    annealSteps: Int = 2000, betaCap: Float = 0.2, using rng: inout SeededGenerator
  ) {
    self.dropout = Dropout(dropout, seed: rng.next())
    encoder = MLP(sizes: [itemCount, hiddenSize, 2 * latentSize], activation: .tanh, using: &rng)
    decoder = MLP(sizes: [latentSize, hiddenSize, itemCount], activation: .tanh, using: &rng)
    self.latentSize = latentSize
    self.annealSteps = max(annealSteps, 1)
    self.betaCap = betaCap
    noise = SeededGenerator(seed: rng.next())
  }

  /// The KL weight of the next training step.
  public var beta: Float { min(betaCap, Float(updates) / Float(annealSteps)) }

  /// The Gaussian's mean and log-variance for each row.
  /// - Shape: (batch, items) -> (batch, latent), (batch, latent)
  public func encode(_ rows: Tensor) -> (mean: Tensor, logVariance: Tensor) {
    let stats = encoder(dropout(l2NormalizedRows(rows)))
    return (
      stats.slice(lastAxis: 0..<latentSize), stats.slice(lastAxis: latentSize..<2 * latentSize)
    )
  }

  /// A sample of the code in training (reparameterised: the randomness is an input), the
  /// mean in evaluation.
  public func sample(mean: Tensor, logVariance: Tensor) -> Tensor {
    guard Phase.isTraining else { return mean }
    let epsilon = Tensor.normal(mean.shape, using: &noise)
    return mean + epsilon * (0.5 * logVariance).exp()
  }

  /// The KL divergence from N(mean, exp(logVariance)) to N(0, I), averaged over the batch.
  public func klDivergence(mean: Tensor, logVariance: Tensor) -> Tensor {
    (0.5 * (logVariance.exp() + mean * mean - 1 - logVariance).sum(axis: -1)).mean()
  }

  /// Negative ELBO with the annealed KL weight; one annealing step.
  public func loss(rows: Tensor, users: [Int]) -> Tensor {
    let (mu, logVariance) = encode(rows)
    let logits = decoder(sample(mean: mu, logVariance: logVariance))
    let kl = klDivergence(mean: mu, logVariance: logVariance)
    let weight = beta
    updates += 1
    return softmaxCrossEntropy(logits, rows) + weight * kl
  }

  /// The logits decoded from the mean code.
  public func scores(rows: Tensor, users: [Int]) -> Tensor {
    decoder(encode(rows).mean)
  }

  /// Encoder, then decoder.
  public var namedParameters: [(String, Tensor)] {
    encoder.namedParameters(prefixedBy: "encoder") + decoder.namedParameters(prefixedBy: "decoder")
  }
}
