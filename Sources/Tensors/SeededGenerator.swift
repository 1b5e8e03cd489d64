/// A seedable random number generator of our own, so every run of every chapter is
/// reproducible on any platform and any Swift version.
///
///     var rng = SeededGenerator(seed: 42)
///     let x = rng.normal(mean: 0, standardDeviation: 0.01)
///
/// The state is xoshiro256** (Blackman & Vigna, 2018), seeded by expanding the 64-bit seed
/// with SplitMix64, as its authors recommend. Swift's own `shuffle(using:)` and
/// `randomElement(using:)` are not guaranteed to consume the generator the same way in
/// every Swift version, so the shuffles and samples below are written out here.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var s0, s1, s2, s3: UInt64
  /// A spare normal deviate: the polar method makes them in pairs.
  private var spareNormal: Double?

  /// Creates a generator whose whole stream is fixed by `seed`.
  public init(seed: UInt64) {
    var splitMix = seed
    func nextSplitMix() -> UInt64 {
      splitMix &+= 0x9E37_79B9_7F4A_7C15
      var z = splitMix
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = nextSplitMix()
    s1 = nextSplitMix()
    s2 = nextSplitMix()
    s3 = nextSplitMix()
  }

  /// The next 64 random bits (xoshiro256**).
  ///
  /// ```
  /// result = rotl(s1 * 5, 7) * 9
  /// ```
  public mutating func next() -> UInt64 {
    let result = rotateLeft(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotateLeft(s3, 45)
    return result
  }

  @inline(__always)
  private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// A uniform Double in [0, 1), from the top 53 bits.
  public mutating func nextDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform Float in [0, 1), from the top 24 bits.
  public mutating func nextFloat() -> Float {
    Float(next() >> 40) * 0x1.0p-24
  }

  /// A uniform Float in [low, high).
  public mutating func uniform(_ low: Float, _ high: Float) -> Float {
    low + (high - low) * nextFloat()
  }

  /// A uniform integer in 0..<n, without modulo bias (Lemire's multiply-and-reject).
  public mutating func int(below n: Int) -> Int {
    ensure(n > 0, "SeededGenerator.int(below:) needs n > 0, got \(n)")
    let bound = UInt64(n)
    var product = next().multipliedFullWidth(by: bound)
    if product.low < bound {
      let threshold = (0 &- bound) % bound
      while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
    }
    return Int(product.high)
  }

  /// A normal deviate by Marsaglia's polar method: a uniform point in the unit disc,
  /// stretched radially,
  ///
  /// ```
  /// u, v ~ U(-1, 1) until 0 < s = u^2 + v^2 < 1      (4/pi tries on average)
  /// z0 = u sqrt(-2 ln s / s),   z1 = v sqrt(-2 ln s / s)
  /// ```
  ///
  /// two independent standard normal deviates (the Box–Muller transform without its sine
  /// and cosine: the point's angle is already uniform). z1 is kept for the next call. The
  /// logarithm is the engine's own, so the deviates are the same bits on every machine.
  public mutating func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
    if let z = spareNormal {
      spareNormal = nil
      return mean + standardDeviation * z
    }
    var u: Double
    var v: Double
    var s: Double
    repeat {
      u = 2 * nextDouble() - 1
      v = 2 * nextDouble() - 1
      s = u * u + v * v
    } while s >= 1 || s == 0
    let factor = (-2 * Elementary.log(s) / s).squareRoot()
    spareNormal = v * factor
    return mean + standardDeviation * u * factor
  }

  /// Shuffles `array` in place (Fisher–Yates, from the back).
  public mutating func shuffle<T>(_ array: inout [T]) {
    guard array.count > 1 else { return }
    for i in stride(from: array.count - 1, to: 0, by: -1) {
      let j = int(below: i + 1)
      if i != j { array.swapAt(i, j) }
    }
  }

  /// A random permutation of 0..<n.
  public mutating func permutation(_ n: Int) -> [Int] {
    var order = Array(0..<n)
    shuffle(&order)
    return order
  }

  /// `k` distinct integers from 0..<n, in the order drawn (sampling without replacement).
  ///
  /// Uses a partial Fisher–Yates when k is a large part of n, and rejection against a set
  /// when k is small, so both `sample(3, from: 1_000_000)` and `sample(900, from: 1000)` are cheap.
  public mutating func sample(_ k: Int, from n: Int) -> [Int] {
    ensure(
      k >= 0 && k <= n, "SeededGenerator.sample: cannot draw \(k) distinct values from \(n)")
    if k * 4 < n {
      var seen = Set<Int>(minimumCapacity: k)
      var out: [Int] = []
      out.reserveCapacity(k)
      while out.count < k {
        let v = int(below: n)
        if seen.insert(v).inserted { out.append(v) }
      }
      return out
    }
    var pool = Array(0..<n)
    for i in 0..<k {
      let j = i + int(below: n - i)
      pool.swapAt(i, j)
    }
    return Array(pool[0..<k])
  }
}
