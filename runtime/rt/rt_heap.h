/* rt_heap.h - memory as the runtime measures it: the heap's figures
 * (rt_heap_count.c), which the allocator hooks (rt_heap.c) or a
 * sanitizer's callbacks (rt_heap_sanitizer.c) report, of every block or
 * of a sample (rt_heap_sample.c), per-line memory (rt_mem_lines.c for
 * timed calls, rt_mem_stack.c for calls with frames, rt_mem_native.c for
 * the others), the resident set size (rt_rss.c). */
#ifndef RT_HEAP_H
#define RT_HEAP_H

#include <stdint.h>

#include "rt_base.h"

/* rt_heap_count.c: the heap's figures, which rt_heap.c's allocator hooks
 * or a sanitizer's callbacks report. */
struct rt_heap_thread {
  uint64_t alloc, freed; /* bytes this thread allocated and freed */
  uint64_t peak;         /* most bytes in use seen since the last charge */
  int busy;              /* the runtime is working: nothing counts */
};
extern RT_TLS struct rt_heap_thread rt_heap_thread;
extern _Atomic int64_t rt_heap_in_use; /* the process's heap, in bytes */
extern int rt_heap_counting;           /* 0 when LINEPROF_MEMORY != heap */
void rt_heap_count_alloc(uint64_t n); /* a block of n bytes came or went */
void rt_heap_count_free(uint64_t n);

/* rt_heap_sample.c: LINEPROF_MEMORY=sampled. The hooks count down each
 * block's bytes in rt_heap_sampled; the block that crosses zero is
 * sampled (rt_heap_sample_take); rt_heap_sampled_free forgets a sampled
 * block before the allocator may hand its address out again. A block
 * whose bit of rt_heap_sample_filter is clear was not sampled: most frees
 * look no further. */
#define RT_SAMPLE_FILTER_BITS 4096
extern RT_TLS int64_t rt_heap_sample_left; /* bytes until the next sample */
extern uint64_t rt_heap_sample_filter[RT_SAMPLE_FILTER_BITS / 64];
extern uint64_t rt_heap_sample_rate; /* LINEPROF_MEMORY_RATE; 0: off */
void rt_heap_sample_take(void *p, uint64_t n);
void rt_heap_sample_freed(void *p);
void rt_heap_sample_after_fork(void);
static inline size_t rt_heap_sample_bit(const void *p) {
  return (size_t)((((uintptr_t)p >> 4) * 0x9E3779B97F4A7C15ull) >> 52);
}
static inline void rt_heap_sampled(void *p, uint64_t n) {
  if (p && (rt_heap_sample_left -= (int64_t)n) < 0)
    rt_heap_sample_take(p, n);
}
static inline void rt_heap_sampled_free(void *p) {
  size_t bit = rt_heap_sample_bit(p);
  if (__atomic_load_n(&rt_heap_sample_filter[bit / 64], __ATOMIC_ACQUIRE) >>
          (bit % 64) & 1 && p)
    rt_heap_sample_freed(p);
}

/* Whoever reports the blocks (the hooks, a sanitizer's callbacks): a block
 * of n bytes at p (NULL: none) came, or goes (before the allocator may
 * hand its address out again); counted, or sampled. */
static inline void rt_heap_block_new(void *p, uint64_t n) {
  if (rt_heap_sample_rate)
    rt_heap_sampled(p, n);
  else if (p)
    rt_heap_count_alloc(n);
}
static inline void rt_heap_block_gone(void *p, uint64_t n) {
  if (rt_heap_sample_rate)
    rt_heap_sampled_free(p);
  else
    rt_heap_count_free(n);
}

/* rt_heap.c: the allocator hooks. The heap is counted and blocks
 * trackable: they have headers, or a sanitizer's allocator calls back. */
int rt_heap_headers(void);
/* From start-up on, count only a sample of the blocks (rt_heap_sample.c),
 * one per `rate` bytes on average. */
void rt_heap_sample_start(uint64_t rate);
/* Whether these hooks are the process's malloc (not in a static program, a
 * sanitizer's, or a program with its own allocator). */
int rt_heap_hooked(void);
/* rt_heap_wake (async-signal safe) makes the next call of a hook call the
 * function rt_heap_on_wake gave: rt_snapshot_signal.c starts its thread. */
void rt_heap_on_wake(void (*fn)(void));
void rt_heap_wake(void);
/* Where pointers into block p of size bytes end (at most its end): glibc's
 * own pointer to the next chunk may fall inside the block. */
uintptr_t rt_heap_reference_end(void *p, uint64_t size);

/* rt_heap_sanitizer.c: in a program built with a sanitizer, whose
 * allocator wins over rt_heap.c's, has it call back instead; returns
 * whether it does (then rt_heap_sanitizer is 1). */
extern int rt_heap_sanitizer;
int rt_heap_sanitizer_install(void);
/* Whether object tracking's scans can work here (no sanitizer, or ASan),
 * and whether [start, end) is the sanitizer's shadow memory. */
int rt_heap_sanitizer_objects(void);
int rt_heap_sanitizer_shadow(uintptr_t start, uintptr_t end);

/* rt_mem_lines.c: per-line memory and mprof FUNC records, for timed calls
 * (rt_timed.c) whose state holds RT_MEM_CALL_WORDS u64 for it. */
#define RT_MEM_CALL_WORDS 6
struct lineprof_module;
void rt_mem_lines_init(void);
void rt_mem_enter(const struct lineprof_module *m, uint32_t function,
                  uint64_t *call);
void rt_mem_line(uint64_t *block, uint32_t slot, uint64_t *call);
/* The cycles of one line event's heap charge, measured on a scratch call
 * at start-up (the least of a few batches); 0 unless LINEPROF_MEMORY=heap.
 * rt_probe_cost.c adds them to a probe's cost. */
uint64_t rt_mem_line_cycles(void);
void rt_mem_leave(uint64_t *block, uint32_t slot, uint64_t *call);

/* rt_mem_stack.c: per-line memory for calls that are not timed: the
 * thread's allocation of `alloc` bytes or free of `freed` bytes, the heap's
 * bytes in use before and after it, charged to the lines of its calls in
 * progress on the shadow stack. What waits in the threads' records for the
 * counters (of module m) in a block is added to out, a copy of the same
 * layout, by rt_mem_stack_pending; a thread settles its own at exit; a
 * forked child restarts its thread's (rt_mem_stack_reset). */
void rt_mem_stack_charge(uint64_t alloc, uint64_t freed, int64_t before,
                         int64_t after);
void rt_mem_stack_pending(const struct lineprof_module *m,
                          const uint64_t *counters, uint64_t *out);
void rt_mem_stack_thread_exit(void);
void rt_mem_stack_reset(void);

/* rt_mem_native.c: the same for the calls of modules without frames, read
 * from the native stack (called once such a module registered). */
void rt_mem_native_charge(uint64_t alloc, uint64_t freed, int64_t before,
                          int64_t after);

/* rt_rss.c: resident set size from /proc/PID/statm, without opening it
 * each time. rt_statm_open(pid) opens a process's statm (pid <= 0: this
 * process's), close-on-exec, or returns -1 with errno set;
 * rt_statm_bytes(fd) reads it: bytes resident, -1 once the process is gone
 * (exited, or a zombie). rt_rss_bytes is this process's, from a descriptor
 * rt_rss_open opened. */
int rt_statm_open(int pid);
int64_t rt_statm_bytes(int fd);
void rt_rss_open(void);
uint64_t rt_rss_bytes(void);

#endif
