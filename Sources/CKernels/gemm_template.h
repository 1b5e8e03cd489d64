// The matrix product's inner kernel on CK_W floats at a time: one instantiation per path
// (see simd_template.h), with its tile of CK_MR rows by CK_NV vectors of columns.
//
// A tile of C, CK_MR x NR with NR = CK_NV * CK_W, lives in registers while p runs through
// a block of k: for every p, each of its elements takes one fused multiply-add,
//
//     c[r][j] = fma(a[r][p], b[p][j], c[r][j])
//
// so every element of C is one chain of fused multiply-adds over p = 0, 1, ..., k-1 in
// that order, whatever the tile shape and the vector width: the vectors run across
// columns, never along p. Gemm.c cuts the product into blocks and feeds this kernel.
// (At the chain's end, beta C is added by one more fma, as in every path.)

#include "simd_template.h"

#define NR (CK_NV * CK_W)

/// One tile of `rows` rows (at most CK_MR) and `vectors` vectors of columns (CK_NV, or 1
/// for a narrow C; both constants wherever this is inlined): C[0..<rows, 0..<vectors *
/// CK_W] (rows `ldc` apart) goes through `kc` more steps of its
/// chains. `mode` says where the chains start and what is stored (ck_tile_mode in
/// paths.h): from zero, or from the partial sums C holds; and either the sums, or
/// fma(beta, C, sum) when this block ends the chains and C holds beta's matrix. Row r of
/// A's panel at step p is a[r * ars + p * aps] (packed by `pack_a`: ars = 1, aps = CK_MR;
/// or A itself); `b` holds NR floats per step (`pack_b`).
CK_TARGET static inline __attribute__((always_inline)) void FN(tile_body)(
    const int rows, const int vectors, ptrdiff_t kc, const float *restrict a, ptrdiff_t ars,
    ptrdiff_t aps, const float *restrict b, float *restrict c, ptrdiff_t ldc, int mode,
    float beta) {
  V acc[CK_MR][CK_NV];
#pragma clang loop unroll(full)
  for (int r = 0; r < rows; r++)
#pragma clang loop unroll(full)
    for (int v = 0; v < vectors; v++)
      acc[r][v] = mode == CK_TILE_CONTINUE ? FN(load)(c + r * ldc + v * CK_W) : SPLAT(0.0f);
  for (ptrdiff_t p = 0; p < kc; p++) {
    V bv[CK_NV];
#pragma clang loop unroll(full)
    for (int v = 0; v < vectors; v++) bv[v] = FN(load)(b + v * CK_W);
#pragma clang loop unroll(full)
    for (int r = 0; r < rows; r++) {
      V ar = SPLAT(a[r * ars]);
#pragma clang loop unroll(full)
      for (int v = 0; v < vectors; v++) acc[r][v] = FMA(ar, bv[v], acc[r][v]);
    }
    a += aps;
    b += NR;
  }
  if (mode == CK_TILE_ADD_BETA_C) {
#pragma clang loop unroll(full)
    for (int r = 0; r < rows; r++)
#pragma clang loop unroll(full)
      for (int v = 0; v < vectors; v++)
        acc[r][v] = FMA(SPLAT(beta), FN(load)(c + r * ldc + v * CK_W), acc[r][v]);
  }
#pragma clang loop unroll(full)
  for (int r = 0; r < rows; r++)
#pragma clang loop unroll(full)
    for (int v = 0; v < vectors; v++) FN(store)(c + r * ldc + v * CK_W, acc[r][v]);
}

