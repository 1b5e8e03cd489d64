import Tensors

// MovieLens as feature rows: the users' demographics and the movies' genres, the standard
// column catalogue of Chapter 4, and a fast encoder for (user, item) pairs.

// MARK: - Raw fields

extension MovieLens {
  /// The fields describing a user: `user` (its id), `gender`, `age`, `occupation`, `zip`.
  public static let userFieldNames: Set<String> = ["user", "gender", "age", "occupation", "zip"]
  /// The fields describing a movie: `item` (its id), `genres`, `year` (absent when unknown).
  public static let itemFieldNames: Set<String> = ["item", "genres", "year"]

  /// User `u`'s fields.
  public func userFields(_ u: Int) -> FeatureRow {
    let user = users[u]
    return [
      "user": .category(String(user.id)),
      "gender": .category(user.gender.rawValue),
      "age": .number(Double(user.age)),
      "occupation": .category(occupationNames[user.occupation]),
      "zip": .category(user.zip),
    ]
  }

  /// Item `i`'s fields.
  public func itemFields(_ i: Int) -> FeatureRow {
    let movie = items[i]
    var row: FeatureRow = [
      "item": .category(String(movie.id)),
      "genres": .categories(movie.genres.map { genreNames[$0] }),
    ]
    if let year = movie.year { row["year"] = .number(Double(year)) }
    return row
  }

  /// The fields of the example "user u meets item i".
  public func featureRow(user u: Int, item i: Int) -> FeatureRow {
    userFields(u).merging(itemFields(i)) { a, _ in a }
  }

  /// Chapter 4's columns for this dataset:
  ///
  /// | column | kind | ids |
  /// | --- | --- | --- |
  /// | `user`, `item` | categorical, vocabulary of the ids | 943, 1682 |
  /// | `gender` | categorical, vocabulary F, M | 2 |
  /// | `occupation` | categorical, vocabulary of u.occupation | 21 |
  /// | `age_group` | bucketised age: <18, 18–24, 25–34, 35–44, 45–49, 50–55, 56+ | 7 |
  /// | `zip` | categorical, hashed | 1000 |
  /// | `genres` | multi-hot (also dense) | 19 |
  /// | `age_scaled`, `year_scaled` | dense numbers, about unit range | 1, 1 |
  public func featureColumns() throws -> FeatureSet {
    try FeatureSet(
      columns: [
        CategoricalColumn("user", vocabulary: users.map { String($0.id) }),
        CategoricalColumn("item", vocabulary: items.map { String($0.id) }),
        CategoricalColumn("gender", vocabulary: Gender.allCases.map(\.rawValue).sorted()),
        CategoricalColumn("occupation", vocabulary: occupationNames),
        BucketizedColumn("age_group", field: "age", boundaries: [18, 25, 35, 45, 50, 56]),
        CategoricalColumn("zip", hashBuckets: 1000),
        MultiHotColumn("genres", vocabulary: genreNames),
      ],
      dense: [
        MultiHotColumn("genres", vocabulary: genreNames),
        NumericColumn("age_scaled", field: "age", shift: 35, scale: 15),
        NumericColumn("year_scaled", field: "year", shift: 1990, scale: 10, defaultValue: 1990),
      ],
      fields: Self.userFieldNames.union(Self.itemFieldNames))
  }
}

// MARK: - Encoding pairs fast

/// Encodes (user, item) pairs of a MovieLens dataset as `FeatureEncoder` would, fast: every
/// column that reads only user fields is encoded once per user, every column that reads only
/// item fields once per item, and a cross combines its parts' cached ids per pair.
///
///     let pairs = try PairFeatureEncoder(encoder, data: ml)
///     let batch = pairs.encode(users: [0, 0], items: [49, 171], labels: [1, 0])
///
/// The result equals `encoder.encode(pairs.map(ml.featureRow), labels:)` (a test holds
/// them equal); every user and item is checked once at creation, so `encode` cannot fail.
/// Every column must read user fields only or item fields only (a cross may mix them).
public struct PairFeatureEncoder: Sendable {
  /// The encoder whose output this reproduces.
  public let encoder: FeatureEncoder

  /// Ids cached per user (or per item), compressed: entity e's ids are
  /// `ids[offsets[e] ..< offsets[e + 1]]`.
  private struct IDTable: Sendable {
    var offsets: [Int] = [0]
    var ids: [Int] = []
  }

  /// How one column's ids are found for a pair.
  private indirect enum Plan: Sendable {
    /// In `userTables[k]`, by user.
    case user(Int)
    /// In `itemTables[k]`, by item.
    case item(Int)
    /// Combined from the components' plans.
    case cross(CrossedColumn, [Plan])
  }

  private var userTables: [IDTable] = []
  private var itemTables: [IDTable] = []
  private var widePlans: [Plan] = []
  private var deepPlans: [Plan] = []
  /// Per dense column: values by user or by item.
  private var dense: [(byUser: Bool, values: [[Float]])] = []

