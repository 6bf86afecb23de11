/* rt_timed.h - timed calls (rt_timed.c) and what they subtract per probe
 * (rt_probe_cost.c). */
#ifndef RT_TIMED_H
#define RT_TIMED_H

#include <stdint.h>

/* The cycles one probe of a timed call adds to the times it measures,
 * subtracted once per clock read; 0 until rt_probe_cost.c measures it. */
extern uint64_t rt_probe_cycles;
/* The part of it that is a line event's heap charge (rt_mem_lines.c), when
 * LINEPROF_MEMORY=heap: then a line event reads the clock once, after the
 * charge, instead of before and after it. */
extern uint64_t rt_probe_memory_cycles;

/* For the sampler, on the thread, in its signal handler: charges cycles
 * and a sample once to each distinct current line of the thread's timed
 * calls that auto mode handed over to it (rt_timed.c), skipping what lies
 * below sp (left by a longjmp); and the cycles to the innermost one's self
 * time if self. Whether it charged any. */
int rt_timed_charge_handed(uint64_t cycles, uintptr_t sp, int self);

/* Whether one of the first `below` handed-over calls of the thread (all of
 * them: UINT32_MAX) is on that line of that cycles array. */
int rt_timed_has_line(const uint64_t *time, uint32_t slot, uintptr_t sp,
                      uint32_t below);

/* rt_probe_cost.c: measures rt_probe_cycles. */
void rt_probe_cost_measure(void);

#endif
