// Chapter 1: from one neuron to an MLP — the math, backpropagation, and our autograd.
// Read side by side with README.md: each `// MARK: -` below is a `##` heading there.
//
//     swift build -c release --product chapter-1 && .build/release/chapter-1 [--quick]

import Foundation
import ModernRecSys

struct Chapter1: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "chapter-1",
    abstract: "From one neuron to an MLP: the math, backpropagation, and our autograd.")

  @OptionGroup var options: ChapterOptions

  func run() throws {
    let run = try ChapterRun(
      number: 1, title: "From one neuron to an MLP", options: options)
    let start = Date()
    oneNeuron(run)
    try activationFunctions(run)
    layerShapes(run)
    stackedLinearLayers(run)
    try backpropagationByHand(run)
    engineGradients(run)
    try checkEveryGradient(run)
    try nonLinearity(run)
    let task = try likeDislikeTask(run)
    try logisticRegressionAgainstMLP(run, task: task)
    run.timing("chapter 1", seconds: Date().timeIntervalSince(start))
    try run.finish()
  }
}

// MARK: - One neuron

extension Chapter1 {
  /// y = φ(wᵀx + b), once by hand in Double and once with the engine's tensors.
  func oneNeuron(_ run: ChapterRun) {
    run.section("One neuron")
    let inputs: [Double] = [1.0, 0.5, -1.5]
    let weights: [Double] = [0.8, -0.4, 0.3]
    let bias = 0.1
    // By hand: the weighted sum, then the activation.
    let preActivation = zip(weights, inputs).map { $0 * $1 }.reduce(bias, +)
    let output = 1 / (1 + Elementary.exp(-preActivation))
    // The engine: x as a (1, 3) batch of one, w as a (3, 1) column.
    let x = Tensor(inputs.map(Float.init), shape: [1, 3])
    let w = Tensor(weights.map(Float.init), shape: [3, 1])
    let y = (x.matmul(w) + Float(bias)).sigmoid()
    run.note(
      "w·x + b = \(formatted(preActivation, decimals: 4)), y = sigmoid(w·x + b) = \(formatted(output, decimals: 4)) (engine: \(formatted(Double(y.scalar), decimals: 4)))"
    )
    run.record("Neuron/pre-activation", preActivation)
    run.record("Neuron/output", output)
    run.record("Neuron/engine output", Double(y.scalar))
  }
}

// MARK: - Activation functions

/// SiLU (also called swish): x · sigmoid(x), composed from two engine ops, so the engine
/// differentiates it without a backward of its own.
func silu(_ x: Tensor) -> Tensor { x * x.sigmoid() }

extension Chapter1 {
  /// An activation: its name, the engine's version, and its derivative written by hand.
  struct ActivationCase {
    var name: String
    var apply: (Tensor) -> Tensor
    var derivative: (Double) -> Double
  }

  static var activationCases: [ActivationCase] {
    func sigma(_ x: Double) -> Double { 1 / (1 + Elementary.exp(-x)) }
    return [
      ActivationCase(
        name: "sigmoid", apply: { $0.sigmoid() }, derivative: { sigma($0) * (1 - sigma($0)) }),
      ActivationCase(
        name: "tanh", apply: { $0.tanh() },
        derivative: { 1 - Elementary.tanh($0) * Elementary.tanh($0) }),
      ActivationCase(name: "ReLU", apply: { $0.relu() }, derivative: { $0 > 0 ? 1 : 0 }),
      ActivationCase(
        name: "SiLU", apply: silu, derivative: { sigma($0) * (1 + $0 * (1 - sigma($0))) }),
    ]
  }

  /// Each activation and its derivative on a grid; the derivative comes from `backward()`
  /// and is compared with the formula.
  func activationFunctions(_ run: ChapterRun) throws {
    run.section("Activation functions")
    let grid = (0...80).map { -4 + Double($0) * 0.1 }
    var valuePanel: [LineSeries] = []
    var derivativePanel: [LineSeries] = []
    var table = MarkdownTable(columns: [
      "activation", "f(-2)", "f(0)", "f(2)", "max |autograd f' - formula|",
    ])
    for activation in Self.activationCases {
      // One forward and one backward over the whole grid: since y_k depends on x_k only,
      // the gradient of sum_k y_k with respect to x_k is f'(x_k).
      let x = Tensor(grid.map(Float.init)).requiringGrad()
      let y = activation.apply(x)
      y.sum().backward()
      let values = y.scalars.map(Double.init)
      let slopes = (x.grad?.scalars ?? [Float]()).map { Double($0) }
      // ReLU has no derivative at 0; skip the kink when comparing.
      let worst =
        zip(grid, slopes).filter { Swift.abs($0.0) > 1e-9 }
        .map { Swift.abs($0.1 - activation.derivative($0.0)) }.max() ?? 0.0
      run.record("\(activation.name)/max derivative error", worst)
      run.recordCurve("\(activation.name)/value", x: grid, y: values)
      run.recordCurve("\(activation.name)/derivative", x: grid, y: slopes)
      valuePanel.append(LineSeries(activation.name, x: grid, y: values))
      derivativePanel.append(LineSeries(activation.name, x: grid, y: slopes))
      table.append([
        activation.name, formatted(values[20], decimals: 4), formatted(values[40], decimals: 4),
        formatted(values[60], decimals: 4), scientific(worst),
      ])
    }
    try run.show(table, as: "activations")
    var values = Chart.lines(valuePanel, title: "Activation f(x)", xLabel: "x", yLabel: "f(x)")
    values.legend = .topLeft
    var slopes = Chart.lines(
      derivativePanel, title: "Derivative f'(x), from backward()", xLabel: "x", yLabel: "f'(x)")
    slopes.legend = .topLeft
    try run.save(Figure(panels: [values, slopes], columns: 2), as: "activations")
  }
}

