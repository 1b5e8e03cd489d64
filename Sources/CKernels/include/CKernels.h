// CKernels: the inner loops that Swift cannot express at full speed, in C, each in one
// version per vector width ("path": scalar, NEON, AVX2, AVX-512) chosen once at run time.
// Every path computes the same bits, so results never depend on the processor; each
// kernel has a readable Swift reference beside its caller, and tests hold every path
// bit-for-bit equal to it. Also the allocator for tensor buffers.

#ifndef CKERNELS_H
#define CKERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: - Paths

/// The versions ("paths") every kernel below comes in, by vector width. They compute the
/// same bits: each lane does what one scalar does, in the same order (see Paths.c).
typedef enum ck_path {
  CK_PATH_SCALAR = 0,      /// one float at a time, plain C (every processor)
  CK_PATH_NEON = 1,        /// 4 floats, arm64 NEON
  CK_PATH_AVX2 = 2,        /// 8 floats, x86-64 AVX2 with FMA
  CK_PATH_AVX512 = 3,      /// 16 floats, x86-64 AVX-512F
  CK_PATH_W4_ON_AVX2 = 4,  /// the NEON path's 4-wide code, built for AVX2 (for tests)
  CK_PATH_W16_ON_AVX2 = 5, /// the AVX-512 path's 16-wide code, built for AVX2 (for tests)
  CK_PATH_COUNT = 6
} ck_path;

/// Whether this processor can run `path`.
int ck_path_is_available(ck_path path);
/// The path's name as MODERNRECSYS_SIMD spells it: scalar, neon, avx2, avx512, w4, w16.
const char *ck_path_name(ck_path path);
/// Floats per vector in `path`.
int ck_path_width(ck_path path);
/// The widest path this processor has.
ck_path ck_widest_path(void);
/// The path the engine uses: MODERNRECSYS_SIMD's when it names an available path, else
/// the widest. Chosen once, on first use.
ck_path ck_active_path(void);
/// Whether the processor has fused multiply-add instructions (always on arm64).
int ck_cpu_has_fma(void);

/// What became of MODERNRECSYS_SIMD.
typedef enum ck_simd_request_status {
  CK_SIMD_REQUEST_NONE = 0,        /// unset or empty: the widest path
  CK_SIMD_REQUEST_HONOURED = 1,    /// it named an available path, which is used
  CK_SIMD_REQUEST_UNKNOWN = 2,     /// it names no path (the widest is used)
  CK_SIMD_REQUEST_UNAVAILABLE = 3  /// it names a path this processor lacks (the widest is used)
} ck_simd_request_status;
ck_simd_request_status ck_simd_request(void);

// MARK: - Matrix product

/// C = op(A) op(B) + beta C in `path`, row-major, op(X) = X or X^T; op(A) is (m, k), op(B)
/// (k, n), C (m, n); lda, ldb, ldc are the stored row lengths. Each element of C is
///
///     s = 0;  for p = 0 ..< k:  s = fma(op(A)[i][p], op(B)[p][j], s)
///     C[i][j] = beta == 0 ? s : fma(beta, C[i][j], s)      (C not read when beta = 0)
///
/// in that order in every path (Gemm.c). Single-threaded; 0 on success, -1 when memory
/// for the packing buffers cannot be allocated.
int ck_sgemm(ck_path path, int transposeA, int transposeB, ptrdiff_t m, ptrdiff_t n,
             ptrdiff_t k, const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb,
             float beta, float *c, ptrdiff_t ldc);

/// `ck_sgemm` on up to `threads` threads (a pool kept between calls, the caller one of
/// them), each computing whole blocks of rows or columns of C: the same bits as one thread.
int ck_sgemm_threaded(ck_path path, int threads, int transposeA, int transposeB, ptrdiff_t m,
                      ptrdiff_t n, ptrdiff_t k, const float *a, ptrdiff_t lda, const float *b,
                      ptrdiff_t ldb, float beta, float *c, ptrdiff_t ldc);

/// The tile of C the path's kernel computes at once: mr rows by nr columns.
int ck_gemm_tile_shape(ck_path path, int *mr, int *nr);

// MARK: - Elementary functions

/// The element-wise functions of Elementary.c (Tensors/Elementary.swift states the math).
typedef enum ck_function {
  CK_EXP = 0,
  CK_EXPM1 = 1,
  CK_LOG = 2,
  CK_LOG1P = 3,
  CK_TANH = 4,
  CK_SIGMOID = 5,
  CK_SOFTPLUS = 6,
  CK_LOGSIGMOID = 7,
  CK_FUNCTION_COUNT = 8
} ck_function;

/// y[i] = f(x[i]) for i in 0..<n, in `path`; `y` may be `x`.
void ck_elementary(ck_path path, ck_function f, const float *x, float *y, ptrdiff_t n);

/// f(x) for one float, in the active path.
float ck_elementary1(ck_function f, float x);

// MARK: - Adam

/// The Adam update of one parameter, n coordinates, in place, in `path` (see NN/Adam.swift):
///
///     g' = g[i] + l2 * w[i]
///     m[i] = beta1 * m[i] + (1 - beta1) * g'
///     v[i] = beta2 * v[i] + (1 - beta2) * g' * g'
///     w[i] = shrink * w[i] - stepSize * m[i] / (sqrt(v[i]) * c + epsilon)
///
/// Every coordinate goes through exactly these operations in this order (no fused
/// multiply-add), so the result is the same to the bit in every path.
void ck_adam_update(ck_path path, float *w, const float *g, float *m, float *v, ptrdiff_t n,
                    float beta1, float beta2, float l2, float shrink, float stepSize, float c,
                    float epsilon);

/// `ck_adam_update` on the rows `rows[0 ..< rowCount]` of (·, width) matrices only (lazy
/// Adam over an embedding table): each row, which is contiguous, by the same loop, so the
/// same bits as updating those rows one call at a time; the next rows are prefetched.
void ck_adam_update_rows(ck_path path, float *w, const float *g, float *m, float *v,
                         ptrdiff_t width, const ptrdiff_t *rows, ptrdiff_t rowCount, float beta1,
                         float beta2, float l2, float shrink, float stepSize, float c,
                         float epsilon);

// MARK: - Memory

/// A buffer of at least `bytes` bytes, aligned to 64, for a tensor's values or gradient
/// (see Memory.c); NULL only when memory is exhausted. Thread-safe.
void *ck_buffer_allocate(size_t bytes);

/// Gives back a buffer from `ck_buffer_allocate`, with the same `bytes`, for reuse.
void ck_buffer_free(void *p, size_t bytes);

#ifdef __cplusplus
}
#endif

#endif
