// CHNSW: a small C API over hnswlib (header-only C++, Debian libhnswlib-dev 0.6.2), so Swift
// can build and search a hierarchical navigable small-world graph (Malkov & Yashunin, 2018).
//
//   CHNSWIndex *index = chnsw_create(32, 1682, 16, 100);
//   for (int i = 0; i < 1682; i++) chnsw_add(index, vectors + 32 * i, i, levels[i]);
//   chnsw_set_ef(index, 40);
//   int labels[10]; float scores[10];
//   int found = chnsw_search(index, query, 10, labels, scores);
//   chnsw_free(index);
//
// Two things make every result the same on any machine, unlike hnswlib's own spaces:
// - the distance is minus the inner product, computed as one chain of fused multiply-adds
//   over the coordinates in order (the engine's matrix product computes the same chain),
//   never hnswlib's SSE/AVX/AVX-512 code, whose summation order depends on the processor;
// - each point's level in the hierarchy is given by the caller (drawn with the engine's
//   generator and logarithm), never hnswlib's std::default_random_engine and libm log,
//   whose values differ between C++ standard libraries.
// Points are inserted one at a time, on the calling thread.
// No C++ exception crosses this API: a failure returns -1 (or NULL).

#ifndef CHNSW_H
#define CHNSW_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An index of inner-product vectors.
typedef struct CHNSWIndex CHNSWIndex;

/// A new, empty index for up to `max_elements` vectors of `dimension` floats; `m` links per
/// node (2 m on the bottom layer) and a candidate list of `ef_construction` while inserting.
/// NULL on failure.
CHNSWIndex *chnsw_create(int dimension, int max_elements, int m, int ef_construction);

/// Inserts `vector` (copied) under `label`, in the layers 0 ... `level` of the hierarchy.
/// Returns 0, or -1 (full index, a label used twice, a negative level, out of memory).
int chnsw_add(CHNSWIndex *index, const float *vector, int label, int level);

/// The size of the candidate list while searching (at least k is used).
void chnsw_set_ef(CHNSWIndex *index, int ef);

/// The `k` labels with the largest inner product with `query` that the search finds, best
/// first, into `labels`, and their inner products into `scores`. Returns how many were
/// found (k unless the index holds fewer), or -1.
int chnsw_search(const CHNSWIndex *index, const float *query, int k, int *labels, float *scores);

/// Distance computations (inner products) made by searches since the last reset: the work
/// of a search, the same on every machine.
long chnsw_distance_computations(const CHNSWIndex *index);

/// Sets the count of distance computations back to 0.
void chnsw_reset_distance_computations(CHNSWIndex *index);

/// Whether the inner product runs on the processor's FMA instruction (else on the C
/// library's fmaf, which computes the same bits more slowly).
int chnsw_uses_fma_instruction(void);

/// Frees the index.
void chnsw_free(CHNSWIndex *index);

#ifdef __cplusplus
}
#endif

#endif