/// A small positive or negative number in scientific notation, as the tables show errors.
func scientific(_ value: Double) -> String {
  value == 0 ? "0" : String(format: "%.1e", value)
}

// MARK: - From neurons to layers

extension Chapter1 {
  /// A batch through three layers of the seed's equations, shapes printed at each step.
  func layerShapes(_ run: ChapterRun) {
    run.section("From neurons to layers")
    var rng = run.generator("layers")
    let batch = 5
    let sizes = [4, 8, 6, 1]
    let mlp = MLP(sizes: sizes, activation: .relu, finalActivation: .sigmoid, using: &rng)
    let x = Tensor.normal([batch, sizes[0]], using: &rng)
    var h = x
    run.note("x: \(x.shape)")
    for (l, layer) in mlp.layers.enumerated() {
      let z = layer(h)
      h = l == mlp.layers.count - 1 ? z.sigmoid() : z.relu()
      run.note(
        "layer \(l + 1): W\(l + 1) \(layer.weight.shape), b\(l + 1) \(layer.bias!.shape), h\(l + 1) = f(h\(l) W\(l + 1) + b\(l + 1)): \(h.shape)"
      )
    }
    let direct = evaluating { mlp(x) }
    let gap = zip(h.scalars, direct.scalars).map { Swift.abs($0 - $1) }.max() ?? 0
    run.note("parameters: \(mlp.parameterCount); layer by layer vs MLP: max difference \(gap)")
    run.record("Layers/parameter count", Double(mlp.parameterCount))
  }
}

// MARK: - Stacked linear layers collapse

extension Chapter1 {
  /// Three linear layers without activations equal one linear layer; with ReLU they do not.
  func stackedLinearLayers(_ run: ChapterRun) {
    run.section("Stacked linear layers collapse")
    var rng = run.generator("collapse")
    let w1 = Tensor.normal([4, 8], using: &rng)
    let b1 = Tensor.normal([8], using: &rng)
    let w2 = Tensor.normal([8, 6], using: &rng)
    let b2 = Tensor.normal([6], using: &rng)
    let w3 = Tensor.normal([6, 2], using: &rng)
    let b3 = Tensor.normal([2], using: &rng)
    let x = Tensor.normal([5, 4], using: &rng)

    // Three layers, no activation: ((x W1 + b1) W2 + b2) W3 + b3.
    func stacked(_ x: Tensor) -> Tensor { ((x.matmul(w1) + b1).matmul(w2) + b2).matmul(w3) + b3 }
    // One layer: W = W1 W2 W3 and b = (b1 W2 + b2) W3 + b3.
    let w = w1.matmul(w2).matmul(w3)
    let b = ((b1.reshaped([1, 8]).matmul(w2) + b2).matmul(w3) + b3).reshaped([2])
    func collapsed(_ x: Tensor) -> Tensor { x.matmul(w) + b }
    let gap = maxAbsDifference(stacked(x), collapsed(x))
    run.note(
      "W = W1 W2 W3: \(w.shape); max |stacked - collapsed| over the batch = \(scientific(gap))")
    run.record("Collapse/max difference", gap)

    // Superposition: an affine f has f(a + c) - f(a) - f(c) + f(0) = 0; a ReLU network does not.
    func withReLU(_ x: Tensor) -> Tensor {
      ((x.matmul(w1) + b1).relu().matmul(w2) + b2).relu().matmul(w3) + b3
    }
    let a = x
    let c = Tensor.normal([5, 4], using: &rng)
    let zero = Tensor.zeros([5, 4])
    func superpositionGap(_ f: (Tensor) -> Tensor) -> Double {
      maxAbsDifference(f(a + c) + f(zero), f(a) + f(c))
    }
    let linearGap = superpositionGap(stacked)
    let reluGap = superpositionGap(withReLU)
    run.note(
      "max |f(a + c) + f(0) - f(a) - f(c)|: linear stack \(scientific(linearGap)), with ReLU \(formatted(reluGap, decimals: 3))"
    )
    run.record("Collapse/linear superposition gap", linearGap)
    run.record("Collapse/ReLU superposition gap", reluGap)
  }
}

