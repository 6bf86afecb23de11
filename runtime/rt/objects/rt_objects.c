/* rt_objects.c - object tracking's table of live blocks (LINEPROF_OBJECTS,
 * LINEPROF_LEAKS; docs/objects.md): the allocator hooks (rt_heap.c) add
 * and forget blocks, __lineprof_object_site gives them a type and a site,
 * and the analyses (rt_objects_*.c) take a sorted snapshot with the table
 * locked. The table is an open-addressing hash table keyed by the block's
 * address, in pages of its own (rt_alloc), under one mutex. */
#include <string.h>
#include <time.h>

#include "rt_internal.h"

int rt_objects_on;

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t analysis_lock = PTHREAD_MUTEX_INITIALIZER;
static struct rt_object *table; /* start == 0: an empty slot */
static size_t capacity, count;  /* capacity: a power of two, or 0 */

/* Pages the analyses allocate, so that scans skip them. */
#define SCRATCH_MAX 16
static struct rt_range scratch[SCRATCH_MAX];

static size_t slot_of(uintptr_t start) {
  return (size_t)(((start >> 4) * 0x9E3779B97F4A7C15ull) >>
                  (64 - __builtin_ctzll(capacity)));
}

static struct rt_object *lookup(uintptr_t start) {
  if (!capacity)
    return NULL;
  for (size_t i = slot_of(start);; i = (i + 1) & (capacity - 1)) {
    if (table[i].start == start)
      return &table[i];
    if (!table[i].start)
      return NULL;
  }
}

static void insert(const struct rt_object *o) {
  size_t i = slot_of(o->start);
  while (table[i].start)
    i = (i + 1) & (capacity - 1);
  table[i] = *o;
  count++;
}

/* Doubles the table (at half full): linear probing stays short. */
static int grow(void) {
  struct rt_object *old = table;
  size_t old_capacity = capacity;
  size_t n = capacity ? 2 * capacity : 4096;
  struct rt_object *t = rt_alloc(n * sizeof *t);
  if (!t)
    return -1;
  table = t, capacity = n, count = 0;
  for (size_t i = 0; i < old_capacity; i++)
    if (old[i].start)
      insert(&old[i]);
  rt_free(old, old_capacity * sizeof *old);
  return 0;
}

/* Empties slot i, moving later entries of its probe run back. */
static void remove_at(size_t i) {
  size_t mask = capacity - 1;
  for (size_t j = (i + 1) & mask; table[j].start; j = (j + 1) & mask) {
    size_t home = slot_of(table[j].start);
    int stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
    if (!stays) {
      table[i] = table[j];
      i = j;
    }
  }
  table[i].start = 0;
  count--;
}

void rt_objects_lock(void) { pthread_mutex_lock(&table_lock); }
void rt_objects_unlock(void) { pthread_mutex_unlock(&table_lock); }

void rt_objects_add(void *p, uint64_t size, void *caller) {
  struct rt_object o = {.start = (uintptr_t)p, .size = size, .caller = caller,
                        .time_ns = rt_monotonic_ns() - rt_start_monotonic_ns()};
  rt_objects_lock();
  if (2 * (count + 1) <= capacity || !grow())
    insert(&o);
  rt_objects_unlock();
}

void rt_objects_forget(void *p) {
  rt_objects_lock();
  struct rt_object *o = lookup((uintptr_t)p);
  if (o)
    remove_at((size_t)(o - table));
  rt_objects_unlock();
}

void rt_objects_moved_locked(void *from, void *to, uint64_t size) {
  struct rt_object *o = lookup((uintptr_t)from);
  if (!o)
    return;
  struct rt_object moved = *o;
  remove_at((size_t)(o - table));
  moved.start = (uintptr_t)to;
  moved.size = size;
  insert(&moved);
}

void rt_objects_inherit(void *from, void *to) {
  rt_objects_lock();
  struct rt_object *a = lookup((uintptr_t)from), *b = lookup((uintptr_t)to);
  if (a && b) {
    b->type = a->type, b->site = a->site, b->caller = a->caller;
    b->time_ns = a->time_ns;
  }
  rt_objects_unlock();
}

