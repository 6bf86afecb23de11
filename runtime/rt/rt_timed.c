/* rt_timed.c - what the exact probes call (rt_abi.h): at entry, at each line
 * event and at return. In a call that is not timed (neither exact times
 * nor memory asked for at its entry) they return at once. In a timed call
 * each reads the cycle counter and charges the
 * time since the call's previous event to the line that ends (the call's
 * current line, kept here; the sink slot before its first), less the
 * probes' own cost: rt_probe_cycles for every clock read made since then,
 * callees' included (counted in __lineprof_stack.clock_reads). An interval
 * shorter than its cost is charged below 0: a line's time is the signed
 * sum of its intervals, read as 0 if below (lineprof_counters.h), so a
 * probe cost that varies around the one measured neither inflates lines
 * of near-zero work (as clamping each interval at 0 would) nor moves their
 * shortfall to whichever line comes next, and a calling line is its
 * callees' total plus its own time; and, when
 * the call started with memory asked for, the memory figures of that line
 * (rt_mem_lines.c), after which the clock starts again so that the
 * runtime's memory work is charged to no line. A line's self time is its
 * time less the time of the timed calls it made: the thread keeps a stack
 * of its timed calls in progress (their addresses, and what their callees
 * took since their last event), and each call at return adds its total to
 * the entry below its own. The stack lives in thread-local storage, never
 * in the calls' frames, so the calls a longjmp left behind (found by their
 * addresses and return addresses: ended()) are dropped without being read.
 *
 * Auto mode hands the timed calls over to the sampler when it switches:
 * at a thread's first event after the switch every timed call of its
 * stack charges its current interval, and from then on only keeps its
 * current line, which the sampler charges (rt_timed_charge_handed) like a
 * sampled call's; so a call that started in the exact phase (a thread's
 * main loop) does not stay exact, at a clock read per event, to its end.
 * (The guarded events of small functions and loops store it themselves
 * once the state's head says LINEPROF_TIMED_HANDED: rt_abi.h.)
 * Calls measuring memory stay timed. The probes of new calls stop calling
 * the runtime once every call in progress is handed over (the stack's
 * timed calls that are not, __lineprof_stack.timed, are none): what a
 * longjmp left of the handed ones is then not dropped at the next call's
 * entry, but skipped by the sampler, which checks that each still has its
 * return address and its state (handed_live). */
#include <stddef.h>

#include "rt_abi.h"
#include "rt_base.h"
#include "rt_clock.h"
#include "rt_heap.h"
#include "rt_registry.h"
#include "rt_timed.h"

uint64_t rt_probe_cycles;
uint64_t rt_probe_memory_cycles;

struct timed_call {
  /* First, as struct lineprof_timed_head (rt_abi.h): */
  uint32_t timed;         /* LINEPROF_TIMED_*: times or memory asked for at
                             entry, and then whether it is handed over */
  volatile uint32_t slot; /* the current line (read by the sampler) */
  uint32_t level;  /* its entry in the thread's stack; NESTING: none */
  uint32_t memory; /* memory asked for at entry */
  uint64_t total; /* cycles charged to this call's lines (signed) */
  uint64_t *block;
  const struct lineprof_module *module;
  uint64_t last;       /* cycle counter at the previous event */
  uint64_t reads_last; /* the thread's clock reads then */
  uint64_t mem[RT_MEM_CALL_WORDS];
  const void *frame_top; /* where its return address is */
};
_Static_assert(sizeof(struct timed_call) <= 8 * LINEPROF_TIMED_CALL_WORDS,
               "the probes allocate LINEPROF_TIMED_CALL_WORDS words");
_Static_assert(offsetof(struct timed_call, timed) ==
                       offsetof(struct lineprof_timed_head, timed) &&
                   offsetof(struct timed_call, slot) ==
                       offsetof(struct lineprof_timed_head, slot),
               "the probes write the head (rt_abi.h)");

/* Deeper timed calls are not in the stack: their self time is their
 * time, and their totals are not taken from their callers'. */
#define NESTING 256u

/* The thread's stack of timed calls in progress. What the sampler needs
 * of a handed-over call is here too, never read from the call's state
 * but its current line (bounds-checked): a longjmp may have left the
 * entry behind, and its state's memory reused. */
static RT_TLS struct {
  struct nested_call {
    uintptr_t call; /* the call's state's address */
    union {
      uint64_t callees; /* timed: cycles of its timed calls since its
                           event (signed) */
      uintptr_t frame_top; /* handed over: where its return address is */
    } u;
    uint64_t *cycles; /* handed over: its cycles array; else NULL */
    uint32_t stride;  /* handed over: its module's nslots + 1 */
    uint32_t ret;     /* its return address, folded to 32 bits */
  } at[NESTING];
  uint32_t depth;  /* the calls in the stack; deeper ones are counted */
  uint32_t handed; /* of them, the bottom ones, handed over */
} nest;

