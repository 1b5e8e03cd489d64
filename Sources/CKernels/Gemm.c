// The engine's matrix product, C = op(A) op(B) + beta C, with every element of C computed
// the same way in every path (see Tensors/MatrixKernels.swift for the definition and the
// readable reference):
//
//     s = 0
//     for p = 0, 1, ..., k-1:  s = fma(op(A)[i][p], op(B)[p][j], s)
//     C[i][j] = s                       when beta = 0 (C is not read)
//     C[i][j] = fma(beta, C[i][j], s)   otherwise (for beta = 1: s + C[i][j])
//
// The driver is the classic blocked one (Goto and van de Geijn's; BLIS's five loops):
// B is copied ("packed") a block of KC x NC at a time into panels NR columns wide, A a
// block of MC x KC at a time into panels MR rows high, and the kernel of gemm_template.h
// runs one MR x NR tile of C through KC steps. Between blocks of k a tile's running sums
// wait in C itself (a float stored and loaded back is the same float), so blocking never
// changes the order of the fused multiply-adds; when beta C is to be added and k needs
// more than one block, C's values are set aside first and added at the end. Threads are
// the caller's: Swift splits C into column or row blocks and calls this once per block.

#include "paths.h"

#include <stdlib.h>
#include <string.h>

// MARK: - One kernel per path

#define CK_TEMPLATE "gemm_template.h"
#include "each_path.h"

static const ck_gemm_kernel *kernel_for(ck_path path) {
  if (!ck_path_is_available(path)) return &gemm_kernel_scalar;
  switch (path) {
#ifdef CK_X86
  case CK_PATH_SCALAR:
    return ck_cpu_has_fma() ? &gemm_kernel_scalarfma : &gemm_kernel_scalar;
  case CK_PATH_AVX2:
    return &gemm_kernel_avx2;
  case CK_PATH_AVX512:
    return &gemm_kernel_avx512;
  case CK_PATH_W4_ON_AVX2:
    return &gemm_kernel_w4;
  case CK_PATH_W16_ON_AVX2:
    return &gemm_kernel_w16;
#endif
#ifdef CK_ARM64
  case CK_PATH_NEON:
    return &gemm_kernel_neon;
#endif
  default:
    return &gemm_kernel_scalar;
  }
}

// MARK: - Block sizes

/// Steps of k per block, at most: a kernel's panel of B (NR by KC floats, 24 KiB in the
/// AVX2 path) stays in the first-level cache while the panels of A stream past it.
enum { KC = 384 };

/// Rows of A per block (about 128 at most, a multiple of MR; the blocks of m rows as even
/// as that allows): the packed block of A stays in the second-level cache while the
/// kernel sweeps the panels of B.
static ptrdiff_t block_rows(ptrdiff_t m, int mr) {
  ptrdiff_t most = (128 + mr - 1) / mr * mr, blocks = (m + most - 1) / most;
  return ((m + blocks - 1) / blocks + mr - 1) / mr * mr;
}

/// Steps of k per block: at most KC, the blocks of k as even as possible.
static ptrdiff_t block_depth(ptrdiff_t k) {
  ptrdiff_t blocks = (k + KC - 1) / KC;
  return (k + blocks - 1) / blocks;
}

/// Columns of B per block (a multiple of NR): the packed block of B, KC x NC, stays in
/// the last-level cache.
static ptrdiff_t block_columns(int nr) { return 2048 / nr * nr; }

// MARK: - Scratch memory

/// Each thread's packing buffers, kept between calls (a training step makes the same
/// products again and again).
static _Thread_local float *scratch;
static _Thread_local size_t scratchFloats;

static float *scratch_of(size_t floats) {
  if (floats > scratchFloats) {
    free(scratch);
    size_t bytes = (floats * sizeof(float) + 63) / 64 * 64;
    scratch = aligned_alloc(64, bytes);
    scratchFloats = scratch ? floats : 0;
  }
  return scratch;
}

// MARK: - The driver

