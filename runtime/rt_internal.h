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
/* Thread-locals of the runtime: the runtime is loaded with the program, so
 * the cheapest model works, and the allocator hooks need it to be cheap. */
#define RT_TLS __thread __attribute__((tls_model("initial-exec")))

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
enum rt_array { RT_HITS, RT_CYCLES, RT_ALLOC, RT_FREED, RT_USAGE, RT_PEAK };
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

/* Adds the counters `from` into `into` (both of module m): sums, except
 * the memory-in-use arrays, which keep the larger value. */
void rt_counters_fold(const struct lineprof_module *m, uint64_t *into,
                      const uint64_t *from);

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

/* rt_heap.c: the allocator hooks' figures. */
struct rt_heap_thread {
  uint64_t alloc, freed; /* bytes this thread allocated and freed */
  uint64_t peak;         /* most bytes in use seen since the last charge */
  int busy;              /* the runtime is working: nothing counts */
};
extern RT_TLS struct rt_heap_thread rt_heap_thread;
extern _Atomic int64_t rt_heap_in_use; /* the process's heap, in bytes */
extern int rt_heap_counting;           /* 0 when LINEPROF_MEMORY != heap */

/* rt_mem_lines.c: per-line memory and mprof FUNC records. */
void rt_mem_lines_init(void);

/* rt_rss.c: resident set size from /proc/self/statm, without opening it
 * each time. */
void rt_rss_open(void);
uint64_t rt_rss_bytes(void);

/* rt_continuous.c: continuous mode (%c in LINEPROF_FILE). */
int rt_continuous_open(const char *path);
int rt_continuous_active(void);
void rt_continuous_module(struct rt_module *m);
uint64_t *rt_continuous_block(const struct rt_module *m, size_t n);
void rt_continuous_detach(struct rt_block *blocks_of_module);
void rt_continuous_close(void);

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
/* The same measured from start-up to now, without waiting (async-signal
 * safe); *elapsed_ns says how long that is. */
uint64_t rt_cycles_per_second_so_far(uint64_t *elapsed_ns);
uint64_t rt_start_monotonic_ns(void);
uint64_t rt_start_realtime_ns(void);

/* rt_probe_cost.c: measures __lineprof_probe_cycles. */
void rt_probe_cost_measure(void);

/* rt_sample.c: the sampling timer of LINEPROF_TIMER=sample and auto. */
void rt_sample_init(void);        /* the signal handler, at start-up */
void rt_sample_thread_start(void); /* arms the calling thread's timer */
int rt_sample_thread_stop(void);  /* deletes it; 1 if it was armed */
void rt_sample_after_fork(void);  /* the child's timer, its own budget */
void rt_sample_check_handler(void); /* warns if the program replaced it */
int rt_sample_switched(void);     /* auto mode has begun sampling */

/* rt_env.c: settings from LINEPROF_* (ignored in set-uid programs). */
enum rt_timer { RT_TIMER_OFF, RT_TIMER_EXACT, RT_TIMER_SAMPLE, RT_TIMER_AUTO };
struct rt_settings {
  const char *file_pattern; /* LINEPROF_FILE, or NULL for "<program>.lprof" */
  int verbose;              /* LINEPROF_VERBOSE */
  int quiet;                /* LINEPROF_QUIET: no "Wrote profile results" */
  enum rt_timer timer;      /* LINEPROF_TIMER (exact when memory is on) */
  uint32_t sample_us;       /* LINEPROF_SAMPLE_US: the sampling period */
  uint32_t auto_ms;         /* LINEPROF_AUTO_MS: CPU time before sampling */
  int sample_signal;        /* LINEPROF_SAMPLE_SIGNAL, 0: SIGPROF if free */
  int probe_cost;           /* LINEPROF_PROBE_COST != 0: subtract it */
  int memory;               /* LINEPROF_MEMORY: an lprof_memory_mode */
  const char *mprof_func_file; /* LINEPROF_MPROF_FUNC_FILE (lineprof mprof) */
  int forked;               /* this process is a fork()ed child */
  int continuous;           /* LINEPROF_FILE has %c */
};
extern struct rt_settings rt_settings;
void rt_env_init(void);
/* Parsers of the settings (rt_env_parse.c); each returns -1 for a bad
 * value, leaving *out alone. */
int rt_parse_timer(const char *v, enum rt_timer *out);
int rt_parse_memory(const char *v, int *out);
int rt_parse_number(const char *v, uint32_t min, uint32_t max, uint32_t *out);
int rt_parse_signal(const char *v, int *out);
/* Expands %p (pid), %h (host name) and %% in pattern into out. */
int rt_expand_pattern(const char *pattern, char *out, size_t size);

/* rt_output.c */
enum rt_write_reason { RT_WRITE_AT_EXIT, RT_WRITE_FATAL_SIGNAL };
void rt_write_profile(enum rt_write_reason why);
/* The PROG record (hz and calib_ns are dropped when the timer is off). */
struct lprof_buf;
void rt_put_program(struct lprof_buf *b, uint64_t hz, uint64_t calib_ns,
                    uint64_t duration_ns);
/* The profile's path (LINEPROF_FILE expanded); -1 if too long. */
int rt_output_path(char *out, size_t size);

#endif
