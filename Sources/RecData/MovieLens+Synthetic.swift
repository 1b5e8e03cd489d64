import Tensors

/// How big a synthetic dataset to make.
public struct SyntheticSize: Hashable, Sendable {
  /// Number of users.
  public var users: Int
  /// Number of items.
  public var items: Int
  /// Target number of ratings (met exactly unless users would need more items than exist).
  public var ratings: Int
  /// The fewest ratings any user has (MovieLens-100K: 20).
  public var minimumPerUser: Int

  /// Creates a size; `minimumPerUser` is capped at `ratings / users` and at `items`.
  public init(users: Int, items: Int, ratings: Int, minimumPerUser: Int = 20) {
    ensure(
      users > 0 && items > 0 && ratings >= users,
      "SyntheticSize: need users > 0, items > 0, ratings >= users")
    self.users = users
    self.items = items
    self.ratings = ratings
    self.minimumPerUser = max(1, min(minimumPerUser, ratings / users, items))
  }

  /// MovieLens-100K's shape: 943 users, 1682 items, 100,000 ratings, at least 20 per user.
  public static let ml100k = SyntheticSize(users: 943, items: 1682, ratings: 100_000)
  /// A small one for tests and `--quick` runs: 60 users, 150 items, 3,000 ratings.
  public static let small = SyntheticSize(users: 60, items: 150, ratings: 3_000)
}

// MARK: - A synthetic MovieLens

