// Chapter 1's exercises: reference solutions. A student copy replaces each region between
// `// BEGIN SOLUTION` and `// END SOLUTION` with its `// STUB:` statement, which throws
// `NotAttempted`; the tests in Tests/ExercisesTests/Chapter1ExercisesTests.swift grade them
// (`make exercise E=1.4` grades one, `make grade` all).

import NN
import Tensors

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The exercises of Chapter 1 ("From one neuron to an MLP").
///
///     let y = Chapter1Exercises.softplus(x)   // Exercise 1.1
public enum Chapter1Exercises {}

// MARK: - Exercise 1.1: softplus, a new op with its own backward

extension Chapter1Exercises {
  /// Element-wise softplus, a smooth ReLU, written as an engine op (the three steps:
  /// compute, `recording` a backward that adds into the input's gradient, return).
  ///
  /// ```
  /// y = log(1 + e^x) = max(x, 0) + log(1 + e^-|x|)     (finite for every x)
  /// dy/dx = sigmoid(x) = 1 / (1 + e^-x)
  /// ```
  public static func softplus(_ x: Tensor) throws -> Tensor {
    // BEGIN SOLUTION
    let values = x.scalars
    let out = Tensor(shape: x.shape) { y in
      for i in y.indices { y[i] = max(values[i], 0) + log1p(exp(-abs(values[i]))) }
    }
    return out.recording("softplus", inputs: [x]) { g, _ in
      x.accumulateGrad { gx in
        for i in gx.indices {
          let e = exp(-abs(values[i]))
          let s = values[i] >= 0 ? 1 / (1 + e) : e / (1 + e)  // sigmoid without overflow
          gx[i] += g[i] * s
        }
      }
    }
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 1.1")
  }
}

// MARK: - Exercise 1.2: ELU, a new op whose backward reuses its output

extension Chapter1Exercises {
  /// Element-wise exponential linear unit (Clevert et al., 2016), as an engine op.
  ///
  /// ```
  /// y = x                  if x > 0       dy/dx = 1
  /// y = alpha (e^x - 1)    otherwise      dy/dx = alpha e^x = y + alpha
  /// ```
  public static func elu(_ x: Tensor, alpha: Float = 1) throws -> Tensor {
    // BEGIN SOLUTION
    let values = x.scalars
    let out = Tensor(shape: x.shape) { y in
      for i in y.indices { y[i] = values[i] > 0 ? values[i] : alpha * (exp(values[i]) - 1) }
    }
    return out.recording("elu", inputs: [x]) { g, y in
      x.accumulateGrad { gx in
        for i in gx.indices { gx[i] += g[i] * (values[i] > 0 ? 1 : y[i] + alpha) }
      }
    }
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 1.2")
  }
}

// MARK: - Exercise 1.3: backpropagation by hand through a ReLU network

extension Chapter1Exercises {
  /// The gradients of a loss with respect to the four parameters of a one-hidden-layer network.
  public struct NetworkGradients {
    /// dL/dW1, (inputs, hidden).
    public var w1: Tensor
    /// dL/db1, (hidden).
    public var b1: Tensor
    /// dL/dW2, (hidden, outputs).
    public var w2: Tensor
    /// dL/db2, (outputs).
    public var b2: Tensor
    /// Gradients from their four parts.
    public init(w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor) {
      (self.w1, self.b1, self.w2, self.b2) = (w1, b1, w2, b2)
    }
  }

  /// The gradients of the mean squared error of a ReLU network, derived by hand and computed
  /// with the engine's ops but WITHOUT `backward()` (inside `withNoGrad`).
  ///
  /// ```
  /// z = x W1 + b1,   h = relu(z),   p = h W2 + b2
  /// L = (1/n) sum (p - t)^2          n = batch * outputs
  /// ```
  /// - Shape: x (batch, inputs), w1 (inputs, hidden), b1 (hidden), w2 (hidden, outputs),
  ///   b2 (outputs), targets (batch, outputs)
  public static func reluNetworkGradients(
    x: Tensor, w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor, targets: Tensor
  ) throws -> NetworkGradients {
    // BEGIN SOLUTION
    withNoGrad {
      let z = x.matmul(w1) + b1
      let h = z.relu()
      let p = h.matmul(w2) + b2
      let dp = 2 / Float(p.count) * (p - targets)  // dL/dp
      let dw2 = Tensor.matmul(h, dp, transposeA: true)  // hᵀ dp
      let db2 = dp.sum(axis: 0)
      let dh = Tensor.matmul(dp, w2, transposeB: true)  // dp W2ᵀ
      let dz = dh * z.isGreater(than: 0)  // relu' = 1 where z > 0
      let dw1 = Tensor.matmul(x, dz, transposeA: true)  // xᵀ dz
      let db1 = dz.sum(axis: 0)
      return NetworkGradients(w1: dw1, b1: db1, w2: dw2, b2: db2)
    }
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 1.3")
  }
}

// MARK: - The XOR data of Exercises 1.4 to 1.6 (given)

