// MARK: - Recording ops

extension Tensor {
  /// What an op leaves behind for `backward()`: given the gradient of the op's result
  /// (`upstream`) and the result's values (`output`), add into the inputs' gradients.
  public typealias Backward = (
    _ upstream: UnsafeBufferPointer<Float>, _ output: UnsafeBufferPointer<Float>
  ) -> Void

  /// Step 2 of every op: remembers `inputs` and the `backward` closure on this result, so
  /// `backward()` can later call it with this result's gradient (the `upstream`) and this
  /// result's values (the `output`, which e.g. `exp` reuses as its own derivative).
  ///
  /// The closure must ADD into each input's gradient, never assign, so an input used twice
  /// receives both contributions: always through `accumulateGrad`, which comes in three
  /// forms — for a write that may touch any element, for one that writes every element
  /// (it may assign the first time), and for one that adds into some rows of a matrix. It must capture the inputs it needs,
  /// never the result itself (that would be a reference cycle).
  /// Nothing is recorded inside `withNoGrad`, or when no input requires a gradient.
  ///
  ///     let out = Tensor(shape: x.shape) { ... }          // 1. compute
  ///     return out.recording("square", inputs: [x]) { g, _ in // 2. attach backward
  ///       x.accumulateGrad { gx in ... gx[i] += 2 * x_i * g[i] ... }
  ///     }                                                  // 3. return
  public func recording(
    _ op: String, inputs: [Tensor], backward: @escaping Backward
  ) -> Tensor {
    node.op = op
    guard GradMode.isEnabled, inputs.contains(where: { $0.node.requiresGrad }) else { return self }
    node.requiresGrad = true
    node.parents = inputs.map(\.node)
    node.backward = backward
    return self
  }

  /// Calls `body` with this tensor's gradient buffer (zeroed on first use) to add into
  /// it; does nothing when this tensor does not require a gradient.
  @inline(__always)
  public func accumulateGrad(_ body: (UnsafeMutableBufferPointer<Float>) -> Void) {
    guard node.requiresGrad else { return }
    body(UnsafeMutableBufferPointer(start: node.gradBuffer(), count: node.count))
  }

  /// Like `accumulateGrad`, for a backward pass that writes EVERY element of the gradient
  /// (a copy, a matrix product): `assigns` tells `body` whether to assign (`true`: nothing
  /// was accumulated yet, and the buffer may hold garbage) or to add (`false`).
  ///
  ///     x.accumulateGrad { gx, assigns in
  ///       for i in gx.indices { gx[i] = (assigns ? 0 : gx[i]) + g[i] }
  ///     }
  ///
  /// The values are the same either way (0 + a == a); the first write just skips filling a
  /// new buffer with zeros and reading them back, a pass over every intermediate result.
  @inline(__always)
  public func accumulateGrad(
    _ body: (UnsafeMutableBufferPointer<Float>, _ assigns: Bool) -> Void
  ) {
    guard node.requiresGrad else { return }
    let (g, assigns) = node.gradBufferForFirstWrite()
    body(UnsafeMutableBufferPointer(start: g, count: node.count), assigns)
  }

  /// Like `accumulateGrad`, for a backward pass that adds into the rows `ids` of a matrix
  /// only (an embedding lookup's): the table then knows which rows may be non-zero, so
  /// `zeroGrad()` clears those rows instead of the whole table.
  @inline(__always)
  public func accumulateGrad(rows ids: [Int], _ body: (UnsafeMutableBufferPointer<Float>) -> Void) {
    guard node.requiresGrad else { return }
    body(UnsafeMutableBufferPointer(start: node.gradBuffer(forRows: ids), count: node.count))
  }
}

// MARK: - Which rows of a gradient may be non-zero

