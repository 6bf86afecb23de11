/* rt_dwarf_lines.c - reads the DWARF line table of a loaded object: each
 * unit's header (its directories and files, in the fixed layout of DWARF
 * 2-4 or the described one of DWARF 5, whose strings may be in
 * .debug_line_str or .debug_str), then its line program, whose rows give
 * each address range its file and line (DWARF 5, section 6.2). The header
 * of one unit alone gives rt_dwarf_inlines.c the files its inlined calls
 * name. Every read is bounded by its unit; a unit that cannot be read is
 * skipped. No malloc: the files of a unit are tagged in a fixed array of
 * runtime pages. */
#include <stddef.h>

#include "lprof_path.h"
#include "rt_base.h"
#include "rt_dwarf_lines.h"
#include "rt_dwarf_read.h"

enum { LNCT_path = 1, LNCT_directory_index = 2 };

/* A unit's header: its version and sizes, how its line program is
 * encoded, and its directories and files. */
struct unit {
  struct rt_dwarf_format format;
  unsigned min_inst, line_range, opcode_base;
  int line_base;
  const unsigned char *opcode_lengths;
  struct rt_line_files *f;
};

/* The path of a file entry into out. DWARF 5: directory 0 is the
 * compilation directory and the others are relative to it; before, the
 * compilation directory is not in the table (index 0). */
static int file_path(const struct unit *u, uint64_t dir, const char *name,
                     char *out, size_t size) {
  char joined[PATH_MAX];
  const struct rt_line_files *f = u->f;
  const char *d = dir < f->ndirs ? f->dirs[dir] : "";
  if (u->format.version >= 5 && dir > 0 && d[0] != '/' && f->ndirs) {
    if (lprof_path_join(joined, sizeof joined, f->dirs[0], d))
      return -1;
    d = joined;
  }
  return lprof_path_join(out, size, d, name);
}

/* DWARF 5's described entries: directories (files = 0) or files. */
static int v5_entries(struct rt_dwarf_cursor *c, struct unit *u,
                      const struct rt_dwarf_strings *st, int files,
                      const struct rt_line_visitor *v, int *want) {
  unsigned nformats = (unsigned)rt_dwarf_fixed(c, 1);
  uint64_t formats[16][2];
  if (nformats > 16)
    return -1;
  for (unsigned i = 0; i < nformats; i++)
    formats[i][0] = rt_dwarf_uleb(c), formats[i][1] = rt_dwarf_uleb(c);
  uint64_t count = rt_dwarf_uleb(c);
  struct rt_line_files *f = u->f;
  for (uint64_t k = 0; k < count && !c->bad; k++) {
    const char *path = NULL;
    uint64_t dir = 0;
    for (unsigned i = 0; i < nformats; i++) {
      struct rt_dwarf_value a;
      rt_dwarf_form(c, formats[i][1], &u->format, st, &a);
      if (formats[i][0] == LNCT_path)
        path = a.s;
      else if (formats[i][0] == LNCT_directory_index)
        dir = a.n;
    }
    if (!files) {
      if (f->ndirs < RT_LINE_MAX_DIRS)
        f->dirs[f->ndirs++] = path ? path : "";
      continue;
    }
    char full[PATH_MAX];
    if (!path || file_path(u, dir, path, full, sizeof full))
      full[0] = 0;
    if (k == 0 && !(*want = v->unit(v->ctx, full)))
      return 0;
    if (f->nfiles < RT_LINE_MAX_FILES)
      f->tags[f->nfiles++] = full[0] ? v->file(v->ctx, full) : 0;
  }
  return c->bad ? -1 : 0;
}

