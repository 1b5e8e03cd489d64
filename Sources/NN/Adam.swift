import CKernels
import Tensors

/// Adam (Kingma & Ba, 2015) with bias correction, and either L2 weight decay (added to the
/// gradient, PyTorch's `Adam`) or decoupled weight decay (AdamW, Loshchilov & Hutter, 2019).
///
///     let adam = Adam(model.parameters, learningRate: 0.001)
///
/// ```
/// t = t + 1
/// g = grad (+ weightDecay * w       if not decoupled)
/// m = beta1 m + (1 - beta1) g
/// v = beta2 v + (1 - beta2) g^2
/// w = w - learningRate * weightDecay * w        if decoupled
/// w = w - learningRate * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)
/// ```
/// Each parameter is updated in one pass over its coordinates: `adamUpdate`, a C loop
/// (`CKernels/Adam.c`) that follows `adamUpdateReference` operation for operation.
public final class Adam: Optimizer {
  public let parameters: [Tensor]
  /// The step size.
  public var learningRate: Float
  public let beta1: Float, beta2: Float, epsilon: Float
  /// The weight-decay coefficient (0 for none).
  public let weightDecay: Float
  /// `true` for AdamW's decoupled decay, `false` for L2 added to the gradient.
  public let decoupledWeightDecay: Bool
  /// The number of steps taken.
  public private(set) var stepCount = 0
  /// `beta1^t` and `beta2^t` for the bias corrections, kept as running products: one
  /// multiplication per step instead of `t` (the same multiplications in the same order as
  /// computing the power afresh, so the same bits; recomputing cost 4,000 multiplications
  /// a step by step 2,000 of a run).
  private var beta1Power: Float = 1
  private var beta2Power: Float = 1
  private let firstMoment: [Tensor]
  private let secondMoment: [Tensor]

  /// An Adam optimiser over `parameters`.
  public init(
    _ parameters: [Tensor], learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999,
    epsilon: Float = 1e-8, weightDecay: Float = 0, decoupledWeightDecay: Bool = false
  ) {
    self.parameters = parameters
    self.learningRate = learningRate
    (self.beta1, self.beta2, self.epsilon) = (beta1, beta2, epsilon)
    self.weightDecay = weightDecay
    self.decoupledWeightDecay = decoupledWeightDecay
    firstMoment = stateBuffers(like: parameters)
    secondMoment = stateBuffers(like: parameters)
  }

  public func step() {
    stepCount += 1
    let (b1, b2, eps) = (beta1, beta2, epsilon)
    beta1Power *= b1
    beta2Power *= b2
    let stepSize = learningRate / (1 - beta1Power)
    let inverseRootCorrection2 = 1 / (1 - beta2Power).squareRoot()
    let l2 = decoupledWeightDecay ? 0 : weightDecay
    let shrink = decoupledWeightDecay ? 1 - learningRate * weightDecay : 1
    forEachParameterWithGrad(parameters) { w, g, k in
      firstMoment[k].withUnsafeMutableBufferPointer { m in
        secondMoment[k].withUnsafeMutableBufferPointer { v in
          adamUpdate(
            w.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress!, count: w.count,
            beta1: b1, beta2: b2, l2: l2, shrink: shrink, stepSize: stepSize,
            inverseRootCorrection2: inverseRootCorrection2, epsilon: eps)
        }
      }
    }
  }
}

// MARK: - The update loop

/// Which implementation of the update loop runs; all of them give the same bits.
enum AdamKernel {
  /// The readable Swift loop, `adamUpdateReference`.
  case reference
  /// The C loop of one kernel path (CKernels/adam_template.h).
  case path(KernelPath)

  /// The C loop of the active path.
  static var fastest: AdamKernel { .path(.active) }
}

/// The Adam update of one parameter: `adamUpdateReference`'s arithmetic, by `kernel`.
///
/// The fast version is C (`CKernels/Adam.c`): the loop streams four arrays and takes one
/// square root and one division per coordinate, and AVX does eight of each at a time
/// (AVX-512 sixteen) where SSE does four; Swift cannot compile one function for AVX while
/// the rest of the package stays runnable on processors without it. The C loops do the same
/// operations in the same order, so the results are equal to the bit (`OptimizerTests`
/// holds them so).
@inline(__always)
func adamUpdate(
  _ w: UnsafeMutablePointer<Float>, _ g: UnsafeMutablePointer<Float>,
  _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>, count n: Int,
  beta1 b1: Float, beta2 b2: Float, l2: Float, shrink: Float, stepSize: Float,
  inverseRootCorrection2 c: Float, epsilon eps: Float, kernel: AdamKernel = .fastest
) {
  switch kernel {
  case .reference:
    adamUpdateReference(
      w, g, m, v, count: n, beta1: b1, beta2: b2, l2: l2, shrink: shrink, stepSize: stepSize,
      inverseRootCorrection2: c, epsilon: eps)
  case .path(let path):
    ck_adam_update(
      ck_path(rawValue: UInt32(path.rawValue)), w, g, m, v, n, b1, b2, l2, shrink, stepSize, c,
      eps)
  }
}

/// The Adam update of one parameter, coordinate by coordinate: the definition the fast
/// kernels follow operation for operation. The bias corrections are folded into two
/// numbers computed once per step,
///
/// ```
/// stepSize = learningRate / (1 - beta1^t)
/// c        = 1 / sqrt(1 - beta2^t)
/// ```
///
/// so that `stepSize * m / (sqrt(v) * c + epsilon)` is Adam's
/// `learningRate * m^ / (sqrt(v^) + epsilon)`; `shrink` is `1 - learningRate * weightDecay`
/// for decoupled decay (and 1 otherwise), `l2` the weight decay added to the gradient (or 0).
func adamUpdateReference(
  _ w: UnsafeMutablePointer<Float>, _ g: UnsafeMutablePointer<Float>,
  _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>, count n: Int,
  beta1 b1: Float, beta2 b2: Float, l2: Float, shrink: Float, stepSize: Float,
  inverseRootCorrection2 c: Float, epsilon eps: Float
) {
  for i in 0..<n {
    let gi = g[i] + l2 * w[i]
    m[i] = b1 * m[i] + (1 - b1) * gi
    v[i] = b2 * v[i] + (1 - b2) * gi * gi
    w[i] = shrink * w[i] - stepSize * m[i] / (v[i].squareRoot() * c + eps)
  }
}
