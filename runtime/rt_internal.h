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
int rt_heap_headers(void); /* blocks have headers: counted, trackable */
/* Where pointers into block p end (at most its end): glibc's own pointer
 * to the next chunk may fall inside the block. */
uintptr_t rt_heap_reference_end(void *p);

/* rt_objects.c: object tracking's table of live blocks (docs/objects.md). */
extern int rt_objects_on; /* LINEPROF_OBJECTS or LINEPROF_LEAKS */
struct rt_object {
  uintptr_t start; /* the program's pointer; 0 in an empty slot */
  uint64_t size;
  const char *type;                       /* NULL: untyped */
  const struct lineprof_alloc_site *site; /* NULL: none given */
  void *caller;     /* the allocation function's return address */
  uint64_t time_ns; /* since the runtime started */
  uintptr_t end;    /* snapshots: where pointers into it end */
};
struct rt_range {
  uintptr_t start, end;
};
/* The allocator hooks' side (never with the runtime busy). */
void rt_objects_add(void *p, uint64_t size, void *caller);
void rt_objects_forget(void *p);
void rt_objects_lock(void);
void rt_objects_unlock(void);
/* Block from became to (realloc); called with the table locked. */
void rt_objects_moved_locked(void *from, void *to, uint64_t size);
/* to, a copy of from, takes its type, site and time. */
void rt_objects_inherit(void *from, void *to);
void rt_objects_before_fork(void);
void rt_objects_after_fork(void);

/* The analyses' side. A snapshot of the table sorted by address, taken
 * with the table locked until rt_objects_release; one analysis at a
 * time. floor: the calling thread's stack is scanned from there up. On
 * failure (tracking off, table busy) returns -1 after saying why in out. */
struct rt_objects {
  struct rt_object *v;
  size_t n;
};
struct lprof_buf;
int rt_objects_acquire(struct rt_objects *s, uintptr_t floor,
                       struct lprof_buf *out);
void rt_objects_release(struct rt_objects *s);
/* Zeroed pages freed by rt_objects_release; the scans skip them. */
void *rt_objects_scratch(size_t size);
/* Whether addr is in the table's or the scratch pages. */
int rt_objects_own(uintptr_t addr);
/* The index of the block holding addr (interior pointers count), or
 * SIZE_MAX. */
size_t rt_objects_find(const struct rt_objects *s, uintptr_t addr);

/* Where an entry point's scan of its own thread's stack starts: the entry
 * point spills its caller's callee-saved registers with
 * __builtin_unwind_init, right below its frame pointer on x86-64 (rbx,
 * r12-r15 after rbp), and everything above is the caller's. Padding below
 * them could hold stale words of the runtime's own, so the scan starts
 * exactly there. */
#define RT_STACK_FLOOR()                                                       \
  ((uintptr_t)__builtin_frame_address(0) - 5 * sizeof(void *))

/* rt_objects_roots.c: conservative scans for pointers into blocks. */
enum rt_root_kind { RT_ROOT_GLOBAL, RT_ROOT_STACK, RT_ROOT_ANON };
struct rt_root {
  uintptr_t start, end;
  enum rt_root_kind kind;
  long tid; /* RT_ROOT_STACK: the thread */
};
/* A word at `where` points into block `to`; it lies in root (then from is
 * SIZE_MAX) or in block `from` (then root is NULL). */
typedef void (*rt_visit)(void *ctx, const struct rt_root *root, size_t from,
                         uintptr_t where, size_t to);
void rt_roots_collect(uintptr_t floor); /* before locking the table */
void rt_roots_scan(const struct rt_objects *s, rt_visit visit, void *ctx);
void rt_block_scan(const struct rt_objects *s, size_t from, rt_visit visit,
                   void *ctx);

/* rt_symbols.c: the name of the symbol holding addr (static ones too, from
 * the ELF symbol table of its object) into out, and addr's offset in it;
 * else the object file's name and the offset from its base. -1 if no
 * loaded object holds addr. No malloc. */
int rt_symbol_name(uintptr_t addr, char *out, size_t size, uintptr_t *offset);

/* rt_text.c: printf into b (grown with mmap), then written to fd and b
 * freed; no malloc, no stdio lock waited for. */
