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
///
/// ## Sparse (lazy) rows: `Adam(model.parameters, learningRate: 0.001, sparseRows: true)`
///
/// A batch of 256 (user, item) pairs looks up at most 256 rows of each embedding table,
/// yet dense Adam rewrites every row of it every step: a row whose gradient is 0 still has
/// its moments decayed (`m = beta1 m`, `v = beta2 v`) and still moves (`w -= stepSize m^ /
/// ...`), because its moments remember earlier steps. On MovieLens-1M (6,040 users, 3,706
/// items) with 256-wide embeddings that is 2.5 million coordinates read and written per
/// step where 131,000 changed gradient. With `sparseRows: true`, for every parameter whose
/// gradient this step came ONLY from row lookups (`gatherRows`, `sumOfRows`: an embedding
/// table), only the rows looked up since the last `zeroGrad` are updated:
///
/// ```
/// for r in rows looked up this step:          (every other row: w, m, v unchanged)
///   m[r] = beta1 m[r] + (1 - beta1) g[r]
///   v[r] = beta2 v[r] + (1 - beta2) g[r]^2
///   w[r] = w[r] - learningRate * (m[r] / (1 - beta1^t)) / (sqrt(v[r] / (1 - beta2^t)) + epsilon)
/// ```
/// each row by the same C loop as a dense parameter (a row is contiguous), so it gives the
/// same bits on every kernel path. This is TensorFlow's LazyAdam and PyTorch's SparseAdam:
///
/// - A row's moments are NOT decayed in the steps it is not looked up: they remember its
///   last gradients until it next appears, instead of fading towards 0. A rarely seen item
///   therefore keeps a larger step than dense Adam would give it, and stops moving
///   between its appearances (dense Adam keeps moving it on its fading momentum).
/// - `t` is the global step count, as in dense Adam (not the row's own count of updates),
///   so the bias correction is the same number for every row in a step.
/// - A row looked up this step is updated exactly as dense Adam would update it; when every
///   row is looked up in every step, the two modes give the same bits (a test holds them so).
///
/// Weight decay, if any, is applied to the updated rows only. Every other parameter (a
/// layer's weights and biases, or a table some other op wrote to this step, e.g. an L2
/// penalty over the whole table) is updated densely, as without `sparseRows`. The default
/// (`sparseRows: false`) is dense Adam over everything.
public final class Adam: Optimizer {
  public let parameters: [Tensor]
  /// The step size.
  public var learningRate: Float
  public let beta1: Float, beta2: Float, epsilon: Float
  /// The weight-decay coefficient (0 for none).
  public let weightDecay: Float
  /// `true` for AdamW's decoupled decay, `false` for L2 added to the gradient.
  public let decoupledWeightDecay: Bool
  /// Whether embedding tables are updated only in the rows looked up since the last
  /// zeroing (lazy Adam; see above).
  public let sparseRows: Bool
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
  /// Which update loop runs (tests compare the paths; every one gives the same bits).
  var kernel = AdamKernel.fastest

  /// An Adam optimiser over `parameters`.
  public init(
    _ parameters: [Tensor], learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999,
    epsilon: Float = 1e-8, weightDecay: Float = 0, decoupledWeightDecay: Bool = false,
    sparseRows: Bool = false
  ) {
    self.parameters = parameters
    self.sparseRows = sparseRows
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
      // nil: a dense parameter (or sparseRows is off): every coordinate.
      let rows = sparseRows ? parameters[k].sparseGradientRows : nil
      firstMoment[k].withUnsafeMutableBufferPointer { m in
        secondMoment[k].withUnsafeMutableBufferPointer { v in
          let (pw, pg, pm, pv) = (w.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress!)
          guard let rows else {
            adamUpdate(
              pw, pg, pm, pv, count: w.count, beta1: b1, beta2: b2, l2: l2, shrink: shrink,
              stepSize: stepSize, inverseRootCorrection2: inverseRootCorrection2, epsilon: eps,
              kernel: kernel)
            return
          }
          // The same loop on each looked-up row (contiguous) only.
          let width = parameters[k].shape[1]
          switch kernel {
          case .reference:
            for r in rows {
              let o = r &* width
              adamUpdateReference(
                pw + o, pg + o, pm + o, pv + o, count: width, beta1: b1, beta2: b2, l2: l2,
                shrink: shrink, stepSize: stepSize, inverseRootCorrection2: inverseRootCorrection2,
                epsilon: eps)
            }
          case .path(let path):  // the rows loop in C, to prefetch the next rows
            rows.withUnsafeBufferPointer { r in
              ck_adam_update_rows(
                ck_path(rawValue: UInt32(path.rawValue)), pw, pg, pm, pv, width, r.baseAddress,
                r.count, b1, b2, l2, shrink,
                stepSize, inverseRootCorrection2, eps)
            }
          }
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
