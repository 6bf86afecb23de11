/* rt_objects_snapshot.c - what every analysis of the object table starts
 * and ends with: one analysis at a time, the roots collected, the table
 * locked and copied, sorted by address, with where pointers into each block
 * end (the allocator hooks know, rt_heap.c); then the scratch pages freed
 * and the locks released. */
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "rt_abi.h"
#include "rt_base.h"
#include "rt_heap.h"
#include "rt_objects_table.h"

static pthread_mutex_t analysis_lock = PTHREAD_MUTEX_INITIALIZER;

static int analysis_trylock(void) {
  return pthread_mutex_trylock(&analysis_lock);
}

static int by_start(const void *a, const void *b) {
  uintptr_t x = ((const struct rt_object *)a)->start,
            y = ((const struct rt_object *)b)->start;
  return x < y ? -1 : x > y;
}

/* A lock (the analyses' or the table's), waiting at most ~100 ms: a
 * thread may hold it for a moment; one stopped by a debugger, or this very
 * thread interrupted inside the allocator, holds it for good. */
static int lock_briefly(int (*trylock)(void)) {
  for (int i = 0; i < 100; i++) {
    if (!trylock())
      return 0;
    nanosleep(&(struct timespec){0, 1000000}, NULL);
  }
  return -1;
}

int rt_objects_acquire(struct rt_objects *s, uintptr_t floor,
                       struct lprof_buf *out) {
  memset(s, 0, sizeof *s);
  if (!__lineprof_objects) {
    rt_printf(out, "lineprof: object tracking is off (run the program with "
                   "LINEPROF_OBJECTS=1)\n");
    return -1;
  }
  if (lock_briefly(analysis_trylock)) {
    rt_printf(out, "lineprof: the object table is busy (another analysis "
                   "is running); try again\n");
    return -1;
  }
  rt_roots_collect(floor);
  if (lock_briefly(rt_objects_trylock)) {
    pthread_mutex_unlock(&analysis_lock);
    rt_printf(out, "lineprof: the object table is busy (a thread holds it: "
                   "stopped inside the allocator, or this call interrupted "
                   "it); try again\n");
    return -1;
  }
  s->v = rt_objects_scratch((rt_objects_count_locked() + 1) * sizeof *s->v);
  if (!s->v) {
    rt_objects_release(s);
    rt_printf(out, "lineprof: out of memory\n");
    return -1;
  }
  s->n = rt_objects_copy_locked(s->v);
  for (size_t i = 0; i < s->n; i++)
    s->v[i].end = rt_heap_reference_end((void *)s->v[i].start, s->v[i].size);
  rt_sort(s->v, s->n, sizeof *s->v, by_start);
  return 0;
}

void rt_objects_release(struct rt_objects *s) {
  rt_objects_scratch_free();
  memset(s, 0, sizeof *s);
  rt_objects_unlock();
  pthread_mutex_unlock(&analysis_lock);
}
