import Tensors

/// A sparse 0/1 user–item matrix in compressed sparse row (CSR) form, stored both ways:
/// per user the sorted items they interacted with, per item the sorted users.
///
///     let train = InteractionMatrix(ratings: split.train, userCount: 943, itemCount: 1682)
///     train.items(of: 0)          // the items user 0 interacted with, ascending
///     train.contains(user: 0, item: 241)
///
/// ```
/// items of user u = itemsByUser[userOffsets[u] ..< userOffsets[u + 1]]
/// users of item i = usersByItem[itemOffsets[i] ..< itemOffsets[i + 1]]
/// ```
///
/// Duplicate (user, item) pairs are stored once. Membership is a binary search in the
/// user's sorted row: O(log |items of u|).
public struct InteractionMatrix: Sendable, Equatable {
  /// Number of rows.
  public let userCount: Int
  /// Number of columns.
  public let itemCount: Int
  /// Row starts: user u's items are `itemsByUser[userOffsets[u] ..< userOffsets[u+1]]`.
  public let userOffsets: [Int]
  /// All rows' items, concatenated; each row ascending.
  public let itemsByUser: [Int]
  /// Column starts: item i's users are `usersByItem[itemOffsets[i] ..< itemOffsets[i+1]]`.
  public let itemOffsets: [Int]
  /// All columns' users, concatenated; each column ascending.
  public let usersByItem: [Int]

  /// Builds the matrix from (user, item) pairs; indices must be in range (a programmer error).
  public init(userCount: Int, itemCount: Int, pairs: [(user: Int, item: Int)]) {
    self.userCount = userCount
    self.itemCount = itemCount
    // Counting sort by user, then sort each row and drop duplicates.
    var rowCounts = [Int](repeating: 0, count: userCount + 1)
    for p in pairs {
      ensure(
        p.user >= 0 && p.user < userCount && p.item >= 0 && p.item < itemCount,
        "InteractionMatrix: pair (\(p.user), \(p.item)) outside \(userCount) x \(itemCount)")
      rowCounts[p.user + 1] += 1
    }
    for u in 0..<userCount { rowCounts[u + 1] += rowCounts[u] }
    var fill = rowCounts
    var raw = [Int](repeating: 0, count: pairs.count)
    for p in pairs {
      raw[fill[p.user]] = p.item
      fill[p.user] += 1
    }
    var offsets = [0]
    offsets.reserveCapacity(userCount + 1)
    var items: [Int] = []
    items.reserveCapacity(pairs.count)
    for u in 0..<userCount {
      let row = raw[rowCounts[u]..<rowCounts[u + 1]].sorted()
      var previous = -1
      for item in row where item != previous {
        items.append(item)
        previous = item
      }
      offsets.append(items.count)
    }
    userOffsets = offsets
    itemsByUser = items
    // The transpose, by counting sort over items (users come out ascending).
    var columnOffsets = [Int](repeating: 0, count: itemCount + 1)
    for item in items { columnOffsets[item + 1] += 1 }
    for i in 0..<itemCount { columnOffsets[i + 1] += columnOffsets[i] }
    var columnFill = columnOffsets
    var users = [Int](repeating: 0, count: items.count)
    for u in 0..<userCount {
      for k in offsets[u]..<offsets[u + 1] {
        let item = items[k]
        users[columnFill[item]] = u
        columnFill[item] += 1
      }
    }
    itemOffsets = columnOffsets
    usersByItem = users
  }

  /// Builds the matrix from ratings (every rating is one interaction).
  public init(ratings: [Rating], userCount: Int, itemCount: Int) {
    self.init(userCount: userCount, itemCount: itemCount, pairs: ratings.map { ($0.user, $0.item) })
  }

