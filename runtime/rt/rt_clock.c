/* rt_clock.c - the clocks: the CPU's cycle counter that probes read (as
 * llvm.readcyclecounter), and its calibration against CLOCK_MONOTONIC over
 * the whole run, so that cycles can be reported as seconds (and sampled
 * CPU time converted to cycles). */
#include <time.h>

#include "rt_clock.h"

static uint64_t start_cycles, start_mono_ns, start_real_ns;

static uint64_t read_clock(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t rt_monotonic_ns(void) { return read_clock(CLOCK_MONOTONIC); }
uint64_t rt_realtime_ns(void) { return read_clock(CLOCK_REALTIME); }
uint64_t rt_process_cpu_ns(void) { return read_clock(CLOCK_PROCESS_CPUTIME_ID); }
uint64_t rt_thread_cpu_ns(void) { return read_clock(CLOCK_THREAD_CPUTIME_ID); }
uint64_t rt_start_monotonic_ns(void) { return start_mono_ns; }
uint64_t rt_start_realtime_ns(void) { return start_real_ns; }

void rt_clock_start(void) {
  start_real_ns = rt_realtime_ns();
  start_mono_ns = rt_monotonic_ns();
  start_cycles = rt_cycles();
}

/* Shortest interval a calibration is measured over. */
#define MIN_CALIBRATION_NS 20000000u

static uint64_t rate(uint64_t cycles, uint64_t ns) {
  return ns ? (uint64_t)((double)cycles * 1e9 / (double)ns + 0.5) : 0;
}

uint64_t rt_cycles_per_second_so_far(uint64_t *elapsed_ns) {
  uint64_t t1 = rt_monotonic_ns(), c1 = rt_cycles();
  *elapsed_ns = t1 - start_mono_ns;
  return rate(c1 - start_cycles, t1 - start_mono_ns);
}

uint64_t rt_cycles_per_second(uint64_t *calibration_ns) {
  uint64_t c0 = start_cycles, t0 = start_mono_ns;
  uint64_t t1 = rt_monotonic_ns(), c1 = rt_cycles();
  if (t1 - t0 < MIN_CALIBRATION_NS) {
    /* A short run: measure a fresh interval rather than trust a few ms,
     * asleep: the counter runs at a constant rate (invariant TSC), and a
     * busy wait would be CPU time of the program (auto mode would count it
     * towards its switch to sampling). */
    c0 = rt_cycles();
    t1 = t0 = rt_monotonic_ns();
    while (t1 - t0 < MIN_CALIBRATION_NS) {
      struct timespec left = {0, (long)(MIN_CALIBRATION_NS - (t1 - t0))};
      nanosleep(&left, NULL);
      t1 = rt_monotonic_ns();
    }
    c1 = rt_cycles();
  }
  *calibration_ns = t1 - t0;
  return rate(c1 - c0, t1 - t0);
}
