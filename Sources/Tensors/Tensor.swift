import CKernels

/// A dense, contiguous, row-major tensor of `Float` with a shape, that remembers how it
/// was computed so `backward()` can differentiate through it.
///
///     let x = Tensor([[1, 2], [3, 4]]).requiringGrad()
///     let loss = (x * x).sum(); loss.backward()   // x.grad == 2 * x
///
/// `Tensor` is a small struct around an internal node object (as swift-collections'
/// `Deque` wraps its storage): the struct is what you pass around; the node is the
/// identity the autograd graph needs. Ops never change their inputs: they return a new
/// tensor. Only optimisers (and code that asks for `withUnsafeMutableBufferPointer`)
/// write into a tensor in place, which is how a parameter is updated.
public struct Tensor {
  /// The node holding values, gradient and the graph edge to the inputs.
  let node: TensorNode

  init(node: TensorNode) { self.node = node }

  // MARK: - Shape

  /// The size of each dimension, outermost first: `[rows, columns]` for a matrix.
  public var shape: [Int] { node.shape }

  /// The number of dimensions (`shape.count`); a scalar has rank 0.
  public var rank: Int { node.shape.count }

  /// The number of scalars (the product of `shape`).
  public var count: Int { node.count }

  // MARK: - Reading values

  /// A copy of the values in row-major order.
  public var scalars: [Float] {
    Array(UnsafeBufferPointer(start: node.data, count: node.count))
  }

  /// The only value of a tensor with one element (a loss, for instance).
  public var scalar: Float {
    ensure(node.count == 1, "Tensor.scalar needs exactly one element, shape is \(shape)")
    return node.data[0]
  }

  /// The value at a multi-dimensional index, e.g. `x[1, 2]` for row 1, column 2.
  public subscript(_ index: Int...) -> Float {
    node.data[flatIndex(index)]
  }

  /// The row-major offset of a multi-dimensional index.
  func flatIndex(_ index: [Int]) -> Int {
    ensure(
      index.count == rank, "Tensor subscript: index \(index) does not match shape \(shape)")
    var offset = 0
    for (i, d) in zip(index, shape) {
      ensure(
        i >= 0 && i < d, "Tensor subscript: index \(index) out of range for shape \(shape)")
      offset = offset * d + i
    }
    return offset
  }

  /// Calls `body` with the values, without copying them.
  public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows
    -> R
  {
    try body(UnsafeBufferPointer(start: node.data, count: node.count))
  }

  /// Calls `body` with the values to write them in place (initialisers, optimisers).
  ///
  /// Every tensor sharing this node sees the change; the graph does not record it.
  public func withUnsafeMutableBufferPointer<R>(
    _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
  ) rethrows -> R {
    try body(UnsafeMutableBufferPointer(start: node.data, count: node.count))
  }

  // MARK: - Gradient

  /// Whether gradients flow to this tensor: a parameter, or a result computed from one.
  public var requiresGrad: Bool { node.requiresGrad }

  /// Whether this tensor is the result of a recorded op (it has inputs in the graph).
  public var isRecorded: Bool { node.backward != nil }

  /// The name of the op that produced this tensor (`"leaf"` for created tensors).
  public var op: String { node.op }

  /// A copy of the accumulated gradient, same shape as the tensor; `nil` before any
  /// `backward()` reached it.
  public var grad: Tensor? {
    guard let g = node.grad else { return nil }
    let copy = TensorNode(shape: node.shape)
    copy.data.update(from: g, count: node.count)
    return Tensor(node: copy)
  }

  /// Calls `body` with the gradient buffer, or with `nil` when there is none
  /// (optimisers read it this way, without copying).
  public func withUnsafeGradBufferPointer<R>(
    _ body: (UnsafeMutableBufferPointer<Float>?) throws -> R
  ) rethrows -> R {
    guard let g = node.grad else { return try body(nil) }
    node.markGradWritten()  // the body may write anywhere
    return try body(UnsafeMutableBufferPointer(start: g, count: node.count))
  }

  /// Calls `body` with the gradient buffer (or `nil`) for a caller that only READS it,
  /// such as an optimiser: unlike `withUnsafeGradBufferPointer`, it does not mark the
  /// buffer as written, so `zeroGrad` can still clear only an embedding's looked-up rows.
  package func withUnsafeGradBufferPointerForReading<R>(
    _ body: (UnsafeMutableBufferPointer<Float>?) throws -> R
  ) rethrows -> R {
    guard let g = node.grad else { return try body(nil) }
    return try body(UnsafeMutableBufferPointer(start: g, count: node.count))
  }

  /// Whether two tensors are the same node (the same parameter), not just equal values.
  public func isIdentical(to other: Tensor) -> Bool { node === other.node }
}