RT_EXPORT void __lineprof_object_site(void *block,
                                      const struct lineprof_alloc_site *site) {
  if (!rt_objects_on || !block || !site)
    return;
  rt_objects_lock();
  struct rt_object *o = lookup((uintptr_t)block);
  if (o) {
    o->site = site;
    if (site->type) /* a realloc at an untyped site keeps the type */
      o->type = site->type;
  }
  rt_objects_unlock();
}

/* ---- Snapshots for the analyses ---- */

void *rt_objects_scratch(size_t size) {
  for (int i = 0; i < SCRATCH_MAX; i++)
    if (!scratch[i].start) {
      void *p = rt_alloc(size);
      if (p)
        scratch[i] = (struct rt_range){(uintptr_t)p, (uintptr_t)p + size};
      return p;
    }
  return NULL;
}

/* Frees every scratch allocation. */
static void scratch_free(void) {
  for (int i = 0; i < SCRATCH_MAX; i++)
    if (scratch[i].start) {
      rt_free((void *)scratch[i].start, scratch[i].end - scratch[i].start);
      scratch[i].start = scratch[i].end = 0;
    }
}

int rt_objects_own(uintptr_t addr) {
  if (addr >= (uintptr_t)table &&
      addr < (uintptr_t)table + capacity * sizeof *table)
    return 1;
  for (int i = 0; i < SCRATCH_MAX; i++)
    if (addr >= scratch[i].start && addr < scratch[i].end)
      return 1;
  return 0;
}

static int by_start(const void *a, const void *b) {
  uintptr_t x = ((const struct rt_object *)a)->start,
            y = ((const struct rt_object *)b)->start;
  return x < y ? -1 : x > y;
}

/* The table lock, waiting at most ~100 ms: a thread may hold it for a
 * moment; one stopped by a debugger, or this very thread interrupted
 * inside the allocator, holds it for good. */
static int lock_briefly(pthread_mutex_t *m) {
  for (int i = 0; i < 100; i++) {
    if (!pthread_mutex_trylock(m))
      return 0;
    nanosleep(&(struct timespec){0, 1000000}, NULL);
  }
  return -1;
}

int rt_objects_acquire(struct rt_objects *s, uintptr_t floor,
                       struct lprof_buf *out) {
  memset(s, 0, sizeof *s);
  if (!rt_objects_on) {
    rt_printf(out, "lineprof: object tracking is off (run the program with "
                   "LINEPROF_OBJECTS=1)\n");
    return -1;
  }
  if (lock_briefly(&analysis_lock)) {
    rt_printf(out, "lineprof: the object table is busy (another analysis "
                   "is running); try again\n");
    return -1;
  }
  rt_roots_collect(floor);
  if (lock_briefly(&table_lock)) {
    pthread_mutex_unlock(&analysis_lock);
    rt_printf(out, "lineprof: the object table is busy (a thread holds it: "
                   "stopped inside the allocator, or this call interrupted "
                   "it); try again\n");
    return -1;
  }
  s->v = rt_objects_scratch((count + 1) * sizeof *s->v);
  if (!s->v) {
    rt_objects_release(s);
    rt_printf(out, "lineprof: out of memory\n");
    return -1;
  }
  for (size_t i = 0; i < capacity; i++)
    if (table[i].start) {
      s->v[s->n] = table[i];
      s->v[s->n++].end = rt_heap_reference_end((void *)table[i].start);
    }
  rt_sort(s->v, s->n, sizeof *s->v, by_start);
  return 0;
}

void rt_objects_release(struct rt_objects *s) {
  scratch_free();
  memset(s, 0, sizeof *s);
  rt_objects_unlock();
  pthread_mutex_unlock(&analysis_lock);
}

size_t rt_objects_find(const struct rt_objects *s, uintptr_t addr) {
  size_t lo = 0, hi = s->n; /* the first block starting above addr */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (s->v[mid].start <= addr)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (!lo)
    return SIZE_MAX;
  return addr < s->v[lo - 1].end ? lo - 1 : SIZE_MAX;
}

/* Fork: the child's allocator must not find the table locked. */
void rt_objects_before_fork(void) { rt_objects_lock(); }
void rt_objects_after_fork(void) { rt_objects_unlock(); }