  /// Encodes every user's and every item's side once; throws when a row does not fit a
  /// column, or when a column (other than a cross) reads both user and item fields.
  public init(_ encoder: FeatureEncoder, data: MovieLens) throws {
    self.encoder = encoder
    let userRows = (0..<data.userCount).map(data.userFields)
    let itemRows = (0..<data.itemCount).map(data.itemFields)
    func isUserSide(_ name: String, _ fields: [String]) throws -> Bool {
      let reads = Set(fields)
      if reads.isSubset(of: MovieLens.userFieldNames) { return true }
      if reads.isSubset(of: MovieLens.itemFieldNames) { return false }
      throw FeatureError(
        .invalidSpecification,
        "column \(name) reads both user and item fields (\(fields.sorted().joined(separator: ", "))); only a cross may"
      )
    }
    var userIndex: [String: Int] = [:]
    var itemIndex: [String: Int] = [:]
    func table(_ column: any FeatureColumn, _ rows: [FeatureRow]) throws -> IDTable {
      var t = IDTable()
      for row in rows {
        t.ids += try column.ids(in: row)
        t.offsets.append(t.ids.count)
      }
      return t
    }
    func plan(_ column: any FeatureColumn) throws -> Plan {
      if let cross = column as? CrossedColumn {
        return .cross(cross, try cross.components.map(plan))
      }
      if try isUserSide(column.name, column.fields) {
        if let k = userIndex[column.name] { return .user(k) }
        userTables.append(try table(column, userRows))
        userIndex[column.name] = userTables.count - 1
        return .user(userTables.count - 1)
      }
      if let k = itemIndex[column.name] { return .item(k) }
      itemTables.append(try table(column, itemRows))
      itemIndex[column.name] = itemTables.count - 1
      return .item(itemTables.count - 1)
    }
    widePlans = try encoder.wide.map(plan)
    deepPlans = try encoder.deep.map(plan)
    for c in encoder.dense {
      let byUser = try isUserSide(c.name, c.fields)
      dense.append((byUser, try (byUser ? userRows : itemRows).map { try c.values(in: $0) }))
    }
  }

  /// Appends the ids of `plan` for one pair, each plus `offset`.
  private func appendIDs(
    _ plan: Plan, user: Int, item: Int, offset: Int, to out: inout [Int]
  ) {
    switch plan {
    case .user(let k):
      let t = userTables[k]
      for j in t.offsets[user]..<t.offsets[user + 1] { out.append(offset + t.ids[j]) }
    case .item(let k):
      let t = itemTables[k]
      for j in t.offsets[item]..<t.offsets[item + 1] { out.append(offset + t.ids[j]) }
    case .cross(let cross, let parts):
      // Walk every combination, folding one component's id at a time.
      func walk(_ k: Int, _ state: UInt64) {
        if k == parts.count {
          out.append(offset + cross.id(of: state))
          return
        }
        switch parts[k] {
        case .user(let t):
          let table = userTables[t]
          for j in table.offsets[user]..<table.offsets[user + 1] {
            walk(k + 1, cross.fold(state, component: k, id: table.ids[j]))
          }
        case .item(let t):
          let table = itemTables[t]
          for j in table.offsets[item]..<table.offsets[item + 1] {
            walk(k + 1, cross.fold(state, component: k, id: table.ids[j]))
          }
        case .cross:
          var ids: [Int] = []
          appendIDs(parts[k], user: user, item: item, offset: 0, to: &ids)
          for id in ids { walk(k + 1, cross.fold(state, component: k, id: id)) }
        }
      }
      walk(0, cross.initialState)
    }
  }

  /// Encodes the pairs `(users[r], items[r])` with `labels[r]`.
  public func encode(users: [Int], items: [Int], labels: [Float]) -> FeatureBatch {
    ensure(
      users.count == items.count && items.count == labels.count,
      "PairFeatureEncoder: \(users.count) users, \(items.count) items, \(labels.count) labels")
    var batch = FeatureBatch(deepColumns: encoder.deep.count, denseWidth: encoder.denseWidth)
    batch.count = users.count
    batch.labels = labels
    batch.wideOffsets.reserveCapacity(users.count + 1)
    batch.dense.reserveCapacity(users.count * encoder.denseWidth)
    for k in batch.deepIDs.indices { batch.deepIDs[k].reserveCapacity(users.count) }
    var one: [Int] = []
    for (u, i) in zip(users, items) {
      for (plan, offset) in zip(widePlans, encoder.wideOffsets) {
        appendIDs(plan, user: u, item: i, offset: offset, to: &batch.wideIDs)
      }
      batch.wideOffsets.append(batch.wideIDs.count)
      for (k, plan) in deepPlans.enumerated() {
        one.removeAll(keepingCapacity: true)
        appendIDs(plan, user: u, item: i, offset: 0, to: &one)
        batch.deepIDs[k].append(one[0])
      }
      for column in dense { batch.dense.append(contentsOf: column.values[column.byUser ? u : i]) }
    }
    return batch
  }

  /// Encodes ratings, labelled 1 when `rating >= threshold` (a "like"), else 0.
  public func encode(_ ratings: [Rating], likeThreshold threshold: Int) -> FeatureBatch {
    encode(
      users: ratings.map(\.user), items: ratings.map(\.item),
      labels: ratings.map { $0.rating >= threshold ? 1 : 0 })
  }
}
