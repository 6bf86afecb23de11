/* rt_mem_stack.c - heap memory per line in modules built without exact
 * probes, which have no timed calls: each allocation and free a thread
 * makes is charged, as it happens, to the line of every call in progress
 * on its shadow stack (__lineprof_stack, rt_abi.h). Those modules' calls
 * take a frame whatever the timer; timed calls take none, and rt_mem_lines.c
 * charges their lines. A line gets the bytes allocated and freed while on
 * it, callees included, as a timed call's line does, and its memory in use
 * and peak as they are after (and, for a free, before) each of them
 * (docs/memory.md). Calls deeper than LINEPROF_STACK_FRAMES share the last
 * frame, as the sampler's do: the calls between get nothing. */
#include <stdint.h>

#include "rt_abi.h"
#include "rt_heap.h"
#include "rt_registry.h"

void rt_mem_stack_charge(uint64_t alloc, uint64_t freed, int64_t before,
                         int64_t after) {
  const volatile struct lineprof_stack *s = &__lineprof_stack;
  uint32_t n = s->depth;
  if (n > LINEPROF_STACK_FRAMES + 1)
    n = LINEPROF_STACK_FRAMES + 1;
  uint64_t usage = after > 0 ? (uint64_t)after : 0;
  uint64_t peak = before > after && before > 0 ? (uint64_t)before : usage;
  /* One count of the two, and the maxima stored only when they grow: in a
   * deep recursion this loop is most of what an allocation costs. */
  enum rt_array which = alloc ? RT_ALLOC : RT_FREED;
  uint64_t bytes = alloc ? alloc : freed;
  for (uint32_t i = 0; i < n; i++) {
    const volatile struct lineprof_frame *f = &s->frames[i];
    uint64_t *cycles = f->cycles, stride = f->stride;
    if (!cycles)
      continue;
    uint32_t slot = rt_frame_slot(f);
    *rt_line_counter(cycles, stride, slot, which) += bytes;
    uint64_t *in_use = rt_line_counter(cycles, stride, slot, RT_USAGE);
    uint64_t *high = rt_line_counter(cycles, stride, slot, RT_PEAK);
    if (usage > *in_use)
      *in_use = usage;
    if (peak > *high)
      *high = peak;
  }
}
