/* rt_heap_sample.c - LINEPROF_MEMORY=sampled: heap memory estimated from a
 * sample of the allocations, as tcmalloc's and Go's heap profiles are.
 * Each thread counts down the bytes it allocates; the allocation that
 * crosses zero is sampled, and the next countdown is drawn from an
 * exponential distribution of mean LINEPROF_MEMORY_RATE bytes, so that
 * every byte has the same chance 1/rate of being the one sampled and no
 * allocation pattern lines up with the samples. A sampled block of n bytes
 * stands for n / (1 - e^(-n/rate)) bytes (the inverse of its chance of
 * being sampled): the estimate of each line's bytes is unbiased. With
 * rate 1 every allocation is sampled at its own size: exact bytes.
 *
 * Only sampled blocks are counted (rt_heap_count.c), when allocated and
 * when freed: they are kept in a table of live sampled blocks. Every free
 * first tests the block's bit in a filter of RT_SAMPLE_FILTER_BITS bits
 * (512 bytes, which stay in the cache), set while a live sampled block has
 * that bit; only the few blocks whose bit is set are looked up. Blocks need
 * no header: the allocator's fast path is a subtraction and a branch, and
 * a load and a branch. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "rt_base.h"
#include "rt_heap.h"

RT_TLS int64_t rt_heap_sample_left;
uint64_t rt_heap_sample_filter[RT_SAMPLE_FILTER_BITS / 64];
uint64_t rt_heap_sample_rate; /* 0: not sampling */

static size_t live;                              /* sampled blocks not freed */
static uint16_t bit_users[RT_SAMPLE_FILTER_BITS]; /* live ones per bit */

static RT_TLS uint64_t random_state; /* 0: the thread has not started */

#define EMPTY 0u
#define GONE 1u /* a freed block's slot, until the table is rebuilt */

struct slot {
  _Atomic uintptr_t block;
  uint64_t weight;
};
struct table {
  size_t mask, used; /* slots - 1; slots not EMPTY */
  struct slot slots[];
};
/* Readers (every free) look up without the lock; tables replaced by a
 * bigger one stay readable: they are never unmapped. */
static _Atomic(struct table *) table;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- The countdown ---- */

/* xorshift64*: a uniform double in (0, 1]. */
static double uniform(void) {
  uint64_t x = random_state;
  x ^= x >> 12, x ^= x << 25, x ^= x >> 27;
  random_state = x;
  return (double)((x * 0x2545F4914F6CDD1Dull) >> 11) * 0x1p-53 + 0x1p-53;
}

/* ln(u) for u in (0, 1], without libm: u = m 2^e with m in [1, 2), and
 * ln(m) = 2 atanh(s) with s = (m - 1) / (m + 1) <= 1/3. */
static double log_unit(double u) {
  int e = 0;
  while (u < 1.0)
    u *= 2.0, e--;
  double s = (u - 1.0) / (u + 1.0), s2 = s * s, term = s, sum = 0.0;
  for (int k = 1; k < 30; k += 2, term *= s2)
    sum += term / k;
  return 2.0 * sum + e * 0.69314718055994531;
}

/* e^(-x) for x >= 0: e^(-x/2^k) from its series, squared k times. */
static double exp_neg(double x) {
  int k = 0;
  while (x > 0.5)
    x *= 0.5, k++;
  double term = 1.0, sum = 1.0;
  for (int i = 1; i < 14; i++)
    term *= -x / i, sum += term;
  while (k--)
    sum *= sum;
  return sum;
}

/* Bytes until the thread's next sample. */
static int64_t next_countdown(void) {
  if (rt_heap_sample_rate <= 1)
    return 0;
  double bytes = -log_unit(uniform()) * (double)rt_heap_sample_rate;
  return bytes < 1.0 ? 1 : bytes > 4e18 ? (int64_t)4e18 : (int64_t)bytes;
}

/* What a sampled block of n bytes stands for. */
static uint64_t weight(uint64_t n) {
  if (rt_heap_sample_rate <= 1 || !n)
    return n;
  double x = (double)n / (double)rt_heap_sample_rate;
  if (x > 40.0)
    return n;
  return (uint64_t)((double)n / (1.0 - exp_neg(x)) + 0.5);
}

/* ---- The table of live sampled blocks ---- */

static size_t home(uintptr_t block, size_t mask) {
  return (size_t)((block >> 4) * 0x9E3779B97F4A7C15ull >> 20) & mask;
}

