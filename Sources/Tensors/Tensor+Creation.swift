// MARK: - Creating tensors

extension Tensor {
  /// A tensor of the given shape whose values `fill` writes (step 1 of every op).
  ///
  ///     let y = Tensor(shape: [2, 3]) { out in for i in out.indices { out[i] = Float(i) } }
  public init(shape: [Int], filledBy fill: (UnsafeMutableBufferPointer<Float>) throws -> Void)
    rethrows
  {
    let node = TensorNode(shape: shape)
    try fill(UnsafeMutableBufferPointer(start: node.data, count: node.count))
    self.init(node: node)
  }

  /// A tensor with `scalars` laid out row-major in `shape`.
  public init(_ scalars: [Float], shape: [Int]) {
    let node = TensorNode(shape: shape)
    ensure(
      scalars.count == node.count,
      "Tensor(_:shape:): \(scalars.count) values do not fill shape \(shape) (\(node.count) values)")
    scalars.withUnsafeBufferPointer { node.data.update(from: $0.baseAddress!, count: node.count) }
    self.init(node: node)
  }

  /// A 1-D tensor (a vector) of `scalars`.
  public init(_ scalars: [Float]) { self.init(scalars, shape: [scalars.count]) }

  /// A matrix from its rows; every row must have the same length.
  public init(_ rows: [[Float]]) {
    let columns = rows.first?.count ?? 0
    ensure(
      rows.allSatisfy { $0.count == columns }, "Tensor(rows): rows have different lengths")
    self.init(rows.flatMap { $0 }, shape: [rows.count, columns])
  }

  /// A rank-0 tensor holding one value.
  public init(scalar: Float) { self.init([scalar], shape: []) }

  /// A tensor of `shape` with every value `value`.
  public init(shape: [Int], repeating value: Float) {
    self.init(shape: shape) { $0.initialize(repeating: value) }
  }

  /// All zeros.
  public static func zeros(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 0) }

  /// All ones.
  public static func ones(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 1) }

  /// Independent draws from U(low, high), consuming `rng` in row-major order.
  public static func uniform(
    _ shape: [Int], low: Float = 0, high: Float = 1, using rng: inout SeededGenerator
  ) -> Tensor {
    Tensor(shape: shape) { out in for i in out.indices { out[i] = rng.uniform(low, high) } }
  }

  /// Independent draws from N(mean, standardDeviation²), consuming `rng` in row-major order.
  public static func normal(
    _ shape: [Int], mean: Float = 0, standardDeviation: Float = 1, using rng: inout SeededGenerator
  ) -> Tensor {
    Tensor(shape: shape) { out in
      for i in out.indices {
        out[i] = Float(rng.normal(mean: Double(mean), standardDeviation: Double(standardDeviation)))
      }
    }
  }

  /// Marks this leaf tensor as a parameter: `backward()` will fill its `grad`.
  ///
  /// Returns the same tensor (the same node), so you can write
  /// `let w = Tensor.normal([3, 2], using: &rng).requiringGrad()`.
  @discardableResult
  public func requiringGrad(_ flag: Bool = true) -> Tensor {
    ensure(node.backward == nil, "requiringGrad(): \(op) is not a leaf; use detach() first")
    node.requiresGrad = flag
    return self
  }

  /// A copy of the values, as a new leaf outside any graph.
  public func copy() -> Tensor {
    Tensor(shape: shape) { $0.baseAddress!.update(from: node.data, count: count) }
  }

  /// Copies `source`'s values into this tensor in place (same shape), e.g. to restore
  /// a saved parameter. The graph does not record it.
  public func assign(_ source: Tensor) {
    ensure(shape == source.shape, "assign: shape \(source.shape) into \(shape)")
    node.data.update(from: source.node.data, count: count)
  }
}
