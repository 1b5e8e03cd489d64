// MARK: - Loading MovieLens-100K

extension MovieLens {
  /// Loads a MovieLens-100K folder (`u.data`, `u.user`, `u.item`, `u.genre`, `u.occupation`).
  ///
  ///     let ml = try MovieLens.load(from: "Data/ml-100k")
  ///
  /// Every malformed line throws a `DataError` naming the file, the line and the problem:
  /// a wrong number of fields, a field that is not a number, a rating outside 1...5, a rating
  /// whose user or item id is absent from `u.user`/`u.item`, an empty or missing file.
  /// Lines may end in `\n` or `\r\n`, the last line needs no newline, blank lines are skipped.
  /// `u.item` is decoded as ISO-8859-1 (Latin-1).
  public static func load(from directory: String) throws -> MovieLens {
    func path(_ name: String) -> String {
      directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
    let tab = UInt8(ascii: "\t")
    let bar = UInt8(ascii: "|")
    return try parse(
      genre: DelimitedFile(path: path("u.genre"), separator: bar),
      occupation: DelimitedFile(path: path("u.occupation"), separator: bar),
      user: DelimitedFile(path: path("u.user"), separator: bar),
      item: DelimitedFile(path: path("u.item"), separator: bar),
      data: DelimitedFile(path: path("u.data"), separator: tab))
  }

  /// Parses the five files' contents already in memory, named as in a MovieLens-100K folder.
  /// (The same checks as `load(from:)`; tests use it to feed malformed text.)
  public static func parse(
    genre: [UInt8], occupation: [UInt8], user: [UInt8], item: [UInt8], data: [UInt8]
  ) throws -> MovieLens {
    let tab = UInt8(ascii: "\t")
    let bar = UInt8(ascii: "|")
    return try parse(
      genre: DelimitedFile(name: "u.genre", bytes: genre, separator: bar),
      occupation: DelimitedFile(name: "u.occupation", bytes: occupation, separator: bar),
      user: DelimitedFile(name: "u.user", bytes: user, separator: bar),
      item: DelimitedFile(name: "u.item", bytes: item, separator: bar),
      data: DelimitedFile(name: "u.data", bytes: data, separator: tab))
  }

  static func parse(
    genre: DelimitedFile, occupation: DelimitedFile, user: DelimitedFile, item: DelimitedFile,
    data: DelimitedFile
  ) throws -> MovieLens {
    let genreNames = try parseGenres(genre)
    let occupationNames = try parseOccupations(occupation)
    let users = try parseUsers(user, occupationNames: occupationNames)
    let items = try parseItems(item, genreCount: genreNames.count)
    let ratings = try parseRatings(data, users: users, items: items)
    return MovieLens(
      users: users, items: items, ratings: ratings, genreNames: genreNames,
      occupationNames: occupationNames)
  }

  // MARK: - One parser per file

  /// `u.genre`: `name|index`, indices 0..<n each once (in any order).
  static func parseGenres(_ file: DelimitedFile) throws -> [String] {
    var byIndex: [Int: String] = [:]
    try file.forEachRecord { record in
      try record.expectFieldCount(2, "name|index")
      let index = try record.int(1, "genre index")
      guard index >= 0 else {
        throw record.error(.invalidValue, "genre index \(index) is negative")
      }
      guard byIndex[index] == nil else {
        throw record.error(.duplicateID, "genre index \(index) appears twice")
      }
      byIndex[index] = record.text(0)
    }
    var names: [String] = []
    for index in 0..<byIndex.count {
      guard let name = byIndex[index] else {
        throw DataError(
          .invalidValue, file: file.name,
          "genre indices must be 0..<\(byIndex.count); \(index) is missing")
      }
      names.append(name)
    }
    return names
  }

  /// `u.occupation`: one name per line.
  static func parseOccupations(_ file: DelimitedFile) throws -> [String] {
    var names: [String] = []
    try file.forEachRecord { record in
      try record.expectFieldCount(1, "one occupation name per line")
      names.append(record.text(0))
    }
    return names
  }

  /// `u.user`: `id|age|gender|occupation|zip`.
  static func parseUsers(_ file: DelimitedFile, occupationNames: [String]) throws -> [User] {
    var occupationIndex: [String: Int] = [:]
    for (i, name) in occupationNames.enumerated() { occupationIndex[name] = i }
    var users: [User] = []
    var seen = Set<Int>()
    try file.forEachRecord { record in
      try record.expectFieldCount(5, "id|age|gender|occupation|zip")
      let id = try record.int(0, "user id")
      guard seen.insert(id).inserted else {
        throw record.error(.duplicateID, "user id \(id) appears twice")
      }
      let age = try record.int(1, "age")
      let genderText = record.text(2)
      guard let gender = Gender(rawValue: genderText) else {
        throw record.error(.invalidValue, "gender '\(genderText)' is neither M nor F")
      }
      let occupationText = record.text(3)
      guard let occupation = occupationIndex[occupationText] else {
        throw record.error(.invalidValue, "occupation '\(occupationText)' is not in u.occupation")
      }
      users.append(
        User(id: id, age: age, gender: gender, occupation: occupation, zip: record.text(4)))
    }
    return users
  }

  /// `u.item`: `id|title|release date|video release date|IMDb URL|` then one 0/1 flag per genre.
  static func parseItems(_ file: DelimitedFile, genreCount: Int) throws -> [Movie] {
    var items: [Movie] = []
    var seen = Set<Int>()
    try file.forEachRecord { record in
      try record.expectFieldCount(
        5 + genreCount,
        "id|title|release date|video release date|IMDb URL|\(genreCount) genre flags")
      let id = try record.int(0, "item id")
      guard seen.insert(id).inserted else {
        throw record.error(.duplicateID, "item id \(id) appears twice")
      }
      var genres: [Int] = []
      for g in 0..<genreCount {
        let flag = try record.int(5 + g, "genre flag")
        guard flag == 0 || flag == 1 else {
          throw record.error(.invalidValue, "genre flag \(g) is \(flag), expected 0 or 1")
        }
        if flag == 1 { genres.append(g) }
      }
      items.append(
        Movie(
          id: id, title: record.text(1), releaseDate: record.text(2),
          videoReleaseDate: record.text(3), imdbURL: record.text(4), genres: genres))
    }
    return items
  }

  /// `u.data`: `user id \t item id \t rating \t timestamp`.
  static func parseRatings(_ file: DelimitedFile, users: [User], items: [Movie]) throws -> [Rating]
  {
    let userIndex = IDTable(ids: users.map(\.id))
    let itemIndex = IDTable(ids: items.map(\.id))
    var ratings: [Rating] = []
    ratings.reserveCapacity(file.bytes.count / 20)
    try file.forEachRecord { record in
      try record.expectFieldCount(4, "user id, item id, rating, timestamp separated by tabs")
      let userID = try record.int(0, "user id")
      let itemID = try record.int(1, "item id")
      let stars = try record.int(2, "rating")
      let timestamp = try record.int(3, "timestamp")
      guard let user = userIndex[userID] else {
        throw record.error(.unknownUser, "user id \(userID) is not in u.user")
      }
      guard let item = itemIndex[itemID] else {
        throw record.error(.unknownItem, "item id \(itemID) is not in u.item")
      }
      guard (1...5).contains(stars) else {
        throw record.error(.ratingOutOfRange, "rating \(stars) is outside 1...5")
      }
      ratings.append(Rating(user: user, item: item, rating: stars, timestamp: timestamp))
    }
    return ratings
  }
}

/// Maps file ids to 0-based indices: a flat array when ids are small non-negative numbers
/// (as in MovieLens), a dictionary otherwise.
struct IDTable {
  private var dense: [Int32] = []
  private var sparse: [Int: Int] = [:]
  private var useDense: Bool

  init(ids: [Int]) {
    let maxID = ids.max() ?? 0
    useDense = (ids.min() ?? 0) >= 0 && maxID < 1 << 24
    if useDense {
      dense = [Int32](repeating: -1, count: maxID + 1)
      for (index, id) in ids.enumerated() { dense[id] = Int32(index) }
    } else {
      for (index, id) in ids.enumerated() { sparse[id] = index }
    }
  }

  subscript(id: Int) -> Int? {
    if useDense {
      guard id >= 0 && id < dense.count else { return nil }
      let index = dense[id]
      return index < 0 ? nil : Int(index)
    }
    return sparse[id]
  }
}
