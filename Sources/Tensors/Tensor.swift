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

  /// A node with uninitialised values of the given shape.
  init(shape: [Int]) {
    var n = 1
    for d in shape {
      ensure(d >= 0, "Tensor: negative dimension in shape \(shape)")
      n *= d
    }
    self.shape = shape
    self.count = n
    self.data = UnsafeMutablePointer<Float>.allocate(capacity: max(n, 1))
  }

  /// The gradient buffer, allocated and zeroed on first use.
  func gradBuffer() -> UnsafeMutablePointer<Float> {
    if let g = grad { return g }
    let g = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
    g.initialize(repeating: 0, count: max(count, 1))
    grad = g
    return g
  }

  deinit {
    data.deallocate()
    grad?.deallocate()
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
