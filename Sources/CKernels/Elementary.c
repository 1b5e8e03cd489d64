// exp, expm1, log, log1p, tanh, sigmoid, softplus and log-sigmoid over arrays, in every
// path (elementary_template.h); `ck_elementary` picks the path's version.

#include "paths.h"

// MARK: - One instantiation per path

#define CK_W 1
#define CK_SUFFIX scalar
#define CK_TARGET CK_NO_TARGET
#include "elementary_template.h"

#ifdef CK_X86
// The same one-float code with the processor's fused multiply-add instruction instead of
// a call to the C library's fmaf: the same bits, faster.
#define CK_W 1
#define CK_SUFFIX scalarfma
#define CK_TARGET CK_TARGET_FMA
#include "elementary_template.h"

#define CK_W 8
#define CK_SUFFIX avx2
#define CK_TARGET CK_TARGET_AVX2
#include "elementary_template.h"

#define CK_W 16
#define CK_SUFFIX avx512
#define CK_TARGET CK_TARGET_AVX512
#include "elementary_template.h"

#define CK_W 4
#define CK_SUFFIX w4
#define CK_TARGET CK_TARGET_AVX2
#include "elementary_template.h"

#define CK_W 16
#define CK_SUFFIX w16
#define CK_TARGET CK_TARGET_AVX2
#include "elementary_template.h"
#endif

#ifdef CK_ARM64
#define CK_W 4
#define CK_SUFFIX neon
#define CK_TARGET CK_NO_TARGET
#include "elementary_template.h"
#endif

// MARK: - Dispatch

static const ck_array_function *table_for(ck_path path) {
  switch (path) {
#ifdef CK_X86
  case CK_PATH_SCALAR:
    return ck_cpu_has_fma() ? elementary_table_scalarfma : elementary_table_scalar;
  case CK_PATH_AVX2:
    return elementary_table_avx2;
  case CK_PATH_AVX512:
    return elementary_table_avx512;
  case CK_PATH_W4_ON_AVX2:
    return elementary_table_w4;
  case CK_PATH_W16_ON_AVX2:
    return elementary_table_w16;
#endif
#ifdef CK_ARM64
  case CK_PATH_NEON:
    return elementary_table_neon;
#endif
  default:
    return elementary_table_scalar;
  }
}

void ck_elementary(ck_path path, ck_function function, const float *x, float *y, ptrdiff_t n) {
  if (n <= 0 || function < 0 || function >= CK_FUNCTION_COUNT) return;
  if (!ck_path_is_available(path)) path = CK_PATH_SCALAR;
  table_for(path)[function](x, y, n);
}

float ck_elementary1(ck_function function, float x) {
  float y;
  ck_elementary(ck_active_path(), function, &x, &y, 1);
  return y;
}
