// The vector vocabulary the kernel templates are written in (private to CKernels).
//
// A template file (gemm_template.h, elementary_template.h, adam_template.h) is included
// once per path, after defining
//
//     CK_W       floats per vector: 1, 4, 8 or 16
//     CK_SUFFIX  the suffix of every function it defines: scalar, w4, avx2, avx512, ...
//     CK_TARGET  the processor features the functions are compiled for, e.g.
//                __attribute__((target("avx2,fma"))), or nothing
//
// and written with clang's vector extensions: `V` holds CK_W floats, `I` CK_W 32-bit
// integers, and `+ - * /`, comparisons and `c ? a : b` work lane by lane. Every lane
// computes exactly what one scalar would (IEEE 754 rounds each operation correctly in
// every width, and `ck_fma` rounds once), which is why the paths agree to the bit.
//
// This file is included again by every instantiation: it undefines what it defined.

#ifndef CK_W
#error "define CK_W, CK_SUFFIX and CK_TARGET before including a kernel template"
#endif

#define CK_CONCAT2(a, b) a##_##b
#define CK_CONCAT(a, b) CK_CONCAT2(a, b)
/// `FN(name)` is `name_<suffix>`: one function per path.
#define FN(name) CK_CONCAT(name, CK_SUFFIX)
#define V FN(vf)
#define I FN(vi)

typedef float V __attribute__((ext_vector_type(CK_W)));
typedef int I __attribute__((ext_vector_type(CK_W)));

/// CK_W floats from `p`, any alignment.
CK_TARGET static inline V FN(load)(const float *p) {
  V v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}

/// Writes CK_W floats at `p`, any alignment.
CK_TARGET static inline void FN(store)(float *p, V v) { __builtin_memcpy(p, &v, sizeof v); }

/// The same value in every lane.
#define SPLAT(x) ((V)(float)(x))
#define ISPLAT(x) ((I)(int)(x))
/// a * b + c rounded once, in every lane.
#define FMA(a, b, c) __builtin_elementwise_fma((a), (b), (c))
/// The bits of a float vector as integers, and back (no conversion).
#define BITS(v) ((I)(v))
#define FLOATS(i) ((V)(i))