/// max_i |a_i - b_i| for two tensors of the same shape.
func maxAbsDifference(_ a: Tensor, _ b: Tensor) -> Double {
  ensure(a.shape == b.shape, "maxAbsDifference: shapes \(a.shape) and \(b.shape)")
  return zip(a.scalars, b.scalars).map { Double(Swift.abs($0 - $1)) }.max() ?? 0
}

// MARK: - Backpropagation by hand

/// A matrix as rows of numbers, for the computation by hand.
typealias Matrix = [[Double]]

/// (m, k) · (k, n) -> (m, n), three loops.
func product(_ a: Matrix, _ b: Matrix) -> Matrix {
  a.map { row in (0..<b[0].count).map { j in zip(row, b).reduce(0) { $0 + $1.0 * $1.1[j] } } }
}

/// (m, n) -> (n, m).
func transpose(_ a: Matrix) -> Matrix {
  (0..<a[0].count).map { j in a.map { $0[j] } }
}

/// A two-layer network: tanh hidden layer, sigmoid output.
struct TwoLayerNetwork {
  var w1: Matrix  // (inputs, hidden)
  var b1: [Double]  // (hidden)
  var w2: Matrix  // (hidden, 1)
  var b2: [Double]  // (1)
}

/// The loss and its gradient with respect to every parameter, by the chain rule, by hand.
func backpropagateByHand(_ net: TwoLayerNetwork, x: Matrix, y: [Double]) -> (
  loss: Double, gradients: TwoLayerNetwork
) {
  let batch = Double(x.count)
  // Forward, keeping what the backward pass needs.
  let z1 = product(x, net.w1).map { zip($0, net.b1).map { $0 + $1 } }  // (B, hidden)
  let h = z1.map { $0.map { Elementary.tanh($0) } }
  let z2 = product(h, net.w2).map { [$0[0] + net.b2[0]] }  // (B, 1)
  let p = z2.map { 1 / (1 + Elementary.exp(-$0[0])) }
  let logLikelihood = zip(p, y).map { $1 * Elementary.log($0) + (1 - $1) * Elementary.log(1 - $0) }
    .reduce(0, +)
  let loss = -logLikelihood / batch  // binary cross-entropy, averaged
  // Backward, from the loss to the inputs, one line per equation of the text.
  let dz2 = zip(p, y).map { [($0 - $1) / batch] }  // dL/dz2 = (p - y) / B
  let dw2 = product(transpose(h), dz2)  // dL/dW2 = hᵀ dz2
  let db2 = [dz2.reduce(0) { $0 + $1[0] }]  // dL/db2 = sum over the batch
  let dh = product(dz2, transpose(net.w2))  // dL/dh = dz2 W2ᵀ
  let dz1 = zip(dh, h).map { zip($0, $1).map { $0 * (1 - $1 * $1) } }  // tanh' = 1 - h²
  let dw1 = product(transpose(x), dz1)  // dL/dW1 = xᵀ dz1
  let db1 = transpose(dz1).map { $0.reduce(0, +) }  // dL/db1 = sum over the batch
  return (loss, TwoLayerNetwork(w1: dw1, b1: db1, w2: dw2, b2: db2))
}

/// The same network with the engine: forward with tensors, then one `backward()`.
func backpropagateWithEngine(_ net: TwoLayerNetwork, x: Matrix, y: [Double]) -> (
  loss: Double, gradients: TwoLayerNetwork
) {
  func tensor(_ m: Matrix) -> Tensor { Tensor(m.map { $0.map(Float.init) }) }
  let w1 = tensor(net.w1).requiringGrad()
  let b1 = Tensor(net.b1.map(Float.init)).requiringGrad()
  let w2 = tensor(net.w2).requiringGrad()
  let b2 = Tensor(net.b2.map(Float.init)).requiringGrad()
  let logits = (tensor(x).matmul(w1) + b1).tanh().matmul(w2) + b2
  let loss = binaryCrossEntropyWithLogits(logits, tensor(y.map { [$0] }))
  loss.backward()
  func matrix(_ t: Tensor) -> Matrix {
    let values = t.scalars.map(Double.init)
    let columns = t.shape[1]
    return (0..<t.shape[0]).map { Array(values[($0 * columns)..<(($0 + 1) * columns)]) }
  }
  return (
    Double(loss.scalar),
    TwoLayerNetwork(
      w1: matrix(w1.grad!), b1: b1.grad!.scalars.map(Double.init), w2: matrix(w2.grad!),
      b2: b2.grad!.scalars.map(Double.init))
  )
}

