import Foundation
import Testing

@testable import Tensors

/// Float inputs over the whole range: special values, values near each function's
/// thresholds, and every 4099th bit pattern of the 2^32 (about a million values of both
/// signs, from subnormals to infinity and NaN).
let elementaryInputs: [Float] = {
  var x: [Float] = [
    0, -0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
    .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1, -1,
    0x1.62e43p-1, -0x1.62e43p-1, 0x1.62e43p-2, 88.72283, 88.72284, 89, -87.33655, -103.97208,
    -104, 0x1.6a09e6p+0, 0x1.6a09e8p+0, 0.99999994, 1.0000001, -0.99999994, 9.01, -9.01, 1e-6,
  ]
  var bits: UInt64 = 0
  while bits < 1 << 32 {
    x.append(Float(bitPattern: UInt32(bits)))
    bits += 4099
  }
  return x
}()

/// The error bound, in units in the last place of the exact value, that each function
/// keeps over `elementaryInputs` against Double libm. Over all 2^32 floats (a C harness
/// run once on 2026-11-30, AVX2 path, every other path compared at every 4096th block):
/// exp 0.94, expm1 1.64, log 0.86, log1p 0.87, tanh 2.50, sigmoid 2.40, softplus 1.66,
/// log-sigmoid 1.66 ulp, and no path differing from another.
func ulpBound(_ f: Elementary.Function) -> Double {
  switch f {
  case .exp, .log, .log1p: 1
  case .expm1, .softplus, .logSigmoid: 2
  case .tanh, .sigmoid: 3
  }
}

/// The function computed in Double by the platform's libm: the yardstick, not the engine.
func libmReference(_ f: Elementary.Function) -> (Double) -> Double {
  switch f {
  case .exp: Foundation.exp
  case .expm1: Foundation.expm1
  case .log: Foundation.log
  case .log1p: Foundation.log1p
  case .tanh: Foundation.tanh
  case .sigmoid: { 1 / (1 + Foundation.exp(-$0)) }
  case .softplus:
    { $0 > 0 ? $0 + Foundation.log1p(Foundation.exp(-$0)) : Foundation.log1p(Foundation.exp($0)) }
  case .logSigmoid:
    { $0 < 0 ? $0 - Foundation.log1p(Foundation.exp($0)) : -Foundation.log1p(Foundation.exp(-$0)) }
  }
}

/// How many Float units in the last place `y` is from the exact `reference` (a unit being
/// the spacing of Floats in the reference's binade; NaN and infinities must match).
func ulpError(_ y: Float, _ reference: Double) -> Double {
  if reference.isNaN { return y.isNaN ? 0 : .infinity }
  let rounded = Float(reference)
  if rounded.isInfinite {
    // The exact value is past the largest Float: infinity, or the largest Float itself.
    if y == rounded { return 0 }
    return y.magnitude == .greatestFiniteMagnitude && y.sign == rounded.sign ? 1 : .infinity
  }
  if y.isNaN || y.isInfinite { return .infinity }
  let exponent = reference == 0 ? -126 : max(Int(reference.exponent), -126)
  let ulp = Double(sign: .plus, exponent: exponent - 23, significand: 1)
  return abs(Double(y) - reference) / ulp
}

/// Every C path (scalar, and each vector width this processor has, including the NEON and
/// AVX-512 code built for AVX2) gives the Swift reference's bits on every input.
@Test(arguments: Elementary.Function.allCases)
func everyKernelPathEqualsTheSwiftReference(_ f: Elementary.Function) {
  let reference = elementaryInputs.map(f.reference)
  #expect(KernelPath.available.count >= 2, "a vector path besides the scalar one")
  for path in KernelPath.available {
    var y = [Float](repeating: 0, count: elementaryInputs.count)
    elementaryInputs.withUnsafeBufferPointer { x in
      y.withUnsafeMutableBufferPointer { out in
        Elementary.apply(f, x.baseAddress!, out.baseAddress!, count: x.count, path: path)
      }
    }
    var differing = 0
    var example = ""
    for (i, (a, b)) in zip(y, reference).enumerated()
    where a.bitPattern != b.bitPattern && !(a.isNaN && b.isNaN) {
      differing += 1
      if example.isEmpty { example = "\(f)(\(elementaryInputs[i])) = \(a), reference \(b)" }
    }
    #expect(differing == 0, "\(path): \(differing) values differ, e.g. \(example)")
  }
}

/// Arrays of every length from 0 to 40 (every tail after the full vectors) give the same
/// values as the one-at-a-time reference, in place too (y = x).
@Test func everyLengthAndInPlaceGiveTheSameValues() {
  let x: [Float] = (0..<40).map { Float($0) * 0.37 - 7 }
  for path in KernelPath.available {
    for count in 0...x.count {
      var inPlace = Array(x[0..<count])
      inPlace.withUnsafeMutableBufferPointer { p in
        guard let base = p.baseAddress else { return }
        Elementary.apply(.tanh, base, base, count: count, path: path)
      }
      #expect(inPlace.map(\.bitPattern) == x[0..<count].map { Elementary.tanh($0).bitPattern })
    }
  }
}