/* DWARF 2-4's fixed entries: include directories, then files. */
static int v4_entries(struct rt_dwarf_cursor *c, struct unit *u,
                      const struct rt_line_visitor *v, int *want) {
  struct rt_line_files *f = u->f;
  f->dirs[f->ndirs++] = ""; /* index 0: the compilation directory */
  for (const char *d; (d = rt_dwarf_cstring(c)) && *d;)
    if (f->ndirs < RT_LINE_MAX_DIRS)
      f->dirs[f->ndirs++] = d;
  f->tags[f->nfiles++] = 0; /* file indices start at 1 */
  for (const char *name; (name = rt_dwarf_cstring(c)) && *name;) {
    uint64_t dir = rt_dwarf_uleb(c);
    rt_dwarf_uleb(c), rt_dwarf_uleb(c); /* time, size */
    char full[PATH_MAX];
    if (file_path(u, dir, name, full, sizeof full))
      full[0] = 0;
    if (f->nfiles == 1 && !(*want = v->unit(v->ctx, full)))
      return 0;
    if (f->nfiles < RT_LINE_MAX_FILES)
      f->tags[f->nfiles++] = full[0] ? v->file(v->ctx, full) : 0;
  }
  return c->bad ? -1 : 0;
}

/* The line program's registers that rows carry. */
struct row {
  uint64_t addr;
  uint64_t file, line;
  int valid;
};

/* A new row at addr: the previous one's code ends there. Code of line 0
 * (of no line: the compiler's, the probes') is the line before it in its
 * sequence, as the program runs into it. */
static void emit(const struct unit *u, const struct rt_line_visitor *v,
                 struct row *prev, const struct row *now) {
  const struct rt_line_files *f = u->f;
  if (prev->valid && now->addr > prev->addr && prev->file < f->nfiles &&
      f->tags[prev->file] && prev->line)
    v->range(v->ctx, f->tags[prev->file], (uint32_t)prev->line, prev->addr,
             now->addr);
  struct row was = *prev;
  *prev = *now;
  if (!now->line && was.valid)
    prev->file = was.file, prev->line = was.line;
  prev->valid = 1;
}

/* An extended opcode; 1 at the end of a sequence. */
static int extended(struct rt_dwarf_cursor *c, struct row *r) {
  uint64_t len = rt_dwarf_uleb(c);
  if (!len || len > (uint64_t)(c->end - c->p)) {
    c->bad = 1;
    return 0;
  }
  const unsigned char *next = c->p + len;
  unsigned op = *c->p++;
  if (op == 2 && len == 9) /* DW_LNE_set_address */
    r->addr = rt_dwarf_fixed(c, 8);
  c->p = next; /* end_sequence, define_file, set_discriminator, others */
  return op == 1;
}

/* Runs the line program of u from c to its end. */
static void program(struct rt_dwarf_cursor *c, const struct unit *u,
                    const struct rt_line_visitor *v) {
  struct row r = {0, 1, 1, 0}, prev = {0, 0, 0, 0};
  while (c->p < c->end && !c->bad) {
    unsigned op = *c->p++;
    if (op >= u->opcode_base) { /* special: address and line, then a row */
      unsigned adj = op - u->opcode_base;
      r.addr += (uint64_t)u->min_inst * (adj / u->line_range);
      r.line += (uint64_t)(int64_t)(u->line_base + (int)(adj % u->line_range));
      emit(u, v, &prev, &r);
      continue;
    }
    switch (op) {
    case 0:
      if (extended(c, &r)) {
        emit(u, v, &prev, &r);
        prev.valid = 0;
        r = (struct row){0, 1, 1, 0};
      }
      break;
    case 1: emit(u, v, &prev, &r); break;                    /* copy */
    case 2: r.addr += u->min_inst * rt_dwarf_uleb(c); break; /* advance_pc */
    case 3: r.line += (uint64_t)rt_dwarf_sleb(c); break;     /* advance_line */
    case 4: r.file = rt_dwarf_uleb(c); break;                /* set_file */
    case 8: r.addr += u->min_inst * ((255u - u->opcode_base) / u->line_range); break;
    case 9: r.addr += rt_dwarf_fixed(c, 2); break; /* fixed_advance_pc */
    default: /* column, stmt, block, prologue, epilogue, isa, or unknown */
      for (unsigned i = 0; i < u->opcode_lengths[op - 1]; i++)
        rt_dwarf_uleb(c);
    }
  }
}

