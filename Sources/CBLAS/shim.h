// OpenBLAS's C interface: cblas_sgemm and friends.
#include <cblas.h>