/// The engine's functions stay within their stated error of the exact value (Double libm)
/// over the whole range, with the right special values.
@Test(arguments: Elementary.Function.allCases)
func staysWithinItsErrorBoundOfDoubleLibm(_ f: Elementary.Function) {
  let exact = libmReference(f)
  var worst = 0.0
  var worstInput: Float = 0
  var y = [Float](repeating: 0, count: elementaryInputs.count)
  elementaryInputs.withUnsafeBufferPointer { x in
    y.withUnsafeMutableBufferPointer { out in
      Elementary.apply(f, x.baseAddress!, out.baseAddress!, count: x.count)
    }
  }
  for (x, value) in zip(elementaryInputs, y) {
    let error = ulpError(value, exact(Double(x)))
    if error > worst {
      worst = error
      worstInput = x
    }
  }
  #expect(
    worst <= ulpBound(f),
    "\(f): \(worst) ulp at \(worstInput) (bound \(ulpBound(f)))")
}

@Test func specialValuesAreTheTextbookOnes() {
  #expect(Elementary.exp(Float(0)) == 1)
  #expect(Elementary.exp(-Float.infinity) == 0)
  #expect(Elementary.exp(Float(100)) == .infinity)
  #expect(Elementary.log(Float(1)) == 0)
  #expect(Elementary.log(Float(0)) == -.infinity)
  #expect(Elementary.log(Float(-1)).isNaN)
  #expect(Elementary.log1p(Float(-1)) == -.infinity)
  #expect(Elementary.log1p(Float(1e-30)) == 1e-30)
  #expect(Elementary.tanh(Float(-0.0)).sign == .minus)
  #expect(Elementary.tanh(Float(20)) == 1)
  #expect(Elementary.sigmoid(Float(0)) == 0.5)
  #expect(Elementary.softplus(Float(-50)) > 0)  // e^-50, about 2e-22
  #expect(Elementary.softplus(Float(-200)) == 0)  // e^-200 is below the smallest Float
  #expect(Elementary.logSigmoid(Float(-200)) == -200)
}

/// The Double functions, against Double libm on values across their ranges: within 1 ulp
/// of it (exp, log, log2), 2 (expm1) or 3 (tanh, from expm1 and a division).
@Test func doubleFunctionsStayCloseToLibm() {
  var rng = SeededGenerator(seed: 3)
  func ulps(_ a: Double, _ b: Double) -> Double {
    if a == b || (a.isNaN && b.isNaN) { return 0 }
    return abs(a - b) / b.magnitude.ulp
  }
  var worst: [String: Double] = [:]
  for _ in 0..<200_000 {
    let wide = rng.uniform(-745, 709)
    let small = Double(rng.uniform(-1, 1)) * Foundation.pow(2, Double(rng.int(below: 60)) - 59)
    let positive = Foundation.exp(Double(rng.uniform(-700, 700)))
    for (name, value, exact) in [
      ("exp", Elementary.exp(Double(wide)), Foundation.exp(Double(wide))),
      ("exp small", Elementary.exp(small), Foundation.exp(small)),
      ("expm1", Elementary.expm1(small), Foundation.expm1(small)),
      ("expm1 wide", Elementary.expm1(Double(wide) / 10), Foundation.expm1(Double(wide) / 10)),
      ("log", Elementary.log(positive), Foundation.log(positive)),
      ("log near 1", Elementary.log(1 + small), Foundation.log(1 + small)),
      ("log2", Elementary.log2(positive), Foundation.log2(positive)),
      ("tanh", Elementary.tanh(small), Foundation.tanh(small)),
    ] {
      worst[name] = max(worst[name] ?? 0, ulps(value, exact))
    }
  }
  let report = worst.sorted(by: { $0.key < $1.key }).map { "\($0.key) \($0.value)" }
  let bounds = ["expm1": 2.0, "expm1 wide": 2, "tanh": 3]
  #expect(
    worst.allSatisfy { $0.value <= bounds[$0.key, default: 1] }, "worst errors in ulp: \(report)")
  #expect(Elementary.log2(1024.0) == 10)
  #expect(Elementary.log2(0.125) == -3)
  #expect(Elementary.log2(3.0) == Foundation.log2(3.0))
  #expect(Elementary.exp(0.0) == 1 && Elementary.log(1.0) == 0)
  #expect(abs(Elementary.pow(170, 2.6) / Foundation.pow(170, 2.6) - 1) < 1e-14)
}
