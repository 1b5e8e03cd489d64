import Foundation
import Testing

@testable import NN
@testable import Tensors

/// Sets `w`'s gradient to exactly `g` (via the loss sum(w * g)), then runs `optimizer.step()`.
func step(_ optimizer: Optimizer, _ w: Tensor, gradient g: [Float]) {
  optimizer.zeroGrad()
  (w * Tensor(g, shape: w.shape)).sum().backward()
  optimizer.step()
}

@Test func adamFirstTwoStepsMatchHandComputation() {
  // lr 0.1, beta1 0.9, beta2 0.999, eps 1e-8; w0 = 1; gradients 0.5, then -1.
  // Step 1: m = 0.05, v = 0.00025; m^ = 0.05/0.1 = 0.5, v^ = 0.00025/0.001 = 0.25
  //         w = 1 - 0.1 * 0.5 / (0.5 + 1e-8) = 0.9
  // Step 2: m = 0.045 - 0.1 = -0.055,   v = 0.00024975 + 0.001 = 0.00124975
  //         m^ = -0.055 / 0.19 = -0.28947368,  v^ = 0.00124975 / 0.001999 = 0.62518759
  //         w = 0.9 + 0.1 * 0.28947368 / 0.79068805 = 0.93661035
  let w = Tensor([1]).requiringGrad()
  let adam = Adam([w], learningRate: 0.1)
  step(adam, w, gradient: [0.5])
  #expect(abs(w.scalars[0] - 0.9) < 1e-6)
  step(adam, w, gradient: [-1])
  #expect(abs(w.scalars[0] - 0.93661035) < 1e-6)
  #expect(adam.stepCount == 2)
}

@Test func adamBiasCorrectionStaysExactOverManySteps() {
  // Adam keeps beta^t as running products; recomputing them from scratch each step (t
  // multiplications) must give the same bits after 300 steps.
  let start: [Float] = [0.5, -0.25, 2, -3, 0.125, 1, -1, 0.75, 4]
  let gradient: [Float] = [0.3, -0.2, 0.01, 1.5, -0.7, 0.05, -2, 0.4, 0.9]
  let w = Tensor(start).requiringGrad()
  let adam = Adam([w], learningRate: 0.01)
  var expected = start
  var m = [Float](repeating: 0, count: start.count)
  var v = [Float](repeating: 0, count: start.count)
  var g = gradient
  for t in 1...300 {
    step(adam, w, gradient: gradient)
    var b1t: Float = 1
    var b2t: Float = 1
    for _ in 0..<t {
      b1t *= 0.9
      b2t *= 0.999
    }
    adamUpdateReference(
      &expected, &g, &m, &v, count: start.count, beta1: 0.9, beta2: 0.999, l2: 0, shrink: 1,
      stepSize: 0.01 / (1 - b1t), inverseRootCorrection2: 1 / (1 - b2t).squareRoot(),
      epsilon: 1e-8)
  }
  #expect(w.scalars.map(\.bitPattern) == expected.map(\.bitPattern))
  #expect(w.scalars != start)
}

/// Runs `steps` Adam updates of `count` random coordinates with `kernel` and returns the bit
/// patterns of the weights and both moments. The same seed gives the same gradients.
func adamBits(
  kernel: AdamKernel, count: Int, steps: Int, l2: Float, shrink: Float
) -> [UInt32] {
  var rng = SeededGenerator(seed: 11)
  // Weights in [-1, 1), gradients from 1e-6 to 10 in size, every 97th exactly zero.
  var w = (0..<count).map { _ in rng.uniform(-1, 1) }
  var m = [Float](repeating: 0, count: count)
  var v = [Float](repeating: 0, count: count)
  for t in 1...steps {
    var g = (0..<count).map { i -> Float in
      i % 97 == 0 ? 0 : rng.uniform(-1, 1) * pow(10, rng.uniform(-6, 1))
    }
    let stepSize: Float = 0.001 / (1 - pow(Float(0.9), Float(t)))
    let c: Float = 1 / (1 - pow(Float(0.999), Float(t))).squareRoot()
    adamUpdate(
      &w, &g, &m, &v, count: count, beta1: 0.9, beta2: 0.999, l2: l2, shrink: shrink,
      stepSize: stepSize, inverseRootCorrection2: c, epsilon: 1e-8, kernel: kernel)
  }
  return (w + m + v).map(\.bitPattern)
}

/// Adam's weight-decay variants as (l2, shrink): none, L2 0.01, decoupled 0.01 at lr 0.001.
let adamDecayVariants: [(Float, Float)] = [(0, 1), (0.01, 1), (0, 1 - 0.001 * 0.01)]

@Test(arguments: adamDecayVariants)
func adamFastKernelsEqualTheReferenceBitForBit(l2: Float, shrink: Float) {
  // 4,099 coordinates: 256 blocks of sixteen (512 of eight, 1024 of four) and a tail of
  // three, over six steps, in every kernel path this processor has.
  let reference = adamBits(kernel: .reference, count: 4099, steps: 6, l2: l2, shrink: shrink)
  #expect(KernelPath.available.count >= 2, "at least the scalar and one vector path")
  for path in KernelPath.available {
    let bits = adamBits(kernel: .path(path), count: 4099, steps: 6, l2: l2, shrink: shrink)
    let differing = zip(bits, reference).filter { $0 != $1 }.count
    #expect(differing == 0, "\(path): \(differing) of \(bits.count) numbers differ")
  }
}

