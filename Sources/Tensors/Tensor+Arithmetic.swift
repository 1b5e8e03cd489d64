// Element-wise arithmetic with broadcasting (see `Broadcast`). Every op is the same three
// steps: 1. compute the result, 2. record a backward closure that ADDS the upstream
// gradient, times the local derivative, into each input's gradient, 3. return the result.

// MARK: - Add

extension Tensor {
  /// Element-wise sum, with broadcasting.
  ///
  /// ```
  /// y = a + b        da += g,  db += g
  /// ```
  public static func + (a: Tensor, b: Tensor) -> Tensor {
    let plan = Broadcast(a.shape, b.shape, op: "add")
    let (pa, pb) = (a.node.data, b.node.data)
    let out = Tensor(shape: plan.shape) { y in plan.forEachIndex { k, i, j in y[k] = pa[i] + pb[j] }
    }
    return out.recording("add", inputs: [a, b]) { g, _ in
      a.accumulateGrad { ga in plan.forEachIndex { k, i, _ in ga[i] += g[k] } }
      b.accumulateGrad { gb in plan.forEachIndex { k, _, j in gb[j] += g[k] } }
    }
  }
}

// MARK: - Subtract

extension Tensor {
  /// Element-wise difference, with broadcasting.
  ///
  /// ```
  /// y = a - b        da += g,  db -= g
  /// ```
  public static func - (a: Tensor, b: Tensor) -> Tensor {
    let plan = Broadcast(a.shape, b.shape, op: "sub")
    let (pa, pb) = (a.node.data, b.node.data)
    let out = Tensor(shape: plan.shape) { y in plan.forEachIndex { k, i, j in y[k] = pa[i] - pb[j] }
    }
    return out.recording("sub", inputs: [a, b]) { g, _ in
      a.accumulateGrad { ga in plan.forEachIndex { k, i, _ in ga[i] += g[k] } }
      b.accumulateGrad { gb in plan.forEachIndex { k, _, j in gb[j] -= g[k] } }
    }
  }
}

// MARK: - Multiply

extension Tensor {
  /// Element-wise product, with broadcasting.
  ///
  /// ```
  /// y = a * b        da += g * b,  db += g * a
  /// ```
  public static func * (a: Tensor, b: Tensor) -> Tensor {
    let plan = Broadcast(a.shape, b.shape, op: "mul")
    let (pa, pb) = (a.node.data, b.node.data)
    let out = Tensor(shape: plan.shape) { y in plan.forEachIndex { k, i, j in y[k] = pa[i] * pb[j] }
    }
    return out.recording("mul", inputs: [a, b]) { g, _ in
      a.accumulateGrad { ga in plan.forEachIndex { k, i, j in ga[i] += g[k] * pb[j] } }
      b.accumulateGrad { gb in plan.forEachIndex { k, i, j in gb[j] += g[k] * pa[i] } }
    }
  }
}

// MARK: - Divide

extension Tensor {
  /// Element-wise quotient, with broadcasting.
  ///
  /// ```
  /// y = a / b        da += g / b,  db -= g * a / b^2
  /// ```
  public static func / (a: Tensor, b: Tensor) -> Tensor {
    let plan = Broadcast(a.shape, b.shape, op: "div")
    let (pa, pb) = (a.node.data, b.node.data)
    let out = Tensor(shape: plan.shape) { y in plan.forEachIndex { k, i, j in y[k] = pa[i] / pb[j] }
    }
    return out.recording("div", inputs: [a, b]) { g, _ in
      a.accumulateGrad { ga in plan.forEachIndex { k, i, j in ga[i] += g[k] / pb[j] } }
      b.accumulateGrad { gb in
        plan.forEachIndex { k, i, j in gb[j] -= g[k] * pa[i] / (pb[j] * pb[j]) }
      }
    }
  }
}

// MARK: - Negate

extension Tensor {
  /// Element-wise negation.
  ///
  /// ```
  /// y = -x           dx -= g
  /// ```
  public static prefix func - (x: Tensor) -> Tensor {
    let px = x.node.data
    let out = Tensor(shape: x.shape) { y in for i in y.indices { y[i] = -px[i] } }
    return out.recording("neg", inputs: [x]) { g, _ in
      x.accumulateGrad { gx in for i in gx.indices { gx[i] -= g[i] } }
    }
  }
}

// MARK: - With a number

extension Tensor {
  /// Adds a number to every element.
  public static func + (a: Tensor, b: Float) -> Tensor { a + Tensor(scalar: b) }
  /// Adds a number to every element.
  public static func + (a: Float, b: Tensor) -> Tensor { Tensor(scalar: a) + b }
  /// Subtracts a number from every element.
  public static func - (a: Tensor, b: Float) -> Tensor { a - Tensor(scalar: b) }
  /// Subtracts every element from a number.
  public static func - (a: Float, b: Tensor) -> Tensor { Tensor(scalar: a) - b }
  /// Multiplies every element by a number.
  public static func * (a: Tensor, b: Float) -> Tensor { a * Tensor(scalar: b) }
  /// Multiplies every element by a number.
  public static func * (a: Float, b: Tensor) -> Tensor { Tensor(scalar: a) * b }
  /// Divides every element by a number.
  public static func / (a: Tensor, b: Float) -> Tensor { a / Tensor(scalar: b) }
  /// Divides a number by every element.
  public static func / (a: Float, b: Tensor) -> Tensor { Tensor(scalar: a) / b }
}
