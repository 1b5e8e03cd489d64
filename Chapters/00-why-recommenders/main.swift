// Chapter 0: Why recommenders, and MovieLens at a glance.
//
// Read this file beside README.md in the same folder: each `// MARK: -` below is a `##`
// section of the text, in the same order. Run it with `make chapter-0`, or
// `.build/release/chapter-0 --help` for the options every chapter shares.

import Foundation
import ModernRecSys

struct Chapter0: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "chapter-0",
    abstract: "Chapter 0: why recommenders, and MovieLens-100K at a glance.",
    discussion: """
      Loads MovieLens-100K (or the synthetic dataset), prints its statistics table and
      draws five figures: ratings, the item-popularity long tail, ratings per user,
      ratings over time and movies per genre. Writes them, their .gp scripts, the table
      and results.json into Figures/chapter-0 for the book's run, Runs/chapter-0 for any
      other (or --out).
      """)

  @OptionGroup var options: ChapterOptions

  func run() throws {
    let run = try ChapterRun(
      number: 0, title: "Why recommenders, and MovieLens at a glance", options: options)
    aNewEra(run)
    whyDeepLearning(run)
    theLibraries(run)
    let (movieLens, stats) = try movieLensAtAGlance(run)
    try ratings(run, movieLens, stats)
    try theLongTail(run, movieLens, stats)
    try users(run, stats)
    try time(run, movieLens)
    try genres(run, movieLens)
    try run.finish()
  }
}

extension Chapter0 {
  // MARK: - A new era of recommendation

  func aNewEra(_ run: ChapterRun) {
    run.section("A new era of recommendation")
    run.note("(text only: the short-video example and what recommenders are for)")
  }

  // MARK: - Why deep learning

  func whyDeepLearning(_ run: ChapterRun) {
    run.section("Why deep learning")
    run.note(
      "(text only: non-linear transformation, representation learning, heterogeneous content)")
  }

  // MARK: - The libraries you will meet

  func theLibraries(_ run: ChapterRun) {
    run.section("The libraries you will meet")
    run.note(
      "(text only: TensorFlow Recommenders, TorchRec, microsoft/recommenders, and our modules)")
  }

  // MARK: - MovieLens-100K at a glance

  func movieLensAtAGlance(_ run: ChapterRun) throws -> (MovieLens, DatasetStatistics) {
    run.section("MovieLens-100K at a glance")
    let movieLens = try run.loadMovieLens()
    let stats = DatasetStatistics(movieLens)
    try run.show(stats.table(), as: "statistics", caption: "Table 0.1: the dataset in numbers")
    stats.record(in: run)
    return (movieLens, stats)
  }

  // MARK: - Ratings

  func ratings(_ run: ChapterRun, _ movieLens: MovieLens, _ stats: DatasetStatistics) throws {
    run.section("Ratings")
    let ratingCounts = (1...5).map { star in
      Double(movieLens.ratings.filter { $0.rating == star }.count)
    }
    for (star, count) in zip(1...5, ratingCounts) {
      run.record("Ratings/share of \(star) stars", count / Double(movieLens.ratings.count))
    }
    run.record("Ratings/mean", stats.meanRating)
    run.record(
      "Ratings/share of 4 or 5 stars",
      (ratingCounts[3] + ratingCounts[4]) / Double(movieLens.ratings.count))
    var ratingsChart = Chart.histogram(
      [Histogram("ratings", edges: [0.5, 1.5, 2.5, 3.5, 4.5, 5.5], counts: ratingCounts)],
      title: "How many ratings of each star value", xLabel: "stars", yLabel: "ratings")
    ratingsChart.legend = .hidden
    try run.save(Figure(ratingsChart), as: "rating-histogram")
  }

  // MARK: - The long tail

