// Crossed columns: the wide part's memory of feature combinations.

// MARK: - Crossed

/// The cross-product of two or more columns: one id per combination of their ids, the
/// feature that is 1 exactly when all of its parts are, such as AND(gender=F, genres=Romance).
///
///     let cross = try CrossedColumn([gender, genres])          // exact: 2 x 19 ids
///     try cross.ids(in: ["gender": .category("F"), "genres": .categories(["Comedy", "Romance"])])
///     // [id of AND(gender=F, genres=Comedy), id of AND(gender=F, genres=Romance)]
///
/// ```
/// exact:   id(a, b, c) = (a * |B| + b) * |C| + c                 (size |A| |B| |C|)
/// hashed:  id(a, b, c) = combine(a, b, c) mod buckets            (size = buckets)
/// ```
/// A multi-valued part gives one id per combination (the cartesian product). An exact cross
/// keeps every combination apart and can name each id; a hashed one (for crosses too large to
/// enumerate, like user x item) lets colliding combinations share an id.
public struct CrossedColumn: FeatureColumn {
  public let name: String
  /// The crossed columns, in order.
  public let components: [any FeatureColumn]
  /// The number of hash buckets, or nil for an exact cross.
  public let hashBuckets: Int?
  /// The largest exact cross allowed; a larger one must be hashed.
  public static let maximumExactSize = 1 << 22

  /// Crosses `components` (named "a x b" unless `name` is given). Throws when there are fewer
  /// than two, when a column appears twice (a cross with itself says nothing new), when
  /// `hashBuckets < 1`, or when an exact cross would exceed `maximumExactSize` ids.
  public init(_ components: [any FeatureColumn], hashBuckets: Int? = nil, name: String? = nil)
    throws
  {
    let name = name ?? components.map(\.name).joined(separator: " x ")
    guard components.count >= 2 else {
      throw FeatureError(
        .invalidSpecification, "cross \(name): needs at least two columns, got \(components.count)")
    }
    var seen = Set<String>()
    for c in components where !seen.insert(c.name).inserted {
      throw FeatureError(.selfCross, "cross \(name): crosses column '\(c.name)' with itself")
    }
    if let hashBuckets, hashBuckets < 1 {
      throw FeatureError(
        .invalidSpecification, "cross \(name): needs at least one hash bucket, got \(hashBuckets)")
    }
    if hashBuckets == nil {
      var size = 1
      for c in components {
        let (product, overflow) = size.multipliedReportingOverflow(by: c.size)
        guard !overflow && product <= Self.maximumExactSize else {
          throw FeatureError(
            .invalidSpecification,
            "cross \(name): \(components.map { String($0.size) }.joined(separator: " x ")) combinations are too many to keep apart; give it hashBuckets"
          )
        }
        size = product
      }
    }
    self.name = name
    self.components = components
    self.hashBuckets = hashBuckets
  }

  public var size: Int { hashBuckets ?? components.reduce(1) { $0 * $1.size } }
  public var fields: [String] { components.flatMap(\.fields) }
  public var isSingleValued: Bool { components.allSatisfy(\.isSingleValued) }

  /// The id of one combination: `componentIDs[k]` is an id of `components[k]`.
  public func id(combining componentIDs: [Int]) -> Int {
    var state = initialState
    for (k, part) in componentIDs.enumerated() { state = fold(state, component: k, id: part) }
    return id(of: state)
  }

  // The id built one component at a time (the fast encoder walks combinations this way):
  // id(combining: [a, b]) == id(of: fold(fold(initialState, component: 0, id: a), component: 1, id: b)).

  /// The state before any component.
  public var initialState: UInt64 { hashBuckets == nil ? 0 : FeatureHash.combineSeed }

  /// The state after adding component `k`'s id.
  @inline(__always)
  public func fold(_ state: UInt64, component k: Int, id: Int) -> UInt64 {
    if hashBuckets == nil { return state * UInt64(components[k].size) + UInt64(id) }
    return FeatureHash.combine(state, id)
  }

  /// The id of a finished state.
  @inline(__always)
  public func id(of state: UInt64) -> Int {
    if let hashBuckets { return Int(state % UInt64(hashBuckets)) }
    return Int(state)
  }

  /// The ids of every combination, given each component's ids (the cartesian product, the
  /// first component varying slowest).
  public func ids(combining perComponent: [[Int]]) -> [Int] {
    var combinations: [[Int]] = [[]]
    for ids in perComponent {
      combinations = combinations.flatMap { prefix in ids.map { prefix + [$0] } }
    }
    return combinations.map { id(combining: $0) }
  }

  public func ids(in row: FeatureRow) throws -> [Int] {
    try ids(combining: components.map { try $0.ids(in: row) })
  }

  /// `AND(gender=F, genres=Romance)` for an exact cross; nil for a hashed one.
  public func label(of id: Int) -> String? {
    guard hashBuckets == nil, (0..<size).contains(id) else { return nil }
    var rest = id
    var parts: [String] = []
    for c in components.reversed() {
      parts.append(c.label(of: rest % c.size) ?? "\(c.name)#\(rest % c.size)")
      rest /= c.size
    }
    return "AND(" + parts.reversed().joined(separator: ", ") + ")"
  }
}
