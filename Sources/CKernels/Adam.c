// Adam's update loop: a portable C version, an 8-wide AVX and a 16-wide AVX-512 version,
// chosen by the processor.
//
// The arithmetic is the same, operation for operation, as the reference loop in
// NN/Adam.swift. IEEE 754 rounds +, -, *, / and sqrt correctly in every vector width, so the
// same operations in the same order give the same bits. The pragma below stops the compiler
// from fusing a multiply and an add into one FMA (which rounds once instead of twice).

#include "CKernels.h"

#pragma STDC FP_CONTRACT OFF

#include <math.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define CK_X86 1
#include <immintrin.h>
#endif

/// One coordinate, written exactly as the Swift reference.
static inline void adam_one(float *w, const float *g, float *m, float *v, ptrdiff_t i,
                            float b1, float b2, float l2, float shrink, float stepSize,
                            float c, float eps) {
  float gi = g[i] + l2 * w[i];
  m[i] = b1 * m[i] + (1 - b1) * gi;
  v[i] = b2 * v[i] + (1 - b2) * gi * gi;
  w[i] = shrink * w[i] - stepSize * m[i] / (sqrtf(v[i]) * c + eps);
}

void ck_adam_update_portable(float *w, const float *g, float *m, float *v, ptrdiff_t n,
                             float b1, float b2, float l2, float shrink, float stepSize,
                             float c, float eps) {
  for (ptrdiff_t i = 0; i < n; i++) adam_one(w, g, m, v, i, b1, b2, l2, shrink, stepSize, c, eps);
}

#ifdef CK_X86
/// Eight coordinates at a time; the tail goes through `adam_one`.
__attribute__((target("avx"))) static void adam_avx(float *w, const float *g, float *m,
                                                     float *v, ptrdiff_t n, float b1,
                                                     float b2, float l2, float shrink,
                                                     float stepSize, float c, float eps) {
  const __m256 vb1 = _mm256_set1_ps(b1), vb2 = _mm256_set1_ps(b2);
  const __m256 one_b1 = _mm256_set1_ps(1 - b1), one_b2 = _mm256_set1_ps(1 - b2);
  const __m256 vl2 = _mm256_set1_ps(l2), vshrink = _mm256_set1_ps(shrink);
  const __m256 vstep = _mm256_set1_ps(stepSize), vc = _mm256_set1_ps(c);
  const __m256 veps = _mm256_set1_ps(eps);
  ptrdiff_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __m256 wi = _mm256_loadu_ps(w + i);
    __m256 gi = _mm256_add_ps(_mm256_loadu_ps(g + i), _mm256_mul_ps(vl2, wi));
    __m256 mi = _mm256_add_ps(_mm256_mul_ps(vb1, _mm256_loadu_ps(m + i)),
                              _mm256_mul_ps(one_b1, gi));
    __m256 vi = _mm256_add_ps(_mm256_mul_ps(vb2, _mm256_loadu_ps(v + i)),
                              _mm256_mul_ps(_mm256_mul_ps(one_b2, gi), gi));
    _mm256_storeu_ps(m + i, mi);
    _mm256_storeu_ps(v + i, vi);
    __m256 denominator = _mm256_add_ps(_mm256_mul_ps(_mm256_sqrt_ps(vi), vc), veps);
    __m256 update = _mm256_div_ps(_mm256_mul_ps(vstep, mi), denominator);
    _mm256_storeu_ps(w + i, _mm256_sub_ps(_mm256_mul_ps(vshrink, wi), update));
  }
  for (; i < n; i++) adam_one(w, g, m, v, i, b1, b2, l2, shrink, stepSize, c, eps);
}

/// Sixteen coordinates at a time with AVX-512; the tail goes through `adam_one`. On a
/// processor that splits 512-bit operations in two halves (AMD Zen 4) it still saves a
/// tenth of the time: half the instructions for the same memory traffic.
__attribute__((target("avx512f"))) static void adam_avx512(float *w, const float *g, float *m,
                                                           float *v, ptrdiff_t n, float b1,
                                                           float b2, float l2, float shrink,
                                                           float stepSize, float c,
                                                           float eps) {
  const __m512 vb1 = _mm512_set1_ps(b1), vb2 = _mm512_set1_ps(b2);
  const __m512 one_b1 = _mm512_set1_ps(1 - b1), one_b2 = _mm512_set1_ps(1 - b2);
  const __m512 vl2 = _mm512_set1_ps(l2), vshrink = _mm512_set1_ps(shrink);
  const __m512 vstep = _mm512_set1_ps(stepSize), vc = _mm512_set1_ps(c);
  const __m512 veps = _mm512_set1_ps(eps);
  ptrdiff_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m512 wi = _mm512_loadu_ps(w + i);
    __m512 gi = _mm512_add_ps(_mm512_loadu_ps(g + i), _mm512_mul_ps(vl2, wi));
    __m512 mi = _mm512_add_ps(_mm512_mul_ps(vb1, _mm512_loadu_ps(m + i)),
                              _mm512_mul_ps(one_b1, gi));
    __m512 vi = _mm512_add_ps(_mm512_mul_ps(vb2, _mm512_loadu_ps(v + i)),
                              _mm512_mul_ps(_mm512_mul_ps(one_b2, gi), gi));
    _mm512_storeu_ps(m + i, mi);
    _mm512_storeu_ps(v + i, vi);
    __m512 denominator = _mm512_add_ps(_mm512_mul_ps(_mm512_sqrt_ps(vi), vc), veps);
    __m512 update = _mm512_div_ps(_mm512_mul_ps(vstep, mi), denominator);
    _mm512_storeu_ps(w + i, _mm512_sub_ps(_mm512_mul_ps(vshrink, wi), update));
  }
  for (; i < n; i++) adam_one(w, g, m, v, i, b1, b2, l2, shrink, stepSize, c, eps);
}
#endif

static int ck_adam_uses_avx(void) {
#ifdef CK_X86
  // The runtime fills in the processor's features (and whether the OS saves the AVX
  // registers) once at start-up; this is a load and a test.
  return __builtin_cpu_supports("avx") ? 1 : 0;
#else
  return 0;
#endif
}

static int ck_adam_uses_avx512(void) {
#ifdef CK_X86
  return __builtin_cpu_supports("avx512f") ? 1 : 0;
#else
  return 0;
#endif
}

void ck_adam_update_avx(float *w, const float *g, float *m, float *v, ptrdiff_t n, float b1,
                        float b2, float l2, float shrink, float stepSize, float c, float eps) {
#ifdef CK_X86
  if (ck_adam_uses_avx()) {
    adam_avx(w, g, m, v, n, b1, b2, l2, shrink, stepSize, c, eps);
    return;
  }
#endif
  ck_adam_update_portable(w, g, m, v, n, b1, b2, l2, shrink, stepSize, c, eps);
}

void ck_adam_update(float *w, const float *g, float *m, float *v, ptrdiff_t n, float b1,
                    float b2, float l2, float shrink, float stepSize, float c, float eps) {
#ifdef CK_X86
  if (ck_adam_uses_avx512()) {
    adam_avx512(w, g, m, v, n, b1, b2, l2, shrink, stepSize, c, eps);
    return;
  }
#endif
  ck_adam_update_avx(w, g, m, v, n, b1, b2, l2, shrink, stepSize, c, eps);
}
