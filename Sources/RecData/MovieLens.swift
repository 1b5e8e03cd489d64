/// One rating: user `user` gave item `item` `rating` stars at `timestamp`.
///
///     let r = Rating(user: 0, item: 241, rating: 3, timestamp: 881_250_949)
///
/// `user` and `item` are 0-based indices into `MovieLens.users` and `MovieLens.items`,
/// not the ids in the files (see `MovieLens` for the mapping).
public struct Rating: Hashable, Sendable {
  /// 0-based user index.
  public var user: Int
  /// 0-based item index.
  public var item: Int
  /// Stars, 1...5.
  public var rating: Int
  /// Seconds since 1970-01-01 UTC.
  public var timestamp: Int

  /// Creates a rating.
  public init(user: Int, item: Int, rating: Int, timestamp: Int) {
    self.user = user
    self.item = item
    self.rating = rating
    self.timestamp = timestamp
  }
}

/// A user's gender as MovieLens-100K records it.
public enum Gender: String, Hashable, Sendable, CaseIterable {
  /// `M` in `u.user`.
  case male = "M"
  /// `F` in `u.user`.
  case female = "F"
}

/// A user and their demographics (a line of `u.user`: `id|age|gender|occupation|zip`).
public struct User: Hashable, Sendable {
  /// The id in the files (in MovieLens-100K, `index + 1`).
  public var id: Int
  /// Age in years.
  public var age: Int
  /// Gender.
  public var gender: Gender
  /// 0-based index into `MovieLens.occupationNames`.
  public var occupation: Int
  /// Zip code, kept as text (some are not numbers, e.g. `T8H1N`).
  public var zip: String

  /// Creates a user.
  public init(id: Int, age: Int, gender: Gender, occupation: Int, zip: String) {
    self.id = id
    self.age = age
    self.gender = gender
    self.occupation = occupation
    self.zip = zip
  }
}

/// A movie (a line of `u.item`: `id|title|release date|video release date|IMDb URL|genre flags`).
public struct Movie: Hashable, Sendable {
  /// The id in the files (in MovieLens-100K, `index + 1`).
  public var id: Int
  /// Title with year, e.g. `"Toy Story (1995)"`; decoded from Latin-1.
  public var title: String
  /// Release date as written, e.g. `"01-Jan-1995"`; empty when unknown.
  public var releaseDate: String
  /// The year of `releaseDate` (its last four digits), or nil when unknown.
  public var year: Int?
  /// Video release date as written (empty for every MovieLens-100K movie).
  public var videoReleaseDate: String
  /// IMDb address as written.
  public var imdbURL: String
  /// Sorted 0-based indices into `MovieLens.genreNames` of the genres flagged 1.
  public var genres: [Int]

  /// Creates a movie; `year` is taken from the last four characters of `releaseDate`.
  public init(
    id: Int, title: String, releaseDate: String, videoReleaseDate: String = "",
    imdbURL: String = "", genres: [Int]
  ) {
    self.id = id
    self.title = title
    self.releaseDate = releaseDate
    self.year = Int(releaseDate.suffix(4))
    self.videoReleaseDate = videoReleaseDate
    self.imdbURL = imdbURL
    self.genres = genres.sorted()
  }

  /// The genres as 0/1 flags, one per genre name (a multi-hot vector).
  public func genreFlags(count: Int) -> [Float] {
    var flags = [Float](repeating: 0, count: count)
    for g in genres where g < count { flags[g] = 1 }
    return flags
  }
}

/// A MovieLens-100K-format dataset: users, movies, ratings, and the names of genres and
/// occupations.
///
///     let ml = try MovieLens.load(from: "Data/ml-100k")
///     print(ml.users.count, ml.items.count, ml.ratings.count)  // 943 1682 100000
///
/// Ids become 0-based indices in file order: `users[u]` is the `u`-th line of `u.user`
/// and `items[i]` the `i`-th line of `u.item`; `users[u].id` and `items[i].id` keep the
/// files' ids. MovieLens-100K numbers both from 1 without gaps, so there index = id - 1.
/// Every `Rating` refers to users and items by index.
public struct MovieLens: Sendable {
  /// Users, by index.
  public var users: [User]
  /// Movies, by index.
  public var items: [Movie]
  /// Ratings, in file order.
  public var ratings: [Rating]
  /// Genre names, by index (`u.genre`; 19 in MovieLens-100K, index 0 is "unknown").
  public var genreNames: [String]
  /// Occupation names, by index (`u.occupation`; 21 in MovieLens-100K).
  public var occupationNames: [String]

  /// Creates a dataset from its parts (no checks; `validate()` checks them).
  public init(
    users: [User], items: [Movie], ratings: [Rating], genreNames: [String],
    occupationNames: [String]
  ) {
    self.users = users
    self.items = items
    self.ratings = ratings
    self.genreNames = genreNames
    self.occupationNames = occupationNames
  }

  /// Number of users.
  public var userCount: Int { users.count }
  /// Number of items.
  public var itemCount: Int { items.count }
}
