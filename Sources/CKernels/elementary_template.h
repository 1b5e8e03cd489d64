// exp, expm1, log, log1p, tanh, sigmoid, softplus and log-sigmoid on CK_W floats at a
// time: one instantiation per path (see simd_template.h). The readable version, with the
// derivation of each step, is Tensors/Elementary.swift; these functions do the same
// operations in the same order, lane by lane, so they return the same bits (the tests in
// ElementaryTests hold every path equal to the Swift reference).

#include "simd_template.h"

// MARK: - exp

/// e^x = 2^k e^r, with k = round(x / ln 2) and r = x - k ln 2 in [-ln2/2, ln2/2];
/// e^r by its Taylor polynomial of degree 7, 2^k built from its bits in two halves.
CK_TARGET static inline V FN(exp_v)(V x) {
  x = x < SPLAT(-104.0f) ? SPLAT(-104.0f) : x;
  x = x > SPLAT(89.0f) ? SPLAT(89.0f) : x;
  V k = (x * SPLAT(CK_LOG2E) + SPLAT(CK_ROUNDER)) - SPLAT(CK_ROUNDER);
  k = k == k ? k : SPLAT(0.0f);
  V r = FMA(-k, SPLAT(CK_LN2_HI), x);
  r = FMA(-k, SPLAT(CK_LN2_LO), r);
  V p = SPLAT(CK_EXP_C7);
  p = FMA(p, r, SPLAT(CK_EXP_C6));
  p = FMA(p, r, SPLAT(CK_EXP_C5));
  p = FMA(p, r, SPLAT(CK_EXP_C4));
  p = FMA(p, r, SPLAT(CK_EXP_C3));
  p = FMA(p, r, SPLAT(CK_EXP_C2));
  p = FMA(p, r, SPLAT(1.0f));
  p = FMA(p, r, SPLAT(1.0f));
  I ki = __builtin_convertvector(k, I);
  I k1 = ki >> 1;
  I k2 = ki - k1;
  V s1 = FLOATS((k1 + 127) << 23);
  V s2 = FLOATS((k2 + 127) << 23);
  return (p * s1) * s2;
}

// MARK: - expm1

/// e^x - 1: its Taylor polynomial of degree 9 where |x| <= ln 2, else e^x - 1.
CK_TARGET static inline V FN(expm1_v)(V x) {
  V p = SPLAT(CK_EXP_C9);
  p = FMA(p, x, SPLAT(CK_EXP_C8));
  p = FMA(p, x, SPLAT(CK_EXP_C7));
  p = FMA(p, x, SPLAT(CK_EXP_C6));
  p = FMA(p, x, SPLAT(CK_EXP_C5));
  p = FMA(p, x, SPLAT(CK_EXP_C4));
  p = FMA(p, x, SPLAT(CK_EXP_C3));
  p = FMA(p, x, SPLAT(CK_EXP_C2));
  V small = FMA(x * x, p, x);
  V large = FN(exp_v)(x) - SPLAT(1.0f);
  V magnitude = FLOATS(BITS(x) & ISPLAT(0x7fffffff));
  return magnitude <= SPLAT(CK_LN2) ? small : large;
}

// MARK: - log, log1p

/// The shared core of log and log1p: for u > 0 finite, u = 2^e m with m in [sqrt(1/2),
/// sqrt(2)), f = m - 1, s = f / (2 + f), and
///
///     log u = e ln2_hi + (f - (hfsq - (s (hfsq + R(s^2)) + e ln2_lo + correction)))
///
/// with hfsq = f^2 / 2 and R(z) = 2z/3 + 2z^2/5 + 2z^3/7 + 2z^4/9.
CK_TARGET static inline V FN(log_core)(V u, V correction) {
  I tiny = u < SPLAT(CK_FLT_MIN);
  V scaled = tiny ? u * SPLAT(8388608.0f) : u;
  I bits = BITS(scaled);
  I e = ((bits >> 23) & ISPLAT(0xff)) - ISPLAT(127);
  e = tiny ? e - ISPLAT(23) : e;
  V m = FLOATS((bits & ISPLAT(0x007fffff)) | ISPLAT(0x3f800000));
  I big = m > SPLAT(CK_SQRT2);
  m = big ? m * SPLAT(0.5f) : m;
  e = big ? e + ISPLAT(1) : e;
  V f = m - SPLAT(1.0f);
  V s = f / (SPLAT(2.0f) + f);
  V z = s * s;
  V R = SPLAT(CK_LOG_L4);
  R = FMA(R, z, SPLAT(CK_LOG_L3));
  R = FMA(R, z, SPLAT(CK_LOG_L2));
  R = FMA(R, z, SPLAT(CK_LOG_L1));
  R = R * z;
  V hfsq = SPLAT(0.5f) * f * f;
  V ef = __builtin_convertvector(e, V);
  V low = FMA(ef, SPLAT(CK_LN2_LO), s * (hfsq + R)) + correction;
  return FMA(ef, SPLAT(CK_LN2_HI), f - (hfsq - low));
}

