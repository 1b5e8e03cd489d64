import Foundation
import Tensors

// MARK: - The parameter file format

/// Saving and loading a layer's parameters by name, in a small binary format
/// (all integers and floats little-endian):
///
/// ```
/// "MRSPARAM"                     8 bytes, the magic
/// version: UInt32                1
/// count: UInt32                  number of parameters
/// count times:
///   nameLength: UInt32, name: UTF-8 bytes
///   rank: UInt32, shape: rank x UInt64
///   values: product(shape) x Float32 (IEEE 754), row-major
/// ```
public enum ParameterFile {
  /// The first 8 bytes of every parameter file.
  public static let magic = Array("MRSPARAM".utf8)
  /// The version this code writes and reads.
  public static let version: UInt32 = 1
}

/// Why a parameter file could not be written or loaded.
public enum ParameterFileError: Error, CustomStringConvertible, Equatable {
  case cannotWrite(path: String, reason: String)
  case cannotRead(path: String, reason: String)
  case notAParameterFile(path: String)
  case unsupportedVersion(path: String, version: UInt32)
  case truncated(path: String, offset: Int)
  case duplicateName(path: String, name: String)
  case missingParameter(path: String, name: String)
  case unexpectedParameter(path: String, name: String)
  case shapeMismatch(path: String, name: String, expected: [Int], found: [Int])

  public var description: String {
    switch self {
    case .cannotWrite(let p, let r): "\(p): cannot write parameters: \(r)"
    case .cannotRead(let p, let r): "\(p): cannot read parameters: \(r)"
    case .notAParameterFile(let p): "\(p): not a parameter file (does not start with MRSPARAM)"
    case .unsupportedVersion(let p, let v):
      "\(p): parameter file version \(v), this code reads \(ParameterFile.version)"
    case .truncated(let p, let o): "\(p): file ends early at byte \(o)"
    case .duplicateName(let p, let n): "\(p): parameter '\(n)' appears twice"
    case .missingParameter(let p, let n): "\(p): the model's parameter '\(n)' is not in the file"
    case .unexpectedParameter(let p, let n):
      "\(p): the file has parameter '\(n)', which the model does not"
    case .shapeMismatch(let p, let n, let e, let f):
      "\(p): parameter '\(n)' has shape \(f) in the file, the model expects \(e)"
    }
  }
}

// MARK: - Save and load

extension Layer {
  /// Writes every parameter, by name, to `path` (see `ParameterFile` for the format).
  public func saveParameters(to path: String) throws {
    var bytes: [UInt8] = ParameterFile.magic
    func append<T: FixedWidthInteger>(_ x: T) {
      withUnsafeBytes(of: x.littleEndian) { bytes += $0 }
    }
    append(ParameterFile.version)
    append(UInt32(namedParameters.count))
    for (name, tensor) in namedParameters {
      let utf8 = Array(name.utf8)
      append(UInt32(utf8.count))
      bytes += utf8
      append(UInt32(tensor.rank))
      for d in tensor.shape { append(UInt64(d)) }
      tensor.withUnsafeBufferPointer { for v in $0 { append(v.bitPattern) } }
    }
    do {
      try Data(bytes).write(to: URL(fileURLWithPath: path))
    } catch {
      throw ParameterFileError.cannotWrite(path: path, reason: "\(error)")
    }
  }

  /// Reads `path` and copies each stored tensor into the parameter of the same name.
  ///
  /// Throws, changing nothing, when a name of the model is missing from the file, the file
  /// has a name the model does not, or a shape differs.
  public func loadParameters(from path: String) throws {
    let data: [UInt8]
    do {
      data = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw ParameterFileError.cannotRead(path: path, reason: "\(error)")
    }
    var offset = 0
    func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
      let size = MemoryLayout<T>.size
      guard offset + size <= data.count else {
        throw ParameterFileError.truncated(path: path, offset: offset)
      }
      var x: T = 0
      for b in 0..<size { x |= T(data[offset + b]) << (8 * b) }
      offset += size
      return x
    }
    guard data.count >= 8, Array(data[0..<8]) == ParameterFile.magic else {
      throw ParameterFileError.notAParameterFile(path: path)
    }
    offset = 8
    let version = try read(UInt32.self)
    guard version == ParameterFile.version else {
      throw ParameterFileError.unsupportedVersion(path: path, version: version)
    }
    let count = Int(try read(UInt32.self))
    var stored: [String: Tensor] = [:]
    for _ in 0..<count {
      let length = Int(try read(UInt32.self))
      guard offset + length <= data.count else {
        throw ParameterFileError.truncated(path: path, offset: offset)
      }
      let name = String(decoding: data[offset..<(offset + length)], as: UTF8.self)
      offset += length
      let rank = Int(try read(UInt32.self))
      var shape: [Int] = []
      for _ in 0..<rank { shape.append(Int(try read(UInt64.self))) }
      let n = shape.reduce(1, *)
      guard offset + 4 * n <= data.count else {
        throw ParameterFileError.truncated(path: path, offset: offset)
      }
      var values = [Float](repeating: 0, count: n)
      for i in 0..<n { values[i] = Float(bitPattern: try read(UInt32.self)) }
      guard stored[name] == nil else {
        throw ParameterFileError.duplicateName(path: path, name: name)
      }
      stored[name] = Tensor(values, shape: shape)
    }
    // Check everything before changing anything.
    let own = namedParameters
    for (name, tensor) in own {
      guard let s = stored[name] else {
        throw ParameterFileError.missingParameter(path: path, name: name)
      }
      guard s.shape == tensor.shape else {
        throw ParameterFileError.shapeMismatch(
          path: path, name: name, expected: tensor.shape, found: s.shape)
      }
    }
    let ownNames = Set(own.map(\.0))
    if let extra = stored.keys.sorted().first(where: { !ownNames.contains($0) }) {
      throw ParameterFileError.unexpectedParameter(path: path, name: extra)
    }
    for (name, tensor) in own { tensor.assign(stored[name]!) }
  }
}
