// Which path the kernels take: the widest this processor has, unless MODERNRECSYS_SIMD
// names a narrower one. Every path computes the same bits; the choice is only speed.

#include "paths.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[CK_PATH_COUNT] = {"scalar", "neon", "avx2", "avx512", "w4",
                                                  "w16"};
static const int widths[CK_PATH_COUNT] = {1, 4, 8, 16, 4, 16};

const char *ck_path_name(ck_path path) {
  return path >= 0 && path < CK_PATH_COUNT ? names[path] : "unknown";
}

int ck_path_width(ck_path path) { return path >= 0 && path < CK_PATH_COUNT ? widths[path] : 0; }

int ck_cpu_has_fma(void) {
#ifdef CK_X86
  return __builtin_cpu_supports("fma") ? 1 : 0;
#else
  return 1;
#endif
}

int ck_path_is_available(ck_path path) {
  switch (path) {
  case CK_PATH_SCALAR:
    return 1;
  case CK_PATH_NEON:
#ifdef CK_ARM64
    return 1;
#else
    return 0;
#endif
  case CK_PATH_AVX2:
  case CK_PATH_W4_ON_AVX2:
  case CK_PATH_W16_ON_AVX2:
#ifdef CK_X86
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 0;
#endif
  case CK_PATH_AVX512:
#ifdef CK_X86
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") &&
           __builtin_cpu_supports("fma");
#else
    return 0;
#endif
  default:
    return 0;
  }
}

ck_path ck_widest_path(void) {
  if (ck_path_is_available(CK_PATH_AVX512)) return CK_PATH_AVX512;
  if (ck_path_is_available(CK_PATH_AVX2)) return CK_PATH_AVX2;
  if (ck_path_is_available(CK_PATH_NEON)) return CK_PATH_NEON;
  return CK_PATH_SCALAR;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static ck_path active;
static ck_simd_request_status status;

static void choose(void) {
  active = ck_widest_path();
  status = CK_SIMD_REQUEST_NONE;
  const char *request = getenv("MODERNRECSYS_SIMD");
  if (request == NULL || request[0] == 0) return;
  for (int p = 0; p < CK_PATH_COUNT; p++) {
    if (strcmp(request, names[p]) == 0) {
      if (ck_path_is_available((ck_path)p)) {
        active = (ck_path)p;
        status = CK_SIMD_REQUEST_HONOURED;
      } else {
        status = CK_SIMD_REQUEST_UNAVAILABLE;
      }
      return;
    }
  }
  status = CK_SIMD_REQUEST_UNKNOWN;
}

ck_path ck_active_path(void) {
  pthread_once(&once, choose);
  return active;
}

ck_simd_request_status ck_simd_request(void) {
  pthread_once(&once, choose);
  return status;
}
