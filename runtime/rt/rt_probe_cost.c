/* rt_probe_cost.c - the cost of one probe of a timed call, measured at
 * start-up when times can be exact, for the runtime to subtract
 * (rt_timed.c): __lineprof_timed_line called through a pointer the
 * compiler cannot see through, as the probes call it, on a scratch call
 * and counter block, in a few batches whose least is kept. It takes tens
 * of microseconds. */
#include "rt_abi.h"
#include "rt_base.h"
#include "rt_clock.h"
#include "rt_heap.h"
#include "rt_timed.h"

#define READS_PER_BATCH 256
#define BATCHES 9

/* Cycles per probe, over one batch: each event's time is charged to slot 0,
 * the sink slot of a module with no lines. */
static uint64_t batch(uint64_t *call) {
  static void (*volatile line)(uint64_t *, uint32_t) = __lineprof_timed_line;
  uint64_t first = rt_cycles_in_order();
  for (int i = 0; i < READS_PER_BATCH; i++)
    line(call, 0);
  return (rt_cycles_in_order() - first) / READS_PER_BATCH;
}

static int by_value(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

void rt_probe_cost_measure(void) {
  static struct lineprof_module scratch = {.abi_version = LINEPROF_ABI_VERSION};
  uint64_t block[LINEPROF_BLOCK_ARRAYS] = {0};
  uint64_t call[LINEPROF_TIMED_CALL_WORDS], costs[BATCHES];
  uint64_t reads = __lineprof_stack.clock_reads;
  int detail = __lineprof_detail;
  __lineprof_detail = LINEPROF_DETAIL_TIMER; /* no memory figures */
  __lineprof_timed_enter(call, &scratch, block, 0, __builtin_frame_address(0));
  __lineprof_detail = detail;
  for (int i = 0; i < BATCHES; i++)
    costs[i] = batch(call);
  __lineprof_timed_leave(call);
  __lineprof_stack.clock_reads = reads;
  rt_sort(costs, BATCHES, sizeof *costs, by_value);
  /* The least: a batch can only be slowed down (an interrupt, another
   * thread on the core), and a cost measured too high takes time from
   * every line, the most from those with the most events (rt_timed.c). */
  rt_probe_cycles = costs[0];
  /* With the heap measured, a line event also charges it before its clock
   * read (rt_timed.c): that is part of the probe too. */
  rt_probe_memory_cycles = rt_mem_line_cycles();
  rt_probe_cycles += rt_probe_memory_cycles;
}
