// Private to CKernels: what every kernel file shares — the processor features each path is
// compiled for, the constants of the elementary functions, and the types of the tables
// through which a path's functions are found. each_path.h instantiates a template once
// per path.

#ifndef CK_PATHS_H
#define CK_PATHS_H

#include "CKernels.h"

#pragma STDC FP_CONTRACT OFF
// The 16-wide code built for AVX2 passes 16-float vectors between inline functions only.
#pragma clang diagnostic ignored "-Wpsabi"

#if defined(__x86_64__)
#define CK_X86 1
#define CK_TARGET_AVX2 __attribute__((target("avx2,fma")))
#define CK_TARGET_AVX512 __attribute__((target("avx512f,avx2,fma")))
#define CK_TARGET_FMA __attribute__((target("fma")))
#elif defined(__aarch64__)
#define CK_ARM64 1
#endif

#define CK_NO_TARGET

/// The value constants of the elementary functions (see Tensors/Elementary.swift).
#define CK_LOG2E 0x1.715476p+0f      /* 1 / ln 2, rounded */
#define CK_LN2_HI 0x1.62e4p-1f        /* ln 2 to 16 bits: e * CK_LN2_HI is exact */
#define CK_LN2_LO 0x1.7f7d1cp-20f     /* ln 2 - CK_LN2_HI, rounded */
#define CK_ROUNDER 0x1.8p23f          /* (t + 1.5 * 2^23) - 1.5 * 2^23 rounds t to an integer */
#define CK_LN2 0x1.62e43p-1f          /* ln 2, rounded */
#define CK_SQRT2 0x1.6a09e6p+0f       /* sqrt 2, rounded */
#define CK_FLT_MIN 0x1p-126f          /* the smallest normal float */
#define CK_EXP_C2 (1.0f / 2)
#define CK_EXP_C3 (1.0f / 6)
#define CK_EXP_C4 (1.0f / 24)
#define CK_EXP_C5 (1.0f / 120)
#define CK_EXP_C6 (1.0f / 720)
#define CK_EXP_C7 (1.0f / 5040)
#define CK_EXP_C8 (1.0f / 40320)
#define CK_EXP_C9 (1.0f / 362880)
#define CK_LOG_L1 (2.0f / 3)
#define CK_LOG_L2 (2.0f / 5)
#define CK_LOG_L3 (2.0f / 7)
#define CK_LOG_L4 (2.0f / 9)

/// An element-wise function over an array: y[i] = f(x[i]).
typedef void (*ck_array_function)(const float *x, float *y, ptrdiff_t n);

/// Where a tile's chains start and what it stores (gemm_template.h).
enum ck_tile_mode {
  CK_TILE_FROM_ZERO = 0,  /// start from zero, store the sums
  CK_TILE_CONTINUE = 1,   /// start from the partial sums in C, store the sums
  CK_TILE_ADD_BETA_C = 2, /// start from zero, store fma(beta, C, sum) (a chain in one block)
};

/// One tile of C through a block of k (gemm_template.h).
typedef void (*ck_tile_function)(ptrdiff_t kc, const float *a, ptrdiff_t ars, ptrdiff_t aps,
                                 const float *b, float *c, ptrdiff_t ldc, int mode,
                                 float beta);

/// A path's gemm kernel (gemm_template.h): `tiles[r]` computes a tile of r rows (r = 1 ...
/// mr) by nr columns from A packed by `pack_a`, `directTiles[r]` from A where it is,
/// `narrowTiles[r]` the first `width` columns only; `pack_b` lays B out for all of them.
typedef struct {
  ck_tile_function tiles[13];
  ck_tile_function directTiles[13];
  ck_tile_function narrowTiles[13];  // one vector of columns, A where it is
  int width;                         // floats per vector
  void (*add_scaled)(ptrdiff_t n, float beta, const float *old, float *c);
  void (*pack_a)(const float *a, ptrdiff_t lda, int transposed, ptrdiff_t i0, ptrdiff_t mc,
                 ptrdiff_t p0, ptrdiff_t kc, float *dst);
  void (*pack_b)(const float *b, ptrdiff_t ldb, int transposed, ptrdiff_t p0, ptrdiff_t kc,
                 ptrdiff_t j0, ptrdiff_t nc, float *dst);
  int mr, nr;
} ck_gemm_kernel;

#endif