extension MovieLens {
  /// A deterministic synthetic dataset with MovieLens-100K's files and shape, for running
  /// without the real data and for tests.
  ///
  ///     let ml = MovieLens.synthetic(seed: 7)                    // 943 x 1682, 100,000 ratings
  ///     let tiny = MovieLens.synthetic(size: .small, seed: 7)
  ///
  /// The generative story, all draws from `SeededGenerator(seed:)`:
  ///
  /// ```
  /// users:   age ~ N(34, 12) clamped to 7...73, gender M with p = 0.71, occupation ~ MovieLens's mix
  /// items:   year mostly 1990-1998, 1-3 genres by MovieLens's genre frequencies
  /// taste:   t_u[g] = gender effect[g] + age-group effect[g] + occupation effect[g] + N(0, 0.3)
  ///          p_u, q_i ~ N(0, 0.5 I) in 6 dimensions,  b_u ~ N(0, 0.3)
  ///          a(u, i) = p_u . q_i + mean over i's genres g of t_u[g]
  /// who rates what:  user u rates n_u items (n_u >= 20, heavy-tailed: 20 + lognormal share, at most 45% of the items),
  ///          drawn without replacement with weight  pop_i * exp(0.8 a(u, i)),
  ///          pop_i = 1 / (rank_i + 150)^2.6  (a Zipf-like long tail over a random item order)
  /// stars:   s(u, i) = b_u + b_i + a(u, i) + N(0, 0.6),  b_i = 0.3 z_i + 0.25 log-popularity,
  ///          cut at the quantiles of MovieLens-100K's star histogram (6% 1, 11% 2, 27% 3, 34% 4, 21% 5)
  /// time:    each user rates in a few sessions between Sep 1997 and Apr 1998; ratings in a
  ///          session are seconds apart and sometimes share a second (as in MovieLens)
  /// ```
  ///
  /// So demographics and genres move the stars (Chapter 1's like/dislike classifier and
  /// Chapter 4's Wide & Deep have signal), and the latent factors give collaborative signal.
  public static func synthetic(size: SyntheticSize = .ml100k, seed: UInt64 = 0) -> MovieLens {
    var rng = SeededGenerator(seed: seed)
    let genreCount = SyntheticVocabulary.genres.count
    let factorCount = 6

    // MARK: Users
    let occupationCount = SyntheticVocabulary.occupations.count
    let occupationSampler = WeightedSampler(weights: SyntheticVocabulary.occupationWeights)
    var users: [User] = []
    for u in 0..<size.users {
      let age = min(73, max(7, Int(rng.normal(mean: 34, standardDeviation: 12).rounded())))
      let gender: Gender = rng.nextDouble() < 0.71 ? .male : .female
      let occupation = occupationSampler.sample(using: &rng)
      var zip = ""
      for _ in 0..<5 { zip.append(Character(Unicode.Scalar(UInt8(48 + rng.int(below: 10))))) }
      users.append(User(id: u + 1, age: age, gender: gender, occupation: occupation, zip: zip))
    }

    // MARK: Items
    let genreSampler = WeightedSampler(weights: SyntheticVocabulary.genreWeights)
    var items: [Movie] = []
    for i in 0..<size.items {
      let year = rng.nextDouble() < 0.75 ? 1990 + rng.int(below: 9) : 1922 + rng.int(below: 68)
      let month = SyntheticVocabulary.months[rng.int(below: 12)]
      let day = 1 + rng.int(below: 28)
      let date = (day < 10 ? "0\(day)" : "\(day)") + "-\(month)-\(year)"
      var genres = Set<Int>()
      let genreTarget = 1 + (rng.nextDouble() < 0.45 ? 1 : 0) + (rng.nextDouble() < 0.12 ? 1 : 0)
      while genres.count < genreTarget { genres.insert(genreSampler.sample(using: &rng)) }
      let adjective = SyntheticVocabulary.adjectives[
        rng.int(below: SyntheticVocabulary.adjectives.count)]
      let noun = SyntheticVocabulary.nouns[rng.int(below: SyntheticVocabulary.nouns.count)]
      items.append(
        Movie(
          id: i + 1, title: "The \(adjective) \(noun) (\(year))", releaseDate: date,
          genres: Array(genres)))
    }

    // MARK: Tastes and factors
    func gaussians(_ n: Int, _ sd: Double) -> [Double] {
      (0..<n).map { _ in rng.normal(mean: 0, standardDeviation: sd) }
    }
    let genderEffect = (0..<2).map { _ in gaussians(genreCount, 0.35) }
    let ageEffect = (0..<5).map { _ in gaussians(genreCount, 0.5) }
    let occupationEffect = (0..<occupationCount).map { _ in gaussians(genreCount, 0.35) }
    func ageGroup(_ age: Int) -> Int {
      age < 18 ? 0 : age < 25 ? 1 : age < 35 ? 2 : age < 50 ? 3 : 4
    }
    var taste = [Double](repeating: 0, count: size.users * genreCount)
    for (u, user) in users.enumerated() {
      let noise = gaussians(genreCount, 0.3)
      for g in 0..<genreCount {
        taste[u * genreCount + g] =
          genderEffect[user.gender == .male ? 0 : 1][g] + ageEffect[ageGroup(user.age)][g]
          + occupationEffect[user.occupation][g] + noise[g]
      }
    }
    let userFactors = gaussians(size.users * factorCount, 0.5)
    let itemFactors = gaussians(size.items * factorCount, 0.5)
    let userBias = gaussians(size.users, 0.3)
    let popularityRank = rng.permutation(size.items)
    let popularity = popularityRank.map { 1 / Elementary.pow(Double($0) + 150, 2.6) }
    let meanLogPopularity = popularity.reduce(0) { $0 + Elementary.log($1) } / Double(size.items)
    let itemBias = (0..<size.items).map {
      0.3 * rng.normal() + 0.25 * (Elementary.log(popularity[$0]) - meanLogPopularity)
    }

    // MARK: How many ratings per user (heavy-tailed)
    let base = size.minimumPerUser
    let shares = (0..<size.users).map { _ in
      Elementary.exp(rng.normal(mean: 0, standardDeviation: 0.9))
    }
    let shareSum = shares.reduce(0, +)
    let extra = Double(size.ratings - base * size.users)
    let cap = max(base, size.items * 45 / 100)  // MovieLens-100K's busiest user rated 44% of the items
    var perUser = shares.map { min(cap, base + Int(extra * $0 / shareSum)) }
    var missing = size.ratings - perUser.reduce(0, +)
    var guardSteps = 0
    while missing > 0 && guardSteps < 100 * size.ratings {
      let u = rng.int(below: size.users)
      if perUser[u] < size.items {  // past the cap only if the size demands it
        perUser[u] += 1
        missing -= 1
      }
      guardSteps += 1
    }

    // MARK: Who rates what, and raw scores
    var pairs: [(user: Int, item: Int, score: Double)] = []
    pairs.reserveCapacity(size.ratings)
    var affinity = [Double](repeating: 0, count: size.items)
    var keys = [(key: Double, item: Int)](repeating: (0, 0), count: size.items)
    for u in 0..<size.users {
      for i in 0..<size.items {
        var a = 0.0
        for f in 0..<factorCount {
          a += userFactors[u * factorCount + f] * itemFactors[i * factorCount + f]
        }
        let genres = items[i].genres
        var t = 0.0
        for g in genres { t += taste[u * genreCount + g] }
        a += t / Double(genres.count)
        affinity[i] = a
        // Efraimidis–Spirakis: the n smallest of E_i / w_i, E_i ~ Exp(1), are a weighted
        // sample without replacement.
        var uniform = rng.nextDouble()
        while uniform <= 0 { uniform = rng.nextDouble() }
        keys[i] = (-Elementary.log(uniform) / (popularity[i] * Elementary.exp(0.8 * a)), i)
      }
      keys.sort { $0.key < $1.key }
      for k in 0..<perUser[u] {
        let i = keys[k].item
        let score =
          userBias[u] + itemBias[i] + affinity[i] + rng.normal(mean: 0, standardDeviation: 0.6)
        pairs.append((u, i, score))
      }
    }

    // MARK: Stars by quantiles
    let sortedScores = pairs.map(\.score).sorted()
    let cumulative = [0.0611, 0.1748, 0.4463, 0.7880]  // MovieLens-100K: P(stars <= 1, 2, 3, 4)
    let cuts = cumulative.map {
      sortedScores[min(sortedScores.count - 1, Int($0 * Double(sortedScores.count)))]
    }
    func stars(_ score: Double) -> Int { 1 + cuts.filter { score >= $0 }.count }

    // MARK: Time
    let start = 874_724_710  // 1997-09-20, MovieLens-100K's first second
    let end = 893_286_638  // 1998-04-22, its last
    var ratings: [Rating] = []
    ratings.reserveCapacity(pairs.count)
    var index = 0
    for u in 0..<size.users {
      var time = start + rng.int(below: (end - start) * 3 / 4)
      var left = perUser[u]
      while left > 0 {
        let session = min(left, 5 + rng.int(below: 60))
        for _ in 0..<session {
          let p = pairs[index]
          ratings.append(
            Rating(user: p.user, item: p.item, rating: stars(p.score), timestamp: min(time, end)))
          time += rng.nextDouble() < 0.3 ? 0 : 1 + rng.int(below: 60)  // often two in the same second
          index += 1
        }
        left -= session
        time += 3_600 + rng.int(below: 14 * 86_400)
      }
    }
    rng.shuffle(&ratings)

    return MovieLens(
      users: users, items: items, ratings: ratings, genreNames: SyntheticVocabulary.genres,
      occupationNames: SyntheticVocabulary.occupations)
  }
}

