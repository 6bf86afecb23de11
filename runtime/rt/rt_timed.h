/* rt_timed.h - timed calls (rt_timed.c) and what they subtract per probe
 * (rt_probe_cost.c). */
#ifndef RT_TIMED_H
#define RT_TIMED_H

#include <stdint.h>

/* The cycles one probe of a timed call adds to the times it measures,
 * subtracted once per clock read; 0 until rt_probe_cost.c measures it. */
extern uint64_t rt_probe_cycles;

/* rt_probe_cost.c: measures rt_probe_cycles. */
void rt_probe_cost_measure(void);

#endif
