// Elementary functions on one Float, without Foundation. They have their own names
// because inside `extension Tensor` a plain `exp(x)` would mean the method `Tensor.exp()`.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// e^x for one Float.
@inline(__always) func scalarExp(_ x: Float) -> Float { exp(x) }
/// ln x for one Float.
@inline(__always) func scalarLog(_ x: Float) -> Float { log(x) }
/// ln(1 + x) for one Float, accurate for small x.
@inline(__always) func scalarLog1p(_ x: Float) -> Float { log1p(x) }
/// e^x for one Double.
@inline(__always) func scalarExp(_ x: Double) -> Double { exp(x) }
/// ln x for one Double (the generator's Box–Muller transform).
@inline(__always) func scalarLog(_ x: Double) -> Double { log(x) }
/// sin x for one Double.
@inline(__always) func scalarSin(_ x: Double) -> Double { sin(x) }
/// cos x for one Double.
@inline(__always) func scalarCos(_ x: Double) -> Double { cos(x) }
