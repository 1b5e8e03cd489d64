// Feature columns: how one example's raw fields (a gender, an age, a list of genres) become
// the sparse ids a linear model looks up and the dense values a neural network reads.
// Introduced in Chapter 4 (Wide & Deep).

// MARK: - Raw values

/// The raw value of one field of an example, before a feature column turns it into ids.
///
///     let row: FeatureRow = ["gender": .category("F"), "age": .number(24),
///                            "genres": .categories(["Comedy", "Romance"])]
public enum FeatureValue: Hashable, Sendable {
  /// One category, such as a gender or an occupation.
  case category(String)
  /// A number, such as an age.
  case number(Double)
  /// Any number of categories, such as a movie's genres.
  case categories([String])
}

/// One example's raw fields, by field name.
public typealias FeatureRow = [String: FeatureValue]

// MARK: - Columns

/// A column that turns an example into sparse ids in `0..<size`: the positions of the ones
/// in its one-hot (or multi-hot) vector.
///
///     let gender = try CategoricalColumn("gender", vocabulary: ["F", "M"])
///     try gender.ids(in: ["gender": .category("M")])   // [1]
///
/// A linear model keeps one weight per id (the wide part of Wide & Deep); an embedding
/// table keeps one vector per id (the deep part).
public protocol FeatureColumn: Sendable {
  /// The column's name, unique within a feature set (`"gender"`, `"gender x genres"`).
  var name: String { get }
  /// How many distinct ids the column has: the length of its one-hot vector.
  var size: Int { get }
  /// The raw fields the column reads (a crossed column: those of its components).
  var fields: [String] { get }
  /// Whether every example has exactly one id (categorical and bucketised columns), so the
  /// column can feed an embedding lookup.
  var isSingleValued: Bool { get }
  /// The ids of `row`, each in `0..<size`; throws when a field is missing or of the wrong kind.
  func ids(in row: FeatureRow) throws -> [Int]
  /// A readable name for an id (`"gender=F"`, `"18<=age<25"`), or nil when the column
  /// cannot tell (a hashed id stands for every value that hashes there).
  func label(of id: Int) -> String?
}

/// A column that gives every example the same number of real values (a normalised number,
/// a multi-hot vector), fed to a network as they are.
public protocol DenseFeatureColumn: Sendable {
  /// The column's name.
  var name: String { get }
  /// How many values each example gets.
  var width: Int { get }
  /// The raw fields the column reads.
  var fields: [String] { get }
  /// The `width` values of `row`.
  func values(in row: FeatureRow) throws -> [Float]
}

// MARK: - Errors

/// A feature specification that cannot work, or an example that does not fit it.
///
///     do { _ = try CategoricalColumn("gender", vocabulary: []) }
///     catch { print(error) }   // "column gender: the vocabulary is empty"
public struct FeatureError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What went wrong, so tests and callers can tell the cases apart.
  public enum Kind: Sendable, Equatable {
    /// A specification names a column that is not defined.
    case unknownColumn
    /// A column reads a field the data does not have.
    case unknownField
    /// A vocabulary with no entries (or with an entry twice).
    case badVocabulary
    /// A cross names the same column more than once.
    case selfCross
    /// Any other impossible setting: no buckets, unsorted boundaries, a too-large cross.
    case invalidSpecification
    /// An example lacks a field a column reads.
    case missingField
    /// An example's field has the wrong kind of value, or a value outside the vocabulary.
    case invalidValue
  }

  /// Which case this is.
  public var kind: Kind
  /// The problem, naming the column (and field or value) involved.
  public var problem: String

  /// Creates an error.
  public init(_ kind: Kind, _ problem: String) {
    self.kind = kind
    self.problem = problem
  }

  /// The problem, as a message.
  public var description: String { problem }
}

// MARK: - Reading fields

extension FeatureRow {
  /// The value of `field`, or a `missingField` error naming `column`.
  func value(of field: String, for column: String) throws -> FeatureValue {
    guard let value = self[field] else {
      throw FeatureError(.missingField, "column \(column): the example has no field '\(field)'")
    }
    return value
  }
}

// MARK: - Stable hashing

/// Hashes for hashed columns. Swift's own `Hasher` is seeded anew in every process, so ids
/// would change from run to run; these are fixed functions of their input.
public enum FeatureHash {
  /// 64-bit FNV-1a over the UTF-8 bytes of `text`.
  ///
  /// ```
  /// h = 14695981039346656037;  for each byte b: h = (h xor b) * 1099511628211  (mod 2^64)
  /// ```
  public static func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x100_0000_01B3
    }
    return hash
  }

  /// Mixes a sequence of ids into one 64-bit value (each step a SplitMix64 finaliser), so
  /// that (1, 2) and (2, 1) land far apart.
  ///
  /// ```
  /// h = seed;  for each id: h = mix(h xor (id + seed))
  /// ```
  public static func combine(_ ids: [Int]) -> UInt64 {
    var hash = combineSeed
    for id in ids { hash = combine(hash, id) }
    return hash
  }

  /// The starting value of `combine` (the golden ratio's bits).
  public static let combineSeed: UInt64 = 0x9E37_79B9_7F4A_7C15

  /// One step of `combine`: mixes `id` into `hash`.
  @inline(__always)
  public static func combine(_ hash: UInt64, _ id: Int) -> UInt64 {
    mix(hash ^ (UInt64(bitPattern: Int64(id)) &+ combineSeed))
  }

  /// SplitMix64's finaliser: every input bit affects every output bit.
  @inline(__always)
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
