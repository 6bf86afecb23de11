/* rt_probe_cost.c - the cost of one clock read of the detailed version,
 * measured at start-up when times can be exact, for the probes to subtract
 * (__lineprof_probe_cycles, rt_abi.h): a loop that does what such a probe
 * does (read the cycle counter, add the interval to a counter in memory,
 * count the read), in a few batches whose median is kept. It takes tens of
 * microseconds. */
#include "rt_abi.h"
#include "rt_base.h"
#include "rt_clock.h"

#define READS_PER_BATCH 256
#define BATCHES 9

/* Cycles per probe-like read, over one batch. */
static uint64_t batch(volatile uint64_t *counter) {
  volatile uint64_t *reads = &__lineprof_stack.clock_reads;
  uint64_t first = rt_cycles(), last = first;
  for (int i = 0; i < READS_PER_BATCH; i++) {
    uint64_t now = rt_cycles();
    *counter += now - last;
    last = now;
    ++*reads;
  }
  return (last - first) / READS_PER_BATCH;
}

static int by_value(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

void rt_probe_cost_measure(void) {
  uint64_t counter = 0, costs[BATCHES];
  uint64_t reads = __lineprof_stack.clock_reads;
  for (int i = 0; i < BATCHES; i++)
    costs[i] = batch(&counter);
  __lineprof_stack.clock_reads = reads;
  rt_sort(costs, BATCHES, sizeof *costs, by_value);
  __lineprof_probe_cycles = costs[BATCHES / 2]; /* the median */
}
