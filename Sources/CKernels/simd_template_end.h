// Ends one instantiation of a kernel template (see simd_template.h).
#undef CK_W
#undef CK_MR
#undef CK_NV
#undef CK_SUFFIX
#undef CK_TARGET
#undef V
#undef I
#undef SPLAT
#undef ISPLAT
#undef FMA
#undef BITS
#undef FLOATS
#undef FN
#undef CK_CONCAT
#undef CK_CONCAT2
