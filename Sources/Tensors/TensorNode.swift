import CKernels

// The graph node behind a `Tensor` (the identity the autograd graph needs), and the
// bookkeeping of which rows of an embedding's gradient may be non-zero.

/// The graph node behind a `Tensor`: storage, shape, gradient, and the edge to its inputs.
final class TensorNode {
  let shape: [Int]
  let count: Int
  /// The values, row-major, owned by this node.
  let data: UnsafeMutablePointer<Float>
  /// The accumulated gradient, allocated (zeroed) the first time something adds to it.
  var grad: UnsafeMutablePointer<Float>?
  var requiresGrad = false
  /// The inputs of the op that made this node (empty for a leaf).
  var parents: [TensorNode] = []
  /// Adds this node's gradient, passed in as `upstream`, into the inputs' gradients.
  var backward: Tensor.Backward?
  var op = "leaf"
  /// Set while `backward()` sorts the graph: this node is already in the order.
  var isVisited = false

  /// A node with uninitialised values of the given shape.
  init(shape: [Int]) {
    var n = 1
    for d in shape {
      ensure(d >= 0, "Tensor: negative dimension in shape \(shape)")
      n *= d
    }
    self.shape = shape
    self.count = n
    self.data = allocateFloats(n)
    countBufferAllocation()
  }

  /// The gradient buffer, allocated and zeroed on first use, for a write that may touch
  /// any element (so `zeroGrad` will clear all of it).
  func gradBuffer() -> UnsafeMutablePointer<Float> {
    let g = allocatedGrad()
    markGradWritten()
    return g
  }

  /// The gradient buffer for a write that ASSIGNS every element, and whether it may: `true`
  /// when the buffer is new or known to be all zeros (adding into zeros gives the same
  /// values as assigning). A new buffer is then not zero-filled first, which saves a pass
  /// over every intermediate result's gradient in each training step.
  func gradBufferForFirstWrite() -> (UnsafeMutablePointer<Float>, assigns: Bool) {
    if let g = grad {
      let assigns = gradIsZero
      markGradWritten()
      return (g, assigns)
    }
    let g = allocateFloats(count)
    countBufferAllocation()
    grad = g  // uninitialised: the caller assigns every element
    markGradWritten()
    return (g, true)
  }

  /// Records that something may have written anywhere in the gradient.
  func markGradWritten() {
    gradIsZero = false
    touchedRows?.all = true
  }

  // MARK: Rows of the gradient that may be non-zero

  /// Whether the gradient is known to be all zeros (just allocated or zeroed).
  var gradIsZero = false
  /// For a matrix (an embedding table) whose gradient was only written by row scatter-adds
  /// (`gatherRows`' backward) since it was last zeroed: the rows written, so `zeroGrad`
  /// clears a few rows instead of the whole table. `nil`, or `all` set, means "any element
  /// may be non-zero".
  var touchedRows: TouchedRows?

  /// The gradient buffer, for a scatter-add into the rows `ids` only (of a matrix).
  func gradBuffer(forRows ids: [Int]) -> UnsafeMutablePointer<Float> {
    let g = allocatedGrad()
    if gradIsZero && touchedRows == nil && shape.count == 2 {
      touchedRows = TouchedRows(rowCount: shape[0])
    }
    gradIsZero = false
    if let rows = touchedRows, !rows.all { rows.insert(ids) }
    return g
  }

  /// Sets the gradient to zero: only the touched rows when they are known and few (up to a
  /// quarter of the table; beyond that, clearing the whole buffer in one pass is as cheap).
  func zeroGrad() {
    guard let g = grad else { return }
    if let rows = touchedRows, !rows.all, !rows.isLarge {
      let width = shape[1]
      for r in rows.list { VectorKernels.zero(g + r &* width, count: width) }
    } else {
      g.update(repeating: 0, count: max(count, 1))
    }
    touchedRows?.removeAll()
    gradIsZero = true
  }

  private func allocatedGrad() -> UnsafeMutablePointer<Float> {
    if let g = grad { return g }
    let g = allocateFloats(count)
    g.initialize(repeating: 0, count: max(count, 1))
    countBufferAllocation()
    grad = g
    gradIsZero = true
    return g
  }

  deinit {
    freeFloats(data, count: count)
    if let grad { freeFloats(grad, count: count) }
  }
}

/// A set of row numbers, in the order first inserted. It keeps every row however many
/// there are (a sparse optimiser needs the exact set); `isLarge` says when they are more
/// than a quarter of the rows, where clearing the whole buffer is as cheap as row by row.
final class TouchedRows {
  /// The rows, each once, in the order first inserted.
  private(set) var list: [Int] = []
  /// Set when the rows are no longer tracked: any element may be non-zero.
  var all = false
  private var isTouched: [Bool]

  init(rowCount: Int) { isTouched = [Bool](repeating: false, count: rowCount) }

  /// Adds `ids`.
  func insert(_ ids: [Int]) {
    isTouched.withUnsafeMutableBufferPointer { seen in
      for id in ids where !seen[id] {
        seen[id] = true
        list.append(id)
      }
    }
  }

  /// Whether the set holds more than a quarter of the rows.
  var isLarge: Bool { list.count > isTouched.count / 4 }

  /// Empties the set and tracks rows again (after the buffer was zeroed).
  func removeAll() {
    isTouched.withUnsafeMutableBufferPointer { seen in for r in list { seen[r] = false } }
    list.removeAll(keepingCapacity: true)
    all = false
  }
}
