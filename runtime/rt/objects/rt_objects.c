/* rt_objects.c - object tracking's table of live blocks (LINEPROF_OBJECTS,
 * LINEPROF_LEAKS; docs/objects.md): the allocator hooks (rt_heap.c) add
 * and forget blocks, __lineprof_object_site gives them a type and a site,
 * and the analyses (rt_objects_*.c) take a sorted snapshot with the table
 * locked (rt_objects_snapshot.c). The table is an open-addressing hash table keyed by the block's
 * address, in pages of its own (rt_alloc), under one mutex. */
#include <pthread.h>
#include <string.h>

#include "rt_abi.h"
#include "rt_base.h"
#include "rt_clock.h"
#include "rt_objects_table.h"

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
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
  if (!__lineprof_objects || !block || !site)
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

/* ---- What the snapshots are made of ---- */

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
void rt_objects_scratch_free(void) {
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

size_t rt_objects_copy_locked(struct rt_object *v) {
  size_t n = 0;
  for (size_t i = 0; i < capacity; i++)
    if (table[i].start)
      v[n++] = table[i];
  return n;
}

size_t rt_objects_count_locked(void) { return count; }

int rt_objects_trylock(void) { return pthread_mutex_trylock(&table_lock); }

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
