// kernel-dump: computes a fixed set of CKernels outputs in one kernel path and writes their
// bits to a file, so that builds for different processors can be compared byte for byte
// (.ci/cross-check-arm64 runs it natively and, for arm64, under qemu-aarch64).
//
//   kernel-dump OUT PATH      PATH: 0 scalar, 1 neon, 2 avx2, 3 avx512, 4 w4, 5 w16
//
// Written: matrix products on awkward shapes (both transposes, beta 0, 1 and 0.5), the
// eight element-wise functions on a million inputs spread over all 2^32 bit patterns, and
// five Adam steps on 1031 coordinates.
#include "CKernels.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
static uint64_t s = 88172645463325252ull;
static float rnd(void){ s ^= s << 13; s ^= s >> 7; s ^= s << 17; return (float)((s >> 40) & 0xffffff) / 16777216.0f * 2 - 1; }
int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: kernel-dump OUT PATH (0 scalar, 1 neon, 2 avx2, 3 avx512, 4 w4, 5 w16)\n");
    return 2;
  }
  if (!ck_path_is_available((ck_path)atoi(argv[2]))) {
    fprintf(stderr, "kernel-dump: path %s is not available here\n", argv[2]);
    return 1;
  }
  FILE *out = fopen(argv[1], "wb");
  if (out == NULL) {
    perror(argv[1]);
    return 1;
  }
  int paths[] = {CK_PATH_SCALAR, CK_PATH_NEON, CK_PATH_AVX2, CK_PATH_AVX512, CK_PATH_W4_ON_AVX2, CK_PATH_W16_ON_AVX2};
  long shapes[][3] = {{1,1,1},{7,5,9},{255,7,256},{33,17,300},{256,32,64},{64,32,256},{300,8,40},{256,1,16},{129,130,257}};
  int nsh = sizeof(shapes)/sizeof(shapes[0]);
  for (int pi = atoi(argv[2]); pi < 6; pi++) {
    if (!ck_path_is_available(paths[pi])) { fprintf(stderr, "path %d not available\n", pi); return 1; }
    s = 88172645463325252ull;
    for (int si = 0; si < nsh; si++) for (int ta = 0; ta < 2; ta++) for (int tb = 0; tb < 2; tb++) for (int bi = 0; bi < 3; bi++) {
      long m = shapes[si][0], n = shapes[si][1], k = shapes[si][2];
      float beta = bi == 0 ? 0 : bi == 1 ? 1 : 0.5f;
      float *a = malloc(m*k*4), *b = malloc(k*n*4), *c = malloc(m*n*4);
      for (long i = 0; i < m*k; i++) a[i] = rnd() * (1 << (i % 9));
      for (long i = 0; i < k*n; i++) b[i] = rnd();
      for (long i = 0; i < m*n; i++) c[i] = rnd();
      ck_sgemm(paths[pi], ta, tb, m, n, k, a, ta ? m : k, b, tb ? k : n, beta, c, n);
      fwrite(c, 4, m*n, out); free(a); free(b); free(c);
    }
    long N = 1 << 20; float *x = malloc(N*4), *y = malloc(N*4);
    for (long i = 0; i < N; i++) { uint32_t u = (uint32_t)(i * 4099u); memcpy(&x[i], &u, 4); }
    for (int f = 0; f < CK_FUNCTION_COUNT; f++) { ck_elementary(paths[pi], f, x, y, N); for (long i = 0; i < N; i++) if (y[i] != y[i]) y[i] = __builtin_nanf(""); fwrite(y, 4, N, out); }
    float w[1031], g[1031], mm[1031], v[1031];
    for (int i = 0; i < 1031; i++) { w[i] = rnd(); g[i] = rnd() * 0.1f; mm[i] = 0; v[i] = 0; }
    for (int t = 0; t < 5; t++) ck_adam_update(paths[pi], w, g, mm, v, 1031, 0.9f, 0.999f, 0.01f, 1, 0.001f, 1.2f, 1e-8f);
    fwrite(w, 4, 1031, out); fwrite(mm, 4, 1031, out); fwrite(v, 4, 1031, out);
    fprintf(stderr, "kernel-dump: path %s written to %s\n", ck_path_name(paths[pi]), argv[1]);
    fclose(out);
    return 0;
  }
  return 1;
}
