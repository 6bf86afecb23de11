/* rt_registry.c - the modules instrumented code registers (through
 * rt_main.c's __lineprof_register_module and rt_threads.c's
 * __lineprof_thread_block), their counters' totals, and forgetting a module
 * that is unloaded. The base of the runtime: it calls nothing above it, and
 * a feature that needs to see each new module (continuous mode) hooks in.
 *
 * Counting is per thread: each thread increments its own block with plain
 * (non-atomic) adds, so counts stay exact under any number of threads and
 * the hot path has no atomics. Blocks are summed into the module's totals
 * when their thread exits (rt_threads.c) and when the profile is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_base.h"
#include "rt_heap.h"
#include "rt_registry.h"

pthread_mutex_t rt_lock = PTHREAD_MUTEX_INITIALIZER;
volatile int rt_exiting;
static struct rt_module *modules;
static struct lineprof_module empty_module = {.abi_version = LINEPROF_ABI_VERSION};
static void (*on_register)(struct rt_module *m);
RT_TLS struct rt_block *rt_thread_blocks;

void rt_registry_hook(void (*hook)(struct rt_module *m)) { on_register = hook; }

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
  m->raw_index = UINT32_MAX;
  if (on_register)
    on_register(m);
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

unsigned rt_probe_kinds;

/* Copies of an unloaded module's tables, in one region of runtime memory. */
struct arena {
  char *p;
  size_t left;
};

static void *arena_copy(struct arena *a, const void *src, size_t n) {
  if (n > a->left)
    return NULL;
  void *dst = memcpy(a->p, src, n);
  a->p += n, a->left -= n;
  return dst;
}

/* Moves to the next multiple of align (a power of two). */
static void arena_align(struct arena *a, size_t align) {
  size_t pad = (align - (uintptr_t)a->p % align) % align;
  pad = pad < a->left ? pad : a->left;
  a->p += pad, a->left -= pad;
}

static const char *arena_string(struct arena *a, const char *s) {
  return arena_copy(a, s, strlen(s) + 1);
}

static size_t tables_size(const struct lineprof_module *d) {
  size_t n = sizeof *d + d->nfunctions * sizeof *d->functions +
             d->nslots * sizeof *d->lines +
             d->npatterns * (sizeof *d->patterns + 1) +
             d->ncall_sites * sizeof *d->call_sites +
             d->nderived * sizeof *d->derived + 64;
  n += d->source ? strlen(d->source) + 1 : 0;
  for (uint32_t i = 0; i < d->nfunctions; i++)
    n += strlen(d->functions[i].name) + strlen(d->functions[i].file) +
         strlen(d->functions[i].path) + 3;
  for (uint32_t i = 0; i < d->ncall_sites; i++)
    n += strlen(d->call_sites[i].callee) + 1;
  for (uint32_t i = 0; i < d->npatterns; i++)
    n += strlen(d->patterns[i]) + 1;
  return n;
}

/* A copy of d's tables that outlives d's module. */
static struct lineprof_module *copy_tables(const struct lineprof_module *d) {
  size_t size = tables_size(d);
  struct arena a = {rt_alloc(size), size};
  if (!a.p)
    return NULL;
  struct lineprof_module *m = arena_copy(&a, d, sizeof *d);
  struct lineprof_function *f =
      arena_copy(&a, d->functions, d->nfunctions * sizeof *f);
  m->functions = f;
  for (uint32_t i = 0; i < d->nfunctions; i++) {
    f[i].name = arena_string(&a, f[i].name);
    f[i].file = arena_string(&a, f[i].file);
    f[i].path = arena_string(&a, f[i].path);
  }
  if (d->source)
    m->source = arena_string(&a, d->source);
  arena_align(&a, _Alignof(uint32_t)); /* after strings */
  m->lines = arena_copy(&a, d->lines, d->nslots * sizeof *d->lines);
  arena_align(&a, _Alignof(const char *));
  const char **patterns = arena_copy(&a, d->patterns,
                                     d->npatterns * sizeof *d->patterns);
  for (uint32_t i = 0; i < d->npatterns; i++)
    patterns[i] = arena_string(&a, d->patterns[i]);
  m->patterns = patterns;
  arena_align(&a, _Alignof(struct lineprof_call_site));
  struct lineprof_call_site *sites =
      arena_copy(&a, d->call_sites, d->ncall_sites * sizeof *sites);
  for (uint32_t i = 0; i < d->ncall_sites; i++)
    sites[i].callee = arena_string(&a, sites[i].callee);
  m->call_sites = sites;
  arena_align(&a, _Alignof(struct lineprof_derived));
  m->derived = arena_copy(&a, d->derived, d->nderived * sizeof *d->derived);
  m->pattern_matched = arena_copy(&a, d->pattern_matched, d->npatterns);
  return m;
}

/* A live thread's block of module m added into `into`, with the heap
 * charges its thread has yet to make to it. */
static void fold_live_block(const struct lineprof_module *m, uint64_t *into,
                            const struct rt_block *b) {
  rt_counters_fold(m, into, b->counters);
  rt_mem_stack_pending(m, b->counters, into);
}

/* The module is being unloaded (dlclose): keep its counts in the totals and
 * its tables in a copy, and orphan its threads' blocks, whose thread-local
 * cache goes away with the module. At program exit (after the profile is
 * written) there is nothing to keep. */
RT_EXPORT void __lineprof_unregister_module(struct lineprof_module *desc) {
  struct rt_module *m = desc->runtime;
  if (!m || rt_exiting)
    return;
  pthread_mutex_lock(&rt_lock);
  for (struct rt_block *b = m->blocks; b; b = b->next_in_module) {
    fold_live_block(desc, m->totals, b);
    b->orphaned = 1;
  }
  m->blocks = NULL;
  struct lineprof_module *copy = copy_tables(desc);
  if (copy) {
    copy->runtime = m;
    m->desc = copy;
  } else {
    m->desc = &empty_module; /* out of memory: lose this module's report */
  }
  desc->runtime = NULL;
  pthread_mutex_unlock(&rt_lock);
}

void rt_counters_fold(const struct lineprof_module *m, uint64_t *into,
                      const uint64_t *from) {
  lineprof_fold_block(into, from, (size_t)m->nslots + 1);
}

void rt_module_snapshot(const struct rt_module *m, uint64_t *out) {
  size_t n = rt_counter_count(m->desc);
  memcpy(out, m->totals, n * sizeof *out);
  for (const struct rt_block *b = m->blocks; b; b = b->next_in_module)
    fold_live_block(m->desc, out, b);
  lineprof_derive_hits(out, m->desc->nslots, m->desc->derived,
                       m->desc->nderived);
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
  rt_mem_stack_reset();
  for (struct rt_module *m = modules; m; m = m->next) {
    size_t n = rt_counter_count(m->desc);
    memset(m->totals, 0, n * sizeof(uint64_t));
    for (struct rt_block *b = m->blocks; b; b = b->next_in_module)
      memset(b->counters, 0, n * sizeof(uint64_t));
  }
}
