import Tensors

// Losses: each returns a rank-0 tensor, the mean over the batch. The fused ones are built
// with the same public three steps as every op in `Tensors` (compute, `recording`, return).

// MARK: - Binary cross-entropy with logits

/// Binary cross-entropy of sigmoid(logits) against 0/1 targets, averaged over elements.
/// Fused for stability: the composed log(sigmoid(x)) is -inf once sigmoid(x) rounds to 0
/// (x < -104), while this form is exact for every x; and it is one pass instead of five.
///
/// ```
/// l_i = max(x_i, 0) - x_i t_i + log(1 + e^-|x_i|)     dl/dx_i = (sigmoid(x_i) - t_i) / n
/// ```
/// - Shape: logits (batch, 1), targets (batch, 1) -> ()
public func binaryCrossEntropyWithLogits(_ logits: Tensor, _ targets: Tensor) -> Tensor {
  ensure(
    logits.shape == targets.shape,
    "binaryCrossEntropyWithLogits: logits \(logits.shape) and targets \(targets.shape) differ")
  let n = Float(logits.count)
  // softplus(x) = max(x, 0) + log(1 + e^-|x|), so l = softplus(x) - x t.
  let softplus = logits.withUnsafeBufferPointer { Elementary.apply(.softplus, to: $0) }
  let loss = Tensor(shape: []) { out in
    logits.withUnsafeBufferPointer { x in
      targets.withUnsafeBufferPointer { t in
        var s: Float = 0
        for i in x.indices { s += softplus[i] - x[i] * t[i] }
        out[0] = s / n
      }
    }
  }
  return loss.recording("binaryCrossEntropyWithLogits", inputs: [logits]) { g, _ in
    let scale = g[0] / n
    let sigmoid = logits.withUnsafeBufferPointer { Elementary.apply(.sigmoid, to: $0) }
    targets.withUnsafeBufferPointer { t in
      logits.accumulateGrad { gx in
        for i in gx.indices { gx[i] += scale * (sigmoid[i] - t[i]) }
      }
    }
  }
}

// MARK: - Squared errors

/// Mean squared error, composed from sub, mul and mean.
///
/// ```
/// L = (1/n) sum_i (p_i - t_i)^2
/// ```
public func meanSquaredError(_ predictions: Tensor, _ targets: Tensor) -> Tensor {
  let d = predictions - targets
  return (d * d).mean()
}

/// Squared error over the observed entries only (mask 1), divided by their number: the
/// AutoRec loss, where unobserved ratings must not pull predictions towards 0.
/// Fused for speed: one pass over the (batch, items) matrix instead of four.
///
/// ```
/// L = sum_i m_i (p_i - t_i)^2 / max(sum_i m_i, 1)     dL/dp_i = 2 m_i (p_i - t_i) / max(sum m, 1)
/// ```
/// - Shape: predictions, targets, mask (batch, items) -> ()
public func maskedMeanSquaredError(_ predictions: Tensor, _ targets: Tensor, mask: Tensor) -> Tensor
{
  ensure(
    predictions.shape == targets.shape && targets.shape == mask.shape,
    "maskedMeanSquaredError: shapes differ: predictions \(predictions.shape), targets \(targets.shape), mask \(mask.shape)"
  )
  let observed = max(mask.withUnsafeBufferPointer { $0.reduce(0, +) }, 1)
  let loss = Tensor(shape: []) { out in
    predictions.withUnsafeBufferPointer { p in
      targets.withUnsafeBufferPointer { t in
        mask.withUnsafeBufferPointer { m in
          var s: Float = 0
          for i in p.indices {
            let d = p[i] - t[i]
            s += m[i] * d * d
          }
          out[0] = s / observed
        }
      }
    }
  }
  return loss.recording("maskedMeanSquaredError", inputs: [predictions]) { g, _ in
    let scale = 2 * g[0] / observed
    predictions.withUnsafeBufferPointer { p in
      targets.withUnsafeBufferPointer { t in
        mask.withUnsafeBufferPointer { m in
          predictions.accumulateGrad { gp in
            for i in gp.indices { gp[i] += scale * m[i] * (p[i] - t[i]) }
          }
        }
      }
    }
  }
}

// MARK: - Softmax cross-entropy (multinomial likelihood)

/// Cross-entropy of softmax(logits) against multi-hot (or any non-negative) targets,
/// summed over items and averaged over the batch: the Mult-VAE reconstruction loss.
/// Composed from the (stable, fused) log-softmax.
///
/// ```
/// L = -(1/batch) sum_u sum_i t_ui log softmax(z_u)_i
/// ```
/// - Shape: logits (batch, items), targets (batch, items) -> ()
public func softmaxCrossEntropy(_ logits: Tensor, _ targets: Tensor) -> Tensor {
  -(logits.logSoftmax() * targets).sum(axis: -1).mean()
}

// MARK: - BPR

/// Bayesian personalised ranking (Rendle et al., 2009): a positive item should score above
/// a sampled negative. Composed from the (stable, fused) log-sigmoid.
///
/// ```
/// L = -(1/n) sum_i log sigmoid(s+_i - s-_i)
/// ```
/// - Shape: positive (batch), negative (batch) -> ()
public func bprLoss(positive: Tensor, negative: Tensor) -> Tensor {
  -(positive - negative).logSigmoid().mean()
}
