import CKernels

// The engine's own exp, log and friends: a fixed range reduction and a fixed polynomial,
// built from +, -, *, / and fused multiply-add only. IEEE 754 rounds each of those
// correctly on every processor, so these functions return the same bits on x86-64 and
// arm64, Linux and macOS — which the platform's libm does not promise (glibc, Apple's
// libm and even glibc's own FMA and non-FMA builds differ in the last bit now and then,
// and twenty epochs of training turn a last bit into a third decimal).
//
// This file is the readable version. The tensor ops run the same operations in C, on 1,
// 4, 8 or 16 floats at a time (CKernels/elementary_template.h), and the tests hold every
// C path bit-for-bit equal to the functions here and within a stated error of Double libm.

/// Elementary functions that give the same bits on every machine.
///
///     Elementary.exp(Float(1))      // 2.7182817
///     Elementary.log2(8.0)          // exactly 3.0
///
/// Float versions (`exp`, `expm1`, `log`, `log1p`, `tanh`, `sigmoid`, `softplus`,
/// `logSigmoid`) stay within 1 to 3 units in the last place of the exact value (the tests
/// state the bound of each); Double versions within 1 (`exp`, `log`, `log2`), 2 (`expm1`,
/// `log10`) or 3 (`tanh`), except `pow`, whose error grows with |y log x|.
public enum Elementary {}

// MARK: - Over arrays, by the C kernels

extension Elementary {
  /// The Float functions the C kernels compute over whole arrays.
  public enum Function: CaseIterable, Sendable {
    case exp, expm1, log, log1p, tanh, sigmoid, softplus, logSigmoid

    var c: ck_function {
      switch self {
      case .exp: CK_EXP
      case .expm1: CK_EXPM1
      case .log: CK_LOG
      case .log1p: CK_LOG1P
      case .tanh: CK_TANH
      case .sigmoid: CK_SIGMOID
      case .softplus: CK_SOFTPLUS
      case .logSigmoid: CK_LOGSIGMOID
      }
    }

    /// The readable Swift version below, which every C path must equal to the bit.
    public var reference: (Float) -> Float {
      switch self {
      case .exp: Elementary.exp
      case .expm1: Elementary.expm1
      case .log: Elementary.log
      case .log1p: Elementary.log1p
      case .tanh: Elementary.tanh
      case .sigmoid: Elementary.sigmoid
      case .softplus: Elementary.softplus
      case .logSigmoid: Elementary.logSigmoid
      }
    }
  }

  /// `y[i] = f(x[i])` for `i` in `0..<count` by the C kernel of `path` (the active one by
  /// default): the same bits as the Swift function, many values at a time. `y` may be `x`.
  public static func apply(
    _ f: Function, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int,
    path: KernelPath = .active
  ) {
    ck_elementary(path.c, f.c, x, y, count)
  }

  /// `f` of every value, by the C kernel of the active path.
  public static func apply(_ f: Function, to values: UnsafeBufferPointer<Float>) -> [Float] {
    [Float](unsafeUninitializedCapacity: values.count) { out, initialized in
      if let x = values.baseAddress { apply(f, x, out.baseAddress!, count: values.count) }
      initialized = values.count
    }
  }
}

// MARK: - Float: exp

extension Elementary {
  /// 1 / ln 2, rounded.
  static let log2e: Float = 0x1.715476p+0
  /// ln 2 to 16 bits, so that e * ln2Hi is exact for every exponent e of a Float.
  static let ln2Hi: Float = 0x1.62e4p-1
  /// ln 2 - ln2Hi, rounded: together they hold ln 2 to 40 bits.
  static let ln2Lo: Float = 0x1.7f7d1cp-20
  /// Adding and subtracting 1.5 * 2^23 rounds a Float below 2^22 to the nearest integer.
  static let rounder: Float = 0x1.8p23

