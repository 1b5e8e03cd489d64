import Foundation

/// The NCF paper's published leave-one-out split of MovieLens-1M (He et al., "Neural
/// Collaborative Filtering", WWW 2017): the exact training pairs, held-out items and 99 test
/// negatives its numbers were computed on, so a model here can be compared with the paper's.
///
///     let split = try NCFSplit.load(from: "Data/ncf-ml-1m")   // `make data-ml-1m` puts it there
///     split.userCount, split.itemCount                          // 6040, 3706
///     split.test[0], split.negatives[0]                         // user 0's held-out item, its 99 negatives
///
/// Three files, ids numbered from 0, fields separated by tabs:
///
/// ```
/// <name>.train.rating      user  item  rating  timestamp     (upstream: 994,169 lines)
///   or <name>.train.pairs.tsv   user  item                    (the same pairs, 2 columns)
/// <name>.test.rating       user  item  rating  timestamp     (one line per user: the held-out item)
/// <name>.test.negative     (user,item)  id_1 ... id_99       (line k belongs to test line k)
/// ```
///
/// Every line is either loaded or rejected with a `DataError` naming the file and the line;
/// nothing is skipped. Beyond the file formats, the loader insists on what the split promises:
/// no (user, item) pair twice in training, no held-out pair among the training pairs, one test
/// line per user and only for users with training pairs (in ML-1M every user has at least 19),
/// test and negative ids within the training file's users and items, and exactly 99 negatives
/// whose `(user,item)` head repeats the test line at the same position.
///
/// The negatives are kept exactly as in the file, including the quirk that in 156 of ML-1M's
/// 6,040 lines the held-out item is itself among the 99: `heldOutAmongNegatives` lists those
/// lines, and `LeaveOneOutData(published:)` says how they are scored.
public struct NCFSplit: Sendable {
  /// 1 + the largest user id in the training file.
  public let userCount: Int
  /// 1 + the largest item id in the training file.
  public let itemCount: Int
  /// The training pairs in file order; a two-column line has rating 1 and timestamp 0.
  public let train: [Rating]
  /// The held-out rating of each user, in file order.
  public let test: [Rating]
  /// Parallel to `test`: the 99 negative item ids of each line, exactly as in the file.
  public let negatives: [[Int]]
  /// Indices into `test` of the lines whose negatives contain the held-out item itself.
  public let heldOutAmongNegatives: [Int]

  /// Ids must be below this (16,777,216): the matrices built from a split are sized by the
  /// largest id, so a typo such as `60400000` must be an error rather than a huge allocation.
  static let idLimit = 1 << 24

  /// Loads `<name>.train.rating` if present, else `<name>.train.pairs.tsv`, plus
  /// `<name>.test.rating` and `<name>.test.negative`, from `directory`.
  ///
  /// - Throws: `DataError` naming the file and the 1-based line: a missing file (run
  ///   `make data-ml-1m`), an empty one, a wrong number of fields, a field that is not a
  ///   number, a negative or too large id, a rating outside 1...5, a test or negative id
  ///   outside the training file's users and items, a test user without training pairs or
  ///   with two test lines, a duplicate pair, a malformed or mismatched `(user,item)` head.
  public static func load(from directory: String, name: String = "ml-1m") throws -> NCFSplit {
    func path(_ file: String) -> String {
      directory.hasSuffix("/") ? directory + file : directory + "/" + file
    }
    let upstreamTrain = path("\(name).train.rating")
    let trainPath =
      FileManager.default.fileExists(atPath: upstreamTrain)
      ? upstreamTrain : path("\(name).train.pairs.tsv")
    return try parse(
      train: open(trainPath, alternative: "\(name).train.rating"),
      test: open(path("\(name).test.rating")),
      negatives: open(path("\(name).test.negative")))
  }

  /// Reads a tab-separated file; a missing one says which command fetches it.
  static func open(_ path: String, alternative: String? = nil) throws -> DelimitedFile {
    let name = (path as NSString).lastPathComponent
    guard FileManager.default.fileExists(atPath: path) else {
      let either = alternative.map { " (nor \($0))" } ?? ""
      throw DataError(
        .missingFile, file: name,
        "no such file at \(path)\(either) (run `make data-ml-1m` to download the NCF paper's MovieLens-1M split)"
      )
    }
    return try DelimitedFile(path: path, separator: UInt8(ascii: "\t"))
  }

  /// Parses the three files' contents (the checks of `load(from:name:)`).
  static func parse(train: DelimitedFile, test: DelimitedFile, negatives: DelimitedFile) throws
    -> NCFSplit
  {
    let training = try parseTrain(train)
    let held = try parseTest(test, training: training)
    let negative = try parseNegatives(
      negatives, test: held, testFile: test.name, training: training)
    return NCFSplit(
      userCount: training.userCount, itemCount: training.itemCount, train: training.ratings,
      test: held, negatives: negative.lists, heldOutAmongNegatives: negative.heldOutAmong)
  }

