// What a student copy's unfinished exercise does. `make student` replaces each solution
// region (between `// BEGIN SOLUTION` and `// END SOLUTION`) with the statement on the
// `// STUB:` line that follows it. The stub does not trap: it throws `NotAttempted` (the
// exercise functions are `throws` for this), which ends the test that called it, records
// that its exercise was reached unfinished, and lets every other exercise run. A test of an
// unfinished exercise then reports a known issue ("not attempted") rather than a failure,
// so `make test` passes on a fresh student copy, and `make grade` scores it 0.

import Synchronization

/// The error an unfinished exercise throws.
///
///     public static func towerSizes(factors: Int, hiddenLayers: Int) throws -> [Int] {
///       // YOUR CODE HERE
///       throw NotAttempted("Exercise 3.2")
///     }
public struct NotAttempted: Error, CustomStringConvertible, Sendable {
  /// "Exercise 3.2".
  public let exercise: String

  /// The error of `exercise`, recorded as reached.
  public init(_ exercise: String) {
    self.exercise = exercise
    Self.record(exercise)
  }

  public var description: String { "\(exercise) is not attempted yet" }

  private static let reached = Mutex<Set<String>>([])

  /// Adds `exercise` and, the first time, prints `not attempted: Exercise 3.2` (the grader
  /// reads it in the test's output).
  static func record(_ exercise: String) {
    let isNew = reached.withLock { $0.insert(exercise).inserted }
    if isNew { print("not attempted: \(exercise)") }
  }

  /// Whether the stub of `exercise` ("Exercise 3.2") has run in this process.
  public static func wasReached(_ exercise: String) -> Bool {
    reached.withLock { $0.contains(exercise) }
  }
}

/// For a stub that cannot throw (a protocol's requirement, such as a model's `logits`):
/// records that `exercise` was reached unfinished and returns `placeholder`, a value of the
/// right type and shape that no test accepts.
public func notAttempted<T>(_ exercise: String, placeholder: T) -> T {
  NotAttempted.record(exercise)
  return placeholder
}