  func theLongTail(_ run: ChapterRun, _ movieLens: MovieLens, _ stats: DatasetStatistics) throws {
    run.section("The long tail")
    let popularity = stats.ratingsPerItem.sorted(by: >).filter { $0 > 0 }
    let ranks = (1...popularity.count).map(Double.init)
    run.recordCurve("Items/ratings by popularity rank", x: ranks, y: popularity.map(Double.init))
    let topFifth = popularity.prefix(popularity.count / 5).reduce(0, +)
    run.record(
      "Items/share of ratings on the most popular 20% of items",
      Double(topFifth) / Double(movieLens.ratings.count))
    run.record(
      "Items/items with fewer than 10 ratings",
      Double(stats.ratingsPerItem.filter { $0 < 10 }.count))
    var tailChart = Chart.lines(
      [LineSeries("ratings per item", x: ranks, y: popularity.map(Double.init))],
      title: "Item popularity: a long tail", xLabel: "item rank by popularity (log)",
      yLabel: "ratings (log)")
    tailChart.xLogScale = true
    tailChart.yLogScale = true
    tailChart.legend = .hidden
    try run.save(Figure(tailChart), as: "long-tail", preview: true)
  }

  // MARK: - Users

  func users(_ run: ChapterRun, _ stats: DatasetStatistics) throws {
    run.section("Users")
    var usersChart = Chart.histogram(
      [Histogram("users", values: stats.ratingsPerUser.map(Double.init), bins: 37, range: 0...740)],
      title: "How many movies each user rated", xLabel: "ratings per user", yLabel: "users")
    usersChart.legend = .hidden
    try run.save(Figure(usersChart), as: "ratings-per-user")
    run.record(
      "Users/users with at most 50 ratings", Double(stats.ratingsPerUser.filter { $0 <= 50 }.count))
  }

  // MARK: - Time

  func time(_ run: ChapterRun, _ movieLens: MovieLens) throws {
    run.section("Time")
    let months = ratingsByMonth(movieLens.ratings)
    var timeChart = Chart.bars(
      GroupedBars(
        groups: months.map(\.month), series: [BarSeries("ratings", months.map { Double($0.count) })]
      ),
      title: "Ratings per month", xLabel: "month (UTC)", yLabel: "ratings")
    timeChart.legend = .hidden
    try run.save(Figure(timeChart), as: "ratings-over-time")
    for month in months { run.record("Time/ratings in \(month.month)", Double(month.count)) }
    let lastSecond = usersWithTiesInTheirLastSecond(
      movieLens.ratings, userCount: movieLens.userCount)
    run.record("Time/users with several ratings in their last second", Double(lastSecond))
  }

  // MARK: - Genres

  func genres(_ run: ChapterRun, _ movieLens: MovieLens) throws {
    run.section("Genres")
    var moviesPerGenre = Array(repeating: 0, count: movieLens.genreNames.count)
    for movie in movieLens.items { for g in movie.genres { moviesPerGenre[g] += 1 } }
    let order = moviesPerGenre.indices.sorted {
      (moviesPerGenre[$0], $1) > (moviesPerGenre[$1], $0)
    }
    var genreTable = MarkdownTable(columns: ["genre", "movies"])
    for g in order {
      genreTable.append([movieLens.genreNames[g], "\(moviesPerGenre[g])"])
      run.record("Genres/movies in \(movieLens.genreNames[g])", Double(moviesPerGenre[g]))
    }
    try run.show(
      genreTable, as: "genres", caption: "Table 0.2: movies per genre (a movie can have several)")
    var genreChart = Chart.bars(
      GroupedBars(
        groups: order.map { movieLens.genreNames[$0] },
        series: [BarSeries("movies", order.map { Double(moviesPerGenre[$0]) })]),
      title: "Movies per genre", xLabel: nil, yLabel: "movies")
    genreChart.legend = .hidden
    genreChart.extraCommands = ["set xtics rotate by -40 left", "set rmargin 7"]
    try run.save(Figure(genreChart, width: 900, height: 500), as: "movies-per-genre")
  }
}

