import CKernels

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The versions the engine's C kernels come in, by how many floats one instruction
/// handles. They compute the same bits — a lane does what one scalar does, in the same
/// order — so a path changes only the speed, never a result.
///
///     KernelPath.active      // .avx2 on an AVX2 machine, or what MODERNRECSYS_SIMD asks for
///     KernelPath.available   // [.scalar, .avx2, .w4, .w16] on the same machine
///
/// The widest path the processor has is used, unless the environment variable
/// `MODERNRECSYS_SIMD` names a narrower one (`scalar`, `neon`, `avx2`, `avx512`, and on an
/// AVX2 machine `w4` and `w16`: the NEON and AVX-512 paths' 4- and 16-wide code built for
/// AVX2), so that one machine can run, and compare, the code other machines run.
public enum KernelPath: Int, CaseIterable, Sendable, CustomStringConvertible {
  /// One float at a time, plain C.
  case scalar = 0
  /// 4 floats: arm64 NEON.
  case neon = 1
  /// 8 floats: x86-64 AVX2 with fused multiply-add.
  case avx2 = 2
  /// 16 floats: x86-64 AVX-512F.
  case avx512 = 3
  /// The NEON path's 4-wide code, built for AVX2 (for tests on x86-64).
  case w4 = 4
  /// The AVX-512 path's 16-wide code, built for AVX2 (for tests on x86-64).
  case w16 = 5

  var c: ck_path { ck_path(rawValue: UInt32(rawValue)) }

  /// The name `MODERNRECSYS_SIMD` uses.
  public var description: String { String(cString: ck_path_name(c)) }

  /// Floats per vector.
  public var width: Int { Int(ck_path_width(c)) }

  /// Whether this processor can run the path.
  public var isAvailable: Bool { ck_path_is_available(c) != 0 }

  /// Every path this processor can run, narrowest first.
  public static var available: [KernelPath] { allCases.filter(\.isAvailable) }

  /// The widest path this processor has.
  public static var widest: KernelPath { KernelPath(rawValue: Int(ck_widest_path().rawValue))! }

  /// The path the engine uses (chosen once, on first use).
  public static let active: KernelPath = KernelPath(rawValue: Int(ck_active_path().rawValue))!

  /// What is wrong with `MODERNRECSYS_SIMD`, or nil when it is unset or names an
  /// available path. (When it is wrong the widest path is used; a chapter stops instead.)
  public static var environmentProblem: String? {
    let request = getenv("MODERNRECSYS_SIMD").map { String(cString: $0) } ?? ""
    let names = available.map(\.description).joined(separator: ", ")
    switch ck_simd_request() {
    case CK_SIMD_REQUEST_UNKNOWN:
      return "MODERNRECSYS_SIMD=\(request) names no kernel path; this processor has: \(names)"
    case CK_SIMD_REQUEST_UNAVAILABLE:
      return "MODERNRECSYS_SIMD=\(request) asks for a path this processor lacks; it has: \(names)"
    default:
      return nil
    }
  }
}