@Test func adamWeightDecayL2AndDecoupledDiffer() {
  // Decoupled (AdamW): w = (1 - lr wd) w - lr * sign = 0.99 - 0.1 = 0.89 on the first step.
  let w = Tensor([1]).requiringGrad()
  let adamW = Adam([w], learningRate: 0.1, weightDecay: 0.1, decoupledWeightDecay: true)
  step(adamW, w, gradient: [0.5])
  #expect(abs(w.scalars[0] - 0.89) < 1e-6)
  // L2: the gradient becomes 0.5 + 0.1 * 1 = 0.6; the first Adam step is still lr * sign = 0.1.
  let u = Tensor([1]).requiringGrad()
  let adamL2 = Adam([u], learningRate: 0.1, weightDecay: 0.1)
  step(adamL2, u, gradient: [-0.05])  // g' = -0.05 + 0.1 = 0.05 > 0, so w decreases
  #expect(abs(u.scalars[0] - 0.9) < 1e-6)
}

@Test func sgdMomentumMatchesHandComputation() {
  // lr 0.1, momentum 0.9, g = 1 twice: v = 1, w = 0.9; v = 1.9, w = 0.71.
  let w = Tensor([1]).requiringGrad()
  let sgd = SGD([w], learningRate: 0.1, momentum: 0.9)
  step(sgd, w, gradient: [1])
  #expect(abs(w.scalars[0] - 0.9) < 1e-6)
  step(sgd, w, gradient: [1])
  #expect(abs(w.scalars[0] - 0.71) < 1e-6)
}

@Test func sgdWeightDecayAddsToTheGradient() {
  // g' = 0 + 0.5 * 2 = 1, w = 2 - 0.1 * 1 = 1.9.
  let w = Tensor([2]).requiringGrad()
  step(SGD([w], learningRate: 0.1, weightDecay: 0.5), w, gradient: [0])
  #expect(abs(w.scalars[0] - 1.9) < 1e-6)
}

@Test func adagradMatchesHandComputation() {
  // lr 0.1; g = 2: s = 4, w = 1 - 0.1 * 2 / 2 = 0.9; g = 1: s = 5, w = 0.9 - 0.1 / sqrt(5) = 0.85527864.
  let w = Tensor([1]).requiringGrad()
  let adagrad = Adagrad([w], learningRate: 0.1)
  step(adagrad, w, gradient: [2])
  #expect(abs(w.scalars[0] - 0.9) < 1e-6)
  step(adagrad, w, gradient: [1])
  #expect(abs(w.scalars[0] - 0.85527864) < 1e-6)
}

@Test func ftrlMatchesHandComputationOnAKnownSequence() {
  // alpha 0.5, beta 1, l1 0.1, l2 0; w0 = 0, z = n = 0.
  // g = 1:    sigma = (1 - 0)/0.5 = 2, z = 1 - 2*0 = 1, n = 1
  //           w = -(1 - 0.1) / ((1 + 1)/0.5) = -0.225
  // g = -0.5: sigma = (sqrt(1.25) - 1)/0.5 = 0.23606798, z = 1 - 0.5 + 0.23606798*0.225 = 0.55311530
  //           n = 1.25, w = -(0.55311530 - 0.1) / ((1 + 1.11803399)/0.5) = -0.45311530 / 4.23606798 = -0.10696601
  // g = 0.05: sigma = (sqrt(1.2525) - sqrt(1.25))/0.5 = 0.00223495
  //           z = 0.55311530 + 0.05 + 0.00223495*0.10696601 = 0.60335436, n = 1.2525
  //           w = -(0.60335436 - 0.1) / ((1 + 1.11915146)/0.5) = -0.50335436 / 4.23830292 = -0.11876319
  let w = Tensor([0]).requiringGrad()
  let ftrl = FTRL([w], alpha: 0.5, beta: 1, l1: 0.1, l2: 0)
  step(ftrl, w, gradient: [1])
  #expect(abs(w.scalars[0] - -0.225) < 1e-7)
  step(ftrl, w, gradient: [-0.5])
  #expect(abs(w.scalars[0] - -0.10696601) < 1e-7)
  step(ftrl, w, gradient: [0.05])
  #expect(abs(w.scalars[0] - -0.11876319) < 1e-7)
}

@Test func ftrlL1MakesSmallWeightsExactlyZero() {
  // |z| = 0.5 <= l1 = 1, so the weight is exactly 0; with l2 = 1 a large z is shrunk more.
  let w = Tensor([0, 0]).requiringGrad()
  let ftrl = FTRL([w], alpha: 0.5, beta: 1, l1: 1, l2: 1)
  step(ftrl, w, gradient: [0.5, 3])
  // Second coordinate: z = 3, n = 9, w = -(3 - 1) / ((1 + 3)/0.5 + 1) = -2/9.
  #expect(w.scalars[0] == 0)
  #expect(abs(w.scalars[1] - -2.0 / 9) < 1e-6)
}

@Test func optimisersSkipParametersWithoutGradient() {
  let used = Tensor([1]).requiringGrad()
  let unused = Tensor([1]).requiringGrad()
  let adam = Adam([used, unused], learningRate: 0.1)
  (used * 2).sum().backward()
  adam.step()
  #expect(unused.scalars == [1])
  #expect(used.scalars[0] < 1)
}