/* The stack's entries() are here, up to NESTING. */
static uint32_t entries(void) {
  return nest.depth < NESTING ? nest.depth : NESTING;
}

/* The stack holds n calls now; the probes read how many of them are not
 * handed over (__lineprof_stack.timed): while there are any, new calls
 * enter, and drop what a longjmp left (live_below). */
static uint32_t set_depth(uint32_t n) {
  nest.depth = n;
  if (nest.handed > n)
    nest.handed = n;
  __lineprof_stack.timed = n - nest.handed;
  return n;
}

/* A return address folded to 32 bits: an entry's fits beside its stride,
 * leaving the thread-locals their size (lost/dlclose.test). */
static uint32_t folded_return(const void *frame_top) {
  uintptr_t ret = *(const uintptr_t *)frame_top;
  return (uint32_t)ret ^ (uint32_t)((uint64_t)ret >> 32);
}

/* Whether entry e has ended, for a call c whose frame ends at frame_top:
 * what a longjmp left behind. An entry whose state is above frame_top (the
 * stack grows down) is a caller's. One whose state is below is a call
 * that c was inlined into, still in progress (the same return address,
 * another state), or one in a frame that has ended. */
static int ended(const struct nested_call *e, const struct timed_call *c,
                 const void *frame_top) {
  if (e->call > (uintptr_t)frame_top)
    return 0;
  return e->ret != folded_return(frame_top) || e->call == (uintptr_t)c;
}

/* The entries below c: drops those that have ended. */
static uint32_t live_below(const struct timed_call *c, const void *frame_top) {
  uint32_t n = entries();
  while (n && ended(&nest.at[n - 1], c, frame_top))
    n--;
  return set_depth(n);
}

/* Puts c on top. */
static void push(struct timed_call *c, const void *frame_top) {
  uint32_t n = live_below(c, frame_top);
  c->level = n < NESTING ? n : NESTING;
  if (n < NESTING)
    nest.at[n] = (struct nested_call){(uintptr_t)c, {0}, NULL, 0,
                                      folded_return(frame_top)};
  set_depth(n + 1);
}

/* The cycles of c's timed calls since its last event, then 0. */
static uint64_t take_callees(struct timed_call *c) {
  if (c->level >= NESTING || nest.at[c->level].call != (uintptr_t)c)
    return 0;
  uint64_t cycles = nest.at[c->level].u.callees;
  nest.at[c->level].u.callees = 0;
  return cycles;
}

/* Takes c off the stack and adds its total to the call below. */
static void pop(struct timed_call *c) {
  if (c->level >= NESTING)
    return;
  set_depth(c->level);
  /* Handed-over calls are the bottom of the stack: a call above one
   * adds to no total (the entry's union holds its frame_top). */
  if (c->level && !nest.at[c->level - 1].cycles)
    nest.at[c->level - 1].u.callees += c->total;
}

/* The clock starts again for this call: the time until the next event is
 * the next line's. */
static void restart(struct timed_call *c) {
  c->last = rt_cycles_in_order();
  c->reads_last = ++__lineprof_stack.clock_reads;
}

RT_EXPORT int __lineprof_timed_enter(uint64_t *call,
                                      struct lineprof_module *m,
                                      uint64_t *block, uint32_t function,
                                      void *frame_top) {
  struct timed_call *c = (struct timed_call *)call;
  int detail = __lineprof_detail;
  c->timed = detail & ~LINEPROF_DETAIL_SAMPLE ? LINEPROF_TIMED_YES
                                              : LINEPROF_TIMED_NO;
  if (!c->timed) {
    if (__lineprof_stack.timed) /* the sampler's: what a longjmp left */
      live_below(c, frame_top);
    return 0;
  }
  c->block = block;
  c->module = m;
  c->total = 0;
  c->frame_top = frame_top;
  push(c, frame_top);
  c->slot = m->nslots;
  c->memory = (detail & LINEPROF_DETAIL_MEMORY) != 0;
  if (c->memory)
    rt_mem_enter(m, function, c->mem);
  restart(c);
  return 1;
}

/* Charges the time since the call's last event to its current line. */
static void charge_time(struct timed_call *c) {
  uint64_t now = rt_cycles_in_order();
  uint64_t reads = ++__lineprof_stack.clock_reads;
  /* Unsigned arithmetic wraps as the signed sums it stands for. */
  uint64_t net = now - c->last - rt_probe_cycles * (reads - c->reads_last);
  rt_array(c->module, c->block, RT_CYCLES)[c->slot] += net;
  rt_array(c->module, c->block, RT_SELF)[c->slot] += net - take_callees(c);
  c->total += net;
  c->last = now;
  c->reads_last = reads;
}

