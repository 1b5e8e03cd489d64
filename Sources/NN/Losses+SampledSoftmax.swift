import Tensors

// The softmax cross-entropy of one class per row, given by its index: the loss of a
// retrieval model trained on in-batch (sampled) softmax. Introduced in Chapter 6.

/// How a loss over a batch adds up its examples' losses.
public enum LossReduction: Sendable, Equatable {
  /// The mean over the batch (the book's default).
  case mean
  /// The sum over the batch (TensorFlow Recommenders' retrieval task).
  case sum
}

/// Softmax cross-entropy with one target class per row, given as a column index: row r's
/// loss is minus the log-probability of column `labels[r]` under the softmax of the row.
/// Fused, for stability and memory: the row maximum is subtracted before exponentiating (the
/// log-sum-exp trick), and no one-hot matrix of targets is built, which matters when the
/// logits are a batch-by-batch matrix (8192 x 8192 is 268 MB in Float32).
///
/// ```
/// l_r = log sum_j e^(z_rj) - z_r,labels[r]        dl_r/dz_rj = softmax(z_r)_j - [j = labels[r]]
/// L = sum_r l_r  (.sum)   or   (1/B) sum_r l_r  (.mean)
/// ```
/// The rows are summed in order, so the result is the same on every machine.
/// - Shape: logits (B, C), labels (B), each in 0..<C -> ()
public func softmaxCrossEntropy(
  _ logits: Tensor, labels: [Int], reduction: LossReduction = .mean
) -> Tensor {
  ensure(logits.rank == 2, "softmaxCrossEntropy: logits must be (B, C), got \(logits.shape)")
  let (rows, n) = (logits.shape[0], logits.shape[1])
  ensure(labels.count == rows, "softmaxCrossEntropy: \(labels.count) labels for \(rows) rows")
  for label in labels {
    ensure(label >= 0 && label < n, "softmaxCrossEntropy: label \(label) out of range 0..<\(n)")
  }
  let scale: Float = reduction == .mean ? 1 / Float(Swift.max(rows, 1)) : 1
  // log Z of each row, kept for the backward pass.
  var logZ = [Float](repeating: 0, count: rows)
  let loss = logits.withUnsafeBufferPointer { x in
    Tensor(shape: []) { out in
      let e = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(n, 1))
      defer { e.deallocate() }
      var total: Float = 0
      for r in 0..<rows {
        let o = r * n
        var mx = -Float.infinity
        for j in 0..<n { mx = Swift.max(mx, x[o + j]) }
        for j in 0..<n { e[j] = x[o + j] - mx }
        Elementary.apply(.exp, e, e, count: n)
        var s: Float = 0
        for j in 0..<n { s += e[j] }
        logZ[r] = mx + Elementary.log(s)
        total += logZ[r] - x[o + labels[r]]
      }
      out[0] = total * scale
    }
  }
  let savedLogZ = logZ
  return loss.recording("softmaxCrossEntropy(labels:)", inputs: [logits]) { g, _ in
    let factor = g[0] * scale
    logits.withUnsafeBufferPointer { x in
      let p = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(n, 1))
      defer { p.deallocate() }
      logits.accumulateGrad { gx in
        for r in 0..<rows {
          let o = r * n
          for j in 0..<n { p[j] = x[o + j] - savedLogZ[r] }
          Elementary.apply(.exp, p, p, count: n)
          for j in 0..<n { gx[o + j] += factor * p[j] }
          gx[o + labels[r]] -= factor
        }
      }
    }
  }
}
