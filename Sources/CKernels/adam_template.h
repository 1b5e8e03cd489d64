// Adam's update on CK_W coordinates at a time: one instantiation per path (see
// simd_template.h). The operations and their order are those of the Swift reference in
// NN/Adam.swift, with no fused multiply-add, so every path gives the same bits.

#include "simd_template.h"

/// One vector of coordinates, written exactly as the Swift reference.
CK_TARGET static inline void FN(adam_v)(V *w, V g, V *m, V *v, V b1, V b2, V l2, V shrink,
                                        V stepSize, V c, V eps) {
  V gi = g + l2 * *w;
  *m = b1 * *m + (SPLAT(1.0f) - b1) * gi;
  *v = b2 * *v + (SPLAT(1.0f) - b2) * gi * gi;
  *w = shrink * *w - stepSize * *m / (__builtin_elementwise_sqrt(*v) * c + eps);
}

/// The update of n coordinates in place; the last n % CK_W go through padded vectors.
CK_TARGET static void FN(adam_array)(float *w, const float *g, float *m, float *v,
                                     ptrdiff_t n, float b1, float b2, float l2, float shrink,
                                     float stepSize, float c, float eps) {
  V vb1 = SPLAT(b1), vb2 = SPLAT(b2), vl2 = SPLAT(l2), vshrink = SPLAT(shrink);
  V vstep = SPLAT(stepSize), vc = SPLAT(c), veps = SPLAT(eps);
  ptrdiff_t i = 0;
  for (; i + CK_W <= n; i += CK_W) {
    V wi = FN(load)(w + i), mi = FN(load)(m + i), vi = FN(load)(v + i);
    FN(adam_v)(&wi, FN(load)(g + i), &mi, &vi, vb1, vb2, vl2, vshrink, vstep, vc, veps);
    FN(store)(w + i, wi);
    FN(store)(m + i, mi);
    FN(store)(v + i, vi);
  }
  if (i < n) {
    float pw[CK_W] = {0}, pg[CK_W] = {0}, pm[CK_W] = {0}, pv[CK_W] = {0};
    for (ptrdiff_t j = 0; j < n - i; j++) {
      pw[j] = w[i + j];
      pg[j] = g[i + j];
      pm[j] = m[i + j];
      pv[j] = v[i + j];
    }
    V wi = FN(load)(pw), mi = FN(load)(pm), vi = FN(load)(pv);
    FN(adam_v)(&wi, FN(load)(pg), &mi, &vi, vb1, vb2, vl2, vshrink, vstep, vc, veps);
    FN(store)(pw, wi);
    FN(store)(pm, mi);
    FN(store)(pv, vi);
    for (ptrdiff_t j = 0; j < n - i; j++) {
      w[i + j] = pw[j];
      m[i + j] = pm[j];
      v[i + j] = pv[j];
    }
  }
}

#include "simd_template_end.h"