/* The thread's timed calls, innermost first, charge their current
 * intervals and pass to the sampler, unless one measures memory. c is the
 * innermost call in progress: entries above it are gone (returned, or
 * left by a longjmp back into it). */
static void hand_over(struct timed_call *c) {
  uint32_t n = set_depth(c->level + 1);
  for (uint32_t i = 0; i < n; i++)
    if (((struct timed_call *)nest.at[i].call)->memory)
      return;
  for (uint32_t i = n; i-- > 0;) {
    struct timed_call *h = (struct timed_call *)nest.at[i].call;
    charge_time(h);
    if (i)
      nest.at[i - 1].u.callees += h->total;
    h->timed = LINEPROF_TIMED_HANDED;
    nest.at[i].u.frame_top = (uintptr_t)h->frame_top;
    nest.at[i].cycles = rt_array(h->module, h->block, RT_CYCLES);
    nest.at[i].stride = h->module->nslots + 1u;
  }
  nest.handed = n;
  set_depth(n);
}

/* Whether c is handed over to the sampler (now or earlier). */
static int sampled_now(struct timed_call *c) {
  if (c->timed == LINEPROF_TIMED_HANDED)
    return 1;
  if (__lineprof_detail != LINEPROF_DETAIL_SAMPLE || c->memory ||
      c->level >= NESTING)
    return 0;
  hand_over(c);
  return c->timed == LINEPROF_TIMED_HANDED;
}

/* Whether handed-over entry e, whose state is above the interrupted stack
 * pointer, is a call in progress: its return address is where it was,
 * and its state is still handed over (a new call in the same place stores
 * LINEPROF_TIMED_NO there). Else a longjmp left it, and the stack has
 * grown back over it. */
static int handed_live(const struct nested_call *e) {
  const struct timed_call *c = (const struct timed_call *)e->call;
  return e->u.frame_top > e->call &&
         folded_return((const void *)e->u.frame_top) == e->ret &&
         c->timed == LINEPROF_TIMED_HANDED;
}

/* Entry i's current line if it is a handed-over call in progress above sp,
 * else UINT32_MAX. */
static uint32_t handed_slot(uint32_t i, uintptr_t sp) {
  const struct nested_call *e = &nest.at[i];
  if (!e->cycles || e->call < sp || !handed_live(e))
    return UINT32_MAX;
  uint32_t slot = ((const struct timed_call *)e->call)->slot;
  return slot < e->stride ? slot : UINT32_MAX;
}

int rt_timed_charge_handed(uint64_t cycles, uintptr_t sp, int self) {
  uint32_t n = entries(), last = n;
  int charged = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t slot = handed_slot(i, sp);
    if (slot == UINT32_MAX)
      continue;
    uint64_t *time = nest.at[i].cycles;
    if (!rt_timed_has_line(time, slot, sp, i)) {
      time[slot] += cycles;
      *rt_line_counter(time, nest.at[i].stride, slot, RT_SAMPLES) += 1;
      charged = 1;
    }
    last = i;
  }
  if (self && last < n)
    *rt_line_counter(nest.at[last].cycles, nest.at[last].stride,
                     handed_slot(last, sp), RT_SELF) += cycles;
  return charged;
}

int rt_timed_has_line(const uint64_t *time, uint32_t slot, uintptr_t sp,
                      uint32_t below) {
  uint32_t n = entries();
  for (uint32_t i = 0; i < n && i < below; i++)
    if (nest.at[i].cycles == time && handed_slot(i, sp) == slot)
      return 1;
  return 0;
}

RT_EXPORT void __lineprof_timed_line(uint64_t *call, uint32_t slot) {
  struct timed_call *c = (struct timed_call *)call;
  if (!c->timed)
    return;
  if (sampled_now(c)) {
    c->slot = slot;
    return;
  }
  if (c->memory && rt_probe_memory_cycles) {
    rt_mem_line(c->block, c->slot, c->mem); /* its cost: a probe's */
    charge_time(c);
  } else {
    charge_time(c);
    if (c->memory) { /* the charge kept out of the next line's time */
      rt_mem_line(c->block, c->slot, c->mem);
      restart(c);
    }
  }
  c->slot = slot;
}

RT_EXPORT void __lineprof_timed_leave(uint64_t *call) {
  struct timed_call *c = (struct timed_call *)call;
  if (!c->timed)
    return;
  if (sampled_now(c)) {
    pop(c);
    return;
  }
  charge_time(c);
  if (c->memory)
    rt_mem_leave(c->block, c->slot, c->mem);
  pop(c);
}
