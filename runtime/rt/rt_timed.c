/* rt_timed.c - what the exact probes call (rt_abi.h): at entry, at each line
 * event and at return. In a call that is not timed (neither exact times
 * nor memory asked for at its entry) they return at once. In a timed call
 * each reads the cycle counter and charges the
 * time since the call's previous event to the line that ends (the call's
 * current line, kept here; the sink slot before its first), less the
 * probes' own cost: rt_probe_cycles for every clock read made since then,
 * callees' included (counted in __lineprof_stack.clock_reads), and what an
 * earlier interval shorter than its cost could not take (clamping each at
 * 0 instead would inflate lines of near-zero work: a probe's cost varies
 * around the median measured); and, when
 * the call started with memory asked for, the memory figures of that line
 * (rt_mem_lines.c), after which the clock starts again so that the
 * runtime's memory work is charged to no line. A line's self time is its
 * time less the time of the timed calls it made: the thread keeps a stack
 * of its timed calls in progress (their addresses, and what their callees
 * took since their last event), and each call at return adds its total to
 * the entry below its own. The stack lives in thread-local storage, never
 * in the calls' frames, so the calls a longjmp left behind (found by their
 * addresses: deeper in the stack than a new call) are dropped without
 * being read. */
#include "rt_abi.h"
#include "rt_base.h"
#include "rt_clock.h"
#include "rt_heap.h"
#include "rt_registry.h"
#include "rt_timed.h"

uint64_t rt_probe_cycles;

struct timed_call {
  uint64_t total; /* cycles charged to this call's lines */
  uint64_t debt;  /* probe cost not yet subtracted: an interval was shorter */
  uint32_t level; /* its entry in the thread's stack; NESTING: none */
  uint32_t reserved;
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

/* Deeper timed calls are not in the stack: their self time is their
 * time, and their totals are not taken from their callers'. */
#define NESTING 256u

/* The thread's stack of timed calls in progress. */
static RT_TLS struct {
  uint32_t depth;
  uintptr_t call[NESTING];   /* each call's state's address */
  uint64_t callees[NESTING]; /* cycles of its timed calls since its event */
} nest;

/* Puts c on top, first dropping what a longjmp left behind: entries whose
 * state lies deeper in the stack (it grows down) than c's. */
static void push(struct timed_call *c) {
  uint32_t n = nest.depth < NESTING ? nest.depth : NESTING;
  while (n && nest.call[n - 1] <= (uintptr_t)c)
    n--;
  c->level = n < NESTING ? n : NESTING;
  if (n < NESTING) {
    nest.call[n] = (uintptr_t)c;
    nest.callees[n] = 0;
  }
  nest.depth = n + 1;
}

/* The cycles of c's timed calls since its last event, then 0. */
static uint64_t take_callees(struct timed_call *c) {
  if (c->level >= NESTING || nest.call[c->level] != (uintptr_t)c)
    return 0;
  uint64_t cycles = nest.callees[c->level];
  nest.callees[c->level] = 0;
  return cycles;
}

/* Takes c off the stack and adds its total to the call below. */
static void pop(struct timed_call *c) {
  if (c->level >= NESTING)
    return;
  nest.depth = c->level;
  if (c->level)
    nest.callees[c->level - 1] += c->total;
}

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
  c->total = c->debt = 0;
  push(c);
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
  uint64_t cost = rt_probe_cycles * (reads - c->reads_last) + c->debt;
  uint64_t net = elapsed > cost ? elapsed - cost : 0;
  c->debt = cost - (elapsed - net);
  rt_array(c->module, c->block, RT_CYCLES)[c->slot] += net;
  uint64_t callees = take_callees(c);
  rt_array(c->module, c->block, RT_SELF)[c->slot] +=
      net > callees ? net - callees : 0;
  c->total += net;
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
  pop(c);
}
