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