// MARK: - The node

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
    if let rows = touchedRows, !rows.all, !rows.insert(ids) { rows.all = true }
    return g
  }

  /// Sets the gradient to zero: only the touched rows when they are known.
  func zeroGrad() {
    guard let g = grad else { return }
    if let rows = touchedRows, !rows.all {
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

/// A set of row numbers, in the order first inserted, that gives up (and reports it) once
/// it holds a quarter of the rows: clearing the whole buffer is then as cheap.
final class TouchedRows {
  /// The rows, each once, in the order first inserted.
  private(set) var list: [Int] = []
  /// Set when the rows are no longer tracked: any element may be non-zero.
  var all = false
  private var isTouched: [Bool]

  init(rowCount: Int) { isTouched = [Bool](repeating: false, count: rowCount) }

  /// Adds `ids`; returns `false` when the set grew too large to be worth keeping.
  func insert(_ ids: [Int]) -> Bool {
    isTouched.withUnsafeMutableBufferPointer { seen in
      for id in ids where !seen[id] {
        seen[id] = true
        list.append(id)
      }
    }
    return list.count <= isTouched.count / 4
  }

  /// Empties the set and tracks rows again (after the buffer was zeroed).
  func removeAll() {
    isTouched.withUnsafeMutableBufferPointer { seen in for r in list { seen[r] = false } }
    list.removeAll(keepingCapacity: true)
    all = false
  }
}

// MARK: - Memory

/// Room for `count` floats (at least one), 64-byte aligned, from the engine's allocator
/// (`ck_buffer_allocate` in CKernels/Memory.c): recycled buffers carved from memory the
/// kernel backs with 2 MiB pages.
///
/// Why not `malloc`: a NeuMF training step frees its two dozen buffers at its end and asks
/// for the same sizes again, and where `malloc` put them decided the step's speed. The
/// same binary ran 1,000-step stretches at 120 µs and at 180–260 µs a step; the slow
/// stretches began where the heap's layout shifted (when the bench's own arrays grew), and
/// within a stretch one op could take 15 times as long for one pair of buffer addresses
/// (concatenate's backward, 1.5 µs against 22 µs). With the heap on huge pages (glibc's
/// `glibc.malloc.hugetlb=1` tunable, for the experiment) every run took 117 µs. Most likely
/// the physical 4 KiB pages behind the buffers collided in the processor's caches (which
/// are indexed by physical address); inside one 2 MiB page, neighbouring buffers are
/// neighbours in the cache too. glibc also handed freed memory back to the kernel after
/// each step, which cost nine page faults a step; the recycled buffers cost none.
func allocateFloats(_ count: Int) -> UnsafeMutablePointer<Float> {
  let n = max(count, 1)
  guard let raw = ck_buffer_allocate(n * MemoryLayout<Float>.stride) else {
    fatalError("Tensor: out of memory for \(n) floats")
  }
  return raw.bindMemory(to: Float.self, capacity: n)
}

/// Gives a buffer from `allocateFloats(count)` back for reuse.
func freeFloats(_ buffer: UnsafeMutablePointer<Float>, count: Int) {
  ck_buffer_free(buffer, max(count, 1) * MemoryLayout<Float>.stride)
}

// MARK: - Counting buffers

#if canImport(Synchronization) && os(Linux)
  import Synchronization

  /// The value and gradient buffers allocated so far, by every tensor.
  let bufferAllocations = Atomic<Int>(0)
  @inline(__always) func countBufferAllocation() {
    bufferAllocations.wrappingAdd(1, ordering: .relaxed)
  }
#else
  @inline(__always) func countBufferAllocation() {}
#endif

extension Tensor {
  /// How many value and gradient buffers tensors have allocated so far (the bench divides
  /// the change over some training steps by their number), or `nil` where not counted.
  package static var bufferAllocationCount: Int? {
    #if canImport(Synchronization) && os(Linux)
      return bufferAllocations.load(ordering: .relaxed)
    #else
      return nil
    #endif
  }
}

// MARK: - Printing

extension Tensor: CustomStringConvertible {
  /// The shape and the values (the first 8 of each row for large tensors).
  public var description: String {
    func fmt(_ x: Float) -> String { "\(x)" }
    let values = scalars
    if rank == 2 {
      let cols = shape[1]
      let rows = (0..<min(shape[0], 8)).map { r in
        "[" + values[(r * cols)..<(r * cols + min(cols, 8))].map(fmt).joined(separator: ", ")
          + (cols > 8 ? ", …" : "") + "]"
      }
      return "Tensor(shape: \(shape), [" + rows.joined(separator: ", ")
        + (shape[0] > 8 ? ", …" : "") + "])"
    }
    return "Tensor(shape: \(shape), [" + values.prefix(16).map(fmt).joined(separator: ", ")
      + (count > 16 ? ", …" : "") + "])"
  }
}