extension Tensor {
  /// The rows of this matrix's gradient that may be non-zero, in the order first written,
  /// when only `accumulateGrad(rows:)` (an embedding lookup, `sumOfRows`) wrote to it since
  /// it was last zeroed; `[]` when nothing did; nil when any element may be non-zero.
  /// A sparse optimiser updates those rows only.
  /// (Also nil when they are more than a quarter of the rows: then updating every row is
  /// as cheap, for an optimiser that leaves a row with a zero gradient unchanged.)
  package var gradientRowsWritten: [Int]? {
    guard node.grad != nil, !node.gradIsZero else { return [] }
    guard let rows = node.touchedRows, !rows.all, !rows.isLarge else { return nil }
    return rows.list
  }

  /// The rows of this matrix's gradient written since it was last zeroed, however many,
  /// when ONLY `accumulateGrad(rows:)` (an embedding lookup, `sumOfRows`) wrote to it —
  /// `[]` when its rows are tracked and nothing wrote since the zeroing; nil when the
  /// gradient is absent, not tracked by rows (not a matrix, or first written by a dense
  /// op), or any op wrote to it as a whole. Sparse (lazy) Adam updates exactly these rows
  /// of an embedding table and treats a nil as a dense parameter.
  package var sparseGradientRows: [Int]? {
    guard node.grad != nil, let rows = node.touchedRows, !rows.all else { return nil }
    return rows.list
  }
}

// MARK: - Backward

extension Tensor {
  /// Reverse-mode differentiation: fills `grad` of every tensor this one depends on.
  ///
  /// The tensor must be a scalar (a loss); its own gradient starts at 1. Gradients ADD
  /// to what is already there: call `zeroGrad()` (or an optimiser's) between steps.
  /// The graph is used once: afterwards its intermediate results forget their inputs.
  ///
  /// ```
  /// order = inputs before outputs (depth-first topological sort)
  /// for node in reversed(order): node.backward(node.grad)   // chain rule
  /// ```
  public func backward() {
    ensure(
      count == 1, "backward(): the tensor must hold one value (a loss), shape is \(shape)")
    ensure(
      node.requiresGrad, "backward(): \(op) does not depend on any tensor that requires a gradient")
    // 1. Topological order: a node comes after all of its inputs.
    var order: [TensorNode] = []
    func visit(_ n: TensorNode) {
      guard !n.isVisited else { return }
      n.isVisited = true
      for p in n.parents { visit(p) }
      order.append(n)
    }
    visit(node)
    for n in order { n.isVisited = false }  // ready for another backward()
    // 2. Seed d(loss)/d(loss) = 1, then apply the chain rule from the loss backwards.
    node.gradBuffer()[0] += 1
    for n in order.reversed() {
      guard let f = n.backward, let g = n.grad else { continue }
      f(
        UnsafeBufferPointer(start: g, count: n.count),
        UnsafeBufferPointer(start: n.data, count: n.count))
      n.backward = nil  // free the graph as we go
      n.parents = []
    }
  }

  /// Sets the gradient to zero (keeps the buffer, so the next step allocates nothing).
  /// When only embedding lookups wrote to it, only the looked-up rows are cleared.
  public func zeroGrad() {
    node.zeroGrad()
  }

  /// The same values as a new leaf that does not require a gradient: gradients stop here.
  public func detach() -> Tensor { copy() }
}

// MARK: - No-grad scope

/// Whether ops record the graph. Task-local, so parallel tests and tasks do not interfere.
public enum GradMode {
  /// `true` except inside `withNoGrad`.
  @TaskLocal public static var isEnabled = true
}

/// Runs `body` without recording any graph: for evaluation and for updating parameters.
///
///     let scores = withNoGrad { model(users, items) }
public func withNoGrad<R>(_ body: () throws -> R) rethrows -> R {
  try GradMode.$isEnabled.withValue(false, operation: body)
}

/// Runs the async `body` without recording any graph.
public func withNoGrad<R>(_ body: () async throws -> R) async rethrows -> R {
  try await GradMode.$isEnabled.withValue(false, operation: body)
}
