/* rt_dwarf_lines.c - reads the DWARF line table of a loaded object: each
 * unit's header (its directories and files, in the fixed layout of DWARF
 * 2-4 or the described one of DWARF 5, whose strings may be in
 * .debug_line_str or .debug_str), then its line program, whose rows give
 * each address range its file and line (DWARF 5, section 6.2). Every read
 * is bounded by its unit; a unit that cannot be read is skipped. No
 * malloc: the files of a unit are tagged in a fixed array of runtime pages. */
#include <stddef.h>
#include <string.h>

#include "lprof_path.h"
#include "rt_base.h"
#include "rt_dwarf_lines.h"

#define MAX_DIRS 512
#define MAX_FILES 2048

/* A bounded reader; `bad` once a read went past the end. */
struct cursor {
  const unsigned char *p, *end;
  int bad;
};

/* Where a unit's strings may be. */
struct strings {
  const unsigned char *line_str, *str;
  size_t line_str_size, str_size;
};

static uint64_t fixed(struct cursor *c, unsigned n) {
  uint64_t v = 0;
  if ((size_t)(c->end - c->p) < n) {
    c->bad = 1, c->p = c->end;
    return 0;
  }
  for (unsigned i = 0; i < n; i++) /* little-endian, as the hosts are */
    v |= (uint64_t)c->p[i] << (8 * i);
  c->p += n;
  return v;
}

static uint64_t uleb(struct cursor *c) {
  uint64_t v = 0;
  for (unsigned shift = 0; c->p < c->end; shift += 7) {
    unsigned char b = *c->p++;
    if (shift < 64)
      v |= (uint64_t)(b & 0x7f) << shift;
    if (!(b & 0x80))
      return v;
  }
  c->bad = 1;
  return 0;
}

static int64_t sleb(struct cursor *c) {
  uint64_t v = 0;
  unsigned shift = 0;
  unsigned char b = 0x80;
  while (c->p < c->end && (b & 0x80)) {
    b = *c->p++;
    if (shift < 64)
      v |= (uint64_t)(b & 0x7f) << shift;
    shift += 7;
  }
  if (b & 0x80)
    c->bad = 1;
  else if (shift < 64 && (b & 0x40))
    v |= ~(uint64_t)0 << shift;
  return (int64_t)v;
}

static void skip(struct cursor *c, uint64_t n) {
  if ((uint64_t)(c->end - c->p) < n)
    c->bad = 1, c->p = c->end;
  else
    c->p += n;
}

/* A NUL-terminated string at c, or NULL. */
static const char *cstring(struct cursor *c) {
  const unsigned char *nul = memchr(c->p, 0, (size_t)(c->end - c->p));
  if (!nul) {
    c->bad = 1, c->p = c->end;
    return NULL;
  }
  const char *s = (const char *)c->p;
  c->p = nul + 1;
  return s;
}

static const char *string_at(const unsigned char *sec, size_t size,
                             uint64_t off) {
  if (!sec || off >= size || !memchr(sec + off, 0, size - off))
    return NULL;
  return (const char *)sec + off;
}

/* DWARF 5 forms of directory and file entries (section 7.5.6). */
enum {
  FORM_block = 0x09, FORM_block1 = 0x0a, FORM_data1 = 0x0b,
  FORM_data2 = 0x05, FORM_data4 = 0x06, FORM_data8 = 0x07,
  FORM_data16 = 0x1e, FORM_string = 0x08, FORM_strp = 0x0e,
  FORM_line_strp = 0x1f, FORM_udata = 0x0f
};
enum { LNCT_path = 1, LNCT_directory_index = 2 };

/* One attribute of an entry: its number into *n, its string into *s. */
static void read_form(struct cursor *c, uint64_t form, unsigned offset_size,
                      const struct strings *st, uint64_t *n, const char **s) {
  *n = 0, *s = NULL;
  switch (form) {
  case FORM_string: *s = cstring(c); break;
  case FORM_line_strp:
    *s = string_at(st->line_str, st->line_str_size, fixed(c, offset_size));
    break;
  case FORM_strp:
    *s = string_at(st->str, st->str_size, fixed(c, offset_size));
    break;
  case FORM_udata: *n = uleb(c); break;
  case FORM_data1: *n = fixed(c, 1); break;
  case FORM_data2: *n = fixed(c, 2); break;
  case FORM_data4: *n = fixed(c, 4); break;
  case FORM_data8: *n = fixed(c, 8); break;
  case FORM_data16: skip(c, 16); break;
  case FORM_block: skip(c, uleb(c)); break;
  case FORM_block1: skip(c, fixed(c, 1)); break;
  default: c->bad = 1; /* a form these tables do not use */
  }
}

