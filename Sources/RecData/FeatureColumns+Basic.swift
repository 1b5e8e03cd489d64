import Tensors

// The basic feature columns: categorical (by vocabulary or by hashing), bucketised numbers,
// multi-hot lists, and plain numbers.

// MARK: - Categorical

/// One category per example, as one id: by its position in a vocabulary, or by hashing.
///
///     let gender = try CategoricalColumn("gender", vocabulary: ["F", "M"])   // F -> 0, M -> 1
///     let zip = try CategoricalColumn("zip", hashBuckets: 1000)              // "55105" -> 592
///
/// ```
/// vocabulary:  id(v) = position of v in the vocabulary      (a value outside it is an error)
/// hashed:      id(v) = fnv1a(v) mod buckets                  (any value; collisions share an id)
/// ```
/// A vocabulary needs every value known in advance; hashing needs none, at the price of
/// unrelated values sharing a weight when they collide.
public struct CategoricalColumn: FeatureColumn {
  /// How values become ids.
  public enum Encoding: Sendable, Equatable {
    /// By position in the list.
    case vocabulary([String])
    /// By hashing into this many buckets.
    case hashed(buckets: Int)
  }

  public let name: String
  /// The field read (by default, the column's name).
  public let field: String
  /// The encoding.
  public let encoding: Encoding
  private let index: [String: Int]

  /// A column with a vocabulary; throws when it is empty or lists a value twice.
  public init(_ name: String, field: String? = nil, vocabulary: [String]) throws {
    self.name = name
    self.field = field ?? name
    self.encoding = .vocabulary(vocabulary)
    self.index = try vocabularyIndex(vocabulary, column: name)
  }

  /// A hashed column; throws unless `hashBuckets >= 1`.
  public init(_ name: String, field: String? = nil, hashBuckets: Int) throws {
    guard hashBuckets >= 1 else {
      throw FeatureError(
        .invalidSpecification, "column \(name): needs at least one hash bucket, got \(hashBuckets)")
    }
    self.name = name
    self.field = field ?? name
    self.encoding = .hashed(buckets: hashBuckets)
    self.index = [:]
  }

  public var size: Int {
    switch encoding {
    case .vocabulary(let values): values.count
    case .hashed(let buckets): buckets
    }
  }

  public var fields: [String] { [field] }
  public var isSingleValued: Bool { true }

  /// The id of one value.
  public func id(of value: String) throws -> Int {
    switch encoding {
    case .vocabulary(let values):
      guard let id = index[value] else {
        throw FeatureError(
          .invalidValue,
          "column \(name): '\(value)' is not in its vocabulary (\(values.prefix(8).joined(separator: ", "))\(values.count > 8 ? ", …" : ""))"
        )
      }
      return id
    case .hashed(let buckets):
      return Int(FeatureHash.fnv1a(value) % UInt64(buckets))
    }
  }

  public func ids(in row: FeatureRow) throws -> [Int] {
    guard case .category(let value) = try row.value(of: field, for: name) else {
      throw FeatureError(.invalidValue, "column \(name): field '\(field)' is not a category")
    }
    return [try id(of: value)]
  }

  public func label(of id: Int) -> String? {
    guard case .vocabulary(let values) = encoding, values.indices.contains(id) else { return nil }
    return "\(name)=\(values[id])"
  }
}

/// Each value's position in `vocabulary`; throws when it is empty or lists a value twice.
private func vocabularyIndex(_ vocabulary: [String], column: String) throws -> [String: Int] {
  guard !vocabulary.isEmpty else {
    throw FeatureError(.badVocabulary, "column \(column): the vocabulary is empty")
  }
  var index: [String: Int] = [:]
  for (id, value) in vocabulary.enumerated() {
    guard index.updateValue(id, forKey: value) == nil else {
      throw FeatureError(.badVocabulary, "column \(column): the vocabulary lists '\(value)' twice")
    }
  }
  return index
}

// MARK: - Bucketised numbers

/// A number cut into ranges by sorted boundaries, one id per range: ages into age groups.
///
///     let age = try BucketizedColumn("age_group", field: "age", boundaries: [18, 25, 35, 45, 50, 56])
///     try age.ids(in: ["age": .number(24)])   // [1]: 18 <= 24 < 25
///
/// ```
/// id(x) = #{ b in boundaries : b <= x }      (0 ... boundaries.count)
/// ```
public struct BucketizedColumn: FeatureColumn {
  public let name: String
  /// The numeric field read.
  public let field: String
  /// The cut points, strictly increasing.
  public let boundaries: [Double]

  /// A bucketised column; throws unless the boundaries are non-empty and strictly increasing.
  public init(_ name: String, field: String, boundaries: [Double]) throws {
    guard !boundaries.isEmpty else {
      throw FeatureError(.invalidSpecification, "column \(name): no bucket boundaries")
    }
    for (a, b) in zip(boundaries, boundaries.dropFirst()) where !(a < b) {
      throw FeatureError(
        .invalidSpecification,
        "column \(name): boundaries must increase strictly, got \(a) then \(b)")
    }
    self.name = name
    self.field = field
    self.boundaries = boundaries
  }

