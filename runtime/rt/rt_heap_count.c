/* rt_heap_count.c - the heap's figures, whoever reports the blocks: per
 * thread, bytes allocated and freed and the most in use seen; for the
 * process, bytes in use. rt_heap.c's allocator replacements report here,
 * and under a sanitizer its allocator's callbacks (rt_heap_sanitizer.c).
 * Nothing counts while the runtime itself works (rt_heap_thread.busy) or
 * when LINEPROF_MEMORY does not ask for the heap. */
#include <stdatomic.h>
#include <stdint.h>

#include "rt_base.h"
#include "rt_heap.h"

RT_TLS struct rt_heap_thread rt_heap_thread;
_Atomic int64_t rt_heap_in_use;
int rt_heap_counting = 1; /* until LINEPROF_MEMORY says otherwise */

void rt_heap_count_alloc(uint64_t n) {
  struct rt_heap_thread *t = &rt_heap_thread;
  if (!rt_heap_counting || t->busy)
    return;
  t->alloc += n;
  int64_t now =
      atomic_fetch_add_explicit(&rt_heap_in_use, (int64_t)n,
                                memory_order_relaxed) + (int64_t)n;
  if (now > (int64_t)t->peak)
    t->peak = (uint64_t)now;
}

void rt_heap_count_free(uint64_t n) {
  struct rt_heap_thread *t = &rt_heap_thread;
  if (!rt_heap_counting || t->busy)
    return;
  t->freed += n;
  atomic_fetch_sub_explicit(&rt_heap_in_use, (int64_t)n, memory_order_relaxed);
}
