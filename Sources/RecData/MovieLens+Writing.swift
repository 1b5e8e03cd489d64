import Foundation

// MARK: - Writing in the MovieLens-100K format

extension MovieLens {
  /// Writes the dataset as a MovieLens-100K folder (`u.data`, `u.user`, `u.item`, `u.genre`,
  /// `u.occupation`), creating `directory` if needed, so `MovieLens.load(from:)` reads it back.
  ///
  ///     try MovieLens.synthetic(seed: 7).write(to: "/tmp/synthetic-100k")
  ///
  /// Ids written are `users[u].id` and `items[i].id`; `u.item` is encoded as Latin-1, so a
  /// title with a character beyond U+00FF throws `.writeFailed`. Each file is written to a
  /// temporary name and then renamed, so no half-written file is left behind.
  public func write(to directory: String) throws {
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw DataError(.writeFailed, file: directory, "could not create the folder: \(error)")
    }
    func path(_ name: String) -> String {
      directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    var genre = ""
    for (index, name) in genreNames.enumerated() { genre += "\(name)|\(index)\n" }
    try Self.writeFile(Array(genre.utf8), to: path("u.genre"))

    try Self.writeFile(
      Array(occupationNames.map { $0 + "\n" }.joined().utf8), to: path("u.occupation"))

    var user = ""
    for u in users {
      user += "\(u.id)|\(u.age)|\(u.gender.rawValue)|\(occupationNames[u.occupation])|\(u.zip)\n"
    }
    try Self.writeFile(Array(user.utf8), to: path("u.user"))

    var item: [UInt8] = []
    for (line, movie) in items.enumerated() {
      var flags = [Character](repeating: "0", count: genreNames.count)
      for g in movie.genres where g < flags.count { flags[g] = "1" }
      let text =
        "\(movie.id)|\(movie.title)|\(movie.releaseDate)|\(movie.videoReleaseDate)|\(movie.imdbURL)|"
        + flags.map(String.init).joined(separator: "|") + "\n"
      for scalar in text.unicodeScalars {
        guard scalar.value <= 0xFF else {
          throw DataError(
            .writeFailed, file: "u.item", line: line + 1,
            "'\(scalar)' in the title of item \(movie.id) cannot be written in Latin-1")
        }
        item.append(UInt8(scalar.value))
      }
    }
    try Self.writeFile(item, to: path("u.item"))

    var data: [UInt8] = []
    data.reserveCapacity(ratings.count * 24)
    for r in ratings {
      data.append(
        contentsOf: "\(users[r.user].id)\t\(items[r.item].id)\t\(r.rating)\t\(r.timestamp)\n".utf8)
    }
    try Self.writeFile(data, to: path("u.data"))
  }

  /// Writes `bytes` to `path + ".partial"`, then renames it to `path`.
  private static func writeFile(_ bytes: [UInt8], to path: String) throws {
    let name = (path as NSString).lastPathComponent
    let partial = path + ".partial"
    do {
      try Data(bytes).write(to: URL(fileURLWithPath: partial))
      if FileManager.default.fileExists(atPath: path) {
        try FileManager.default.removeItem(atPath: path)
      }
      try FileManager.default.moveItem(atPath: partial, toPath: path)
    } catch {
      throw DataError(.writeFailed, file: name, "could not write \(path): \(error)")
    }
  }
}
