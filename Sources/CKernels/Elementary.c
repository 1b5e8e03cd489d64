// exp, expm1, log, log1p, tanh, sigmoid, softplus and log-sigmoid over arrays, in every
// path (elementary_template.h); `ck_elementary` picks the path's version.

#include "paths.h"

// MARK: - One instantiation per path

#define CK_TEMPLATE "elementary_template.h"
#include "each_path.h"

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