// Helpers of this chapter (below the sections, so the sections read first).

/// The numbers of Table 0.1, computed once.
struct DatasetStatistics {
  let users: Int
  let items: Int
  let ratings: Int
  let ratingsPerUser: [Int]
  let ratingsPerItem: [Int]
  let meanRating: Double

  init(_ data: MovieLens) {
    users = data.userCount
    items = data.itemCount
    ratings = data.ratings.count
    var perUser = Array(repeating: 0, count: data.userCount)
    var perItem = Array(repeating: 0, count: data.itemCount)
    var sum = 0
    for r in data.ratings {
      perUser[r.user] += 1
      perItem[r.item] += 1
      sum += r.rating
    }
    ratingsPerUser = perUser
    ratingsPerItem = perItem
    meanRating = Double(sum) / Double(max(1, data.ratings.count))
  }

  /// The fraction of the user–item matrix that is filled: ratings / (users × items).
  var density: Double { Double(ratings) / Double(users * items) }

  func table() -> MarkdownTable {
    var table = MarkdownTable(columns: ["", "count", "min", "median", "max"])
    table.append(["users", "\(users)", "", "", ""])
    table.append(["items", "\(items)", "", "", ""])
    table.append(["ratings", "\(ratings)", "", "", ""])
    table.append(["density", formatted(density, decimals: 4), "", "", ""])
    table.append([
      "ratings per user", "", "\(ratingsPerUser.min() ?? 0)",
      formatted(median(ratingsPerUser), decimals: 1), "\(ratingsPerUser.max() ?? 0)",
    ])
    table.append([
      "ratings per item", "", "\(ratingsPerItem.min() ?? 0)",
      formatted(median(ratingsPerItem), decimals: 1), "\(ratingsPerItem.max() ?? 0)",
    ])
    table.append(["mean rating", formatted(meanRating, decimals: 3), "", "", ""])
    return table
  }

  func record(in run: ChapterRun) {
    run.record("MovieLens/users", Double(users))
    run.record("MovieLens/items", Double(items))
    run.record("MovieLens/ratings", Double(ratings))
    run.record("MovieLens/density", density)
    run.record("MovieLens/ratings per user (min)", Double(ratingsPerUser.min() ?? 0))
    run.record("MovieLens/ratings per user (median)", median(ratingsPerUser))
    run.record("MovieLens/ratings per user (max)", Double(ratingsPerUser.max() ?? 0))
    run.record("MovieLens/ratings per item (min)", Double(ratingsPerItem.min() ?? 0))
    run.record("MovieLens/ratings per item (median)", median(ratingsPerItem))
    run.record("MovieLens/ratings per item (max)", Double(ratingsPerItem.max() ?? 0))
  }
}

/// The median of integer counts (the mean of the middle two for an even count).
func median(_ values: [Int]) -> Double {
  guard !values.isEmpty else { return 0 }
  let sorted = values.sorted()
  let mid = sorted.count / 2
  return sorted.count % 2 == 1 ? Double(sorted[mid]) : Double(sorted[mid - 1] + sorted[mid]) / 2
}

/// Ratings counted per calendar month (UTC), in time order, as "YYYY-MM".
func ratingsByMonth(_ ratings: [Rating]) -> [(month: String, count: Int)] {
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone(identifier: "UTC")!
  var counts: [Int: Int] = [:]  // year * 12 + month - 1
  for r in ratings {
    let parts = calendar.dateComponents(
      [.year, .month], from: Date(timeIntervalSince1970: TimeInterval(r.timestamp)))
    counts[parts.year! * 12 + parts.month! - 1, default: 0] += 1
  }
  return counts.keys.sorted().map { key in
    let month = key % 12 + 1
    return ("\(key / 12)-\(month < 10 ? "0" : "")\(month)", counts[key]!)
  }
}

Chapter0.main()