// MARK: - Helpers

/// Draws an index with probability proportional to its weight (inverse CDF by binary search).
struct WeightedSampler {
  private var cumulative: [Double]

  init(weights: [Double]) {
    var total = 0.0
    cumulative = weights.map {
      total += $0
      return total
    }
  }

  func sample(using rng: inout SeededGenerator) -> Int {
    let target = rng.nextDouble() * cumulative[cumulative.count - 1]
    var low = 0
    var high = cumulative.count - 1
    while low < high {
      let mid = (low + high) / 2
      if cumulative[mid] > target { high = mid } else { low = mid + 1 }
    }
    return low
  }
}

/// The names and frequencies the synthetic dataset draws from.
enum SyntheticVocabulary {
  /// MovieLens-100K's 19 genres, in its order.
  static let genres = [
    "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary",
    "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
    "Thriller", "War", "Western",
  ]
  /// Rough genre frequencies of MovieLens-100K's movies ("unknown" never drawn).
  static let genreWeights: [Double] = [
    0, 251, 135, 42, 122, 505, 109, 50, 725, 22, 24, 92, 56, 61, 247, 101, 251, 71, 27,
  ]
  /// MovieLens-100K's 21 occupations.
  static let occupations = [
    "administrator", "artist", "doctor", "educator", "engineer", "entertainment", "executive",
    "healthcare", "homemaker", "lawyer", "librarian", "marketing", "none", "other", "programmer",
    "retired", "salesman", "scientist", "student", "technician", "writer",
  ]
  /// Rough occupation frequencies of MovieLens-100K's users.
  static let occupationWeights: [Double] = [
    79, 28, 7, 95, 67, 18, 32, 16, 7, 12, 51, 26, 9, 105, 66, 14, 12, 31, 196, 27, 45,
  ]
  static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]
  static let adjectives = [
    "Silent", "Crimson", "Last", "Hidden", "Broken", "Golden", "Midnight", "Lost", "Wild", "Secret",
    "Distant", "Frozen", "Burning", "Little", "Endless", "Strange", "Quiet", "Electric", "Bitter",
    "Velvet",
  ]
  /// Includes Latin-1 letters, so written files exercise the Latin-1 path like the real `u.item`.
  static let nouns = [
    "River", "Café", "Horizon", "Garden", "Detective", "Summer", "Frontier", "Mirror", "Kingdom",
    "Letter", "Storm", "Harbor", "Orchestra", "Soirée", "Machine", "Island", "Promise", "Stranger",
    "Highway", "Señor",
  ]
}
