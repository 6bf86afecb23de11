/* rt_dwarf_lines.h - the DWARF line table (.debug_line, versions 2-5) of a
 * loaded object, read row by row (rt_dwarf_lines.c). No malloc. */
#ifndef RT_DWARF_LINES_H
#define RT_DWARF_LINES_H

#include <stdint.h>

#include "rt_elf.h"

/* What the reader asks and tells its caller. Paths are a file's directory
 * and name joined (lprof_path_join); relative when the table does not say
 * the compilation directory (before DWARF 5). */
struct rt_line_visitor {
  void *ctx;
  /* A unit (one translation unit's table) whose main file is path: nonzero
   * to read its files and rows. */
  int (*unit)(void *ctx, const char *path);
  /* A file of a unit read: a nonzero tag keeps its rows. */
  uint32_t (*file)(void *ctx, const char *path);
  /* The code at link-time addresses [lo, hi) is line `line` of the file
   * tagged tag. */
  void (*range)(void *ctx, uint32_t tag, uint32_t line, uint64_t lo,
                uint64_t hi);
};

/* Reads o's line table through v; -1 if o has none it can read. */
int rt_dwarf_lines(const struct rt_elf *o, const struct rt_line_visitor *v);

#define RT_LINE_MAX_DIRS 512
#define RT_LINE_MAX_FILES 2048

/* The directories and files of a unit's table as read: tags[i] is what
 * file() gave file index i (DWARF 5 numbers files from 0, DWARF 2-4 from
 * 1: their tags[0] is 0). 12 KiB: not for a thread's stack. */
struct rt_line_files {
  const char *dirs[RT_LINE_MAX_DIRS];
  uint32_t ndirs;
  uint32_t tags[RT_LINE_MAX_FILES];
  uint32_t nfiles;
};

/* Reads the header of the unit at offset off of o's line table (a compile
 * unit's DW_AT_stmt_list) through v, whose range() it does not call: 1 if
 * unit() wanted it, its files tagged in f; 0 if unit() did not; -1 if it
 * cannot be read. */
int rt_dwarf_line_files(const struct rt_elf *o, uint64_t off,
                        const struct rt_line_visitor *v,
                        struct rt_line_files *f);

#endif