  /// e^x, within 1 ulp.
  ///
  /// ```
  /// k = round(x / ln 2),  r = x - k ln 2          (|r| <= ln2 / 2, exact in two steps)
  /// e^r = 1 + r + r^2/2! + ... + r^7/7!            (error below r^8/8! < 6e-9)
  /// e^x = 2^k e^r                                  (2^k = 2^(k/2) 2^(k - k/2): no overflow)
  /// ```
  /// Below -104 the result rounds to 0 and above 89 to infinity, so x is clamped there.
  public static func exp(_ x: Float) -> Float {
    var x = x
    if x < -104 { x = -104 }
    if x > 89 { x = 89 }
    var k = (x * log2e + rounder) - rounder
    if k != k { k = 0 }  // NaN: any k will do, the result is NaN
    var r = x.addingProduct(-k, ln2Hi)
    r = r.addingProduct(-k, ln2Lo)
    var p: Float = 1 / 5040
    p = (1 / 720 as Float).addingProduct(p, r)
    p = (1 / 120 as Float).addingProduct(p, r)
    p = (1 / 24 as Float).addingProduct(p, r)
    p = (1 / 6 as Float).addingProduct(p, r)
    p = (1 / 2 as Float).addingProduct(p, r)
    p = (1 as Float).addingProduct(p, r)
    p = (1 as Float).addingProduct(p, r)
    let ki = Int32(k)
    let k1 = ki >> 1
    let k2 = ki - k1
    let s1 = Float(bitPattern: UInt32(k1 + 127) << 23)
    let s2 = Float(bitPattern: UInt32(k2 + 127) << 23)
    return (p * s1) * s2
  }

  /// e^x - 1, within 2 ulp, accurate for small x where e^x - 1 would cancel.
  ///
  /// ```
  /// |x| <= ln 2:  x + x^2 (1/2! + x/3! + ... + x^7/9!)     (Taylor, error < 1e-8 relative)
  /// otherwise:    e^x - 1
  /// ```
  public static func expm1(_ x: Float) -> Float {
    var p: Float = 1 / 362880
    p = (1 / 40320 as Float).addingProduct(p, x)
    p = (1 / 5040 as Float).addingProduct(p, x)
    p = (1 / 720 as Float).addingProduct(p, x)
    p = (1 / 120 as Float).addingProduct(p, x)
    p = (1 / 24 as Float).addingProduct(p, x)
    p = (1 / 6 as Float).addingProduct(p, x)
    p = (1 / 2 as Float).addingProduct(p, x)
    let small = x.addingProduct(x * x, p)
    let large = exp(x) - 1
    return x.magnitude <= (0x1.62e43p-1 as Float) ? small : large
  }
}

// MARK: - Float: log

extension Elementary {
  /// ln u for u > 0, plus `correction` (a rounding error known to the caller) added where
  /// it does not get lost:
  ///
  /// ```
  /// u = 2^e m,  m in [sqrt(1/2), sqrt(2)),  f = m - 1 (exact)
  /// s = f / (2 + f),  so that  ln m = ln((1 + s)/(1 - s)) = 2s + 2s^3/3 + 2s^5/5 + ...
  /// with hfsq = f^2 / 2:  ln m = f - hfsq + s (hfsq + R),  R = 2z/3 + 2z^2/5 + 2z^3/7 + 2z^4/9,
  /// z = s^2 <= 0.0295 (the next term is below 1e-9 relative)
  /// ln u = e ln2Hi + (f - (hfsq - (s (hfsq + R) + e ln2Lo + correction)))
  /// ```
  static func logCore(_ u: Float, correction: Float) -> Float {
    let tiny = u < 0x1p-126  // subnormal: scale into the normal range first
    let scaled = tiny ? u * 0x1p23 : u
    let bits = Int32(bitPattern: scaled.bitPattern)
    var e = ((bits >> 23) & 0xff) - 127
    if tiny { e -= 23 }
    var m = Float(bitPattern: UInt32(bitPattern: (bits & 0x007f_ffff) | 0x3f80_0000))
    if m > (0x1.6a09e6p+0 as Float) {  // sqrt 2
      m = m * 0.5
      e += 1
    }
    let f = m - 1
    let s = f / (2 + f)
    let z = s * s
    var R: Float = 2 / 9
    R = (2 / 7 as Float).addingProduct(R, z)
    R = (2 / 5 as Float).addingProduct(R, z)
    R = (2 / 3 as Float).addingProduct(R, z)
    R = R * z
    let hfsq = 0.5 * f * f
    let ef = Float(e)
    let low = (s * (hfsq + R)).addingProduct(ef, ln2Lo) + correction
    return (f - (hfsq - low)).addingProduct(ef, ln2Hi)
  }

  /// ln x, within 1 ulp; ln 0 = -inf, ln of a negative number is NaN.
  public static func log(_ x: Float) -> Float {
    if x != x { return x }
    if x == .infinity { return x }
    if x < 0 { return .nan }
    if x == 0 { return -.infinity }
    return logCore(x, correction: 0)
  }

