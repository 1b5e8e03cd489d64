import Tensors

/// Draws "negative" items for a user: items the user never interacted with, uniformly.
///
///     let sampler = NegativeSampler(excluding: train)
///     var rng = SeededGenerator(seed: 1)
///     let j = sampler.sample(for: 0, using: &rng)          // one item not in user 0's row
///     let c = sampler.sampleDistinct(99, for: 0, using: &rng)  // 99 distinct ones
///
/// What counts as "interacted" is the matrix given: for training, the training matrix
/// (a test item may then be drawn as a training negative, as in the NCF paper); for
/// evaluation candidates, the matrix of all data, so a candidate is never a real positive.
///
/// Sampling is by rejection: draw j uniformly from all items, redraw while (u, j) is in the
/// matrix; for a user with fewer than a quarter of the items free, where rejection would
/// spin, it picks the k-th free item directly (k uniform). Membership uses a dense bit per (user, item) when that fits in 32 MB, otherwise
/// a binary search in the user's row.
public struct NegativeSampler: Sendable {
  /// The interactions a negative must avoid.
  public let excluded: InteractionMatrix
  private let bits: [UInt64]
  private let useBits: Bool

  /// A sampler avoiding every (user, item) pair in `excluded`.
  public init(excluding excluded: InteractionMatrix) {
    self.excluded = excluded
    let bitCount = excluded.userCount * excluded.itemCount
    useBits = bitCount <= 1 << 28
    var bits: [UInt64] = []
    if useBits {
      bits = [UInt64](repeating: 0, count: (bitCount + 63) / 64)
      for u in 0..<excluded.userCount {
        for item in excluded.items(of: u) {
          let bit = u * excluded.itemCount + item
          bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
      }
    }
    self.bits = bits
  }

  /// Whether `item` must not be a negative for `user`.
  @inline(__always)
  public func isExcluded(user: Int, item: Int) -> Bool {
    if useBits {
      let bit = user * excluded.itemCount + item
      return bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }
    return excluded.contains(user: user, item: item)
  }

  /// How many items `user` may be given as negatives.
  public func availableCount(for user: Int) -> Int {
    excluded.itemCount - excluded.degree(ofUser: user)
  }

  /// One negative for `user`, uniform over the items not excluded. The user must have at
  /// least one such item (a programmer error otherwise; check `availableCount(for:)`).
  public func sample(for user: Int, using rng: inout SeededGenerator) -> Int {
    let available = availableCount(for: user)
    ensure(
      available > 0,
      "NegativeSampler: user \(user) interacted with every item; there is no negative")
    if available * 4 < excluded.itemCount {
      // Few candidates: rejection would spin; pick the k-th free item directly.
      var k = rng.int(below: available)
      for item in 0..<excluded.itemCount where !isExcluded(user: user, item: item) {
        if k == 0 { return item }
        k -= 1
      }
    }
    while true {
      let item = rng.int(below: excluded.itemCount)
      if !isExcluded(user: user, item: item) { return item }
    }
  }

  /// `count` distinct negatives for `user`, in the order drawn; fewer (all of them, shuffled)
  /// when the user has fewer than `count` items to offer.
  public func sampleDistinct(_ count: Int, for user: Int, using rng: inout SeededGenerator) -> [Int]
  {
    let available = availableCount(for: user)
    if count * 2 <= available {
      var chosen = Set<Int>(minimumCapacity: count)
      var out: [Int] = []
      out.reserveCapacity(count)
      while out.count < count {
        let item = rng.int(below: excluded.itemCount)
        if !isExcluded(user: user, item: item) && chosen.insert(item).inserted { out.append(item) }
      }
      return out
    }
    var pool = (0..<excluded.itemCount).filter { !isExcluded(user: user, item: $0) }
    let k = min(count, pool.count)
    for i in 0..<k {
      let j = i + rng.int(below: pool.count - i)
      pool.swapAt(i, j)
    }
    return Array(pool[0..<k])
  }
}
