/* rt_registry.h - the registered modules and their counters
 * (rt_registry.c), and each thread's counter blocks (rt_threads.c). */
#ifndef RT_REGISTRY_H
#define RT_REGISTRY_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "lineprof_counters.h"
#include "rt_abi.h"

/* One registered module (rt_registry.c). */
struct rt_module {
  struct lineprof_module *desc;
  uint64_t *totals;         /* counters of threads that have exited */
  struct rt_block *blocks;  /* live threads' counter blocks */
  uint32_t raw_index;       /* its MODL chunk in continuous mode */
  struct rt_module *next;
};

/* One thread's counters for one module (rt_threads.c). */
struct rt_block {
  struct rt_module *module;
  int orphaned; /* its module was unloaded: counts already taken */
  struct rt_block *next_in_module, *next_in_thread;
  uint64_t **tls_slot; /* the thread's cache in the instrumented module */
  int mapped;          /* counters live in continuous mode's file */
  uint64_t *counters;  /* LINEPROF_BLOCK_ARRAYS arrays of nslots + 1: */
  uint64_t own[];      /* here, unless mapped */
};

/* The arrays of a block, in order (rt_abi.h). */
#define RT_ARRAY_NAME(array, field, fold) RT_##array,
enum rt_array { LINEPROF_COUNTERS(RT_ARRAY_NAME) };
#undef RT_ARRAY_NAME
_Static_assert(RT_PEAK + 1 == LINEPROF_BLOCK_ARRAYS, "one enum per array");

/* Number of u64 counters in a block or totals array of module m. */
static inline size_t rt_counter_count(const struct lineprof_module *m) {
  return LINEPROF_BLOCK_ARRAYS * ((size_t)m->nslots + 1);
}

/* Array a of a block or totals array of module m. */
static inline uint64_t *rt_array(const struct lineprof_module *m,
                                 uint64_t *counters, enum rt_array a) {
  return counters + (size_t)a * ((size_t)m->nslots + 1);
}

/* The counter of array a for `slot`, given a line's cycles array and its
 * module's stride (nslots + 1), as a shadow-stack frame holds them
 * (rt_abi.h): the sampler, handed-over timed calls and the heap's per-line
 * charges address the other arrays from there. */
static inline uint64_t *rt_line_counter(uint64_t *cycles, uint64_t stride,
                                        uint32_t slot, enum rt_array a) {
  return cycles - (size_t)RT_CYCLES * stride + (size_t)a * stride + slot;
}

/* A frame's current line, without the stale and seen bits. */
static inline uint32_t rt_frame_slot(const volatile struct lineprof_frame *f) {
  return f->slot & ~(LINEPROF_STALE_BIT | LINEPROF_SEEN_BIT);
}

/* The call sites of function `index` of m are [first, the result): the
 * table is in caller order and `first` is where the function's run starts
 * (0 for the first function, the previous function's end for the next). */
static inline uint32_t rt_call_sites_end(const struct lineprof_module *m,
                                         uint32_t index, uint32_t first) {
  while (first < m->ncall_sites && m->call_sites[first].caller == index)
    first++;
  return first;
}

/* Adds the counters `from` into `into` (both of module m) by the rule of
 * lineprof_counters.h. */
void rt_counters_fold(const struct lineprof_module *m, uint64_t *into,
                      const uint64_t *from);

/* rt_registry.c: the registry lock guards modules, blocks and totals. */
extern pthread_mutex_t rt_lock;
extern volatile int rt_exiting; /* the profile is being written at exit */
struct rt_module *rt_modules(void);
struct rt_module *rt_module_of(struct lineprof_module *desc);

/* Which kinds of probes the registered modules have (lineprof_module.flags):
 * exact-timing ones, sampled ones, or hit counters alone; set by rt_main.c. */
#define RT_PROBES_EXACT 1u
#define RT_PROBES_SAMPLED 2u
#define RT_PROBES_HITS 4u
#define RT_PROBES_UNWOUND 8u /* sampled ones without frames: with SAMPLED */
extern unsigned rt_probe_kinds;
/* Sums totals and every live block of m into out (rt_counter_count(desc)),
 * then computes the hits of its derived slots. */
void rt_module_snapshot(const struct rt_module *m, uint64_t *out);
/* Whether any line was hit (racy reads: for deciding, not reporting). */
int rt_registry_has_hits(void);
/* Forget all counts (a forked child starts from zero). */
void rt_registry_reset(void);
/* hook sees each module registered from now on, with rt_lock held (NULL:
 * none). */
void rt_registry_hook(void (*hook)(struct rt_module *m));

/* rt_thread_blocks: the calling thread's blocks, newest first, linked by
 * next_in_thread (rt_threads.c links a block once it is complete, so that
 * the thread's signal handlers may walk the list). */
void rt_threads_init(void);
extern __thread struct rt_block *rt_thread_blocks
    __attribute__((tls_model("initial-exec")));

#endif