  /// The split of the first `users` users (a quick run's slice): their training pairs,
  /// held-out items and negatives, with every item kept, so ids mean the same.
  public func firstUsers(_ users: Int) -> NCFSplit {
    let kept = test.indices.filter { test[$0].user < users }
    // A kept line's index in the slice is its position in `kept`.
    let position = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
    return NCFSplit(
      userCount: min(users, userCount), itemCount: itemCount,
      train: train.filter { $0.user < users }, test: kept.map { test[$0] },
      negatives: kept.map { negatives[$0] },
      heldOutAmongNegatives: heldOutAmongNegatives.compactMap { position[$0] })
  }

  // MARK: - One parser per file

  /// What the training file tells the other two: its size, and each user's items.
  struct Training {
    var ratings: [Rating] = []
    var userCount = 0
    var itemCount = 0
    /// User u's items, ascending: `items[rowStart[u] ..< rowStart[u + 1]]`.
    var rowStart: [Int] = []
    var items: [Int] = []
    var fileName = ""

    /// How many training pairs `user` has.
    func degree(_ user: Int) -> Int { rowStart[user + 1] - rowStart[user] }

    /// Whether (user, item) is a training pair: a binary search in the user's row.
    func contains(user: Int, item: Int) -> Bool {
      var (low, high) = (rowStart[user], rowStart[user + 1])
      while low < high {
        let middle = (low + high) / 2
        if items[middle] < item { low = middle + 1 } else { high = middle }
      }
      return low < rowStart[user + 1] && items[low] == item
    }
  }

  /// `user \t item` or `user \t item \t rating \t timestamp`; every line as wide as the first.
  static func parseTrain(_ file: DelimitedFile) throws -> Training {
    var training = Training()
    training.fileName = file.name
    training.ratings.reserveCapacity(file.bytes.count / 10)
    var lines: [Int] = []  // the file line of each rating, to name a duplicate's
    lines.reserveCapacity(file.bytes.count / 10)
    var width = 0
    try file.forEachRecord { record in
      if width == 0 {
        guard record.fields.count == 2 || record.fields.count == 4 else {
          throw record.error(
            .wrongFieldCount,
            "expected 2 fields (user, item) or 4 (user, item, rating, timestamp), found \(record.fields.count)"
          )
        }
        width = record.fields.count
      }
      try record.expectFieldCount(
        width,
        width == 2 ? "user, item, as on line 1" : "user, item, rating, timestamp, as on line 1")
      let user = try id(record, 0, "user id")
      let item = try id(record, 1, "item id")
      var rating = Rating(user: user, item: item, rating: 1, timestamp: 0)
      if width == 4 {
        rating.rating = try stars(record, 2)
        rating.timestamp = try record.int(3, "timestamp")
      }
      training.userCount = max(training.userCount, user + 1)
      training.itemCount = max(training.itemCount, item + 1)
      training.ratings.append(rating)
      lines.append(record.line)
    }
    try buildRows(&training, lines: lines)
    return training
  }

  /// Groups the training pairs by user (a counting sort), sorts each user's items, and
  /// throws at the first line, in file order, that repeats an earlier pair. The sorted rows
  /// then answer "is this held-out pair a training pair?" by binary search, with no hash set
  /// of a million pairs to build.
  static func buildRows(_ training: inout Training, lines: [Int]) throws {
    var start = [Int](repeating: 0, count: training.userCount + 1)
    for r in training.ratings { start[r.user + 1] += 1 }
    for u in 0..<training.userCount { start[u + 1] += start[u] }
    // Each pair as `item << 32 | index in the file`, grouped by user.
    var keys = [Int](repeating: 0, count: training.ratings.count)
    var fill = start
    for (index, r) in training.ratings.enumerated() {
      keys[fill[r.user]] = r.item << 32 | index
      fill[r.user] += 1
    }
    var firstRepeat = Int.max  // the smallest file index that repeats an earlier pair
    var items = [Int](repeating: 0, count: keys.count)
    for u in 0..<training.userCount {
      keys[start[u]..<start[u + 1]].sort()
      for k in start[u]..<start[u + 1] {
        items[k] = keys[k] >> 32
        if k > start[u] && items[k] == items[k - 1] {
          firstRepeat = min(firstRepeat, keys[k] & 0xFFFF_FFFF)
        }
      }
    }
    if firstRepeat < Int.max {
      let r = training.ratings[firstRepeat]
      throw DataError(
        .duplicatePair, file: training.fileName, line: lines[firstRepeat],
        "the pair (user \(r.user), item \(r.item)) appears twice in training")
    }
    training.rowStart = start
    training.items = items
  }