  /// Builds the matrix from dense 0/1 rows (any non-zero is an interaction).
  public init(rows: [[Int]]) {
    let itemCount = rows.first?.count ?? 0
    var pairs: [(user: Int, item: Int)] = []
    for (u, row) in rows.enumerated() {
      ensure(
        row.count == itemCount,
        "InteractionMatrix(rows:): row \(u) has \(row.count) entries, expected \(itemCount)")
      for (i, value) in row.enumerated() where value != 0 { pairs.append((u, i)) }
    }
    self.init(userCount: rows.count, itemCount: itemCount, pairs: pairs)
  }

  // MARK: - Reading

  /// Number of stored interactions (non-zeros).
  public var interactionCount: Int { itemsByUser.count }

  /// The items `user` interacted with, ascending.
  public func items(of user: Int) -> ArraySlice<Int> {
    itemsByUser[userOffsets[user]..<userOffsets[user + 1]]
  }

  /// The users who interacted with `item`, ascending.
  public func users(of item: Int) -> ArraySlice<Int> {
    usersByItem[itemOffsets[item]..<itemOffsets[item + 1]]
  }

  /// How many items `user` interacted with.
  public func degree(ofUser user: Int) -> Int { userOffsets[user + 1] - userOffsets[user] }

  /// How many users interacted with `item` (its popularity).
  public func degree(ofItem item: Int) -> Int { itemOffsets[item + 1] - itemOffsets[item] }

  /// Whether `user` interacted with `item` (binary search in the user's sorted row).
  public func contains(user: Int, item: Int) -> Bool {
    var low = userOffsets[user]
    var high = userOffsets[user + 1]
    while low < high {
      let mid = (low + high) / 2
      let value = itemsByUser[mid]
      if value == item { return true }
      if value < item { low = mid + 1 } else { high = mid }
    }
    return false
  }

  /// The user's row as a dense 0/1 vector of length `itemCount`.
  public func denseRow(user: Int) -> [Float] {
    var row = [Float](repeating: 0, count: itemCount)
    for item in items(of: user) { row[item] = 1 }
    return row
  }

  /// The whole matrix as dense 0/1 rows (for small matrices such as the toy one).
  public func denseRows() -> [[Int]] {
    (0..<userCount).map { u in
      var row = [Int](repeating: 0, count: itemCount)
      for item in items(of: u) { row[item] = 1 }
      return row
    }
  }

  /// How many items users `a` and `b` share, |I(a) ∩ I(b)|, by merging their sorted rows.
  public func sharedItemCount(user a: Int, _ b: Int) -> Int {
    let x = items(of: a)
    let y = items(of: b)
    var i = x.startIndex
    var j = y.startIndex
    var common = 0
    while i < x.endIndex && j < y.endIndex {
      if x[i] == y[j] {
        common += 1
        i += 1
        j += 1
      } else if x[i] < y[j] {
        i += 1
      } else {
        j += 1
      }
    }
    return common
  }

  /// Jaccard similarity of two users' item sets:
  ///
  /// ```
  /// J(a, b) = |I(a) ∩ I(b)| / |I(a) ∪ I(b)|      (0 when both are empty)
  /// ```
  public func jaccard(user a: Int, _ b: Int) -> Double {
    let common = sharedItemCount(user: a, b)
    let union = items(of: a).count + items(of: b).count - common
    return union == 0 ? 0 : Double(common) / Double(union)
  }
}

// MARK: - Implicit feedback

extension MovieLens {
  /// The ratings kept as implicit positive interactions: all of them by default, or only
  /// those with `rating >= minimumRating`.
  ///
  /// ```
  /// y(u, i) = 1  if u rated i (with at least minimumRating stars),  0 otherwise
  /// ```
  public func implicitRatings(minimumRating: Int? = nil) -> [Rating] {
    guard let minimumRating else { return ratings }
    return ratings.filter { $0.rating >= minimumRating }
  }

  /// The implicit interaction matrix of `implicitRatings(minimumRating:)`.
  public func interactions(minimumRating: Int? = nil) -> InteractionMatrix {
    InteractionMatrix(
      ratings: implicitRatings(minimumRating: minimumRating), userCount: userCount,
      itemCount: itemCount)
  }
}