extension Chapter1 {
  func backpropagationByHand(_ run: ChapterRun) throws {
    run.section("Backpropagation by hand")
    var rng = run.generator("backprop")
    func draw(_ rows: Int, _ columns: Int) -> Matrix {
      (0..<rows).map { _ in (0..<columns).map { _ in Double(rng.uniform(-1, 1)) } }
    }
    // The four XOR points and a network with two inputs, three hidden units and one output.
    let x: Matrix = [[0, 0], [0, 1], [1, 0], [1, 1]]
    let y: [Double] = [0, 1, 1, 0]
    let net = TwoLayerNetwork(w1: draw(2, 3), b1: draw(1, 3)[0], w2: draw(3, 1), b2: draw(1, 1)[0])

    let byHand = backpropagateByHand(net, x: x, y: y)
    let byEngine = backpropagateWithEngine(net, x: x, y: y)
    var table = MarkdownTable(columns: ["gradient", "by hand", "autograd", "difference"])
    var worst = 0.0
    func compare(_ name: String, _ hand: Matrix, _ engine: Matrix) {
      for (i, (handRow, engineRow)) in zip(hand, engine).enumerated() {
        for (j, (a, b)) in zip(handRow, engineRow).enumerated() {
          worst = max(worst, Swift.abs(a - b))
          let label =
            hand.count == 1 && handRow.count == 1
            ? name : hand.count == 1 ? "\(name)[\(j)]" : "\(name)[\(i),\(j)]"
          table.append([
            label, formatted(a, decimals: 6), formatted(b, decimals: 6),
            scientific(Swift.abs(a - b)),
          ])
        }
      }
    }
    compare("dL/dW1", byHand.gradients.w1, byEngine.gradients.w1)
    compare("dL/db1", [byHand.gradients.b1], [byEngine.gradients.b1])
    compare("dL/dW2", byHand.gradients.w2, byEngine.gradients.w2)
    compare("dL/db2", [byHand.gradients.b2], [byEngine.gradients.b2])
    run.note(
      "loss: by hand \(formatted(byHand.loss, decimals: 6)), engine \(formatted(byEngine.loss, decimals: 6))"
    )
    try run.show(
      table, as: "backprop", caption: "Gradients of the two-layer network on the XOR points:")
    run.note("largest difference: \(scientific(worst)) (Float32 against Double)")
    run.record("Backprop/loss by hand", byHand.loss)
    run.record("Backprop/loss by engine", byEngine.loss)
    run.record("Backprop/max gradient difference", worst)
  }
}

// MARK: - How the engine computes gradients

extension Chapter1 {
  /// The graph the engine records for the two-layer network, op by op, in the order
  /// `backward()` visits it.
  func engineGradients(_ run: ChapterRun) {
    run.section("How the engine computes gradients")
    let x = Tensor([[0, 1]])
    let w1 = Tensor([[0.5, -0.3, 0.8], [0.1, 0.7, -0.6]]).requiringGrad()
    let b1 = Tensor([0.0, 0.1, -0.1]).requiringGrad()
    let z1 = x.matmul(w1)
    let a1 = z1 + b1
    let h = a1.sigmoid()
    let loss = h.sum()
    for (name, t) in [
      ("z1 = x.matmul(w1)", z1), ("a1 = z1 + b1", a1), ("h = a1.sigmoid()", h),
      ("loss = h.sum()", loss),
    ] {
      run.note("\(name): op \(t.op), shape \(t.shape), records a backward: \(t.isRecorded)")
    }
    loss.backward()
    run.note(
      "after loss.backward(): dL/db1 = \(b1.grad!.scalars.map { formatted(Double($0), decimals: 4) })"
    )
    for (k, g) in b1.grad!.scalars.enumerated() { run.record("Engine/dL/db1[\(k)]", Double(g)) }
  }
}

// MARK: - Checking every gradient

extension Chapter1 {
  /// One gradient check: a name, the inputs, and the function of them.
  struct GradientCase {
    var name: String
    var inputs: [Tensor]
    var function: ([Tensor]) -> Tensor
  }

  /// Every op the chapter uses, checked against central differences with the engine's
  /// `checkGradients`.
  func checkEveryGradient(_ run: ChapterRun) throws {
    run.section("Checking every gradient")
    var rng = run.generator("gradient check")
    let cases = gradientCases(using: &rng)
    var table = MarkdownTable(columns: [
      "op", "input shapes", "max abs error", "max rel error", "passes",
    ])
    var worst = 0.0
    for c in cases {
      let report = checkGradients(at: c.inputs, c.function)
      let absolute = report.inputs.map(\.maxAbsoluteError).max() ?? 0
      let relative = report.inputs.map(\.maxRelativeError).max() ?? 0
      worst = max(worst, relative)
      table.append([
        c.name, c.inputs.map { "\($0.shape)" }.joined(separator: " "), scientific(absolute),
        scientific(relative), report.passes(tolerance: 1e-2) ? "yes" : "NO",
      ])
    }
    try run.show(
      table, as: "gradient-check",
      caption: "Analytic (backward) against numeric (central difference) gradients:")
    run.record("Gradient check/worst relative error", worst)
    run.record("Gradient check/ops checked", Double(cases.count))
    guard worst <= 1e-2 else {
      throw ChapterError("a gradient check failed (relative error \(worst)); see the table above")
    }
  }

