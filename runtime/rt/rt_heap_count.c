/* rt_heap_count.c - the heap's figures, whoever reports the blocks: per
 * thread, bytes allocated and freed and the most in use seen; for the
 * process, bytes in use. rt_heap.c's allocator replacements report here,
 * and under a sanitizer its allocator's callbacks (rt_heap_sanitizer.c).
 * Nothing counts while the runtime itself works (rt_heap_thread.busy) or
 * when LINEPROF_MEMORY does not ask for the heap. While the process has one
 * thread (glibc's __libc_single_threaded) the bytes in use change with a
 * plain add, not a locked one: the locked add was most of what counting
 * cost an allocation-heavy program, and no signal handler of the runtime
 * allocates. Each count is charged to the lines of the thread's calls in
 * progress too (rt_mem_stack.c, rt_mem_native.c). Under
 * LINEPROF_MEMORY=sampled only sampled blocks are reported, each with the
 * bytes it stands for (rt_heap_sample.c). */
#include <stdatomic.h>
#include <stdint.h>
#include <sys/single_threaded.h>

#include "rt_base.h"
#include "rt_heap.h"
#include "rt_registry.h"

RT_TLS struct rt_heap_thread rt_heap_thread;
_Atomic int64_t rt_heap_in_use;
int rt_heap_counting = 1; /* until LINEPROF_MEMORY says otherwise */

/* The process's bytes in use after adding n. */
static int64_t add_in_use(int64_t n) {
  if (__libc_single_threaded) {
    int64_t now = atomic_load_explicit(&rt_heap_in_use, memory_order_relaxed) + n;
    atomic_store_explicit(&rt_heap_in_use, now, memory_order_relaxed);
    return now;
  }
  return atomic_fetch_add_explicit(&rt_heap_in_use, n, memory_order_relaxed) + n;
}

/* The event charged to the lines of the thread's calls in progress: on
 * the shadow stack, and on the native stack once a module without frames
 * registered. */
static void charge_lines(struct rt_heap_thread *t, uint64_t alloc,
                         uint64_t freed, int64_t before, int64_t after) {
  rt_mem_stack_charge(alloc, freed, before, after);
  if (!(__atomic_load_n(&rt_probe_kinds, __ATOMIC_RELAXED) & RT_PROBES_UNWOUND))
    return;
  t->busy++; /* reading the native stack allocates nothing; if it did, it
                would not count */
  rt_mem_native_charge(alloc, freed, before, after);
  t->busy--;
}

void rt_heap_count_alloc(uint64_t n) {
  struct rt_heap_thread *t = &rt_heap_thread;
  if (!rt_heap_counting || t->busy)
    return;
  t->alloc += n;
  int64_t now = add_in_use((int64_t)n);
  if (now > (int64_t)t->peak)
    t->peak = (uint64_t)now;
  charge_lines(t, n, 0, now - (int64_t)n, now);
}

void rt_heap_count_free(uint64_t n) {
  struct rt_heap_thread *t = &rt_heap_thread;
  if (!rt_heap_counting || t->busy)
    return;
  t->freed += n;
  int64_t now = add_in_use(-(int64_t)n);
  charge_lines(t, 0, n, now + (int64_t)n, now);
}