void rt_printf(struct lprof_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void rt_text_write(struct lprof_buf *b, int fd);

/* rt_sort.c: qsort without malloc. */
void rt_sort(void *base, size_t n, size_t size,
             int (*cmp)(const void *, const void *));

/* rt_dump.c: snapshots on LINEPROF_DUMP_SIGNAL, written by a thread of
 * the runtime started with the first instrumented module. */
void rt_dump_init(void);
void rt_dump_start(void);
void rt_dump_after_fork(void);

/* rt_mem_lines.c: per-line memory and mprof FUNC records, for timed calls
 * (rt_timed.c) whose state holds RT_MEM_CALL_WORDS u64 for it. */
#define RT_MEM_CALL_WORDS 6
void rt_mem_lines_init(void);
void rt_mem_enter(const struct lineprof_module *m, uint32_t function,
                  uint64_t *call);
void rt_mem_line(uint64_t *block, uint32_t slot, uint64_t *call);
void rt_mem_leave(uint64_t *block, uint32_t slot, uint64_t *call);

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
uint64_t rt_process_cpu_ns(void); /* CPU time of the whole process */
/* Cycle-counter frequency, measured over the run so far (at least ~20 ms). */
uint64_t rt_cycles_per_second(uint64_t *calibration_ns);
/* The same measured from start-up to now, without waiting (async-signal
 * safe); *elapsed_ns says how long that is. */
uint64_t rt_cycles_per_second_so_far(uint64_t *elapsed_ns);
uint64_t rt_start_monotonic_ns(void);
uint64_t rt_start_realtime_ns(void);

/* rt_registry.c: which kinds of probes the registered modules have
 * (lineprof_module.flags): exact-timing ones, or only sampled ones. */
#define RT_PROBES_EXACT 1u
#define RT_PROBES_SAMPLED 2u
extern unsigned rt_probe_kinds;

/* rt_probe_cost.c: the cycles one probe of a timed call adds to the times
 * it measures (0 until measured), and its measurement. */
extern uint64_t rt_probe_cycles;
void rt_probe_cost_measure(void);

/* rt_sample.c: the sampling timer of LINEPROF_TIMER=sample and auto. */
void rt_sample_init(void);        /* the signal handler, at start-up */
void rt_sample_for_sampled_probes(void); /* exact mode: a sampled module */
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
  int objects;              /* LINEPROF_OBJECTS, or implied by: */
  int leaks;                /* LINEPROF_LEAKS: leak report at exit */
  int dump_signal;          /* LINEPROF_DUMP_SIGNAL (0: off) */
};
extern struct rt_settings rt_settings;
void rt_env_init(void);
int rt_env_wants_heap_headers(void); /* LINEPROF_MEMORY=heap or objects */
/* Parsers of the settings (rt_env_parse.c); each returns -1 for a bad
 * value, leaving *out alone. */
int rt_parse_timer(const char *v, enum rt_timer *out);
int rt_parse_memory(const char *v, int *out);
int rt_parse_number(const char *v, uint32_t min, uint32_t max, uint32_t *out);
int rt_parse_signal(const char *v, int *out);
int rt_parse_sample_signal(const char *v, int *out);
/* Expands %p (pid), %h (host name) and %% in pattern into out. */
int rt_expand_pattern(const char *pattern, char *out, size_t size);

/* rt_output.c: the profile at exit, at a fatal signal, or snapshot n
 * (.n appended to the path; 0 for the profile itself). */
enum rt_write_reason { RT_WRITE_AT_EXIT, RT_WRITE_FATAL_SIGNAL, RT_WRITE_SNAPSHOT };
void rt_write_profile(enum rt_write_reason why, unsigned snapshot);
/* Writes b to path through a temporary file; returns 0 or an errno. */
int rt_write_atomically(const char *path, const struct lprof_buf *b);
/* The PROG record (hz and calib_ns are dropped when the timer is off). */
struct lprof_buf;
void rt_put_program(struct lprof_buf *b, uint64_t hz, uint64_t calib_ns,
                    uint64_t duration_ns);
/* The profile's path (LINEPROF_FILE expanded); -1 if too long. */
int rt_output_path(char *out, size_t size);

#endif
