/* rt_mem_native.c - heap memory per line in modules built with the default
 * probes (LINEPROF_MODULE_UNWOUND), whose calls take no frames: each
 * counted allocation and free is charged to the lines of the calls in
 * progress read from the native stack (rt_native_stack.c), the calls the
 * compiler inlined included (rt_pc_lines.c), once per call in progress
 * on the line (a recursive line counts its callees' bytes at each level),
 * as rt_mem_stack.c charges the frames of the other builds: the bytes
 * allocated and freed, the heap's bytes in use after the event and the
 * most before or after it. Reading the stack costs microseconds: with
 * LINEPROF_MEMORY=sampled (rt_heap_sample.c) only sampled blocks pay it;
 * with heap, every block does. */
#include <stdint.h>

#include "rt_heap.h"
#include "rt_native_stack.h"
#include "rt_pc_lines.h"
#include "rt_registry.h"

/* One event. */
struct event {
  uint64_t alloc, freed, usage, peak;
};

static uint64_t max64(uint64_t a, uint64_t b) { return a > b ? a : b; }

/* Charges the event to the line of a call in progress. */
static int charge_line(void *ctx, uint64_t *cycles, uint32_t stride,
                       uint32_t slot) {
  const struct event *e = ctx;
  *rt_line_counter(cycles, stride, slot, RT_ALLOC) += e->alloc;
  *rt_line_counter(cycles, stride, slot, RT_FREED) += e->freed;
  uint64_t *u = rt_line_counter(cycles, stride, slot, RT_USAGE);
  uint64_t *p = rt_line_counter(cycles, stride, slot, RT_PEAK);
  *u = max64(*u, e->usage);
  *p = max64(*p, e->peak);
  return 1;
}

void rt_mem_native_charge(uint64_t alloc, uint64_t freed, int64_t before,
                          int64_t after) {
  struct event e = {.alloc = alloc, .freed = freed};
  e.usage = after > 0 ? (uint64_t)after : 0;
  e.peak = before > after && before > 0 ? (uint64_t)before : e.usage;
  uintptr_t call[RT_NATIVE_FRAMES];
  int n = rt_native_here(call);
  for (int i = 0; i < n; i++)
    rt_pc_unwound_lines(call[i], 0, charge_line, &e);
}