/// C = op(A) op(B) + beta C with C(i, j) at c[i * rsc + j * csc]: rows apart by `rsc` and
/// columns by `csc` (1, or C transposed when the caller computes C^T = op(B)^T op(A)^T).
static int gemm(const ck_gemm_kernel *kernel, int transposeA, int transposeB, ptrdiff_t m,
                ptrdiff_t n, ptrdiff_t k, const float *a, ptrdiff_t lda, const float *b,
                ptrdiff_t ldb, float beta, float *c, ptrdiff_t rsc, ptrdiff_t csc) {
  // When the chains span several blocks of k, C holds their partial sums between blocks:
  // beta's C is set aside, to be added when the chains end.
  float *old = NULL;
  if (beta != 0 && k > KC) {
    old = malloc((size_t)(m * n) * sizeof(float));
    if (old == NULL) return -1;
    for (ptrdiff_t i = 0; i < m; i++)
      for (ptrdiff_t j = 0; j < n; j++) old[i * n + j] = c[i * rsc + j * csc];
  }
  const int mr = kernel->mr, nr = kernel->nr;
  const ptrdiff_t MC = block_rows(m, mr), NC = block_columns(nr), KB = block_depth(k);
  float *packedA = scratch_of((size_t)(MC * KB + (NC + nr) * KB));
  if (packedA == NULL) {
    free(old);
    return -1;
  }
  float *packedB = packedA + MC * KB;
  float tile[16 * 32];  // an edge tile, MR x NR at most 16 x 32

  for (ptrdiff_t jc = 0; jc < n; jc += NC) {
    ptrdiff_t nc = n - jc < NC ? n - jc : NC;
    for (ptrdiff_t pc = 0; pc < k; pc += KB) {
      ptrdiff_t kc = k - pc < KB ? k - pc : KB;
      int mode = pc > 0 ? CK_TILE_CONTINUE
                 : (beta != 0 && kc == k) ? CK_TILE_ADD_BETA_C
                                          : CK_TILE_FROM_ZERO;
      kernel->pack_b(b, ldb, transposeB, pc, kc, jc, nc, packedB);
      // A block that few panels of B reuse is read where it is instead of being copied
      // (the copy would cost as much as it saves): row r, step p of op(A) is at
      // a[r * ars + p * aps].
      const int direct = nc <= 4 * nr;
      const ptrdiff_t ars = direct ? (transposeA ? 1 : lda) : 1;
      const ptrdiff_t aps = direct ? (transposeA ? lda : 1) : mr;
      for (ptrdiff_t ic = 0; ic < m; ic += MC) {
        ptrdiff_t mc = m - ic < MC ? m - ic : MC;
        if (!direct) kernel->pack_a(a, lda, transposeA, ic, mc, pc, kc, packedA);
        for (ptrdiff_t jr = 0; jr < nc; jr += nr) {
          ptrdiff_t columns = nc - jr < nr ? nc - jr : nr;
          const float *panelB = packedB + jr * kc;
          for (ptrdiff_t ir = 0; ir < mc; ir += mr) {
            ptrdiff_t rows = mc - ir < mr ? mc - ir : mr;
            const float *panelA = !direct ? packedA + ir * kc
                                  : transposeA ? a + pc * lda + ic + ir
                                               : a + (ic + ir) * lda + pc;
            float *cij = c + (ic + ir) * rsc + (jc + jr) * csc;
            // A panel of one vector's width computes just that (its A read where it is).
            const int narrow = columns <= kernel->width;
            ck_tile_function run = narrow   ? kernel->narrowTiles[rows]
                                   : direct ? kernel->directTiles[rows]
                                            : kernel->tiles[rows];
            const ptrdiff_t rs = narrow && !direct ? 1 : ars, ps = narrow && !direct ? mr : aps;
            if (ir + mr < mc) {  // bring the next tile's rows of C into the cache meanwhile
              const float *next = cij + mr * rsc;
              for (int r = 0; r < mr; r++) {
                __builtin_prefetch(next + r * rsc, 1);
                __builtin_prefetch(next + r * rsc + (nr - 1) * csc, 1);
              }
            }
            if ((columns == nr || columns == kernel->width) && csc == 1) {
              run(kc, panelA, rs, ps, panelB, cij, rsc, mode, beta);
              continue;
            }
            // The last columns, or a transposed C: run the tile on a copy, keep its part.
            for (ptrdiff_t r = 0; r < rows; r++)
              for (ptrdiff_t j = 0; j < nr; j++)
                tile[r * nr + j] =
                    (mode != CK_TILE_FROM_ZERO && j < columns) ? cij[r * rsc + j * csc] : 0;
            run(kc, panelA, rs, ps, panelB, tile, nr, mode, beta);
            for (ptrdiff_t r = 0; r < rows; r++)
              for (ptrdiff_t j = 0; j < columns; j++) cij[r * rsc + j * csc] = tile[r * nr + j];
          }
        }
      }
    }
  }
  if (old != NULL) {  // the chains have ended: add beta's C
    for (ptrdiff_t i = 0; i < m; i++) {
      if (csc == 1) {
        kernel->add_scaled(n, beta, old + i * n, c + i * rsc);
      } else {
        for (ptrdiff_t j = 0; j < n; j++)
          c[i * rsc + j * csc] = __builtin_fmaf(beta, old[i * n + j], c[i * rsc + j * csc]);
      }
    }
    free(old);
  }
  return 0;
}

int ck_sgemm(ck_path path, int transposeA, int transposeB, ptrdiff_t m, ptrdiff_t n,
             ptrdiff_t k, const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb,
             float beta, float *c, ptrdiff_t ldc) {
  if (m <= 0 || n <= 0) return 0;
  if (k <= 0) {  // an empty sum: C = beta C, or zeros
    for (ptrdiff_t i = 0; i < m; i++)
      for (ptrdiff_t j = 0; j < n; j++)
        c[i * ldc + j] = beta == 0 ? 0 : __builtin_fmaf(beta, c[i * ldc + j], 0.0f);
    return 0;
  }
  const ck_gemm_kernel *kernel = kernel_for(path);
  // A C narrower than one vector (a layer with one or a few outputs) would waste most of
  // every tile's columns: compute C^T = op(B)^T op(A)^T instead, whose rows are C's few
  // columns. Each element is the same chain (fma(b, a, s) is fma(a, b, s)).
  if (n < kernel->width && m > n)
    return gemm(kernel, !transposeB, !transposeA, n, m, k, b, ldb, a, lda, beta, c, 1, ldc);
  return gemm(kernel, transposeA, transposeB, m, n, k, a, lda, b, ldb, beta, c, ldc, 1);
}

int ck_gemm_tile_shape(ck_path path, int *mr, int *nr) {
  const ck_gemm_kernel *kernel = kernel_for(path);
  *mr = kernel->mr;
  *nr = kernel->nr;
  return 0;
}
