// What the test files of several modules share: random tensors fixed by a seed, and
// scratch folders that are removed whatever happens. Test targets depend on this target;
// the libraries never do.

import Foundation
import Tensors

/// Random values in [low, high), fixed by `seed`.
public func random(_ shape: [Int], _ seed: UInt64, low: Float = -1, high: Float = 1) -> Tensor {
  var rng = SeededGenerator(seed: seed)
  return Tensor.uniform(shape, low: low, high: high, using: &rng)
}

/// Random values whose magnitude is at least 0.2, so ReLU and max are away from their kinks
/// (where a numerical slope means nothing).
public func awayFromZero(_ shape: [Int], _ seed: UInt64) -> Tensor {
  var rng = SeededGenerator(seed: seed)
  return Tensor(shape: shape) { out in
    for i in out.indices { out[i] = rng.uniform(0.2, 1.5) * (rng.nextFloat() < 0.5 ? -1 : 1) }
  }
}

/// A 0/1 tensor with about `fraction` ones, fixed by `seed`.
public func bits(_ shape: [Int], _ seed: UInt64, fraction: Float = 0.5) -> Tensor {
  var rng = SeededGenerator(seed: seed)
  return Tensor(shape: shape) { for i in $0.indices { $0[i] = rng.nextFloat() < fraction ? 1 : 0 } }
}

/// Calls `body` with a new folder in the temporary directory, named after `label`, and
/// removes the folder afterwards, whether `body` returns or throws.
public func withScratchFolder<T>(_ label: String = #function, _ body: (URL) throws -> T) throws
  -> T
{
  let safe = label.filter { $0.isLetter || $0.isNumber }
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("modernrecsys-\(safe)-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: url) }
  return try body(url)
}

/// The NCF paper's MovieLens-1M split in `Data/ncf-ml-1m` of the package (found from this
/// file's path), when `make data-ml-1m` or CI put it there; nil otherwise, for tests to skip.
public func ncfDataFolder() -> String? {
  let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  let folder = root.appendingPathComponent("Data/ncf-ml-1m").path
  return FileManager.default.fileExists(atPath: folder + "/ml-1m.test.negative") ? folder : nil
}
