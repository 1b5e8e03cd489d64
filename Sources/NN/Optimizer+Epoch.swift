import Tensors

extension Optimizer {
  /// One pass over `order` in mini-batches of `batchSize` (the last one smaller): for each
  /// batch, compute `loss(batch)`, zero the gradients, back-propagate, step. Returns the
  /// mean batch loss; `progress` is called after each step with the batch's loss.
  ///
  ///     let meanLoss = optimizer.epoch(over: shuffledRows, batchSize: 256) { rows in model.loss(rows) }
  ///
  /// ```
  /// for each batch B:  L = loss(B);  grads = 0;  grads = dL/dθ;  θ = update(θ, grads)
  /// ```
  public func epoch(
    over order: [Int], batchSize: Int, progress: ((Double) -> Void)? = nil,
    loss: ([Int]) -> Tensor
  ) -> Double {
    ensure(batchSize > 0, "Optimizer.epoch: batchSize must be positive, got \(batchSize)")
    var total = 0.0
    var batches = 0
    for start in stride(from: 0, to: order.count, by: batchSize) {
      let batchLoss = loss(Array(order[start..<min(start + batchSize, order.count)]))
      zeroGrad()
      batchLoss.backward()
      step()
      total += Double(batchLoss.scalar)
      batches += 1
      progress?(Double(batchLoss.scalar))
    }
    return batches > 0 ? total / Double(batches) : 0
  }
}