  /// The cases: each op on random inputs drawn from `rng` (in this order), the MLP last.
  func gradientCases(using rng: inout SeededGenerator) -> [GradientCase] {
    func normal(_ shape: [Int]) -> Tensor { Tensor.normal(shape, using: &rng) }
    func awayFromZero(_ shape: [Int]) -> Tensor {
      // Values in ±(0.2 ... 2): keeps ReLU, maximum and 1/x away from their kinks and poles.
      Tensor(shape: shape) { out in
        for i in out.indices { out[i] = rng.uniform(0.2, 2) * (rng.nextFloat() < 0.5 ? -1 : 1) }
      }
    }
    func positive(_ shape: [Int]) -> Tensor {
      Tensor.uniform(shape, low: 0.5, high: 2, using: &rng)
    }
    let targets = Tensor([1, 0, 1, 1, 0, 0], shape: [6, 1])
    return [
      GradientCase(name: "add (broadcast bias)", inputs: [normal([4, 3]), normal([3])]) {
        $0[0] + $0[1]
      },
      GradientCase(name: "sub", inputs: [normal([4, 3]), normal([4, 3])]) { $0[0] - $0[1] },
      GradientCase(name: "mul", inputs: [normal([4, 3]), normal([4, 3])]) { $0[0] * $0[1] },
      GradientCase(name: "div", inputs: [normal([4, 3]), positive([4, 3])]) { $0[0] / $0[1] },
      GradientCase(name: "neg", inputs: [normal([4, 3])]) { -$0[0] },
      GradientCase(name: "matmul", inputs: [normal([4, 3]), normal([3, 2])]) {
        $0[0].matmul($0[1])
      },
      GradientCase(name: "sum", inputs: [normal([4, 3])]) { $0[0].sum() },
      GradientCase(name: "mean", inputs: [normal([4, 3])]) { $0[0].mean() },
      GradientCase(name: "sum(axis: 1)", inputs: [normal([4, 3])]) { $0[0].sum(axis: 1) },
      GradientCase(name: "reshape", inputs: [normal([4, 3])]) { $0[0].reshaped([2, 6]) },
      GradientCase(name: "exp", inputs: [normal([4, 3])]) { $0[0].exp() },
      GradientCase(name: "log", inputs: [positive([4, 3])]) { $0[0].log() },
      GradientCase(name: "sigmoid", inputs: [normal([4, 3])]) { $0[0].sigmoid() },
      GradientCase(name: "tanh (composed)", inputs: [normal([4, 3])]) { $0[0].tanh() },
      GradientCase(name: "ReLU", inputs: [awayFromZero([4, 3])]) { $0[0].relu() },
      GradientCase(name: "SiLU (composed)", inputs: [normal([4, 3])]) { silu($0[0]) },
      GradientCase(name: "BCE with logits", inputs: [normal([6, 1])]) {
        binaryCrossEntropyWithLogits($0[0], targets)
      },
      GradientCase(
        name: "two-layer MLP",
        inputs: [normal([6, 2]), normal([2, 4]), normal([4]), normal([4, 1]), normal([1])]
      ) { t in
        binaryCrossEntropyWithLogits((t[0].matmul(t[1]) + t[2]).tanh().matmul(t[3]) + t[4], targets)
      },
    ]
  }
}

// MARK: - Why non-linearity matters

/// Points in four clusters at (±1, ±1), labelled 1 when the signs of x and y differ: XOR.
struct XORData {
  var points: Tensor  // (n, 2)
  var labels: Tensor  // (n, 1)

  init(count: Int, spread: Float, using rng: inout SeededGenerator) {
    var xy: [Float] = []
    var labels: [Float] = []
    for k in 0..<count {
      let (sx, sy): (Float, Float) = [(1, 1), (-1, -1), (1, -1), (-1, 1)][k % 4]
      xy += [sx + spread * Float(rng.normal()), sy + spread * Float(rng.normal())]
      labels.append(sx == sy ? 0 : 1)
    }
    points = Tensor(xy, shape: [count, 2])
    self.labels = Tensor(labels, shape: [count, 1])
  }

  /// The share of points on the right side of the model's boundary (logit > 0 means 1).
  func accuracy(of model: MLP) -> Double {
    let logits = evaluating { model(points) }.scalars
    let right = zip(logits, labels.scalars).filter { ($0 > 0) == ($1 == 1) }.count
    return Double(right) / Double(labels.count)
  }
}

