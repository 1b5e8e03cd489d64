// CHNSW: the C API of include/CHNSW.h over hnswlib's HierarchicalNSW. See the header for why
// the distance and the levels are our own.

// hnswlib's own SIMD distances (and its CPU detection) are switched off: ours is below.
#define NO_MANUAL_VECTORIZATION
#include "CHNSW.h"

#include <hnswlib/hnswlib.h>

#include <cmath>
#include <new>

// No contraction of a * b + c into an FMA behind our back: the chain below says where the
// fused multiply-adds are, and nothing else may be fused (arm64 compilers otherwise would).
#pragma STDC FP_CONTRACT OFF

namespace {

/// What the distance function reads: the dimension, and a counter of its calls.
struct DistanceParameters {
  size_t dimension;
  mutable long computations;
};

/// s = 0; s = fma(a[p], b[p], s) for p = 0, 1, ...: the engine's order, one rounding a step.
template <typename FMA>
inline float innerProduct(const float *a, const float *b, size_t n, FMA fma) {
  float s = 0;
  for (size_t p = 0; p < n; p++) s = fma(a[p], b[p], s);
  return s;
}

#if defined(__x86_64__) || defined(__i386__)
__attribute__((target("fma"))) float innerProductFMAInstruction(const float *a, const float *b,
                                                                size_t n) {
  return innerProduct(a, b, n, [](float x, float y, float z) { return __builtin_fmaf(x, y, z); });
}
const bool hasFMAInstruction = __builtin_cpu_supports("fma");
#else
float innerProductFMAInstruction(const float *a, const float *b, size_t n) {
  return innerProduct(a, b, n, [](float x, float y, float z) { return std::fmaf(x, y, z); });
}
const bool hasFMAInstruction = true;  // arm64: fmaf is the instruction
#endif

float innerProductLibrary(const float *a, const float *b, size_t n) {
  return innerProduct(a, b, n, [](float x, float y, float z) { return std::fmaf(x, y, z); });
}

/// Minus the inner product: hnswlib keeps the smallest distances.
float negativeInnerProduct(const void *a, const void *b, const void *parameters) {
  const DistanceParameters *p = static_cast<const DistanceParameters *>(parameters);
  p->computations++;
  const float *x = static_cast<const float *>(a);
  const float *y = static_cast<const float *>(b);
  float s = hasFMAInstruction ? innerProductFMAInstruction(x, y, p->dimension)
                              : innerProductLibrary(x, y, p->dimension);
  return -s;
}

/// hnswlib's space interface with the distance above.
class FixedOrderInnerProductSpace : public hnswlib::SpaceInterface<float> {
 public:
  explicit FixedOrderInnerProductSpace(size_t dimension) : parameters_{dimension, 0} {}
  size_t get_data_size() override { return parameters_.dimension * sizeof(float); }
  hnswlib::DISTFUNC<float> get_dist_func() override { return negativeInnerProduct; }
  void *get_dist_func_param() override { return &parameters_; }
  DistanceParameters parameters_;
};

}  // namespace

struct CHNSWIndex {
  FixedOrderInnerProductSpace space;
  hnswlib::HierarchicalNSW<float> graph;
  CHNSWIndex(int dimension, int maxElements, int m, int efConstruction)
      : space(static_cast<size_t>(dimension)),
        graph(&space, static_cast<size_t>(maxElements), static_cast<size_t>(m),
              static_cast<size_t>(efConstruction)) {
    // addPoint(data, label, level) uses `level` only when it is positive; for level 0 it
    // draws one, (int)(-log(u) * mult_) with u in [0, 1) from std::default_random_engine.
    // With mult_ = 0 that draw is always 0, as long as u is never 0 (where 0 * infinity is
    // NaN): libstdc++ and libc++ both make u from two draws of a minimal-standard generator,
    // and u = 0 needs both draws to be 1, which that generator cannot give twice in a row.
    // So every level is the caller's.
    graph.mult_ = 0;
  }
};

extern "C" {

CHNSWIndex *chnsw_create(int dimension, int max_elements, int m, int ef_construction) {
  if (dimension <= 0 || max_elements <= 0 || m < 2 || ef_construction <= 0) return nullptr;
  try {
    return new CHNSWIndex(dimension, max_elements, m, ef_construction);
  } catch (...) {
    return nullptr;
  }
}

int chnsw_add(CHNSWIndex *index, const float *vector, int label, int level) {
  if (index == nullptr || vector == nullptr || label < 0 || level < 0) return -1;
  try {
    if (index->graph.label_lookup_.count(static_cast<hnswlib::labeltype>(label)) != 0) return -1;
    index->graph.addPoint(vector, static_cast<hnswlib::labeltype>(label), level);
    return 0;
  } catch (...) {
    return -1;
  }
}

void chnsw_set_ef(CHNSWIndex *index, int ef) {
  if (index != nullptr && ef > 0) index->graph.setEf(static_cast<size_t>(ef));
}

int chnsw_search(const CHNSWIndex *index, const float *query, int k, int *labels, float *scores) {
  if (index == nullptr || query == nullptr || k <= 0 || labels == nullptr || scores == nullptr)
    return -1;
  try {
    // The queue pops the farthest first: fill the output from its end.
    auto found = index->graph.searchKnn(query, static_cast<size_t>(k));
    int count = static_cast<int>(found.size());
    for (int r = count - 1; r >= 0; r--) {
      labels[r] = static_cast<int>(found.top().second);
      scores[r] = -found.top().first;
      found.pop();
    }
    return count;
  } catch (...) {
    return -1;
  }
}

long chnsw_distance_computations(const CHNSWIndex *index) {
  return index == nullptr ? 0 : index->space.parameters_.computations;
}

void chnsw_reset_distance_computations(CHNSWIndex *index) {
  if (index != nullptr) index->space.parameters_.computations = 0;
}

int chnsw_uses_fma_instruction(void) { return hasFMAInstruction ? 1 : 0; }

void chnsw_free(CHNSWIndex *index) { delete index; }

}  // extern "C"