/* t's slot of block, or of the first EMPTY slot on its probe sequence. */
static struct slot *find(struct table *t, uintptr_t block) {
  for (size_t i = home(block, t->mask);; i = (i + 1) & t->mask) {
    uintptr_t b = atomic_load_explicit(&t->slots[i].block, memory_order_acquire);
    if (b == block || b == EMPTY)
      return &t->slots[i];
  }
}

/* A table of twice the live blocks' slots (at least 1024) holding them;
 * NULL out of memory. Under the lock. */
static struct table *rebuilt(struct table *old) {
  size_t n = 1024;
  while (n < 4 * (live + 1))
    n *= 2;
  struct table *t = rt_alloc(sizeof *t + n * sizeof(struct slot));
  if (!t)
    return NULL;
  t->mask = n - 1;
  for (size_t i = 0; old && i <= old->mask; i++) {
    uintptr_t b = atomic_load_explicit(&old->slots[i].block, memory_order_relaxed);
    if (b == EMPTY || b == GONE)
      continue;
    struct slot *s = find(t, b);
    s->weight = old->slots[i].weight;
    atomic_store_explicit(&s->block, b, memory_order_relaxed);
    t->used++;
  }
  return t;
}

/* The filter's bit of a block a live sampled block has now, or no more
 * has; under the lock. A bit with 65535 users stays set. */
static void filter_add(const void *block) {
  size_t bit = rt_heap_sample_bit(block);
  if (bit_users[bit] < UINT16_MAX && !bit_users[bit]++)
    __atomic_fetch_or(&rt_heap_sample_filter[bit / 64], 1ull << (bit % 64),
                      __ATOMIC_RELEASE);
}

static void filter_remove(const void *block) {
  size_t bit = rt_heap_sample_bit(block);
  if (bit_users[bit] < UINT16_MAX && !--bit_users[bit])
    __atomic_fetch_and(&rt_heap_sample_filter[bit / 64], ~(1ull << (bit % 64)),
                       __ATOMIC_RELAXED);
}

/* Keeps block in the table; 0 if there is no room (out of memory). */
static int remember(uintptr_t block, uint64_t w) {
  pthread_mutex_lock(&lock);
  struct table *t = atomic_load_explicit(&table, memory_order_relaxed);
  if (!t || 2 * (t->used + 1) > t->mask + 1) {
    struct table *bigger = rebuilt(t);
    if (bigger)
      atomic_store_explicit(&table, t = bigger, memory_order_release);
    else if (!t || t->used == t->mask)
      t = NULL;
  }
  if (t) {
    struct slot *s = find(t, block);
    s->weight = w;
    t->used += atomic_load_explicit(&s->block, memory_order_relaxed) == EMPTY;
    atomic_store_explicit(&s->block, block, memory_order_release);
    live++;
    filter_add((void *)block);
  }
  pthread_mutex_unlock(&lock);
  return t != NULL;
}

/* Forgets block; its weight, 0 if it was not sampled. */
static uint64_t forget(uintptr_t block) {
  struct table *t = atomic_load_explicit(&table, memory_order_acquire);
  if (!t || atomic_load_explicit(&find(t, block)->block, memory_order_relaxed) != block)
    return 0;
  uint64_t w = 0;
  pthread_mutex_lock(&lock);
  t = atomic_load_explicit(&table, memory_order_relaxed);
  struct slot *s = find(t, block);
  if (atomic_load_explicit(&s->block, memory_order_relaxed) == block) {
    w = s->weight;
    atomic_store_explicit(&s->block, GONE, memory_order_relaxed);
    live--;
    filter_remove((void *)block);
  }
  pthread_mutex_unlock(&lock);
  return w;
}

/* ---- The hooks' calls ---- */

void rt_heap_sample_take(void *p, uint64_t n) {
  if (!random_state) { /* the thread's first: start its countdown */
    random_state = 0x853C49E6748FEA9Bull;
    rt_heap_sample_left = next_countdown() - (int64_t)n;
    if (rt_heap_sample_left >= 0)
      return;
  }
  rt_heap_sample_left = next_countdown();
  if (rt_heap_thread.busy || !rt_heap_counting)
    return;
  uint64_t w = weight(n);
  if (remember((uintptr_t)p, w))
    rt_heap_count_alloc(w);
}

void rt_heap_sample_freed(void *p) {
  uint64_t w = forget((uintptr_t)p);
  if (w)
    rt_heap_count_free(w);
}

void rt_heap_sample_after_fork(void) {
  pthread_mutex_init(&lock, NULL);
}