extension Chapter1Exercises {
  /// Points in four clusters at (±1, ±1) with normal noise of standard deviation `spread`,
  /// labelled 1 when the signs of the two coordinates differ.
  /// - Shape: points (count, 2), labels (count, 1)
  public static func xorData(count: Int, spread: Float = 0.45, seed: UInt64) -> (
    points: Tensor, labels: Tensor
  ) {
    var rng = SeededGenerator(seed: seed)
    var xy: [Float] = []
    var labels: [Float] = []
    let corners: [(Float, Float)] = [(1, 1), (-1, -1), (1, -1), (-1, 1)]
    for k in 0..<count {
      let (sx, sy) = corners[k % 4]
      xy += [sx + spread * Float(rng.normal()), sy + spread * Float(rng.normal())]
      labels.append(sx == sy ? 0 : 1)
    }
    return (Tensor(xy, shape: [count, 2]), Tensor(labels, shape: [count, 1]))
  }

  /// The share of rows where `logits > 0` agrees with a 0/1 label.
  public static func accuracy(logits: Tensor, labels: Tensor) -> Double {
    let right = zip(logits.scalars, labels.scalars).filter { ($0 > 0) == ($1 == 1) }.count
    return Double(right) / Double(max(labels.count, 1))
  }
}

// MARK: - Exercise 1.4: width and depth

extension Chapter1Exercises {
  /// Trains an MLP with the given hidden layer sizes (`[]` is logistic regression) on 200
  /// XOR points (`xorData(count: 200, seed: seed)`), full batch, Adam with learning rate
  /// 0.02, for `steps` steps, and returns its accuracy on 400 fresh points
  /// (`xorData(count: 400, seed: seed + 1)`).
  public static func xorTestAccuracy(
    hiddenSizes: [Int], activation: Activation = .tanh, steps: Int = 300, seed: UInt64 = 1
  ) throws -> Double {
    // BEGIN SOLUTION
    let train = xorData(count: 200, seed: seed)
    let test = xorData(count: 400, seed: seed + 1)
    var rng = SeededGenerator(seed: seed + 2)
    let model = MLP(sizes: [2] + hiddenSizes + [1], activation: activation, using: &rng)
    let optimizer = Adam(model.parameters, learningRate: 0.02)
    for _ in 0..<steps {
      optimizer.zeroGrad()
      binaryCrossEntropyWithLogits(model(train.points), train.labels).backward()
      optimizer.step()
    }
    return accuracy(logits: evaluating { model(test.points) }, labels: test.labels)
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 1.4")
  }

  /// The test accuracy of every (depth, width): `result[d][w]` for `depths[d]` hidden layers
  /// of `widths[w]` units each (depth 0 is logistic regression, whatever the width).
  public static func widthDepthStudy(widths: [Int], depths: [Int], seed: UInt64 = 1) throws
    -> [[Double]]
  {
    // BEGIN SOLUTION
    try depths.map { depth in
      try widths.map { width in
        try xorTestAccuracy(hiddenSizes: Array(repeating: width, count: depth), seed: seed)
      }
    }
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 1.4")
  }
}

// MARK: - Exercise 1.5: a learning-rate sweep

extension Chapter1Exercises {
  /// For each learning rate, the full-batch training loss at every step of plain SGD
  /// (no momentum) on 200 XOR points (`xorData(count: 200, seed: seed)`), with an MLP
  /// 2-16-1 with tanh whose initial weights are drawn from `SeededGenerator(seed: seed)`,
  /// the same for every rate. `result[r][s]` is the loss computed at step `s`, before
  /// that step's update. A loss that is not finite stays in the curve as it is.
  public static func learningRateSweep(rates: [Float], steps: Int = 200, seed: UInt64 = 1) throws
    -> [[Double]]
  {
    // BEGIN SOLUTION
    let data = xorData(count: 200, seed: seed)
    return rates.map { rate in
      var rng = SeededGenerator(seed: seed)
      let model = MLP(sizes: [2, 16, 1], activation: .tanh, using: &rng)
      let optimizer = SGD(model.parameters, learningRate: rate)
      var losses: [Double] = []
      for _ in 0..<steps {
        optimizer.zeroGrad()
        let loss = binaryCrossEntropyWithLogits(model(data.points), data.labels)
        loss.backward()
        optimizer.step()
        losses.append(Double(loss.scalar))
      }
      return losses
    }
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 1.5")
  }
}

// MARK: - Exercise 1.6: initialisation and symmetry

extension Chapter1Exercises {
  /// Trains an MLP 2-8-1 with tanh on 200 XOR points (`xorData(count: 200, seed: seed)`),
  /// full batch, Adam with learning rate 0.02, for `steps` steps, and returns the first
  /// layer's weights, (2, 8), after training.
  ///
  /// With `constant` given, every weight of both layers starts at that value (biases at 0);
  /// with `nil`, the layers keep their random initial weights (`SeededGenerator(seed: seed)`).
  public static func firstLayerAfterTraining(constant: Float?, steps: Int = 200, seed: UInt64 = 1)
    throws
    -> Tensor
  {
    // BEGIN SOLUTION
    let data = xorData(count: 200, seed: seed)
    var rng = SeededGenerator(seed: seed)
    let model = MLP(sizes: [2, 8, 1], activation: .tanh, using: &rng)
    if let constant {
      for layer in model.layers {
        layer.weight.withUnsafeMutableBufferPointer { w in w.update(repeating: constant) }
      }
    }
    let optimizer = Adam(model.parameters, learningRate: 0.02)
    for _ in 0..<steps {
      optimizer.zeroGrad()
      binaryCrossEntropyWithLogits(model(data.points), data.labels).backward()
      optimizer.step()
    }
    return model.layers[0].weight.copy()
    // END SOLUTION
    // STUB: throw NotAttempted("Exercise 1.6")
  }
}
