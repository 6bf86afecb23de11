/* rt_pc_lines.h - which line of a profiled function an address of its code
 * is, from the module's DWARF line table (rt_pc_lines.c): the sampler's
 * line of the innermost call. */
#ifndef RT_PC_LINES_H
#define RT_PC_LINES_H

#include <stdint.h>

/* Reads the line tables of the modules registered since the last call
 * (those built with the default probes). Takes rt_lock; not for signal
 * handlers. */
void rt_pc_lines_update(void);

/* The line whose code holds pc, when pc is in a profiled function. */
struct rt_pc_line {
  uint64_t *cycles;    /* the calling thread's cycles array of its module */
  uint32_t stride;     /* that module's nslots + 1 */
  uint32_t slot;       /* the line */
  uint32_t first, end; /* its function's slots */
};

/* Fills *at for pc; 0 if pc is in no profiled function with a line table
 * whose module has a counter block in the calling thread. Async-signal-safe. */
int rt_pc_line(uintptr_t pc, struct rt_pc_line *at);

#endif
