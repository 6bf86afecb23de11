/* rt_dwarf_inlines.h - the inlined calls of a loaded object, read from its
 * DWARF (.debug_info, versions 2-5; rt_dwarf_inlines.c): where each one's
 * code is and the line of its call, which the line table does not give
 * that code. No malloc. */
#ifndef RT_DWARF_INLINES_H
#define RT_DWARF_INLINES_H

#include <stdint.h>

#include "rt_elf.h"

/* What the reader asks and tells its caller (like struct rt_line_visitor
 * in rt_dwarf_lines.h). */
struct rt_inline_visitor {
  void *ctx;
  /* A unit whose main file is path (the path rt_dwarf_lines gives its line
   * table): nonzero to read its inlined calls. */
  int (*unit)(void *ctx, const char *path);
  /* A file of that unit's line table (the files DW_AT_call_file indexes):
   * a nonzero tag is passed back in inlined(); paths as rt_line_visitor's
   * file() gets them. */
  uint32_t (*file)(void *ctx, const char *path);
  /* The code at link-time addresses [lo, hi) is an inlined call made at
   * line `line` of the file tagged tag (0 if file() gave 0 or the index is
   * bad); depth 1 for a call inlined into a subprogram's own code, 2 for a
   * call inlined inside that inlined code, and so on. One call per range
   * of a DW_AT_ranges list. */
  void (*inlined)(void *ctx, uint32_t depth, uint32_t tag, uint32_t line,
                  uint64_t lo, uint64_t hi);
};

/* Reads o's inlined calls through v; -1 if o has no .debug_info it can
 * read. */
int rt_dwarf_inlines(const struct rt_elf *o, const struct rt_inline_visitor *v);

#endif
