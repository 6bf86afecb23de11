/* rt_clock.h - time: the cycle counter the probes read, the clocks and
 * the counter's calibration (rt_clock.c), and the cost of one probe's read
 * (rt_probe_cost.c). */
#ifndef RT_CLOCK_H
#define RT_CLOCK_H

#include <stdint.h>

/* The counter probes read with llvm.readcyclecounter (rdtsc on x86). */
#if defined(__clang__)
#define rt_cycles() __builtin_readcyclecounter()
#elif defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#define rt_cycles() __rdtsc()
#else
#error "lineprof's runtime needs clang or an x86 compiler for the cycle counter"
#endif

/* The counter read in program order, for the timed calls' line times: on
 * x86 rdtsc may run before earlier instructions finish (a callee's
 * dependency chain still in flight would be charged to the next line);
 * lfence first waits for them. (A second lfence after it, holding back the
 * next line's first instructions, cost 5 ns more per read on the machine of
 * docs/performance.md for no measurable gain.) */
#if defined(__x86_64__) || (defined(__i386__) && defined(__SSE2__))
#include <emmintrin.h>
static inline uint64_t rt_cycles_in_order(void) {
  _mm_lfence();
  return rt_cycles();
}
#else
#define rt_cycles_in_order() rt_cycles()
#endif

/* rt_clock.c */
void rt_clock_start(void);
uint64_t rt_monotonic_ns(void);
uint64_t rt_realtime_ns(void);
uint64_t rt_process_cpu_ns(void); /* CPU time of the whole process */
uint64_t rt_thread_cpu_ns(void);  /* CPU time of the calling thread */
/* Cycle-counter frequency, measured over the run so far (at least ~20 ms). */
uint64_t rt_cycles_per_second(uint64_t *calibration_ns);
/* The same measured from start-up to now, without waiting (async-signal
 * safe); *elapsed_ns says how long that is. */
uint64_t rt_cycles_per_second_so_far(uint64_t *elapsed_ns);
uint64_t rt_start_monotonic_ns(void);
uint64_t rt_start_realtime_ns(void);


#endif
