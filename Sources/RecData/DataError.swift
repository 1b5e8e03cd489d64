/// An error found while reading, checking or writing a dataset.
///
///     do { let ml = try MovieLens.load(from: "Data/ml-100k") }
///     catch let error as DataError { print(error) }  // "u.data line 12: rating 6 is outside 1...5"
///
/// Its description always names the file, the line (when there is one) and the problem,
/// so a reader can open the file and look.
public struct DataError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What went wrong, so tests and callers can tell the cases apart.
  public enum Kind: Sendable, Equatable {
    /// The file is not there (run `make data`).
    case missingFile
    /// The file exists but holds no records.
    case emptyFile
    /// A line has more or fewer fields than its format has.
    case wrongFieldCount
    /// A field that must be an integer is not one.
    case notANumber
    /// A rating outside 1...5.
    case ratingOutOfRange
    /// A rating names a user id absent from `u.user`.
    case unknownUser
    /// A rating names an item id absent from `u.item`.
    case unknownItem
    /// The same id appears twice in `u.user` or `u.item`.
    case duplicateID
    /// The same (user, item) pair twice where it must be unique: twice among the training
    /// pairs, or both held out and in training (a leak from test into training).
    case duplicatePair
    /// Any other value that does not fit its field (a gender other than M/F, an unknown occupation, ...).
    case invalidValue
    /// The file could not be written.
    case writeFailed
  }

  /// Which case this is.
  public var kind: Kind
  /// The file's name or path, as the message shows it.
  public var file: String
  /// The 1-based line number, or nil when the problem is about the whole file.
  public var line: Int?
  /// The problem, in words.
  public var problem: String

  /// Creates an error about `file` (and `line`, when known).
  public init(_ kind: Kind, file: String, line: Int? = nil, _ problem: String) {
    self.kind = kind
    self.file = file
    self.line = line
    self.problem = problem
  }

  /// `"<file> line <n>: <problem>"`, or `"<file>: <problem>"` without a line.
  public var description: String {
    if let line { return "\(file) line \(line): \(problem)" }
    return "\(file): \(problem)"
  }
}
