/* rt_internal.h - declarations shared by the runtime's files (rt_*.c). The
 * runtime is linked into profiled programs: it uses libc and pthreads only,
 * allocates its own memory with mmap, and exports just the symbols of
 * rt_abi.h and include/lineprof.h. */
#ifndef RT_INTERNAL_H
#define RT_INTERNAL_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "rt_abi.h"

#define RT_EXPORT __attribute__((visibility("default")))

/* One registered module (rt_registry.c). */
struct rt_module {
  struct lineprof_module *desc;
  uint64_t *totals;         /* counters of threads that have exited */
  struct rt_block *blocks;  /* live threads' counter blocks */
  struct rt_module *next;
};

/* One thread's counters for one module (rt_threads.c). */
struct rt_block {
  struct rt_module *module;
  int orphaned; /* its module was unloaded: counts already taken */
  struct rt_block *next_in_module, *next_in_thread;
  uint64_t **tls_slot; /* the thread's cache in the instrumented module */
  uint64_t counters[]; /* hits[nslots + 1], then cycles[nslots + 1] */
};

/* Number of u64 counters in a block or totals array of module m. */
static inline size_t rt_counter_count(const struct lineprof_module *m) {
  return 2 * ((size_t)m->nslots + 1);
}

/* rt_memory.c: zeroed pages for the runtime's own data, never malloc. */
void *rt_alloc(size_t size);
void rt_free(void *p, size_t size);

/* rt_registry.c: the registry lock guards modules, blocks and totals. */
extern pthread_mutex_t rt_lock;
extern volatile int rt_exiting; /* the profile is being written at exit */
struct rt_module *rt_modules(void);
struct rt_module *rt_module_of(struct lineprof_module *desc);
/* Sums totals and every live block of m into out (rt_counter_count(desc)). */
void rt_module_snapshot(const struct rt_module *m, uint64_t *out);
/* Whether any line was hit (racy reads: for deciding, not reporting). */
int rt_registry_has_hits(void);
/* Forget all counts (a forked child starts from zero). */
void rt_registry_reset(void);

/* rt_threads.c */
void rt_threads_init(void);
void rt_block_link(struct rt_block *b);

/* The counter probes read with llvm.readcyclecounter (rdtsc on x86). */
#if defined(__clang__)
#define rt_cycles() __builtin_readcyclecounter()
#elif defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#define rt_cycles() __rdtsc()
#else
#error "lineprof's runtime needs clang or an x86 compiler for the cycle counter"
#endif

/* rt_clock.c */
void rt_clock_start(void);
uint64_t rt_monotonic_ns(void);
uint64_t rt_realtime_ns(void);
/* Cycle-counter frequency, measured over the run so far (at least ~20 ms). */
uint64_t rt_cycles_per_second(uint64_t *calibration_ns);
uint64_t rt_start_monotonic_ns(void);
uint64_t rt_start_realtime_ns(void);

/* rt_env.c: settings from LINEPROF_* (ignored in set-uid programs). */
struct rt_settings {
  const char *file_pattern; /* LINEPROF_FILE, or NULL for "<program>.lprof" */
  int verbose;              /* LINEPROF_VERBOSE */
  int quiet;                /* LINEPROF_QUIET: no "Wrote profile results" */
  int timer_exact;          /* LINEPROF_TIMER != off */
  int forked;               /* this process is a fork()ed child */
};
extern struct rt_settings rt_settings;
void rt_env_init(void);
/* Expands %p (pid), %h (host name) and %% in pattern into out. */
int rt_expand_pattern(const char *pattern, char *out, size_t size);

/* rt_output.c */
enum rt_write_reason { RT_WRITE_AT_EXIT, RT_WRITE_FATAL_SIGNAL };
void rt_write_profile(enum rt_write_reason why);

#endif
