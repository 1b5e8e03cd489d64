import Tensors

// A catalogue of columns that specifications pick from by name, and the encoder that turns
// examples into the arrays a Wide & Deep model reads.

// MARK: - FeatureSet

/// The columns defined for a dataset, checked against its fields; a specification picks
/// columns by name and crosses them with `x`.
///
///     let set = try FeatureSet(columns: [gender, occupation, genres], fields: ["gender", "occupation", "genres"])
///     let wide = try set.columns(["gender", "genres", "gender x genres", "occupation x genres % 1000"])
///
/// A spec is a column name, or names joined by ` x ` (an exact cross), optionally followed by
/// `% N` (hashed into N buckets). A name that is not defined, or a column crossed with
/// itself, is a thrown `FeatureError` naming the spec.
public struct FeatureSet: Sendable {
  /// The sparse columns, in the order given.
  public let columns: [any FeatureColumn]
  /// The dense columns, in the order given.
  public let denseColumns: [any DenseFeatureColumn]
  /// The fields the data provides.
  public let fields: Set<String>

  /// A catalogue; throws when two sparse (or two dense) columns share a name, or a column
  /// reads a field the data does not have. A sparse and a dense column may share a name
  /// (the genres as ids for the wide part and as a 0/1 vector for the deep part).
  public init(
    columns: [any FeatureColumn], dense: [any DenseFeatureColumn] = [], fields: Set<String>
  ) throws {
    var sparseNames = Set<String>()
    var denseNames = Set<String>()
    let all: [(String, [String], Bool)] =
      columns.map { ($0.name, $0.fields, true) } + dense.map { ($0.name, $0.fields, false) }
    for (name, reads, isSparse) in all {
      let inserted =
        isSparse ? sparseNames.insert(name).inserted : denseNames.insert(name).inserted
      guard inserted else {
        throw FeatureError(.invalidSpecification, "two columns are named '\(name)'")
      }
      for field in reads where !fields.contains(field) {
        throw FeatureError(
          .unknownField,
          "column \(name) reads field '\(field)', which the data does not have (fields: \(fields.sorted().joined(separator: ", ")))"
        )
      }
    }
    self.columns = columns
    self.denseColumns = dense
    self.fields = fields
  }

  /// The sparse column called `name`, or an `unknownColumn` error naming `spec`.
  public func column(named name: String, in spec: String? = nil) throws -> any FeatureColumn {
    guard let column = columns.first(where: { $0.name == name }) else {
      throw FeatureError(
        .unknownColumn,
        "\(spec.map { "spec '\($0)': " } ?? "")unknown column '\(name)' (defined: \(columns.map(\.name).joined(separator: ", ")))"
      )
    }
    return column
  }

  /// The column a spec names: `"gender"`, `"gender x genres"`, `"user x item % 262144"`.
  public func column(_ spec: String) throws -> any FeatureColumn {
    var body = Substring(spec)
    var buckets: Int? = nil
    if let percent = spec.firstIndex(of: "%") {
      let text = spec[spec.index(after: percent)...].trimmingSpaces
      guard let n = Int(text) else {
        throw FeatureError(
          .invalidSpecification, "spec '\(spec)': '% \(text)' is not a number of hash buckets")
      }
      buckets = n
      body = spec[..<percent]
    }
    let names = body.split(separator: " x ", omittingEmptySubsequences: false).map(\.trimmingSpaces)
    guard !names.contains(where: \.isEmpty) else {
      throw FeatureError(.invalidSpecification, "spec '\(spec)': a column name is empty")
    }
    let parts = try names.map { try column(named: $0, in: spec) }
    if parts.count == 1 {
      guard buckets == nil else {
        throw FeatureError(
          .invalidSpecification, "spec '\(spec)': only a cross can be hashed with %")
      }
      return parts[0]
    }
    do {
      return try CrossedColumn(parts, hashBuckets: buckets)
    } catch let error as FeatureError {
      throw FeatureError(error.kind, "spec '\(spec)': \(error.problem)")
    }
  }