  /// ln(1 + x), within 1 ulp, accurate for small x: with u = 1 + x rounded, ln u is
  /// corrected by the part of x the rounding dropped, (x - (u - 1)) / u.
  public static func log1p(_ x: Float) -> Float {
    if x != x { return x }
    if x == .infinity { return x }
    if x < -1 { return .nan }
    if x == -1 { return -.infinity }
    let u = 1 + x
    return logCore(u, correction: (x - (u - 1)) / u)
  }
}

// MARK: - Float: tanh, sigmoid, softplus

extension Elementary {
  /// tanh x, within 3 ulp: with t = e^(-2|x|) - 1 (in (-1, 0]),
  ///
  /// ```
  /// tanh |x| = (1 - e^(-2|x|)) / (1 + e^(-2|x|)) = -t / (t + 2),   tanh(-x) = -tanh x
  /// ```
  public static func tanh(_ x: Float) -> Float {
    let t = expm1(-2 * x.magnitude)
    let y = -t / (t + 2)
    return Float(signOf: x, magnitudeOf: y)
  }

  /// The logistic sigmoid 1 / (1 + e^-x), within 3 ulp, without overflow: with
  /// e = e^-|x| in (0, 1], it is 1 / (1 + e) for x >= 0 and e / (1 + e) otherwise.
  public static func sigmoid(_ x: Float) -> Float {
    let e = exp(-x.magnitude)
    let onePlus = 1 + e
    return x >= 0 ? 1 / onePlus : e / onePlus
  }

  /// softplus x = ln(1 + e^x) = max(x, 0) + ln(1 + e^-|x|), finite for every finite x.
  public static func softplus(_ x: Float) -> Float {
    (x > 0 ? x : 0) + log1p(exp(-x.magnitude))
  }

  /// ln sigmoid(x) = min(x, 0) - ln(1 + e^-|x|), finite for every finite x.
  public static func logSigmoid(_ x: Float) -> Float {
    (x < 0 ? x : 0) - log1p(exp(-x.magnitude))
  }
}

// MARK: - Double

extension Elementary {
  /// ln 2 to 32 bits, so that e * ln2Hi is exact for every exponent e of a Double.
  static let ln2HiDouble: Double = 0x1.62e42fee00000p-1
  /// ln 2 - ln2HiDouble, rounded.
  static let ln2LoDouble: Double = 0x1.a39ef35793c76p-33
  /// 1 / ln 2, rounded.
  static let log2eDouble: Double = 0x1.71547652b82fep+0

  /// e^x for a Double, within 1 ulp: as the Float version, with the Taylor polynomial to
  /// degree 13 (|r| <= ln2/2: the next term is below 5e-18) and x clamped to [-746, 710].
  public static func exp(_ x: Double) -> Double {
    var x = x
    if x < -746 { x = -746 }
    if x > 710 { x = 710 }
    var k = (x * log2eDouble + 0x1.8p52) - 0x1.8p52
    if k != k { k = 0 }
    var r = x.addingProduct(-k, ln2HiDouble)
    r = r.addingProduct(-k, ln2LoDouble)
    var p: Double = 0
    for n in stride(from: 13, through: 0, by: -1) { p = inverseFactorials[n].addingProduct(p, r) }
    let ki = Int64(k)
    let k1 = ki >> 1
    let k2 = ki - k1
    let s1 = Double(bitPattern: UInt64(k1 + 1023) << 52)
    let s2 = Double(bitPattern: UInt64(k2 + 1023) << 52)
    return (p * s1) * s2
  }

  /// 1/n! for n = 0 ... 16, each rounded once.
  static let inverseFactorials: [Double] = {
    var out: [Double] = []
    var factorial: Double = 1  // exact up to 18!
    for n in 0...16 {
      if n > 0 { factorial *= Double(n) }
      out.append(1 / factorial)
    }
    return out
  }()

  /// e^x - 1 for a Double: the Taylor polynomial to degree 16 where |x| <= ln 2 (the next
  /// term is below 6e-18 relative), else e^x - 1.
  public static func expm1(_ x: Double) -> Double {
    guard x.magnitude <= 0x1.62e42fefa39efp-1 else { return exp(x) - 1 }
    var p: Double = 0
    for n in stride(from: 16, through: 2, by: -1) { p = inverseFactorials[n].addingProduct(p, x) }
    return x.addingProduct(x * x, p)
  }

