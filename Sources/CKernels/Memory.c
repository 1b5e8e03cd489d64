// How the C allocator treats the memory a training step frees (see Tensors/Tensor.swift).

#include "CKernels.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void ck_keep_freed_memory(void) {
#if defined(__GLIBC__)
  // glibc hands freed memory at the top of its heap back to the kernel once more than
  // 128 KiB are free (M_TRIM_THRESHOLD), and serves requests over 128 KiB with mmap
  // (M_MMAP_THRESHOLD). A training step frees all of its buffers at its end, so both
  // would give the next step fresh pages, each a page fault and a page of zeros. Keep up
  // to 1 GiB of freed heap for reuse, and serve requests up to 32 MiB from the heap.
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
}
