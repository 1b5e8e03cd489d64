// Includes the kernel template named by CK_TEMPLATE once for every path this compiler
// builds on this architecture (private to CKernels):
//
//     #define CK_TEMPLATE "elementary_template.h"
//     #include "each_path.h"
//
// Each inclusion sees CK_W (floats per vector), CK_SUFFIX (the functions' suffix),
// CK_TARGET (the processor features they are compiled for) and the matrix product's tile,
// CK_MR rows by CK_NV vectors. On x86-64 the 4- and 16-wide code is also built for AVX2
// (`w4`, `w16`), so that a machine without NEON or AVX-512 runs the code those run; and the
// one-float code is built twice, with and without the processor's FMA instruction (the
// same bits: without it, the C library's fmaf computes the same fused result, slowly).

#define CK_W 1
#define CK_MR 4
#define CK_NV 4
#define CK_SUFFIX scalar
#define CK_TARGET CK_NO_TARGET
#include CK_TEMPLATE

#ifdef CK_X86
#define CK_W 1
#define CK_MR 4
#define CK_NV 4
#define CK_SUFFIX scalarfma
#define CK_TARGET CK_TARGET_FMA
#include CK_TEMPLATE

#define CK_W 8
#define CK_MR 6
#define CK_NV 2
#define CK_SUFFIX avx2
#define CK_TARGET CK_TARGET_AVX2
#include CK_TEMPLATE

#define CK_W 16
#define CK_MR 12
#define CK_NV 2
#define CK_SUFFIX avx512
#define CK_TARGET CK_TARGET_AVX512
#include CK_TEMPLATE

#define CK_W 4
#define CK_MR 8
#define CK_NV 3
#define CK_SUFFIX w4
#define CK_TARGET CK_TARGET_AVX2
#include CK_TEMPLATE

#define CK_W 16
#define CK_MR 12
#define CK_NV 2
#define CK_SUFFIX w16
#define CK_TARGET CK_TARGET_AVX2
#include CK_TEMPLATE
#endif

#ifdef CK_ARM64
#define CK_W 4
#define CK_MR 8
#define CK_NV 3
#define CK_SUFFIX neon
#define CK_TARGET CK_NO_TARGET
#include CK_TEMPLATE
#endif

#undef CK_TEMPLATE