  /// The columns of several specs, in order; throws on a spec listed twice.
  public func columns(_ specs: [String]) throws -> [any FeatureColumn] {
    var seen = Set<String>()
    return try specs.map { spec in
      let c = try column(spec)
      guard seen.insert(c.name).inserted else {
        throw FeatureError(
          .invalidSpecification, "spec '\(spec)': column \(c.name) is listed twice")
      }
      return c
    }
  }

  /// The dense column called `name`.
  public func denseColumn(_ name: String) throws -> any DenseFeatureColumn {
    guard let column = denseColumns.first(where: { $0.name == name }) else {
      throw FeatureError(
        .unknownColumn,
        "unknown dense column '\(name)' (defined: \(denseColumns.map(\.name).joined(separator: ", ")))"
      )
    }
    return column
  }
}

extension StringProtocol {
  /// Without leading and trailing spaces.
  fileprivate var trimmingSpaces: String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}

// MARK: - FeatureBatch

/// Examples encoded for Wide & Deep: the wide part's sparse ids (compressed rows), the deep
/// part's one id per embedded column, its dense values, and the labels.
///
///     let batch = try encoder.encode(rows, labels: labels)
///     batch.wideIDs[batch.wideOffsets[r] ..< batch.wideOffsets[r + 1]]   // example r's wide ids
public struct FeatureBatch: Sendable, Equatable {
  /// How many examples.
  public var count: Int
  /// Example r's wide ids are `wideIDs[wideOffsets[r] ..< wideOffsets[r + 1]]`; count + 1 entries.
  public var wideOffsets: [Int]
  /// Global wide ids (column offset + id within the column).
  public var wideIDs: [Int]
  /// `deepIDs[c][r]`: example r's id in the c-th embedded column.
  public var deepIDs: [[Int]]
  /// Dense values, row-major, `count x denseWidth`.
  public var dense: [Float]
  /// Dense values per example.
  public var denseWidth: Int
  /// 0/1 labels.
  public var labels: [Float]

  /// An empty batch shaped for `deepColumns` embedded columns and `denseWidth` dense values.
  public init(deepColumns: Int, denseWidth: Int) {
    count = 0
    wideOffsets = [0]
    wideIDs = []
    deepIDs = Array(repeating: [], count: deepColumns)
    dense = []
    self.denseWidth = denseWidth
    labels = []
  }

  /// The examples at `indices`, in that order (a mini-batch).
  public func rows(_ indices: some Collection<Int>) -> FeatureBatch {
    var out = FeatureBatch(deepColumns: deepIDs.count, denseWidth: denseWidth)
    out.count = indices.count
    out.wideOffsets.reserveCapacity(indices.count + 1)
    out.labels.reserveCapacity(indices.count)
    out.dense.reserveCapacity(indices.count * denseWidth)
    for r in indices {
      out.wideIDs.append(contentsOf: wideIDs[wideOffsets[r]..<wideOffsets[r + 1]])
      out.wideOffsets.append(out.wideIDs.count)
      for c in deepIDs.indices { out.deepIDs[c].append(deepIDs[c][r]) }
      out.dense.append(contentsOf: dense[(r * denseWidth)..<((r + 1) * denseWidth)])
      out.labels.append(labels[r])
    }
    return out
  }
}

// MARK: - FeatureEncoder