extension Chapter1 {
  /// Logistic regression, a stack of linear layers, and an MLP on XOR: boundaries and curves.
  func nonLinearity(_ run: ChapterRun) throws {
    run.section("Why non-linearity matters")
    var rng = run.generator("xor")
    let train = XORData(count: 200, spread: 0.45, using: &rng)
    let test = XORData(count: 400, spread: 0.45, using: &rng)
    let models: [(name: String, model: MLP)] = [
      ("Logistic regression", MLP(sizes: [2, 1], using: &rng)),
      (
        "Linear stack (2-16-16-1, no activation)",
        MLP(sizes: [2, 16, 16, 1], activation: .identity, using: &rng)
      ),
      ("MLP (2-16-16-1, tanh)", MLP(sizes: [2, 16, 16, 1], activation: .tanh, using: &rng)),
    ]
    let steps = 300
    var curves: [LineSeries] = []
    var panels: [Chart] = []
    var table = MarkdownTable(columns: [
      "model", "parameters", "train loss", "train accuracy", "test accuracy",
    ])
    let grid = (0...80).map { -2.5 + Double($0) * 5 / 80 }
    for (name, model) in models {
      // Full-batch training: every step is an "epoch" of one batch, all 200 points.
      let losses = fit(
        epochs: steps, optimizers: [Adam(model.parameters, learningRate: 0.02)],
        batches: { _ in [train] },
        loss: { binaryCrossEntropyWithLogits(model($0.points), $0.labels) }
      ).map(\.loss)
      let finalLoss = Double(
        evaluating { binaryCrossEntropyWithLogits(model(train.points), train.labels) }.scalar)
      let (trainAccuracy, testAccuracy) = (train.accuracy(of: model), test.accuracy(of: model))
      run.note(
        "\(name): loss \(formatted(losses[0], decimals: 3)) -> \(formatted(finalLoss, decimals: 3)), train accuracy \(formatted(trainAccuracy, decimals: 3)), test accuracy \(formatted(testAccuracy, decimals: 3))"
      )
      let short = name.components(separatedBy: " (").first!
      run.record("XOR/\(short)/train loss", finalLoss)
      run.record("XOR/\(short)/train accuracy", trainAccuracy)
      run.record("XOR/\(short)/test accuracy", testAccuracy)
      run.recordCurve("XOR/\(short)/training loss", x: (1...steps).map(Double.init), y: losses)
      table.append([
        name, "\(model.parameterCount)", formatted(finalLoss, decimals: 3),
        formatted(trainAccuracy, decimals: 3),
        formatted(testAccuracy, decimals: 3),
      ])
      curves.append(
        LineSeries(
          short, x: (1...steps).map(Double.init), y: losses, dashed: short == "Linear stack"))
      panels.append(decisionBoundary(of: model, title: name, grid: grid, points: train))
    }
    try run.show(table, as: "xor")
    try run.save(Figure(panels: panels, columns: 3, width: 1380, height: 480), as: "xor-boundaries")
    var chart = Chart.lines(
      curves, title: "XOR: training loss", xLabel: "step (full batch)", yLabel: "BCE")
    chart.legend = .topRight
    try run.save(Figure(chart), as: "xor-training")
  }

  /// The model's probability of class 1 over a grid, with the training points on top.
  func decisionBoundary(of model: MLP, title: String, grid: [Double], points: XORData) -> Chart {
    let n = grid.count
    var xy: [Float] = []
    for y in grid { for x in grid { xy += [Float(x), Float(y)] } }
    let probabilities = evaluating { model(Tensor(xy, shape: [n * n, 2])).sigmoid() }.scalars
    let values = (0..<n).map { j in (0..<n).map { i in Double(probabilities[j * n + i]) } }
    let p = points.points.scalars
    let labels = points.labels.scalars
    func series(_ label: Float, _ name: String, _ color: String, _ shape: PointShape)
      -> ScatterSeries
    {
      let rows = labels.indices.filter { labels[$0] == label }
      return ScatterSeries(
        name, x: rows.map { p[2 * $0] }, y: rows.map { p[2 * $0 + 1] }, shape: shape,
        pointSize: 0.6,
        color: color)
    }
    var chart = Chart.heatmap(
      Heatmap(x: grid, y: grid, values: values, colorRange: 0...1, showsColorBox: false),
      overlay: [
        series(0, "class 0", "#1f77b4", .circle), series(1, "class 1", "#d62728", .triangle),
      ],
      title: title, xLabel: "x_1", yLabel: "x_2")
    chart.xRange = AxisRange(-2.5...2.5)
    chart.yRange = AxisRange(-2.5...2.5)
    return chart
  }
}

