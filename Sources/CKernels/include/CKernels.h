// CKernels: the few inner loops that Swift cannot express at full speed, in plain C with
// hand-vectorised versions chosen once at run time. Each kernel has a readable Swift
// reference beside its caller, and a test holds the two bit-for-bit equal. Also the
// allocator for tensor buffers, which needs the kernel's huge pages.

#ifndef CKERNELS_H
#define CKERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The Adam update of one parameter, n coordinates, in place (see NN/Adam.swift):
///
///     g' = g[i] + l2 * w[i]
///     m[i] = beta1 * m[i] + (1 - beta1) * g'
///     v[i] = beta2 * v[i] + (1 - beta2) * g' * g'
///     w[i] = shrink * w[i] - stepSize * m[i] / (sqrt(v[i]) * c + epsilon)
///
/// Every coordinate goes through exactly these operations in this order (no fused
/// multiply-add), so the result is the same to the bit whichever version runs: 16-wide
/// AVX-512 or 8-wide AVX when the processor has it, otherwise plain C.
void ck_adam_update(float *w, const float *g, float *m, float *v, ptrdiff_t n, float beta1,
                    float beta2, float l2, float shrink, float stepSize, float c,
                    float epsilon);

/// The plain C version of `ck_adam_update`, whatever the processor (for tests).
void ck_adam_update_portable(float *w, const float *g, float *m, float *v, ptrdiff_t n,
                             float beta1, float beta2, float l2, float shrink,
                             float stepSize, float c, float epsilon);

/// `ck_adam_update` without the AVX-512 version: AVX when the processor has it, else plain
/// C (for tests, so both vector versions are checked on a processor with AVX-512).
void ck_adam_update_avx(float *w, const float *g, float *m, float *v, ptrdiff_t n,
                        float beta1, float beta2, float l2, float shrink, float stepSize,
                        float c, float epsilon);

/// A buffer of at least `bytes` bytes, aligned to 64, for a tensor's values or gradient
/// (see Memory.c); NULL only when memory is exhausted. Thread-safe.
void *ck_buffer_allocate(size_t bytes);

/// Gives back a buffer from `ck_buffer_allocate`, with the same `bytes`, for reuse.
void ck_buffer_free(void *p, size_t bytes);

#ifdef __cplusplus
}
#endif

#endif