/// Turns examples into a `FeatureBatch`: the wide columns' ids side by side in one index
/// space, one id per deep (embedded) column, the dense columns' values side by side.
///
///     let encoder = try FeatureEncoder(wide: wide, deep: [user, item, gender], dense: [genres, age])
///     let batch = try encoder.encode(rows, labels: labels)
///
/// ```
/// wide id of column k's id j  =  offset_k + j,   offset_k = size_0 + ... + size_{k-1}
/// ```
public struct FeatureEncoder: Sendable {
  /// The wide part's columns (one weight per id).
  public let wide: [any FeatureColumn]
  /// Where each wide column's ids start in the shared index space.
  public let wideOffsets: [Int]
  /// The size of the wide index space.
  public let wideSize: Int
  /// The deep part's embedded columns, each single-valued.
  public let deep: [any FeatureColumn]
  /// The deep part's dense columns.
  public let dense: [any DenseFeatureColumn]
  /// Dense values per example.
  public let denseWidth: Int

  /// An encoder; throws when a deep column can have several ids (embed those as dense
  /// multi-hot columns instead) or when a name repeats among the wide columns.
  public init(
    wide: [any FeatureColumn], deep: [any FeatureColumn] = [], dense: [any DenseFeatureColumn] = []
  ) throws {
    var names = Set<String>()
    for c in wide where !names.insert(c.name).inserted {
      throw FeatureError(.invalidSpecification, "wide column \(c.name) is listed twice")
    }
    for c in deep where !c.isSingleValued {
      throw FeatureError(
        .invalidSpecification,
        "deep column \(c.name) can have several ids per example; feed it as a dense multi-hot column"
      )
    }
    var offsets: [Int] = []
    var total = 0
    for c in wide {
      offsets.append(total)
      total += c.size
    }
    self.wide = wide
    self.wideOffsets = offsets
    self.wideSize = total
    self.deep = deep
    self.dense = dense
    self.denseWidth = dense.reduce(0) { $0 + $1.width }
  }

  /// How many ids each embedded column has (the rows of its embedding table).
  public var deepSizes: [Int] { deep.map(\.size) }

  /// Encodes one example into `batch` (the reference path, column by column).
  public func append(_ row: FeatureRow, label: Float, to batch: inout FeatureBatch) throws {
    for (c, offset) in zip(wide, wideOffsets) {
      for id in try c.ids(in: row) { batch.wideIDs.append(offset + id) }
    }
    batch.wideOffsets.append(batch.wideIDs.count)
    for (k, c) in deep.enumerated() { batch.deepIDs[k].append(try c.ids(in: row)[0]) }
    for c in dense { batch.dense.append(contentsOf: try c.values(in: row)) }
    batch.labels.append(label)
    batch.count += 1
  }

  /// Encodes examples with their labels.
  public func encode(_ rows: [FeatureRow], labels: [Float]) throws -> FeatureBatch {
    ensure(
      rows.count == labels.count, "FeatureEncoder: \(rows.count) rows but \(labels.count) labels")
    var batch = FeatureBatch(deepColumns: deep.count, denseWidth: denseWidth)
    for (row, label) in zip(rows, labels) { try append(row, label: label, to: &batch) }
    return batch
  }

  /// The wide column holding global id `id`, and the id within that column.
  public func wideColumn(of id: Int) -> (column: any FeatureColumn, local: Int) {
    ensure(
      (0..<wideSize).contains(id), "FeatureEncoder: wide id \(id) outside 0..<\(wideSize)")
    var k = wideOffsets.count - 1
    while wideOffsets[k] > id { k -= 1 }
    return (wide[k], id - wideOffsets[k])
  }

  /// A readable name for a global wide id: `"gender=F"`, `"AND(gender=F, genres=Romance)"`,
  /// or `"user x item#1234"` for a hashed id.
  public func wideLabel(of id: Int) -> String {
    let (column, local) = wideColumn(of: id)
    return column.label(of: local) ?? "\(column.name)#\(local)"
  }

  /// The global id of `local` in the wide column called `name`, or nil when there is none.
  public func wideID(column name: String, local: Int) -> Int? {
    guard let k = wide.firstIndex(where: { $0.name == name }), (0..<wide[k].size).contains(local)
    else { return nil }
    return wideOffsets[k] + local
  }
}