// MARK: - A first recommender task: like or dislike

extension Chapter1 {
  /// MovieLens ratings as (user features, movie genres) -> like (4 or 5 stars) or not.
  func likeDislikeTask(_ run: ChapterRun) throws -> LikeDislikeTask {
    run.section("A first recommender task: like or dislike")
    let data = try run.loadMovieLens()
    let task = try LikeDislikeTask(
      data, validationFraction: 0.1, testFraction: 0.1, seed: run.options.seed,
      userLimit: run.isQuick ? 150 : nil)
    run.note(
      "examples: \(task.train.count) train, \(task.validation.count) validation, \(task.test.count) test; \(task.encoder.count) features"
    )
    for group in task.encoder.groups {
      run.note("  \(group.name): columns \(group.columns.lowerBound)..<\(group.columns.upperBound)")
    }
    run.note(
      "share of likes: train \(formatted(task.train.positiveRate, decimals: 3)), test \(formatted(task.test.positiveRate, decimals: 3))"
    )
    run.record("Data/train examples", Double(task.train.count))
    run.record("Data/validation examples", Double(task.validation.count))
    run.record("Data/test examples", Double(task.test.count))
    run.record("Data/features", Double(task.encoder.count))
    run.record("Data/train like rate", task.train.positiveRate)
    run.record("Data/test like rate", task.test.positiveRate)
    return task
  }
}

// MARK: - Logistic regression against an MLP

/// What one training run leaves: a loss per epoch on both parts, AUC per epoch on validation.
struct History {
  var trainLoss: [Double] = []
  var validationLoss: [Double] = []
  var validationAUC: [Double] = []
  /// The epoch (from 1) with the lowest validation loss, whose parameters the model keeps.
  var bestEpoch = 0
}

/// The model's probabilities for every example of a part, in one batched forward pass.
func probabilities(of model: MLP, on examples: LabeledExamples) -> [Float] {
  evaluating { model(examples.features).sigmoid() }.scalars
}

/// Mini-batch training with Adam through `run.fit`; after each epoch, log loss and AUC on
/// validation. At the end the model gets back the parameters of its best validation epoch
/// (early stopping).
func train(
  _ model: MLP, name: String, on task: LikeDislikeTask, epochs: Int, batchSize: Int,
  learningRate: Float, rng: inout SeededGenerator, run: ChapterRun
) -> History {
  let optimizer = Adam(model.parameters, learningRate: learningRate)
  var history = History()
  var best = model.parameters.map { $0.copy() }
  let records = run.fit(
    name, epochs: epochs, optimizers: [optimizer],
    batches: { _ in miniBatches(rng.permutation(task.train.count), size: batchSize) },
    loss: { batch in
      let (x, y) = task.train.batch(batch)
      return binaryCrossEntropyWithLogits(model(x), y)
    },
    weight: { Double($0.count) },  // the epoch's loss is a mean over examples
    evaluate: { epoch in
      let p = probabilities(of: model, on: task.validation)
      let loss = Metrics.logLoss(probabilities: p, labels: task.validation.labels)
      let auc = Metrics.auc(scores: p, labels: task.validation.labels.map { $0 == 1 })
      if history.bestEpoch == 0 || loss < history.validationLoss[history.bestEpoch - 1] {
        history.bestEpoch = epoch
        best = model.parameters.map { $0.copy() }
      }
      history.validationLoss.append(loss)
      history.validationAUC.append(auc)
      return ["validation loss": loss, "validation AUC": auc]
    },
    summary: { record in
      "\(name) epoch \(record.epoch)/\(epochs): train loss \(formatted(record.loss, decimals: 4)), validation loss \(formatted(history.validationLoss[record.epoch - 1], decimals: 4)), validation AUC \(formatted(history.validationAUC[record.epoch - 1], decimals: 4))"
    })
  history.trainLoss = records.map(\.loss)
  for (parameter, saved) in zip(model.parameters, best) { parameter.assign(saved) }
  return history
}

extension Chapter1 {
  func logisticRegressionAgainstMLP(_ run: ChapterRun, task: LikeDislikeTask) throws {
    run.section("Logistic regression against an MLP")
    let d = task.encoder.count
    var rng = run.generator("like-dislike")
    let epochs = run.epochs(full: 12, quick: 3)
    let models: [(name: String, model: MLP)] = [
      ("Logistic regression", MLP(sizes: [d, 1], using: &rng)),
      ("MLP", MLP(sizes: [d, 64, 32, 1], activation: .relu, using: &rng)),
    ]
    // The baseline: predict the training share of likes for everyone.
    let baseRate = Float(task.train.positiveRate)
    var table = MarkdownTable(columns: ["model", "parameters", "test AUC", "test log loss"])
    let baseLoss = Metrics.logLoss(
      probabilities: [Float](repeating: baseRate, count: task.test.count), labels: task.test.labels)
    table.append([
      "Base rate (no features)", "1", formatted(0.5, decimals: 4), formatted(baseLoss, decimals: 4),
    ])
    run.record("Base rate/log loss", baseLoss)

    var trained: [(name: String, history: History)] = []
    for (name, model) in models {
      let start = Date()
      let history = train(
        model, name: name, on: task, epochs: epochs, batchSize: 256, learningRate: 0.002, rng: &rng,
        run: run)
      run.timing("\(name), \(epochs) epochs", seconds: Date().timeIntervalSince(start))
      table.append(testRow(run, name, model, history, task))
      trained.append((name, history))
    }
    try run.show(table, as: "like-dislike", caption: "Held-out test set:")
    try saveTrainingCurves(run, trained)
    try showLearnedWeights(run, of: models[0].model, task)
  }