/// The tiles for R rows: the last rows of C, when CK_MR does not divide m, take one of
/// these instead of computing padding. `tileR` reads A packed (its strides known to the
/// compiler), `tileR_direct` reads it in place with the strides given, and
/// `tileR_narrow` does the same for one vector of columns (C's last columns, or a C of
/// CK_W columns, such as a layer with 8 outputs in the AVX2 path).
#define CK_TILE_ROWS(R)                                                                   \
  CK_TARGET static void FN(tile##R)(ptrdiff_t kc, const float *a, ptrdiff_t ars,          \
                                    ptrdiff_t aps, const float *b, float *c, ptrdiff_t ldc, \
                                    int mode, float beta) {                               \
    (void)ars;                                                                            \
    (void)aps;                                                                            \
    FN(tile_body)(R, CK_NV, kc, a, 1, CK_MR, b, c, ldc, mode, beta);                      \
  }                                                                                       \
  CK_TARGET static void FN(tile##R##_direct)(ptrdiff_t kc, const float *a, ptrdiff_t ars, \
                                             ptrdiff_t aps, const float *b, float *c,     \
                                             ptrdiff_t ldc, int mode, float beta) {       \
    FN(tile_body)(R, CK_NV, kc, a, ars, aps, b, c, ldc, mode, beta);                      \
  }                                                                                       \
  CK_TARGET static void FN(tile##R##_narrow)(ptrdiff_t kc, const float *a, ptrdiff_t ars, \
                                             ptrdiff_t aps, const float *b, float *c,     \
                                             ptrdiff_t ldc, int mode, float beta) {       \
    FN(tile_body)(R, 1, kc, a, ars, aps, b, c, ldc, mode, beta);                          \
  }
CK_TILE_ROWS(1)
CK_TILE_ROWS(2)
CK_TILE_ROWS(3)
CK_TILE_ROWS(4)
#if CK_MR >= 6
CK_TILE_ROWS(5)
CK_TILE_ROWS(6)
#endif
#if CK_MR >= 8
CK_TILE_ROWS(7)
CK_TILE_ROWS(8)
#endif
#if CK_MR >= 12
CK_TILE_ROWS(9)
CK_TILE_ROWS(10)
CK_TILE_ROWS(11)
CK_TILE_ROWS(12)
#endif
#undef CK_TILE_ROWS

// MARK: - Packing

/// Copies op(A)[i0 ..< i0+mc][p0 ..< p0+kc] into panels of CK_MR rows: panel after panel,
/// and within a panel the CK_MR values of step p, then of step p+1 (zeros below row mc).
/// op(A)[i][p] is a[i*lda + p], or a[p*lda + i] when `transposed`.
CK_TARGET static void FN(pack_a)(const float *a, ptrdiff_t lda, int transposed, ptrdiff_t i0,
                                 ptrdiff_t mc, ptrdiff_t p0, ptrdiff_t kc, float *dst) {
  for (ptrdiff_t ir = 0; ir < mc; ir += CK_MR) {
    ptrdiff_t rows = mc - ir < CK_MR ? mc - ir : CK_MR;
    if (transposed) {
      for (ptrdiff_t p = 0; p < kc; p++) {
        const float *src = a + (p0 + p) * lda + i0 + ir;
        if (rows == CK_MR) {
          __builtin_memcpy(dst, src, CK_MR * sizeof(float));
        } else {
          for (int r = 0; r < CK_MR; r++) dst[r] = r < rows ? src[r] : 0;
        }
        dst += CK_MR;
      }
    } else if (rows == CK_MR) {
      const float *src = a + (i0 + ir) * lda + p0;
      for (ptrdiff_t p = 0; p < kc; p++) {
#pragma clang loop unroll(full)
        for (int r = 0; r < CK_MR; r++) dst[p * CK_MR + r] = src[r * lda + p];
      }
      dst += CK_MR * kc;
    } else {
      for (ptrdiff_t p = 0; p < kc; p++)
        for (int r = 0; r < CK_MR; r++)
          dst[p * CK_MR + r] = r < rows ? a[(i0 + ir + r) * lda + p0 + p] : 0;
      dst += CK_MR * kc;
    }
  }
}