/* The header of the unit at c (its length read): its program's encoding
 * into u, its files tagged in u->f; *prog its program. 1 if unit() wanted
 * it, 0 if not, -1 if it cannot be read. */
static int read_header(struct rt_dwarf_cursor *c,
                       const struct rt_dwarf_strings *st,
                       const struct rt_line_visitor *v, struct unit *u,
                       struct rt_dwarf_cursor *prog) {
  u->f->ndirs = u->f->nfiles = 0;
  u->format.version = (unsigned)rt_dwarf_fixed(c, 2);
  u->format.addr_size = 8;
  if (u->format.version < 2 || u->format.version > 5)
    return -1;
  if (u->format.version >= 5 && rt_dwarf_fixed(c, 1) != 8) /* address size */
    return -1;
  if (u->format.version >= 5)
    rt_dwarf_fixed(c, 1); /* segment selector size */
  uint64_t header_length = rt_dwarf_fixed(c, u->format.offset_size);
  *prog = *c;
  rt_dwarf_skip(prog, header_length);
  u->min_inst = (unsigned)rt_dwarf_fixed(c, 1);
  if (u->format.version >= 4)
    rt_dwarf_fixed(c, 1); /* maximum operations per instruction: 1 off VLIW */
  rt_dwarf_fixed(c, 1);   /* default_is_stmt */
  u->line_base = (int)(signed char)rt_dwarf_fixed(c, 1);
  u->line_range = (unsigned)rt_dwarf_fixed(c, 1);
  u->opcode_base = (unsigned)rt_dwarf_fixed(c, 1);
  u->opcode_lengths = c->p;
  rt_dwarf_skip(c, u->opcode_base ? u->opcode_base - 1 : 0);
  if (c->bad || prog->bad || !u->line_range || !u->opcode_base)
    return -1;
  int want = 0;
  int bad = u->format.version >= 5 ? v5_entries(c, u, st, 0, v, &want) ||
                                         v5_entries(c, u, st, 1, v, &want)
                                   : v4_entries(c, u, v, &want);
  return bad ? -1 : want != 0;
}

/* .debug_line and the strings its DWARF 5 headers may use; NULL if o has
 * no .debug_line. */
static const unsigned char *line_sections(const struct rt_elf *o,
                                          size_t *size,
                                          struct rt_dwarf_strings *st) {
  *st = (struct rt_dwarf_strings){0};
  st->line_str = rt_elf_section(o, ".debug_line_str", &st->line_str_size);
  st->str = rt_elf_section(o, ".debug_str", &st->str_size);
  return rt_elf_section(o, ".debug_line", size);
}

int rt_dwarf_lines(const struct rt_elf *o, const struct rt_line_visitor *v) {
  size_t size;
  struct rt_dwarf_strings st;
  const unsigned char *lines = line_sections(o, &size, &st);
  if (!lines)
    return -1;
  struct unit u = {.f = rt_alloc(sizeof *u.f)};
  if (!u.f)
    return -1;
  struct rt_dwarf_cursor c = {lines, lines + size, 0}, unit, prog;
  while (c.p < c.end && !rt_dwarf_unit(&c, &unit, &u.format.offset_size))
    if (read_header(&unit, &st, v, &u, &prog) == 1) /* a bad one skipped */
      program(&prog, &u, v);
  rt_free(u.f, sizeof *u.f);
  return 0;
}

int rt_dwarf_line_files(const struct rt_elf *o, uint64_t off,
                        const struct rt_line_visitor *v,
                        struct rt_line_files *f) {
  size_t size = 0;
  struct rt_dwarf_strings st;
  const unsigned char *lines = line_sections(o, &size, &st);
  struct rt_dwarf_cursor c = rt_dwarf_cursor_at(lines, size, off), unit, prog;
  struct unit u = {.f = f};
  if (c.bad || rt_dwarf_unit(&c, &unit, &u.format.offset_size))
    return -1;
  return read_header(&unit, &st, v, &u, &prog);
}