/// ln x; ln 0 = -inf, ln of a negative number NaN, ln inf = inf.
CK_TARGET static inline V FN(log_v)(V x) {
  V y = FN(log_core)(x, SPLAT(0.0f));
  y = x == SPLAT(0.0f) ? SPLAT(-__builtin_inff()) : y;
  y = x < SPLAT(0.0f) ? SPLAT(__builtin_nanf("")) : y;
  y = x == SPLAT(__builtin_inff()) ? x : y;
  return x != x ? x : y;
}

/// ln(1 + x), accurate for small x: u = 1 + x rounded, and the rounding error
/// (x - (u - 1)) / u added back as the correction.
CK_TARGET static inline V FN(log1p_v)(V x) {
  V u = SPLAT(1.0f) + x;
  V correction = (x - (u - SPLAT(1.0f))) / u;
  V y = FN(log_core)(u, correction);
  y = x == SPLAT(-1.0f) ? SPLAT(-__builtin_inff()) : y;
  y = x < SPLAT(-1.0f) ? SPLAT(__builtin_nanf("")) : y;
  y = x == SPLAT(__builtin_inff()) ? x : y;
  return x != x ? x : y;
}

// MARK: - tanh, sigmoid, softplus

/// tanh x = sign(x) * (-t / (t + 2)), t = e^(-2|x|) - 1.
CK_TARGET static inline V FN(tanh_v)(V x) {
  V magnitude = FLOATS(BITS(x) & ISPLAT(0x7fffffff));
  V t = FN(expm1_v)(SPLAT(-2.0f) * magnitude);
  V y = -t / (t + SPLAT(2.0f));
  return FLOATS((BITS(y) & ISPLAT(0x7fffffff)) | (BITS(x) & ISPLAT((int)0x80000000)));
}

/// sigmoid x = 1 / (1 + e) for x >= 0 and e / (1 + e) otherwise, e = e^-|x| in (0, 1].
CK_TARGET static inline V FN(sigmoid_v)(V x) {
  V e = FN(exp_v)(-FLOATS(BITS(x) & ISPLAT(0x7fffffff)));
  V onePlus = SPLAT(1.0f) + e;
  return x >= SPLAT(0.0f) ? SPLAT(1.0f) / onePlus : e / onePlus;
}

/// ln(1 + e^-|x|), the shared tail of softplus and log-sigmoid.
CK_TARGET static inline V FN(log1p_exp_neg_abs)(V x) {
  return FN(log1p_v)(FN(exp_v)(-FLOATS(BITS(x) & ISPLAT(0x7fffffff))));
}

/// softplus x = ln(1 + e^x) = (x > 0 ? x : 0) + ln(1 + e^-|x|).
CK_TARGET static inline V FN(softplus_v)(V x) {
  return (x > SPLAT(0.0f) ? x : SPLAT(0.0f)) + FN(log1p_exp_neg_abs)(x);
}

/// log sigmoid x = (x < 0 ? x : 0) - ln(1 + e^-|x|).
CK_TARGET static inline V FN(logsigmoid_v)(V x) {
  return (x < SPLAT(0.0f) ? x : SPLAT(0.0f)) - FN(log1p_exp_neg_abs)(x);
}

// MARK: - Over arrays

/// y[i] = f(x[i]) for i in 0..<n, CK_W at a time; the last n % CK_W go through one padded
/// vector, so they take the same operations as the rest. `y` may be `x`.
#define CK_ARRAY_FUNCTION(name)                                                  \
  CK_TARGET static void FN(name##_array)(const float *x, float *y, ptrdiff_t n) { \
    ptrdiff_t i = 0;                                                             \
    for (; i + CK_W <= n; i += CK_W) FN(store)(y + i, FN(name##_v)(FN(load)(x + i))); \
    if (i < n) {                                                                 \
      float padded[CK_W] = {0};                                                  \
      for (ptrdiff_t j = 0; j < n - i; j++) padded[j] = x[i + j];                \
      FN(store)(padded, FN(name##_v)(FN(load)(padded)));                         \
      for (ptrdiff_t j = 0; j < n - i; j++) y[i + j] = padded[j];                \
    }                                                                            \
  }

CK_ARRAY_FUNCTION(exp)
CK_ARRAY_FUNCTION(expm1)
CK_ARRAY_FUNCTION(log)
CK_ARRAY_FUNCTION(log1p)
CK_ARRAY_FUNCTION(tanh)
CK_ARRAY_FUNCTION(sigmoid)
CK_ARRAY_FUNCTION(softplus)
CK_ARRAY_FUNCTION(logsigmoid)

#undef CK_ARRAY_FUNCTION

/// The functions of this path, in the order of `ck_function`.
static const ck_array_function FN(elementary_table)[CK_FUNCTION_COUNT] = {
    FN(exp_array),   FN(expm1_array),   FN(log_array),      FN(log1p_array),
    FN(tanh_array),  FN(sigmoid_array), FN(softplus_array), FN(logsigmoid_array),
};

#include "simd_template_end.h"
