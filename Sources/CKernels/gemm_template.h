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

/// One tile: C[0..<MR, 0..<NR] (rows `ldc` apart) goes through `kc` more steps of its
/// chains. `mode` says where the chains start and what is stored (ck_tile_mode in
/// paths.h): from zero, or from the partial sums C holds; and either the sums, or
/// fma(beta, C, sum) when this block ends the chains and C holds beta's matrix. `a` is
/// packed MR floats per step, `b` NR floats per step (Gemm.c's `pack_a`, `pack_b`).
CK_TARGET static void FN(gemm_tile)(ptrdiff_t kc, const float *restrict a,
                                    const float *restrict b, float *restrict c, ptrdiff_t ldc,
                                    int mode, float beta) {
  V acc[CK_MR][CK_NV];
#pragma clang loop unroll(full)
  for (int r = 0; r < CK_MR; r++)
#pragma clang loop unroll(full)
    for (int v = 0; v < CK_NV; v++)
      acc[r][v] = mode == CK_TILE_CONTINUE ? FN(load)(c + r * ldc + v * CK_W) : SPLAT(0.0f);
  for (ptrdiff_t p = 0; p < kc; p++) {
    V bv[CK_NV];
#pragma clang loop unroll(full)
    for (int v = 0; v < CK_NV; v++) bv[v] = FN(load)(b + v * CK_W);
#pragma clang loop unroll(full)
    for (int r = 0; r < CK_MR; r++) {
      V ar = SPLAT(a[r]);
#pragma clang loop unroll(full)
      for (int v = 0; v < CK_NV; v++) acc[r][v] = FMA(ar, bv[v], acc[r][v]);
    }
    a += CK_MR;
    b += NR;
  }
  if (mode == CK_TILE_ADD_BETA_C) {
#pragma clang loop unroll(full)
    for (int r = 0; r < CK_MR; r++)
#pragma clang loop unroll(full)
      for (int v = 0; v < CK_NV; v++)
        acc[r][v] = FMA(SPLAT(beta), FN(load)(c + r * ldc + v * CK_W), acc[r][v]);
  }
#pragma clang loop unroll(full)
  for (int r = 0; r < CK_MR; r++)
#pragma clang loop unroll(full)
    for (int v = 0; v < CK_NV; v++) FN(store)(c + r * ldc + v * CK_W, acc[r][v]);
}

/// This path's kernel and tile shape, for Gemm.c's driver.
static const ck_gemm_kernel FN(gemm_kernel) = {FN(gemm_tile), CK_MR, NR};

#undef NR
#undef CK_MR
#undef CK_NV
#include "simd_template_end.h"
