/* rt_pc_lines.h - which line of a profiled function an address of its code
 * is, from the module's DWARF line table (rt_pc_lines.c): the sampler's
 * line of the innermost call. */
#ifndef RT_PC_LINES_H
#define RT_PC_LINES_H

#include <stdint.h>

/* Reads the line tables of the modules registered since the last call
 * (those with frames: not hits-only ones). Takes rt_lock; not for signal
 * handlers. */
void rt_pc_lines_update(void);

/* The slot of the line whose code holds pc, if pc is in a function of the
 * module whose cycles array of the calling thread's block is `cycles`;
 * else UINT32_MAX. Async-signal-safe. */
uint32_t rt_pc_line(uintptr_t pc, const uint64_t *cycles);

#endif
