/* rt_inline_map.h - which inlined calls enclose an address (rt_inline_map.c):
 * the calls of profiled lines whose callee the compiler inlined, as address
 * ranges from the DWARF (rt_dwarf_inlines.c), turned into a look-up the
 * sampler can do in a signal handler. No malloc. */
#ifndef RT_INLINE_MAP_H
#define RT_INLINE_MAP_H

#include <stddef.h>
#include <stdint.h>

/* The code at [lo, hi) was inlined by a call on line slot `slot`; depth 1
 * for a call in a function's own code, 2 for one inside that inlined code,
 * and so on. The ranges of one function nest. */
struct rt_inline_range {
  uintptr_t lo, hi;
  uint32_t depth, slot;
};

struct rt_inline_segment;

/* Disjoint address segments, each with the slots of the calls that
 * enclose it, innermost first. */
struct rt_inline_map {
  size_t n, nslots;
  struct rt_inline_segment *segments; /* by address */
  uint32_t *slots;
  uintptr_t lo, hi; /* of all segments */
};

/* Builds m from the n ranges r (which it sorts); -1 out of memory, m
 * then empty. Maps are never freed: signal handlers may be reading them. */
int rt_inline_map_build(struct rt_inline_map *m, struct rt_inline_range *r,
                        size_t n);

/* The slots of the inlined calls enclosing pc, innermost first: their
 * number, *slots pointing at them. Async-signal-safe. */
size_t rt_inline_map_find(const struct rt_inline_map *m, uintptr_t pc,
                          const uint32_t **slots);

#endif
