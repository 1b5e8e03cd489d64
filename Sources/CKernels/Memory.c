// Where tensor buffers live: a small recycling allocator over memory backed by huge pages.
// Why it exists is in Tensors/Tensor.swift ("Memory"); the rules are short:
//
// - A buffer's size is rounded up to a multiple of 64 bytes, its "size class". A freed
//   buffer goes onto its class's free list and the next request of that class takes it
//   back (last freed, first reused). A training step asks for the same sizes every step,
//   so after the first step nothing new is needed.
// - New buffers are cut, one after another, from 64 MiB regions mapped from the kernel and
//   marked MADV_HUGEPAGE, so the kernel backs them with 2 MiB pages where it can.
// - Memory is never given back to the kernel; a program's footprint is its peak.
// - Buffers over 16 MiB, and every buffer where huge pages do not exist (not Linux), come
//   from posix_memalign and go back to free.

#include "CKernels.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__linux__)
#include <sys/mman.h>
#endif

enum {
  Alignment = 64,             /* a cache line, and one AVX-512 register */
  SizeClassCount = 4096,      /* distinct sizes one program may use (open addressing) */
  RegionLimit = 1024,         /* regions of RegionBytes: 64 GiB in all */
};
static const size_t RegionBytes = (size_t)64 << 20;
static const size_t HugePageBytes = (size_t)2 << 20;
static const size_t LargestPooled = (size_t)16 << 20;

typedef struct FreeBuffer {
  struct FreeBuffer *next;
} FreeBuffer;

typedef struct {
  size_t size;      /* 0: the slot is empty */
  FreeBuffer *free; /* freed buffers of this size, last freed first */
} SizeClass;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static SizeClass classes[SizeClassCount];
static char *regions[RegionLimit];
static int regionCount;
static char *next, *end; /* the unused rest of the newest region */

static size_t rounded(size_t bytes) {
  return ((bytes ? bytes : 1) + Alignment - 1) & ~(size_t)(Alignment - 1);
}

/// The class of `size` (a multiple of 64), added if new; NULL when the table is full.
static SizeClass *sizeClass(size_t size) {
  size_t slot = (size / Alignment) * 2654435761u % SizeClassCount;
  for (int probe = 0; probe < SizeClassCount; probe++) {
    SizeClass *c = &classes[slot];
    if (c->size == size) return c;
    if (c->size == 0) {
      c->size = size;
      return c;
    }
    slot = (slot + 1) % SizeClassCount;
  }
  return NULL;
}

/// Maps a new region, aligned to a huge page; 0 when there is none to be had.
static int mapRegion(void) {
#if defined(__linux__)
  if (regionCount == RegionLimit) return 0;
  char *p = mmap(NULL, RegionBytes + HugePageBytes, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return 0;
  char *aligned = (char *)(((uintptr_t)p + HugePageBytes - 1) & ~(uintptr_t)(HugePageBytes - 1));
#if defined(MADV_HUGEPAGE)
  madvise(aligned, RegionBytes, MADV_HUGEPAGE);
#endif
  regions[regionCount++] = aligned;
  next = aligned;
  end = aligned + RegionBytes;
  return 1;
#else
  return 0;
#endif
}

static int isPooled(const char *p) {
  for (int i = 0; i < regionCount; i++)
    if (p >= regions[i] && p < regions[i] + RegionBytes) return 1;
  return 0;
}

void *ck_buffer_allocate(size_t bytes) {
  size_t size = rounded(bytes);
  void *p = NULL;
  if (size <= LargestPooled) {
    pthread_mutex_lock(&lock);
    SizeClass *c = sizeClass(size);
    if (c && c->free) {
      p = c->free;
      c->free = c->free->next;
    } else if (c && ((next && (size_t)(end - next) >= size) || mapRegion())) {
      p = next;
      next += size;
    }
    pthread_mutex_unlock(&lock);
  }
  if (!p && posix_memalign(&p, Alignment, size) != 0) p = NULL;
  return p;
}

void ck_buffer_free(void *p, size_t bytes) {
  if (!p) return;
  size_t size = rounded(bytes);
  if (size <= LargestPooled) {
    pthread_mutex_lock(&lock);
    int pooled = isPooled(p);
    if (pooled) {
      SizeClass *c = sizeClass(size); /* exists: the buffer was cut for this class */
      FreeBuffer *f = p;
      f->next = c->free;
      c->free = f;
    }
    pthread_mutex_unlock(&lock);
    if (pooled) return;
  }
  free(p);
}
