import Testing

@testable import Tensors

// The engine's buffer allocator (CKernels/Memory.c through allocateFloats/freeFloats):
// aligned, never overlapping, recycled by size, safe from several threads.

@Test func buffersAreAlignedToACacheLineAtEverySize() {
  // Small, odd, pooled and (20 MB) too large for the pool.
  for count in [1, 2, 3, 15, 16, 17, 100, 1000, 4097, 65_536, 5_000_000] {
    let p = allocateFloats(count)
    #expect(UInt(bitPattern: p) % 64 == 0, "\(count) floats")
    p[count - 1] = 2  // the whole range is writable
    p[0] = 1
    #expect(p[0] == 1 && p[count - 1] == (count == 1 ? 1 : 2))
    freeFloats(p, count: count)
  }
}

@Test func liveBuffersNeverOverlap() {
  var rng = SeededGenerator(seed: 31)
  let counts = (0..<300).map { _ in 1 + rng.int(below: 3000) }
  let buffers = counts.map { allocateFloats($0) }
  for (k, (p, n)) in zip(buffers, counts).enumerated() {
    for i in 0..<n { p[i] = Float(k) }
  }
  let intact = zip(buffers, counts).enumerated().allSatisfy { k, pair in
    (0..<pair.1).allSatisfy { pair.0[$0] == Float(k) }
  }
  #expect(intact)
  for (p, n) in zip(buffers, counts) { freeFloats(p, count: n) }
}

#if os(Linux)
  @Test func aFreedBufferIsReusedForTheSameSize() {
    // A training step frees its buffers and asks for the same sizes again: it gets the
    // same memory back (last freed, first reused), with no new memory from the kernel.
    let a = allocateFloats(6001)
    let b = allocateFloats(6001)
    freeFloats(a, count: 6001)
    freeFloats(b, count: 6001)
    let c = allocateFloats(6001)
    let d = allocateFloats(6001)
    #expect(c == b && d == a)
    // Sizes that round up to the same multiple of 64 bytes share a class: 6,001 floats
    // and 6,016 floats (24,004 and 24,064 bytes) both take 24,064. (Sizes no other test
    // uses, since tests run in parallel.)
    freeFloats(c, count: 6001)
    let e = allocateFloats(6016)
    #expect(e == c)
    freeFloats(d, count: 6001)
    freeFloats(e, count: 6016)
  }
#endif

@Test func buffersAreSafeToAllocateFromManyThreadsAtOnce() async {
  let allIntact = await withTaskGroup(of: Bool.self) { group in
    for task in 0..<8 {
      group.addTask {
        var intact = true
        for round in 0..<300 {
          let n = 1 + (task * 131 + round * 17) % 2000
          let p = allocateFloats(n)
          let mark = Float(task * 1000 + round)
          for i in 0..<n { p[i] = mark }
          intact = intact && (0..<n).allSatisfy { p[$0] == mark }
          freeFloats(p, count: n)
        }
        return intact
      }
    }
    return await group.reduce(true) { $0 && $1 }
  }
  #expect(allIntact)
}
