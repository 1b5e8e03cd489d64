// Element-wise functions of one tensor. Same three steps as every op; the backward
// closure receives the result `y` too, since several derivatives are easiest from it.
// The transcendental ones are the engine's own (`Elementary`), run by the C kernels in
// the active path: the same bits on every machine.

extension Tensor {
  /// Step 1 of a unary op: a new tensor of the same shape with `f` applied to each value.
  @inline(__always)
  func map(_ f: (Float) -> Float) -> Tensor {
    let px = node.data
    return Tensor(shape: shape) { y in for i in y.indices { y[i] = f(px[i]) } }
  }

  /// Step 1 of a transcendental op: a new tensor with the C kernel of `function` (the
  /// twin of the `Elementary` function of that name) applied to each value.
  func applying(_ function: Elementary.Function) -> Tensor {
    let px = node.data
    return Tensor(shape: shape) { y in
      Elementary.apply(function, px, y.baseAddress!, count: y.count)
    }
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
    return applying(.exp).recording("exp", inputs: [x]) { g, y in
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
    return applying(.log).recording("log", inputs: [x]) { g, _ in
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
    return applying(.sigmoid).recording("sigmoid", inputs: [x]) { g, y in
      x.accumulateGrad { gx in for i in gx.indices { gx[i] += g[i] * y[i] * (1 - y[i]) } }
    }
  }

  /// Element-wise hyperbolic tangent. Fused: the composed 2 sigmoid(2x) - 1 loses the
  /// relative accuracy of small values to cancellation (tanh 1e-4 would keep 3 digits).
  ///
  /// ```
  /// y = tanh x             dx += g * (1 - y^2)
  /// ```
  public func tanh() -> Tensor {
    let x = self
    return applying(.tanh).recording("tanh", inputs: [x]) { g, y in
      x.accumulateGrad { gx in for i in gx.indices { gx[i] += g[i] * (1 - y[i] * y[i]) } }
    }
  }

  /// Element-wise log(sigmoid(x)). Fused: log of a sigmoid that rounded to 0 is -inf,
  /// while this form stays finite for every x.
  ///
  /// ```
  /// y = log sigmoid(x) = min(x, 0) - log(1 + e^-|x|)     dx += g * (1 - sigmoid(x))
  /// ```
  public func logSigmoid() -> Tensor {
    let x = self
    let px = node.data
    return applying(.logSigmoid).recording("logSigmoid", inputs: [x]) { g, _ in
      // 1 - sigmoid(x) = sigmoid(-x)
      let n = x.count
      let s = allocateFloats(n)
      defer { freeFloats(s, count: n) }
      for i in 0..<n { s[i] = -px[i] }
      Elementary.apply(.sigmoid, s, s, count: n)
      x.accumulateGrad { gx in for i in gx.indices { gx[i] += g[i] * s[i] } }
    }
  }
}
