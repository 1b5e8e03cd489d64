/// Stops the program with `message` when `condition` is false.
///
///     ensure(a.shape == b.shape, "add: shapes \(a.shape) and \(b.shape) differ")
///
/// The engine's checks for programmer errors (a shape mismatch, an id out of range) use
/// this instead of `precondition`: an optimised build drops `precondition`'s message and
/// traps silently, while this prints which op failed and on which shapes in every build.
/// The message is only built when the check fails, so it costs nothing on the fast path.
@inline(__always)
public func ensure(
  _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
  file: StaticString = #fileID, line: UInt = #line
) {
  if !condition() { fatalError(message(), file: file, line: line) }
}