  /// `user \t item \t rating \t timestamp`: one line per user, a user with training pairs, an
  /// item of the training file, a pair not in training.
  static func parseTest(_ file: DelimitedFile, training: Training) throws -> [Rating] {
    var test: [Rating] = []
    var seen = Set<Int>()
    try file.forEachRecord { record in
      try record.expectFieldCount(4, "user, item, rating, timestamp separated by tabs")
      let user = try id(record, 0, "user id")
      let item = try id(record, 1, "item id")
      let rating = try stars(record, 2)
      let timestamp = try record.int(3, "timestamp")
      guard user < training.userCount, training.degree(user) > 0 else {
        throw record.error(
          .unknownUser, "user \(user) has no training pair in \(training.fileName)")
      }
      guard item < training.itemCount else {
        throw record.error(
          .unknownItem,
          "item id \(item) is outside the training file's items 0..<\(training.itemCount)")
      }
      guard seen.insert(user).inserted else {
        throw record.error(.duplicateID, "user \(user) has a second test line")
      }
      guard !training.contains(user: user, item: item) else {
        throw record.error(
          .duplicatePair,
          "the held-out pair (user \(user), item \(item)) is also in \(training.fileName)")
      }
      test.append(Rating(user: user, item: item, rating: rating, timestamp: timestamp))
    }
    return test
  }

  /// `(user,item) \t id_1 ... \t id_99`, line k repeating test line k's user and item.
  static func parseNegatives(
    _ file: DelimitedFile, test: [Rating], testFile: String, training: Training
  ) throws -> (lists: [[Int]], heldOutAmong: [Int]) {
    var lists: [[Int]] = []
    lists.reserveCapacity(test.count)
    var heldOutAmong: [Int] = []
    try file.forEachRecord { record in
      let k = lists.count
      guard k < test.count else {
        throw record.error(
          .invalidValue, "one line more than the \(test.count) lines of \(testFile)")
      }
      guard record.fields.count == 100 else {
        throw record.error(
          .wrongFieldCount,
          "expected (user,item) and 99 negative item ids, found \(record.fields.count - 1) ids")
      }
      let head = record.text(0)
      guard let (user, item) = userItemPair(head) else {
        throw record.error(.invalidValue, "'\(head)' is not of the form (user,item)")
      }
      guard user == test[k].user && item == test[k].item else {
        throw record.error(
          .invalidValue,
          "(\(user),\(item)) does not match line \(k + 1) of \(testFile), user \(test[k].user) item \(test[k].item)"
        )
      }
      var ids: [Int] = []
      ids.reserveCapacity(99)
      for f in 1..<100 {
        let negative = try id(record, f, "negative item id")
        guard negative < training.itemCount else {
          throw record.error(
            .unknownItem,
            "negative item id \(negative) is outside the training file's items 0..<\(training.itemCount)"
          )
        }
        ids.append(negative)
      }
      if ids.contains(item) { heldOutAmong.append(k) }
      lists.append(ids)
    }
    guard lists.count == test.count else {
      throw DataError(
        .invalidValue, file: file.name,
        "\(lists.count) lines for the \(test.count) lines of \(testFile) (one per test line)")
    }
    return (lists, heldOutAmong)
  }

  // MARK: - Fields

  /// Field `index` as an id: a number in 0..<idLimit.
  static func id(_ record: Record, _ index: Int, _ what: String) throws -> Int {
    let value = try record.int(index, what)
    guard value >= 0 else { throw record.error(.invalidValue, "\(what) \(value) is negative") }
    guard value < idLimit else {
      throw record.error(.invalidValue, "\(what) \(value) is not below \(idLimit)")
    }
    return value
  }

  /// Field `index` as stars, 1...5.
  static func stars(_ record: Record, _ index: Int) throws -> Int {
    let value = try record.int(index, "rating")
    guard (1...5).contains(value) else {
      throw record.error(.ratingOutOfRange, "rating \(value) is outside 1...5")
    }
    return value
  }

  /// `"(12,345)"` as (12, 345); nil unless exactly that shape with ids in 0..<idLimit.
  static func userItemPair(_ text: String) -> (Int, Int)? {
    guard text.hasPrefix("("), text.hasSuffix(")") else { return nil }
    let parts = text.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
      let user = Int(parts[0]), let item = Int(parts[1]),
      (0..<idLimit).contains(user), (0..<idLimit).contains(item)
    else { return nil }
    return (user, item)
  }
}