/// Copies op(B)[p0 ..< p0+kc][j0 ..< j0+nc] into panels of NR columns: panel after panel,
/// and within a panel the NR values of step p, then of step p+1 (zeros right of column
/// nc). op(B)[p][j] is b[p*ldb + j], or b[j*ldb + p] when `transposed`.
CK_TARGET static void FN(pack_b)(const float *b, ptrdiff_t ldb, int transposed, ptrdiff_t p0,
                                 ptrdiff_t kc, ptrdiff_t j0, ptrdiff_t nc, float *dst) {
  for (ptrdiff_t jr = 0; jr < nc; jr += NR) {
    ptrdiff_t columns = nc - jr < NR ? nc - jr : NR;
    if (transposed && columns == NR) {
      // Step by step: the NR values of step p sit in NR rows of B, one in each; gathered
      // into a vector's worth of floats, they are written as whole vectors.
      const float *src = b + (j0 + jr) * ldb + p0;
      for (ptrdiff_t p = 0; p < kc; p++) {
        float row[NR];
#pragma clang loop unroll(full)
        for (int j = 0; j < NR; j++) row[j] = src[j * ldb + p];
#pragma clang loop unroll(full)
        for (int v = 0; v < CK_NV; v++) FN(store)(dst + p * NR + v * CK_W, FN(load)(row + v * CK_W));
      }
    } else if (transposed) {
      for (ptrdiff_t j = 0; j < NR; j++) {
        if (j < columns) {
          const float *src = b + (j0 + jr + j) * ldb + p0;
          for (ptrdiff_t p = 0; p < kc; p++) dst[p * NR + j] = src[p];
        } else {
          for (ptrdiff_t p = 0; p < kc; p++) dst[p * NR + j] = 0;
        }
      }
    } else if (columns == NR) {
      for (ptrdiff_t p = 0; p < kc; p++) {
        const float *src = b + (p0 + p) * ldb + j0 + jr;
#pragma clang loop unroll(full)
        for (int v = 0; v < CK_NV; v++) FN(store)(dst + p * NR + v * CK_W, FN(load)(src + v * CK_W));
      }
    } else {
      for (ptrdiff_t p = 0; p < kc; p++) {
        const float *src = b + (p0 + p) * ldb + j0 + jr;
        for (ptrdiff_t j = 0; j < NR; j++) dst[p * NR + j] = j < columns ? src[j] : 0;
      }
    }
    dst += NR * kc;
  }
}

/// c[j] = fma(beta, old[j], c[j]) for j < n: beta C added where a product's chains span
/// several blocks of k (Gemm.c sets C's values aside until they end).
CK_TARGET static void FN(add_scaled)(ptrdiff_t n, float beta, const float *old, float *c) {
  ptrdiff_t j = 0;
  for (; j + CK_W <= n; j += CK_W)
    FN(store)(c + j, FMA(SPLAT(beta), FN(load)(old + j), FN(load)(c + j)));
  for (; j < n; j++) {
    float padded[CK_W] = {0}, sums[CK_W] = {0};
    padded[0] = old[j];
    sums[0] = c[j];
    FN(store)(sums, FMA(SPLAT(beta), FN(load)(padded), FN(load)(sums)));
    c[j] = sums[0];
  }
}

/// This path's kernel: its tiles by number of rows, its packing, its tile shape.
static const ck_gemm_kernel FN(gemm_kernel) = {
    .tiles = {NULL, FN(tile1), FN(tile2), FN(tile3), FN(tile4),
#if CK_MR >= 6
              FN(tile5), FN(tile6),
#endif
#if CK_MR >= 8
              FN(tile7), FN(tile8),
#endif
#if CK_MR >= 12
              FN(tile9), FN(tile10), FN(tile11), FN(tile12),
#endif
    },
    .directTiles = {NULL, FN(tile1_direct), FN(tile2_direct), FN(tile3_direct),
                    FN(tile4_direct),
#if CK_MR >= 6
                    FN(tile5_direct), FN(tile6_direct),
#endif
#if CK_MR >= 8
                    FN(tile7_direct), FN(tile8_direct),
#endif
#if CK_MR >= 12
                    FN(tile9_direct), FN(tile10_direct), FN(tile11_direct), FN(tile12_direct),
#endif
    },
    .narrowTiles = {NULL, FN(tile1_narrow), FN(tile2_narrow), FN(tile3_narrow),
                    FN(tile4_narrow),
#if CK_MR >= 6
                    FN(tile5_narrow), FN(tile6_narrow),
#endif
#if CK_MR >= 8
                    FN(tile7_narrow), FN(tile8_narrow),
#endif
#if CK_MR >= 12
                    FN(tile9_narrow), FN(tile10_narrow), FN(tile11_narrow), FN(tile12_narrow),
#endif
    },
    .width = CK_W,
    .add_scaled = FN(add_scaled),
    .pack_a = FN(pack_a),
    .pack_b = FN(pack_b),
    .mr = CK_MR,
    .nr = NR,
};

#undef NR
#include "simd_template_end.h"
