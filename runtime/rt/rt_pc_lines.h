/* rt_pc_lines.h - which line of a profiled function an address of its code
 * is, from the module's DWARF line table, and which profiled lines' calls
 * were inlined there, from its .debug_info (rt_pc_lines.c): the sampler's
 * lines of the calls on the native stack. */
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
  int unwound;         /* the module's calls take no frames */
  uint32_t slot;       /* the line */
  uint32_t first, end; /* its function's slots */
};

/* Fills *at for pc; 0 if pc is in no profiled function with a line table
 * whose module has a counter block in the calling thread. Async-signal-safe. */
int rt_pc_line(uintptr_t pc, struct rt_pc_line *at);

/* The slots of the profiled lines whose calls the compiler inlined where
 * pc is, innermost first (*slots points at them): their number, and at's
 * module fields (cycles, stride, unwound) filled in; 0 if none, or if
 * their module has no counter block in the calling thread.
 * Async-signal-safe. */
size_t rt_pc_inlined(uintptr_t pc, struct rt_pc_line *at,
                     const uint32_t **slots);

/* Offers each profiled line of a module without frames (unwound) that is
 * in progress at pc to fn: pc's own line unless `inlined_only`, then the
 * lines whose calls the compiler inlined there, innermost first; fn's
 * results or'ed. Async-signal-safe: the sampler's and the heap's callers'
 * lines from the native stack. */
typedef int (*rt_pc_line_fn)(void *ctx, uint64_t *cycles, uint32_t stride,
                             uint32_t slot);
int rt_pc_unwound_lines(uintptr_t pc, int inlined_only, rt_pc_line_fn fn,
                        void *ctx);

#endif
