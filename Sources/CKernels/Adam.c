// Adam's update loop in every path (adam_template.h); `ck_adam_update` picks the path's
// version. IEEE 754 rounds +, -, *, / and sqrt correctly in every vector width, so the
// same operations in the same order give the same bits in every path.

#include "paths.h"

typedef void (*adam_function)(float *w, const float *g, float *m, float *v, ptrdiff_t n,
                              float b1, float b2, float l2, float shrink, float stepSize,
                              float c, float eps);

#define CK_TEMPLATE "adam_template.h"
#include "each_path.h"

static adam_function adam_for(ck_path path) {
  if (!ck_path_is_available(path)) return adam_array_scalar;
  switch (path) {
#ifdef CK_X86
  case CK_PATH_AVX2:
    return adam_array_avx2;
  case CK_PATH_AVX512:
    return adam_array_avx512;
  case CK_PATH_W4_ON_AVX2:
    return adam_array_w4;
  case CK_PATH_W16_ON_AVX2:
    return adam_array_w16;
#endif
#ifdef CK_ARM64
  case CK_PATH_NEON:
    return adam_array_neon;
#endif
  default:
    return adam_array_scalar;
  }
}

void ck_adam_update(ck_path path, float *w, const float *g, float *m, float *v, ptrdiff_t n,
                    float b1, float b2, float l2, float shrink, float stepSize, float c,
                    float eps) {
  adam_for(path)(w, g, m, v, n, b1, b2, l2, shrink, stepSize, c, eps);
}

void ck_adam_update_rows(ck_path path, float *w, const float *g, float *m, float *v,
                         ptrdiff_t width, const ptrdiff_t *rows, ptrdiff_t rowCount, float b1,
                         float b2, float l2, float shrink, float stepSize, float c, float eps) {
  adam_function update = adam_for(path);
  // The rows are scattered over tables of megabytes, so each one is a cache miss in each of
  // the four arrays: ask for the rows a few ahead while this one is computed.
  enum { Ahead = 4, LineFloats = 16, LinesAhead = 4 };
  for (ptrdiff_t k = 0; k < rowCount; k++) {
    if (k + Ahead < rowCount) {
      ptrdiff_t next = rows[k + Ahead] * width;
      for (ptrdiff_t j = 0; j < width && j < LinesAhead * LineFloats; j += LineFloats) {
        __builtin_prefetch(w + next + j, 1);
        __builtin_prefetch(g + next + j, 0);
        __builtin_prefetch(m + next + j, 1);
        __builtin_prefetch(v + next + j, 1);
      }
    }
    ptrdiff_t o = rows[k] * width;
    update(w + o, g + o, m + o, v + o, width, b1, b2, l2, shrink, stepSize, c, eps);
  }
}
