import Tensors

/// Updates parameters from their gradients: `step()` after `backward()`, `zeroGrad()`
/// before the next forward pass.
///
///     optimizer.zeroGrad(); loss(model).backward(); optimizer.step()
public protocol Optimizer: AnyObject {
  /// The tensors this optimiser updates, in a fixed order (its state follows this order).
  var parameters: [Tensor] { get }
  /// One update of every parameter that has a gradient.
  func step()
}

extension Optimizer {
  /// Sets every parameter's gradient to zero.
  public func zeroGrad() { for p in parameters { p.zeroGrad() } }
}

/// Calls `body(parameter, gradient, index)` for each parameter that has a gradient.
@inline(__always)
func forEachParameterWithGrad(
  _ parameters: [Tensor],
  _ body: (UnsafeMutableBufferPointer<Float>, UnsafeMutableBufferPointer<Float>, Int) -> Void
) {
  for (k, p) in parameters.enumerated() {
    p.withUnsafeGradBufferPointerForReading { g in  // optimisers never write the gradient
      guard let g else { return }
      p.withUnsafeMutableBufferPointer { w in body(w, g, k) }
    }
  }
}

/// One state buffer per parameter, each element `initialValue` (0 unless given), for the
/// optimisers' running sums and averages. They are tensors (outside any graph) so they live
/// where parameters and gradients live (see `allocateFloats`).
func stateBuffers(like parameters: [Tensor], initialValue: Float = 0) -> [Tensor] {
  parameters.map { Tensor(shape: $0.shape, repeating: initialValue) }
}
