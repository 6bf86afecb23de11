/* rt_registry.c - the modules instrumented code registers, and the entry
 * point probes use to get the calling thread's counter block.
 *
 * Counting is per thread: each thread increments its own block with plain
 * (non-atomic) adds, so counts stay exact under any number of threads and
 * the hot path has no atomics. Blocks are summed into the module's totals
 * when their thread exits (rt_threads.c) and when the profile is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_internal.h"

pthread_mutex_t rt_lock = PTHREAD_MUTEX_INITIALIZER;
static struct rt_module *modules;

struct rt_module *rt_modules(void) { return modules; }

/* Registers desc if needed; called with rt_lock held. */
static struct rt_module *register_locked(struct lineprof_module *desc) {
  if (desc->runtime)
    return desc->runtime;
  if (desc->abi_version != LINEPROF_ABI_VERSION)
    fprintf(stderr,
            "lineprof: a module was instrumented for runtime ABI %u, this "
            "runtime is ABI %u; its lines are not reported (rebuild with the "
            "matching plugin)\n",
            desc->abi_version, LINEPROF_ABI_VERSION);
  struct rt_module *m = rt_alloc(sizeof *m);
  uint64_t *totals = rt_alloc(rt_counter_count(desc) * sizeof(uint64_t));
  if (!m || !totals) {
    fputs("lineprof: out of memory registering a module\n", stderr);
    return NULL;
  }
  m->desc = desc;
  m->totals = totals;
  if (desc->abi_version == LINEPROF_ABI_VERSION) {
    m->next = modules;
    modules = m;
  }
  desc->runtime = m;
  return m;
}

struct rt_module *rt_module_of(struct lineprof_module *desc) {
  struct rt_module *m = desc->runtime;
  if (m)
    return m;
  pthread_mutex_lock(&rt_lock);
  m = register_locked(desc);
  pthread_mutex_unlock(&rt_lock);
  return m;
}

RT_EXPORT void __lineprof_register_module(struct lineprof_module *desc) {
  rt_module_of(desc);
}

RT_EXPORT uint64_t *__lineprof_thread_block(struct lineprof_module *desc,
                                            uint64_t **tls_slot) {
  struct rt_module *m = rt_module_of(desc);
  size_t bytes = sizeof(struct rt_block) +
                 rt_counter_count(desc) * sizeof(uint64_t);
  struct rt_block *b = m ? rt_alloc(bytes) : NULL;
  if (!b) {
    /* The probes cannot cope with null: fail loudly rather than corrupt. */
    fputs("lineprof: out of memory for a thread's counters\n", stderr);
    abort();
  }
  b->module = m;
  b->tls_slot = tls_slot;
  rt_block_link(b);
  *tls_slot = b->counters;
  return b->counters;
}

void rt_module_snapshot(const struct rt_module *m, uint64_t *out) {
  size_t n = rt_counter_count(m->desc);
  memcpy(out, m->totals, n * sizeof *out);
  for (const struct rt_block *b = m->blocks; b; b = b->next_in_module)
    for (size_t i = 0; i < n; i++)
      out[i] += b->counters[i];
}

int rt_registry_has_hits(void) {
  for (const struct rt_module *m = modules; m; m = m->next) {
    size_t n = m->desc->nslots; /* hits come first in every block */
    for (size_t i = 0; i < n; i++)
      if (m->totals[i])
        return 1;
    for (const struct rt_block *b = m->blocks; b; b = b->next_in_module)
      for (size_t i = 0; i < n; i++)
        if (b->counters[i])
          return 1;
  }
  return 0;
}

void rt_registry_reset(void) {
  for (struct rt_module *m = modules; m; m = m->next) {
    size_t n = rt_counter_count(m->desc);
    memset(m->totals, 0, n * sizeof(uint64_t));
    for (struct rt_block *b = m->blocks; b; b = b->next_in_module)
      memset(b->counters, 0, n * sizeof(uint64_t));
  }
}
