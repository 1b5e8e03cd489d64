// A small pool of worker threads for the matrix product: `ck_sgemm_threaded` cuts C into
// blocks of whole tiles and each thread (the caller included) computes whole blocks, so no
// element of C is ever shared between threads and the result is the same on any number.
//
// Why not Dispatch's concurrentPerform: after a pause its worker threads wake late, and the
// calling thread then computed both halves of a product itself. Why not spin like OpenBLAS:
// spinning workers take a core from whatever runs next. Here a worker spins for a short
// while (50,000 pause instructions, about a millisecond) after its last block (the next
// product of a training step usually comes
// sooner), then sleeps on a condition variable; the caller likewise spins a while for the
// other blocks before it sleeps.

#include "paths.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

enum { MaxThreads = 64 };

typedef struct {
  ck_path path;
  int transposeA, transposeB, splitColumns;
  ptrdiff_t m, n, k, lda, ldb, ldc, step, parts;
  const float *a, *b;
  float beta;
  float *c;
} product;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_cond_t finished = PTHREAD_COND_INITIALIZER;
static int workers;         // threads started so far
static product job;         // the product being computed (written and read under `lock`)
/// The product's number (high 32 bits) and the next block to take (low 32 bits), in one
/// word: a thread that took part in an earlier product can never take a block of this one.
static _Atomic uint64_t counter;
static _Atomic ptrdiff_t partsDone;  // blocks of the current product finished
static _Atomic int failures;         // blocks that could not allocate their buffers

/// Computes block `part` of the current product.
static void run_part(const product *p, ptrdiff_t part) {
  ptrdiff_t start = part * p->step;
  ptrdiff_t length = p->splitColumns ? p->n : p->m;
  ptrdiff_t size = length - start < p->step ? length - start : p->step;
  int status;
  if (p->splitColumns) {  // C[:, start ..< start+size] = op(A) op(B)[:, start ..< start+size]
    const float *b = p->transposeB ? p->b + start * p->ldb : p->b + start;
    status = ck_sgemm(p->path, p->transposeA, p->transposeB, p->m, size, p->k, p->a, p->lda, b,
                      p->ldb, p->beta, p->c + start, p->ldc);
  } else {  // C[start ..< start+size, :] = op(A)[start ..< start+size, :] op(B)
    const float *a = p->transposeA ? p->a + start : p->a + start * p->lda;
    status = ck_sgemm(p->path, p->transposeA, p->transposeB, size, p->n, p->k, a, p->lda, p->b,
                      p->ldb, p->beta, p->c + start * p->ldc, p->ldc);
  }
  if (status != 0) atomic_fetch_add(&failures, 1);
}

/// Takes blocks of product number `generation` until none is left.
static void take_parts(const product *p, uint64_t generation) {
  for (;;) {
    uint64_t now = atomic_load(&counter);
    if (now >> 32 != generation || (ptrdiff_t)(now & 0xffffffff) >= p->parts) return;
    if (!atomic_compare_exchange_weak(&counter, &now, now + 1)) continue;
    run_part(p, (ptrdiff_t)(now & 0xffffffff));
    if (atomic_fetch_add(&partsDone, 1) + 1 == p->parts) {
      pthread_mutex_lock(&lock);
      pthread_cond_broadcast(&finished);
      pthread_mutex_unlock(&lock);
    }
  }
}

static void *worker(void *unused) {
  (void)unused;
  uint64_t seen = atomic_load(&counter) >> 32;
  for (;;) {
    // Spin briefly for the next product, then sleep until one comes.
    for (int spin = 0; spin < 50000 && atomic_load(&counter) >> 32 == seen; spin++) {
#if defined(__x86_64__)
      __builtin_ia32_pause();
#endif
    }
    pthread_mutex_lock(&lock);
    while (atomic_load(&counter) >> 32 == seen) pthread_cond_wait(&wake, &lock);
    product p = job;
    seen = atomic_load(&counter) >> 32;
    pthread_mutex_unlock(&lock);
    take_parts(&p, seen);
  }
  return NULL;
}

int ck_sgemm_threaded(ck_path path, int threads, int transposeA, int transposeB, ptrdiff_t m,
                      ptrdiff_t n, ptrdiff_t k, const float *a, ptrdiff_t lda, const float *b,
                      ptrdiff_t ldb, float beta, float *c, ptrdiff_t ldc) {
  static pthread_mutex_t oneProduct = PTHREAD_MUTEX_INITIALIZER;
  if (threads > MaxThreads) threads = MaxThreads;
  int mr, nr;
  ck_gemm_tile_shape(path, &mr, &nr);
  // Rows of C, or columns when C is wider than tall: each thread copies ("packs") all of
  // the matrix it does not split, so the split goes along the longer side.
  int splitColumns = n > m;
  ptrdiff_t length = splitColumns ? n : m, tile = splitColumns ? nr : mr;
  ptrdiff_t step = ((length + threads - 1) / threads + tile - 1) / tile * tile;
  ptrdiff_t parts = (length + step - 1) / step;
  if (threads <= 1 || parts <= 1 || pthread_mutex_trylock(&oneProduct) != 0) {
    // One thread, or another thread's product already has the pool: compute it here.
    return ck_sgemm(path, transposeA, transposeB, m, n, k, a, lda, b, ldb, beta, c, ldc);
  }
  pthread_mutex_lock(&lock);
  while (workers < threads - 1) {
    pthread_t thread;
    if (pthread_create(&thread, NULL, worker, NULL) != 0) break;
    pthread_detach(thread);
    workers++;
  }
  job = (product){path, transposeA, transposeB, splitColumns, m, n, k, lda, ldb, ldc, step, parts,
                  a, b, beta, c};
  atomic_store(&partsDone, 0);
  atomic_store(&failures, 0);
  uint64_t generation = (atomic_load(&counter) >> 32) + 1;
  atomic_store(&counter, generation << 32);
  pthread_cond_broadcast(&wake);
  product p = job;
  pthread_mutex_unlock(&lock);
  take_parts(&p, generation);
  // Wait for the other blocks: spinning first, since sleeping and being woken again costs
  // more than a block takes (tens of microseconds on a virtual machine).
  for (int spin = 0; spin < 100000 && atomic_load(&partsDone) < parts; spin++) {
#if defined(__x86_64__)
    __builtin_ia32_pause();
#endif
  }
  pthread_mutex_lock(&lock);
  while (atomic_load(&partsDone) < parts) pthread_cond_wait(&finished, &lock);
  pthread_mutex_unlock(&lock);
  int status = atomic_load(&failures) == 0 ? 0 : -1;
  pthread_mutex_unlock(&oneProduct);
  return status;
}