  /// Records a trained model's test AUC and log loss, the epoch it kept and its curves, and
  /// returns its row of the table.
  func testRow(
    _ run: ChapterRun, _ name: String, _ model: MLP, _ history: History, _ task: LikeDislikeTask
  ) -> [String] {
    let p = probabilities(of: model, on: task.test)
    let auc = Metrics.auc(scores: p, labels: task.test.labels.map { $0 == 1 })
    let logLoss = Metrics.logLoss(probabilities: p, labels: task.test.labels)
    run.record("\(name)/AUC", auc)
    run.record("\(name)/log loss", logLoss)
    run.record("\(name)/best epoch", Double(history.bestEpoch))
    run.note("\(name): kept epoch \(history.bestEpoch) (lowest validation loss)")
    let epochsAxis = history.trainLoss.indices.map { Double($0 + 1) }
    run.recordCurve("\(name)/train log loss", x: epochsAxis, y: history.trainLoss)
    run.recordCurve("\(name)/validation log loss", x: epochsAxis, y: history.validationLoss)
    run.recordCurve("\(name)/validation AUC", x: epochsAxis, y: history.validationAUC)
    return [
      name, "\(model.parameterCount)", formatted(auc, decimals: 4), formatted(logLoss, decimals: 4),
    ]
  }

  /// Log loss (train and validation) and validation AUC per epoch, one colour per model.
  func saveTrainingCurves(_ run: ChapterRun, _ trained: [(name: String, history: History)]) throws {
    var lossCurves: [LineSeries] = []
    var aucCurves: [LineSeries] = []
    for ((name, history), color) in zip(trained, ["#1f77b4", "#d62728"]) {
      lossCurves.append(
        LineSeries("\(name), train", y: history.trainLoss, markers: true, color: color))
      lossCurves.append(
        LineSeries(
          "\(name), validation", y: history.validationLoss, markers: true, dashed: true,
          color: color))
      aucCurves.append(LineSeries(name, y: history.validationAUC, markers: true, color: color))
    }
    var losses = Chart.lines(
      lossCurves, title: "Log loss", xLabel: "epoch", yLabel: "binary cross-entropy")
    losses.legend = .topRight
    losses.yRange = roomForLegend(lossCurves, above: true)
    var aucs = Chart.lines(aucCurves, title: "Validation AUC", xLabel: "epoch", yLabel: "AUC")
    aucs.legend = .bottomRight
    aucs.yRange = roomForLegend(aucCurves, above: false)
    try run.save(Figure(panels: [losses, aucs], columns: 2), as: "like-dislike-training")
    // The terminal's preview of the main curve: the AUC panel alone, printed but not saved,
    // since the figure above already holds it.
    print(try Figure(aucs).asciiPreview(columns: 78, lines: 22, gnuplot: run.gnuplot))
  }

  /// What logistic regression learned: its largest and smallest weights.
  func showLearnedWeights(_ run: ChapterRun, of model: MLP, _ task: LikeDislikeTask) throws {
    let weights = model.layers[0].weight.scalars
    let ranked = weights.indices.sorted { weights[$0] > weights[$1] }
    var weightTable = MarkdownTable(columns: ["feature", "weight"])
    for i in Array(ranked.prefix(5)) + Array(ranked.suffix(5)) {
      weightTable.append([task.encoder.names[i], formatted(Double(weights[i]), decimals: 3)])
    }
    try run.show(
      weightTable, as: "logistic-regression-weights",
      caption: "Logistic regression's largest and smallest weights:")
  }
}

/// A y range with 40% of the curves' span left free above (or below) them for the legend.
func roomForLegend(_ curves: [LineSeries], above: Bool) -> AxisRange? {
  let values = curves.flatMap(\.y).filter(\.isFinite)
  guard let low = values.min(), let high = values.max(), high > low else { return nil }
  let margin = 0.4 * (high - low)
  return above ? AxisRange(min: low, max: high + margin) : AxisRange(min: low - margin, max: high)
}

Chapter1.main()
