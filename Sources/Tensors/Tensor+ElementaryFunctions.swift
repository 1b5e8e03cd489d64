// Element-wise functions of one tensor. Same three steps as every op; the backward
// closure receives the result `y` too, since several derivatives are easiest from it.

extension Tensor {
  /// Step 1 of a unary op: a new tensor of the same shape with `f` applied to each value.
  @inline(__always)
  func map(_ f: (Float) -> Float) -> Tensor {
    let px = node.data
    return Tensor(shape: shape) { y in for i in y.indices { y[i] = f(px[i]) } }
  }
}

// MARK: - exp, log

extension Tensor {
  /// Element-wise e^x.
  ///
  /// ```
  /// y = e^x          dx += g * y
  /// ```
  public func exp() -> Tensor {
    let x = self
    return map(scalarExp).recording("exp", inputs: [x]) { g, y in
      x.accumulateGrad { gx in for i in gx.indices { gx[i] += g[i] * y[i] } }
    }
  }

  /// Element-wise natural logarithm.
  ///
  /// ```
  /// y = ln x         dx += g / x
  /// ```
  public func log() -> Tensor {
    let x = self
    let px = node.data
    return map(scalarLog).recording("log", inputs: [x]) { g, _ in
      x.accumulateGrad { gx in for i in gx.indices { gx[i] += g[i] / px[i] } }
    }
  }
}

// MARK: - max, ReLU

extension Tensor {
  /// Element-wise max(x, 0), the rectified linear unit.
  ///
  /// ```
  /// y = max(x, 0)    dx += g if x > 0, else 0
  /// ```
  public func relu() -> Tensor {
    let x = self
    return map { Swift.max($0, 0) }.recording("relu", inputs: [x]) { g, y in
      // Load g[i] unconditionally, so the choice is a select the compiler can vectorise.
      x.accumulateGrad { gx in
        for i in gx.indices {
          let gi = g[i]
          gx[i] += y[i] > 0 ? gi : 0
        }
      }
    }
  }

  /// Element-wise maximum of two tensors (with broadcasting); a tie sends the gradient to `a`.
  ///
  /// ```
  /// y = max(a, b)    da += g if a >= b,  db += g if b > a
  /// ```
  public static func maximum(_ a: Tensor, _ b: Tensor) -> Tensor {
    let plan = Broadcast(a.shape, b.shape, op: "maximum")
    let (pa, pb) = (a.node.data, b.node.data)
    let out = Tensor(shape: plan.shape) { y in
      plan.forEachIndex { k, i, j in y[k] = Swift.max(pa[i], pb[j]) }
    }
    return out.recording("maximum", inputs: [a, b]) { g, _ in
      a.accumulateGrad { ga in plan.forEachIndex { k, i, j in ga[i] += pa[i] >= pb[j] ? g[k] : 0 } }
      b.accumulateGrad { gb in plan.forEachIndex { k, i, j in gb[j] += pa[i] >= pb[j] ? 0 : g[k] } }
    }
  }
}

// MARK: - sigmoid, tanh, log-sigmoid

extension Tensor {
  /// Element-wise logistic sigmoid. Fused: the composed 1 / (1 + e^-x) overflows e^-x to
  /// infinity for x < -88 and its backward then gives inf * 0 = NaN.
  ///
  /// ```
  /// y = 1 / (1 + e^-x)     dx += g * y * (1 - y)
  /// ```
  public func sigmoid() -> Tensor {
    let x = self
    return map(stableSigmoid).recording("sigmoid", inputs: [x]) { g, y in
      x.accumulateGrad { gx in for i in gx.indices { gx[i] += g[i] * y[i] * (1 - y[i]) } }
    }
  }

  /// Element-wise hyperbolic tangent, composed from the sigmoid.
  ///
  /// ```
  /// tanh(x) = 2 sigmoid(2x) - 1
  /// ```
  public func tanh() -> Tensor { 2 * (2 * self).sigmoid() - 1 }

  /// Element-wise log(sigmoid(x)). Fused: log of a sigmoid that rounded to 0 is -inf,
  /// while this form stays finite for every x.
  ///
  /// ```
  /// y = log sigmoid(x) = min(x, 0) - log(1 + e^-|x|)     dx += g * (1 - sigmoid(x))
  /// ```
  public func logSigmoid() -> Tensor {
    let x = self
    let px = node.data
    return map { Swift.min($0, 0) - scalarLog1p(scalarExp(-Swift.abs($0))) }
      .recording("logSigmoid", inputs: [x]) { g, _ in
        x.accumulateGrad { gx in for i in gx.indices { gx[i] += g[i] * stableSigmoid(-px[i]) } }
      }
  }
}

/// sigmoid(x) without overflow: e^-|x| is always in (0, 1].
@inline(__always)
package func stableSigmoid(_ x: Float) -> Float {
  let e = scalarExp(-Swift.abs(x))
  return x >= 0 ? 1 / (1 + e) : e / (1 + e)
}