  public var size: Int { boundaries.count + 1 }
  public var fields: [String] { [field] }
  public var isSingleValued: Bool { true }

  /// The bucket of `x`.
  public func id(of x: Double) -> Int {
    var id = 0
    while id < boundaries.count && boundaries[id] <= x { id += 1 }
    return id
  }

  public func ids(in row: FeatureRow) throws -> [Int] {
    guard case .number(let x) = try row.value(of: field, for: name) else {
      throw FeatureError(.invalidValue, "column \(name): field '\(field)' is not a number")
    }
    return [id(of: x)]
  }

  public func label(of id: Int) -> String? {
    guard (0..<size).contains(id) else { return nil }
    func text(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
    if id == 0 { return "\(field)<\(text(boundaries[0]))" }
    if id == boundaries.count { return "\(field)>=\(text(boundaries[id - 1]))" }
    return "\(text(boundaries[id - 1]))<=\(field)<\(text(boundaries[id]))"
  }
}

// MARK: - Multi-hot

/// Any number of categories from a vocabulary, one id each: a movie's genres.
///
///     let genres = try MultiHotColumn("genres", vocabulary: ["Action", "Comedy", "Romance"])
///     try genres.ids(in: ["genres": .categories(["Comedy", "Romance"])])   // [1, 2]
///
/// As a dense column it gives the 0/1 vector itself (`width == size`); a linear layer on
/// that vector is the sum of one embedding per category (an "embedding bag").
public struct MultiHotColumn: FeatureColumn, DenseFeatureColumn {
  public let name: String
  /// The field read (by default, the column's name).
  public let field: String
  /// The categories, by id.
  public let vocabulary: [String]
  private let index: [String: Int]

  /// A multi-hot column; throws when the vocabulary is empty or lists a value twice.
  public init(_ name: String, field: String? = nil, vocabulary: [String]) throws {
    self.name = name
    self.field = field ?? name
    self.vocabulary = vocabulary
    self.index = try vocabularyIndex(vocabulary, column: name)
  }

  public var size: Int { vocabulary.count }
  public var width: Int { vocabulary.count }
  public var fields: [String] { [field] }
  public var isSingleValued: Bool { false }

  public func ids(in row: FeatureRow) throws -> [Int] {
    let values: [String]
    switch try row.value(of: field, for: name) {
    case .categories(let list): values = list
    case .category(let one): values = [one]
    case .number: throw FeatureError(.invalidValue, "column \(name): field '\(field)' is a number")
    }
    return try values.map { value in
      guard let id = index[value] else {
        throw FeatureError(.invalidValue, "column \(name): '\(value)' is not in its vocabulary")
      }
      return id
    }
  }

  public func values(in row: FeatureRow) throws -> [Float] {
    var flags = [Float](repeating: 0, count: size)
    for id in try ids(in: row) { flags[id] = 1 }
    return flags
  }

  public func label(of id: Int) -> String? {
    vocabulary.indices.contains(id) ? "\(name)=\(vocabulary[id])" : nil
  }
}

// MARK: - Numbers

/// A number fed to a network as it is, after shifting and scaling to about unit range.
///
///     let age = NumericColumn("age_scaled", field: "age", shift: 35, scale: 15)
///     try age.values(in: ["age": .number(50)])   // [1.0]
///
/// ```
/// value = (x - shift) / scale        (x = defaultValue when the field is absent)
/// ```
public struct NumericColumn: DenseFeatureColumn {
  public let name: String
  /// The numeric field read.
  public let field: String
  /// Subtracted first (a typical value, such as the mean).
  public let shift: Double
  /// Divided by next (a typical spread, such as the standard deviation).
  public let scale: Double
  /// Used when an example has no such field (nil: that is an error).
  public let defaultValue: Double?

  /// A numeric column.
  public init(
    _ name: String, field: String? = nil, shift: Double = 0, scale: Double = 1,
    defaultValue: Double? = nil
  ) {
    ensure(scale != 0, "NumericColumn \(name): scale must not be 0")
    self.name = name
    self.field = field ?? name
    self.shift = shift
    self.scale = scale
    self.defaultValue = defaultValue
  }

  public var width: Int { 1 }
  public var fields: [String] { [field] }

  public func values(in row: FeatureRow) throws -> [Float] {
    let x: Double
    switch row[field] {
    case .number(let value): x = value
    case nil:
      guard let defaultValue else {
        throw FeatureError(.missingField, "column \(name): the example has no field '\(field)'")
      }
      x = defaultValue
    default: throw FeatureError(.invalidValue, "column \(name): field '\(field)' is not a number")
    }
    return [Float((x - shift) / scale)]
  }
}