/* A unit's directories and files. */
struct unit {
  unsigned version, offset_size, min_inst, line_range, opcode_base;
  int line_base;
  const unsigned char *opcode_lengths;
  const char *dirs[MAX_DIRS];
  uint32_t ndirs;
  uint32_t tags[MAX_FILES]; /* by file index */
  uint32_t nfiles;
};

/* The path of a file entry into out. DWARF 5: directory 0 is the
 * compilation directory and the others are relative to it; before, the
 * compilation directory is not in the table (index 0). */
static int file_path(const struct unit *u, uint64_t dir, const char *name,
                     char *out, size_t size) {
  char joined[PATH_MAX];
  const char *d = dir < u->ndirs ? u->dirs[dir] : "";
  if (u->version >= 5 && dir > 0 && d[0] != '/' && u->ndirs) {
    if (lprof_path_join(joined, sizeof joined, u->dirs[0], d))
      return -1;
    d = joined;
  }
  return lprof_path_join(out, size, d, name);
}

/* DWARF 5's described entries: directories (files = 0) or files. */
static int v5_entries(struct cursor *c, struct unit *u, const struct strings *st,
                      int files, const struct rt_line_visitor *v, int *want) {
  unsigned nformats = (unsigned)fixed(c, 1);
  uint64_t formats[16][2];
  if (nformats > 16)
    return -1;
  for (unsigned i = 0; i < nformats; i++)
    formats[i][0] = uleb(c), formats[i][1] = uleb(c);
  uint64_t count = uleb(c);
  for (uint64_t k = 0; k < count && !c->bad; k++) {
    const char *path = NULL;
    uint64_t dir = 0, n;
    const char *s;
    for (unsigned i = 0; i < nformats; i++) {
      read_form(c, formats[i][1], u->offset_size, st, &n, &s);
      if (formats[i][0] == LNCT_path)
        path = s;
      else if (formats[i][0] == LNCT_directory_index)
        dir = n;
    }
    if (!files) {
      if (u->ndirs < MAX_DIRS)
        u->dirs[u->ndirs++] = path ? path : "";
      continue;
    }
    char full[PATH_MAX];
    if (!path || file_path(u, dir, path, full, sizeof full))
      full[0] = 0;
    if (k == 0 && !(*want = v->unit(v->ctx, full)))
      return 0;
    if (u->nfiles < MAX_FILES)
      u->tags[u->nfiles++] = full[0] ? v->file(v->ctx, full) : 0;
  }
  return c->bad ? -1 : 0;
}

