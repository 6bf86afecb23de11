/* rt_threads.c - per-thread counter blocks: the probes' entry point that
 * makes a thread's block for a module (__lineprof_thread_block; in
 * continuous mode its counters are mapped from the file), linking it into
 * its module and its thread (and starting the thread's sampling timer), and
 * folding a thread's blocks into the module totals when the thread exits
 * (a pthread key destructor). */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "rt_base.h"
#include "rt_heap.h"
#include "rt_pc_lines.h"
#include "rt_output.h"
#include "rt_registry.h"
#include "rt_sample.h"

static pthread_key_t exit_key;

static size_t block_bytes(const struct rt_block *b) {
  return sizeof *b +
         (b->mapped ? 0 : rt_counter_count(b->module->desc) * sizeof(uint64_t));
}

static void unlink_from_module(struct rt_block *b) {
  struct rt_block **p = &b->module->blocks;
  while (*p && *p != b)
    p = &(*p)->next_in_module;
  if (*p)
    *p = b->next_in_module;
}

/* Thread exit: fold this thread's counts into the totals. If profiled code
 * runs again later in the exit sequence it gets a fresh block (and this
 * destructor runs again: pthreads repeats destructors for re-set keys). */
static void thread_exit(void *unused) {
  (void)unused;
  rt_sample_thread_stop();
  rt_mem_stack_thread_exit(); /* into its blocks, before they are folded */
  __lineprof_stack.depth = 0; /* its frames point into the blocks freed */
  struct rt_block *b = rt_thread_blocks;
  rt_thread_blocks = NULL;
  while (b) {
    struct rt_block *next = b->next_in_thread;
    pthread_mutex_lock(&rt_lock);
    int orphaned = b->orphaned; /* its module is gone, counts taken */
    if (b->mapped && !orphaned) {
      /* Continuous mode: the counts stay in the file, the block in the
       * module's list (the report sums it), only the thread forgets it. */
      pthread_mutex_unlock(&rt_lock);
      *b->tls_slot = NULL;
      b = next;
      continue;
    }
    if (!orphaned) {
      rt_counters_fold(b->module->desc, b->module->totals, b->counters);
      unlink_from_module(b);
    }
    size_t bytes = block_bytes(b);
    pthread_mutex_unlock(&rt_lock);
    if (!orphaned)
      *b->tls_slot = NULL;
    rt_free(b, bytes);
    b = next;
  }
}

static void create_key(void) { pthread_key_create(&exit_key, thread_exit); }

void rt_threads_init(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, create_key);
}

static void link_block(struct rt_block *b) {
  rt_threads_init();
  pthread_mutex_lock(&rt_lock);
  b->next_in_module = b->module->blocks;
  b->module->blocks = b;
  pthread_mutex_unlock(&rt_lock);
  b->next_in_thread = rt_thread_blocks;
  atomic_signal_fence(memory_order_release); /* complete before linked */
  rt_thread_blocks = b;
  pthread_setspecific(exit_key, (void *)1);
  if (!(b->module->desc->flags & LINEPROF_MODULE_HITS)) { /* no times there */
    if (rt_heap_counting) /* the lines of the allocations' callers */
      rt_pc_lines_update();
    rt_sample_thread_start();
  }
  rt_snapshot_signal_start_if_threaded(); /* a second thread needs no wait */
}

RT_EXPORT uint64_t *__lineprof_thread_block(struct lineprof_module *desc,
                                            uint64_t **tls_slot) {
  struct rt_module *m = rt_module_of(desc);
  size_t n = rt_counter_count(desc);
  uint64_t *mapped = NULL;
  if (m && rt_continuous_active()) {
    pthread_mutex_lock(&rt_lock);
    mapped = rt_continuous_block(m, n);
    pthread_mutex_unlock(&rt_lock);
  }
  size_t bytes = sizeof(struct rt_block) + (mapped ? 0 : n * sizeof(uint64_t));
  struct rt_block *b = m ? rt_alloc(bytes) : NULL;
  if (!b) {
    /* The probes cannot cope with null: fail loudly rather than corrupt. */
    fputs("lineprof: out of memory for a thread's counters\n", stderr);
    abort();
  }
  b->mapped = mapped != NULL;
  b->counters = mapped ? mapped : b->own;
  b->module = m;
  b->tls_slot = tls_slot;
  link_block(b);
  *tls_slot = b->counters;
  return b->counters;
}