  /// ln m as hi + lo (lo holding what rounding hi dropped), for m in [sqrt(1/2), sqrt(2)),
  /// and the exponent e with x = 2^e m, for a positive finite Double; as `logCore` for
  /// Float, with R to the term 2z^10/21 (the next is below 2e-19 relative):
  ///
  /// ```
  /// hi = f - hfsq (rounded),  lo = ((f - hi) - hfsq) + s (hfsq + R)     (f - hi and the
  /// difference with hfsq are exact: the numbers are within a factor of two)
  /// ```
  static func logParts(_ x: Double) -> (e: Int64, hi: Double, lo: Double) {
    let tiny = x < 0x1p-1022
    let scaled = tiny ? x * 0x1p52 : x
    let bits = Int64(bitPattern: scaled.bitPattern)
    var e = ((bits >> 52) & 0x7ff) - 1023
    if tiny { e -= 52 }
    var m = Double(
      bitPattern: UInt64(bitPattern: (bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000))
    if m > 0x1.6a09e667f3bcdp+0 {
      m = m * 0.5
      e += 1
    }
    let f = m - 1
    let s = f / (2 + f)
    let z = s * s
    var R: Double = 0
    for j in stride(from: 10, through: 1, by: -1) {
      R = (2 / Double(2 * j + 1)).addingProduct(R, z)
    }
    R = R * z
    let hfsq = 0.5 * f * f
    let hi = f - hfsq
    let lo = ((f - hi) - hfsq) + s * (hfsq + R)
    return (e, hi, lo)
  }

  /// Special cases of ln x shared by `log`, `log2` and `log10`: NaN, infinity, negative, 0.
  static func logSpecialCase(_ x: Double) -> Double? {
    if x != x || x == .infinity { return x }
    if x < 0 { return .nan }
    if x == 0 { return -.infinity }
    return nil
  }

  /// ln x for a Double, within 1 ulp: e ln2Hi (exact) + hi + (lo + e ln2Lo).
  public static func log(_ x: Double) -> Double {
    if let special = logSpecialCase(x) { return special }
    let (e, hi, lo) = logParts(x)
    let ef = Double(e)
    return (hi + lo.addingProduct(ef, ln2LoDouble)).addingProduct(ef, ln2HiDouble)
  }

  /// 1 / ln 2 - log2eDouble, rounded: the two hold 1 / ln 2 to about 107 bits.
  static let log2eLoDouble: Double = 0x1.777d0ffda0d24p-56

  /// log2 x for a Double, within 1 ulp and exact for powers of two: e + (hi + lo) / ln 2,
  /// with the largest product kept exact by a fused multiply-add and e added last,
  ///
  /// ```
  /// p = hi c  (rounded),  err = hi c - p  (exact: fma(hi, c, -p)),   c = 1/ln 2 rounded
  /// log2 x = (e + p) + ((e - (e + p)) + p + err + hi c_lo + lo c)
  /// ```
  public static func log2(_ x: Double) -> Double {
    if let special = logSpecialCase(x) { return special }
    let (e, hi, lo) = logParts(x)
    let ef = Double(e)
    let p = hi * log2eDouble
    let err = (-p).addingProduct(hi, log2eDouble)
    let small = err + hi * log2eLoDouble + lo * log2eDouble
    let sum = ef + p
    // When e = 0 the sum is p itself; otherwise |e| >= 1 > |p|, and (e - sum) + p is the
    // exact rounding error of the sum.
    let correction = (ef - sum) + p
    return sum + (correction + small)
  }

  /// log10 x for a Double: ln x / ln 10 (within 2 ulp; not exact for powers of ten).
  public static func log10(_ x: Double) -> Double {
    log(x) * 0x1.bcb7b1526e50ep-2
  }

  /// tanh x for a Double: -t / (t + 2) with t = e^(-2|x|) - 1, and the sign of x.
  public static func tanh(_ x: Double) -> Double {
    let t = expm1(-2 * x.magnitude)
    return Double(signOf: x, magnitudeOf: -t / (t + 2))
  }

  /// x^y for x > 0 as e^(y ln x) (its error grows with |y ln x|: about 1e-15 relative at
  /// |y ln x| = 10); 0^y is 0 for y > 0 and 1 for y = 0; NaN for x < 0.
  public static func pow(_ x: Double, _ y: Double) -> Double {
    if y == 0 { return 1 }
    if x == 0 { return y > 0 ? 0 : .infinity }
    if x < 0 || x != x || y != y { return .nan }
    return exp(y * log(x))
  }
}