/* DWARF 2-4's fixed entries: include directories, then files. */
static int v4_entries(struct cursor *c, struct unit *u,
                      const struct rt_line_visitor *v, int *want) {
  u->dirs[u->ndirs++] = ""; /* index 0: the compilation directory */
  for (const char *d; (d = cstring(c)) && *d;)
    if (u->ndirs < MAX_DIRS)
      u->dirs[u->ndirs++] = d;
  u->tags[u->nfiles++] = 0; /* file indices start at 1 */
  for (const char *name; (name = cstring(c)) && *name;) {
    uint64_t dir = uleb(c);
    uleb(c), uleb(c); /* time, size */
    char full[PATH_MAX];
    if (file_path(u, dir, name, full, sizeof full))
      full[0] = 0;
    if (u->nfiles == 1 && !(*want = v->unit(v->ctx, full)))
      return 0;
    if (u->nfiles < MAX_FILES)
      u->tags[u->nfiles++] = full[0] ? v->file(v->ctx, full) : 0;
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
  if (prev->valid && now->addr > prev->addr && prev->file < u->nfiles &&
      u->tags[prev->file] && prev->line)
    v->range(v->ctx, u->tags[prev->file], (uint32_t)prev->line, prev->addr,
             now->addr);
  struct row was = *prev;
  *prev = *now;
  if (!now->line && was.valid)
    prev->file = was.file, prev->line = was.line;
  prev->valid = 1;
}

/* An extended opcode; 1 at the end of a sequence. */
static int extended(struct cursor *c, struct row *r) {
  uint64_t len = uleb(c);
  if (!len || len > (uint64_t)(c->end - c->p)) {
    c->bad = 1;
    return 0;
  }
  const unsigned char *next = c->p + len;
  unsigned op = *c->p++;
  if (op == 2 && len == 9) /* DW_LNE_set_address */
    r->addr = fixed(c, 8);
  c->p = next; /* end_sequence, define_file, set_discriminator, others */
  return op == 1;
}

/* Runs the line program of u from c to its end. */
static void program(struct cursor *c, const struct unit *u,
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
    case 1: emit(u, v, &prev, &r); break;                       /* copy */
    case 2: r.addr += u->min_inst * uleb(c); break;             /* advance_pc */
    case 3: r.line += (uint64_t)sleb(c); break;                 /* advance_line */
    case 4: r.file = uleb(c); break;                            /* set_file */
    case 8: r.addr += u->min_inst * ((255u - u->opcode_base) / u->line_range); break;
    case 9: r.addr += fixed(c, 2); break;                       /* fixed_advance_pc */
    default: /* column, stmt, block, prologue, epilogue, isa, or unknown */
      for (unsigned i = 0; i < u->opcode_lengths[op - 1]; i++)
        uleb(c);
    }
  }
}

/* The header of the unit at c (its length read), then its program. */
static int read_unit(struct cursor *c, unsigned offset_size,
                     const struct strings *st, const struct rt_line_visitor *v,
                     struct unit *u) {
  memset(u, 0, offsetof(struct unit, dirs));
  u->ndirs = u->nfiles = 0;
  u->offset_size = offset_size;
  u->version = (unsigned)fixed(c, 2);
  if (u->version < 2 || u->version > 5)
    return -1;
  if (u->version >= 5 && fixed(c, 1) != 8) /* address size */
    return -1;
  if (u->version >= 5)
    fixed(c, 1); /* segment selector size */
  uint64_t header_length = fixed(c, u->offset_size);
  struct cursor prog = *c;
  skip(&prog, header_length);
  u->min_inst = (unsigned)fixed(c, 1);
  if (u->version >= 4)
    fixed(c, 1); /* maximum operations per instruction: 1 off VLIW */
  fixed(c, 1);   /* default_is_stmt */
  u->line_base = (int)(signed char)fixed(c, 1);
  u->line_range = (unsigned)fixed(c, 1);
  u->opcode_base = (unsigned)fixed(c, 1);
  u->opcode_lengths = c->p;
  skip(c, u->opcode_base ? u->opcode_base - 1 : 0);
  if (c->bad || prog.bad || !u->line_range || !u->opcode_base)
    return -1;
  int want = 0;
  int bad = u->version >= 5 ? v5_entries(c, u, st, 0, v, &want) ||
                                  v5_entries(c, u, st, 1, v, &want)
                            : v4_entries(c, u, v, &want);
  if (bad)
    return -1;
  if (want)
    program(&prog, u, v);
  return 0;
}

int rt_dwarf_lines(const struct rt_elf *o, const struct rt_line_visitor *v) {
  size_t size;
  const unsigned char *lines = rt_elf_section(o, ".debug_line", &size);
  if (!lines)
    return -1;
  struct strings st = {0};
  st.line_str = rt_elf_section(o, ".debug_line_str", &st.line_str_size);
  st.str = rt_elf_section(o, ".debug_str", &st.str_size);
  struct unit *u = rt_alloc(sizeof *u); /* 10 KiB: not on a thread's stack */
  if (!u)
    return -1;
  struct cursor c = {lines, lines + size, 0};
  while (c.p < c.end) {
    uint64_t length = fixed(&c, 4);
    unsigned offset_size = 4;
    if (length == 0xffffffffu)
      length = fixed(&c, 8), offset_size = 8;
    if (c.bad || length > (uint64_t)(c.end - c.p))
      break;
    struct cursor unit = {c.p, c.p + length, 0};
    c.p += length;
    read_unit(&unit, offset_size, &st, v, u); /* a bad one is skipped */
  }
  rt_free(u, sizeof *u);
  return 0;
}
