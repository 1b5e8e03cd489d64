import Testing

@testable import RecEval

@Test func `mean and sample standard deviation over seeds`() {
  let spread = SeedSpread([1, 2, 3, 4])
  #expect(spread.mean == 2.5)
  #expect(abs(spread.standardDeviation - 1.2909944487358056) < 1e-15)  // √(5/3)
  #expect(SeedSpread([0.6524]).standardDeviation == 0)
  #expect(SeedSpread([0.65, 0.66]).description == "0.655 ± 0.007")
}

@Test func `the sign test's p-value is the exact binomial tail`() {
  // 9 wins, 1 loss, 5 ties: p = 2 (C(10,0) + C(10,1)) / 2¹⁰ = 22/1024.
  let a: [Double] = Array(repeating: 1, count: 9) + [0] + Array(repeating: 1, count: 5)
  let b: [Double] = Array(repeating: 0, count: 9) + [1] + Array(repeating: 1, count: 5)
  let test = PairedTest.sign(a, b)
  #expect(test.wins == 9 && test.losses == 1 && test.ties == 5)
  #expect(test.pValue == 22.0 / 1024)
  #expect(test.isSignificant() && !test.isSignificant(at: 0.01))
  #expect(abs(test.meanDifference - 8.0 / 15) < 1e-15)
  // Balanced: p = 1. Huge n does not overflow: 600 against 400 is far beyond noise.
  #expect(PairedTest.sign([1, 0], [0, 1]).pValue == 1)
  let many = PairedTest.sign(
    Array(repeating: 1, count: 600) + Array(repeating: 0, count: 400),
    Array(repeating: 0, count: 600) + Array(repeating: 1, count: 400))
  #expect(many.pValue > 0 && many.pValue < 1e-9)
  #expect(PairedTest.binomialLowerTail(2000, of: 4000) > 0.5)
}

@Test func `the paired bootstrap separates a shift from noise and is reproducible`() {
  let base = (0..<400).map { Double(($0 * 7919) % 100) / 100 }
  let shifted = base.map { $0 + 0.05 }
  #expect(PairedTest.bootstrap(shifted, base).pValue == 0)
  // Differences of alternating sign around zero: no evidence either way.
  let noise = base.enumerated().map { $0.offset % 2 == 0 ? $0.element + 0.01 : $0.element - 0.01 }
  #expect(PairedTest.bootstrap(noise, base).pValue > 0.2)
  #expect(PairedTest.bootstrap(noise, base) == PairedTest.bootstrap(noise, base))
}

@Test func `per-user values average to the reported metric`() {
  let protocol_ = SampledRankingProtocol(cases: [
    .init(user: 0, heldOut: 0, negatives: [1, 2]), .init(user: 1, heldOut: 3, negatives: [4, 5]),
  ])
  let result = protocol_.evaluate(cutoffs: 1...2) { user, items in
    user == 0 ? [3, 2, 1] : [1, 2, 3]
  }
  let hits = result.perUser { ranks, _ in Metrics.hitRate(ranks: ranks, k: 1) }
  #expect(hits == [1, 0])
  #expect(hits.reduce(0, +) / 2 == result.hitRate(at: 1))
}
