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
