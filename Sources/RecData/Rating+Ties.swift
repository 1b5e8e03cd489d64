/// How many users rated two or more items in the very second of their last rating.
///
///     usersWithTiesInTheirLastSecond(movieLens.ratings, userCount: movieLens.userCount)  // 415
///
/// These users have no single "latest interaction": leave-one-out needs a `TieRule` for
/// them. Introduced in Chapter 0; Chapters 2 and 3 measure what the rule changes.
public func usersWithTiesInTheirLastSecond(_ ratings: [Rating], userCount: Int) -> Int {
  var latest = Array(repeating: Int.min, count: userCount)
  var countAtLatest = Array(repeating: 0, count: userCount)
  for r in ratings {
    if r.timestamp > latest[r.user] {
      latest[r.user] = r.timestamp
      countAtLatest[r.user] = 1
    } else if r.timestamp == latest[r.user] {
      countAtLatest[r.user] += 1
    }
  }
  return countAtLatest.filter { $0 > 1 }.count
}
