/* rt_timed.c - what the exact probes call (rt_abi.h): at entry, at each line
 * event and at return. In a call that is not timed (neither exact times
 * nor memory asked for at its entry) they return at once. In a timed call
 * each reads the cycle counter and charges the
 * time since the call's previous event to the line that ends (the call's
 * current line, kept here; the sink slot before its first), less the
 * probes' own cost: rt_probe_cycles for every clock read made since then,
 * callees' included (counted in __lineprof_stack.clock_reads); and, when
 * the call started with memory asked for, the memory figures of that line
 * (rt_mem_lines.c), after which the clock starts again so that the
 * runtime's memory work is charged to no line. */
#include "rt_abi.h"
#include "rt_base.h"
#include "rt_clock.h"
#include "rt_heap.h"
#include "rt_registry.h"
#include "rt_timed.h"

uint64_t rt_probe_cycles;

struct timed_call {
  uint64_t *block;
  const struct lineprof_module *module;
  uint64_t last;       /* cycle counter at the previous event */
  uint64_t reads_last; /* the thread's clock reads then */
  uint32_t slot;       /* the current line */
  uint16_t timed;      /* times or memory asked for at entry */
  uint16_t memory;     /* memory asked for at entry */
  uint64_t mem[RT_MEM_CALL_WORDS];
};
_Static_assert(sizeof(struct timed_call) <= 8 * LINEPROF_TIMED_CALL_WORDS,
               "the probes allocate LINEPROF_TIMED_CALL_WORDS words");

/* The clock starts again for this call: the time until the next event is
 * the next line's. */
static void restart(struct timed_call *c) {
  c->last = rt_cycles_in_order();
  c->reads_last = ++__lineprof_stack.clock_reads;
}

RT_EXPORT void __lineprof_timed_enter(uint64_t *call,
                                      struct lineprof_module *m,
                                      uint64_t *block, uint32_t function) {
  struct timed_call *c = (struct timed_call *)call;
  int detail = __lineprof_detail;
  c->timed = (detail & ~LINEPROF_DETAIL_SAMPLE) != 0;
  if (!c->timed)
    return;
  c->block = block;
  c->module = m;
  c->slot = m->nslots;
  c->memory = (detail & LINEPROF_DETAIL_MEMORY) != 0;
  if (c->memory)
    rt_mem_enter(m, function, c->mem);
  restart(c);
}

/* Charges the time since the call's last event to its current line. */
static void charge_time(struct timed_call *c) {
  uint64_t now = rt_cycles_in_order();
  uint64_t reads = ++__lineprof_stack.clock_reads;
  uint64_t elapsed = now - c->last;
  uint64_t cost = rt_probe_cycles * (reads - c->reads_last);
  rt_array(c->module, c->block, RT_CYCLES)[c->slot] +=
      elapsed > cost ? elapsed - cost : 0;
  c->last = now;
  c->reads_last = reads;
}

RT_EXPORT void __lineprof_timed_line(uint64_t *call, uint32_t slot) {
  struct timed_call *c = (struct timed_call *)call;
  if (!c->timed)
    return;
  charge_time(c);
  if (c->memory) {
    rt_mem_line(c->block, c->slot, c->mem);
    restart(c);
  }
  c->slot = slot;
}

RT_EXPORT void __lineprof_timed_leave(uint64_t *call) {
  struct timed_call *c = (struct timed_call *)call;
  if (!c->timed)
    return;
  charge_time(c);
  if (c->memory)
    rt_mem_leave(c->block, c->slot, c->mem);
}
