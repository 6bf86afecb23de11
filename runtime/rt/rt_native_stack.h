/* rt_native_stack.h - the calls in progress, from the native stack
 * (rt_native_stack.c): where the sampler and the heap's charges find the
 * callers' lines of the modules whose calls take no frames
 * (LINEPROF_MODULE_UNWOUND). */
#ifndef RT_NATIVE_STACK_H
#define RT_NATIVE_STACK_H

#include <stdint.h>

/* The callers a sample reads at most: the innermost ones. */
#define RT_NATIVE_FRAMES 256

/* Loads the unwinder; at start-up, never in a signal handler. */
void rt_native_stack_init(void);

/* From a signal handler, pc being the program counter the signal
 * interrupted: the addresses of the calls in progress below it (each
 * return address less one: inside its call instruction), innermost first,
 * at most RT_NATIVE_FRAMES into out; their number, 0 if the stack could
 * not be read. */
int rt_native_callers(uintptr_t pc, uintptr_t out[RT_NATIVE_FRAMES]);

/* The same for the calls in progress where it is called from (its caller's
 * call first), outside a signal handler: the allocator hooks. */
int rt_native_here(uintptr_t out[RT_NATIVE_FRAMES]);

#endif
