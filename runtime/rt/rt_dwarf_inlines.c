/* rt_dwarf_inlines.c - reads the inlined calls of a loaded object's
 * .debug_info (DWARF 2-5, section 3.3.8): each compile unit's DIE gives
 * its line table (DW_AT_stmt_list, whose files rt_dwarf_line_files tags)
 * and the bases of its address and range lists; under it, every
 * DW_TAG_inlined_subroutine, however deep, gives its code's ranges
 * (DW_AT_low_pc and DW_AT_high_pc, or DW_AT_ranges: a list of
 * .debug_rnglists, or of .debug_ranges before DWARF 5) and the file and
 * line of its call. Every read is bounded by its unit or section; a unit
 * that cannot be read is skipped. No malloc: a unit's abbreviations are
 * indexed in runtime pages. */
#include <string.h>

#include "rt_base.h"
#include "rt_dwarf_inlines.h"
#include "rt_dwarf_lines.h"
#include "rt_dwarf_read.h"

#define MAX_LEVELS 256  /* of a unit's tree of DIEs */
#define NONE UINT64_MAX /* no DW_AT_addr_base, DW_AT_rnglists_base */

enum { DW_UT_compile = 1, DW_UT_partial = 3 };
enum {
  DW_TAG_compile_unit = 0x11, DW_TAG_inlined_subroutine = 0x1d,
  DW_TAG_partial_unit = 0x3c
};
enum {
  DW_AT_stmt_list = 0x10, DW_AT_low_pc = 0x11, DW_AT_high_pc = 0x12,
  DW_AT_ranges = 0x55, DW_AT_call_file = 0x58, DW_AT_call_line = 0x59,
  DW_AT_addr_base = 0x73, DW_AT_rnglists_base = 0x74
};
enum {
  DW_RLE_end_of_list, DW_RLE_base_addressx, DW_RLE_startx_endx,
  DW_RLE_startx_length, DW_RLE_offset_pair, DW_RLE_base_address,
  DW_RLE_start_end, DW_RLE_start_length
};

/* A section's contents (NULL and 0 if the object has none). */
struct section {
  const unsigned char *p;
  size_t size;
};

/* An abbreviation: its DIEs' tag, whether they have children, and where
 * its attribute specifications are in .debug_abbrev. */
struct abbrev {
  uint64_t code, tag;
  const unsigned char *specs;
  int children;
};

/* The sections, and what is kept from unit to unit. */
struct reader {
  const struct rt_elf *o;
  const struct rt_inline_visitor *v;
  struct section abbrev, addr, rnglists, ranges;
  struct abbrev *abbrevs; /* the table at abbrevs_offset: n, room for cap */
  size_t n, cap;
  uint64_t abbrevs_offset; /* NONE: none read */
  struct rt_line_files *files; /* of the unit read */
};

/* The unit read. */
struct unit {
  struct rt_dwarf_format format;
  uint64_t base; /* its DW_AT_low_pc: the default base of range lists */
  uint64_t addr_base, rnglists_base;
};

/* The attributes of a DIE the reader uses (form 0 if it has not one). */
struct die {
  struct rt_dwarf_value low_pc, high_pc, ranges, stmt_list, call_file,
      call_line, addr_base, rnglists_base;
};

/* An inlined call whose ranges are reported. */
struct call {
  uint32_t depth, tag, line;
};

/* An attribute specification of an abbreviation. */
struct spec {
  uint64_t name, form;
  int64_t implicit; /* DW_FORM_implicit_const's value */
};

/* o's section called name. */
static struct section section(const struct rt_elf *o, const char *name) {
  struct section s = {NULL, 0};
  s.p = rt_elf_section(o, name, &s.size);
  if (!s.p)
    s.size = 0;
  return s;
}

/* The next specification at c; 0 at the end of the list. */
static int next_spec(struct rt_dwarf_cursor *c, struct spec *s) {
  s->name = rt_dwarf_uleb(c);
  s->form = rt_dwarf_uleb(c);
  s->implicit = s->form == DW_FORM_implicit_const ? rt_dwarf_sleb(c) : 0;
  return (s->name || s->form) && !c->bad;
}

/* Indexes the abbreviation table at off of .debug_abbrev (the previous
 * unit's index if it was the same); -1 if it cannot be read. */
static int index_abbrevs(struct reader *r, uint64_t off) {
  if (r->abbrevs_offset == off)
    return 0;
  r->abbrevs_offset = NONE, r->n = 0;
  struct rt_dwarf_cursor c =
      rt_dwarf_cursor_at(r->abbrev.p, r->abbrev.size, off);
  for (uint64_t code; (code = rt_dwarf_uleb(&c)) && !c.bad;) {
    if (!rt_grow(&r->abbrevs, r->n, &r->cap, sizeof *r->abbrevs))
      return -1;
    struct abbrev *a = &r->abbrevs[r->n++];
    a->code = code;
    a->tag = rt_dwarf_uleb(&c);
    a->children = rt_dwarf_fixed(&c, 1) == 1; /* DW_CHILDREN_yes */
    a->specs = c.p;
    struct spec s;
    while (next_spec(&c, &s))
      ;
  }
  if (c.bad)
    return -1;
  r->abbrevs_offset = off;
  return 0;
}

/* The abbreviation of code `code`, or NULL: codes are usually numbered
 * from 1 in the order of the table. */
static const struct abbrev *find_abbrev(const struct reader *r,
                                        uint64_t code) {
  if (code - 1 < r->n && r->abbrevs[code - 1].code == code)
    return &r->abbrevs[code - 1];
  for (size_t i = 0; i < r->n; i++)
    if (r->abbrevs[i].code == code)
      return &r->abbrevs[i];
  return NULL;
}

/* Where d keeps attribute `name`, or NULL if the reader does not use it. */
static struct rt_dwarf_value *slot(struct die *d, uint64_t name) {
  switch (name) {
  case DW_AT_low_pc: return &d->low_pc;
  case DW_AT_high_pc: return &d->high_pc;
  case DW_AT_ranges: return &d->ranges;
  case DW_AT_stmt_list: return &d->stmt_list;
  case DW_AT_call_file: return &d->call_file;
  case DW_AT_call_line: return &d->call_line;
  case DW_AT_addr_base: return &d->addr_base;
  case DW_AT_rnglists_base: return &d->rnglists_base;
  default: return NULL;
  }
}

/* Reads the attributes of a DIE of abbreviation a at c: those used into
 * d, as they are (resolved once all are read: a base may come last). */
static void read_die(struct rt_dwarf_cursor *c, const struct reader *r,
                     const struct unit *u, const struct abbrev *a,
                     struct die *d) {
  *d = (struct die){0};
  struct rt_dwarf_cursor specs = {a->specs, r->abbrev.p + r->abbrev.size, 0};
  struct spec s;
  while (!c->bad && next_spec(&specs, &s)) {
    struct rt_dwarf_value value;
    rt_dwarf_form(c, s.form, &u->format, NULL, &value);
    if (value.form == DW_FORM_implicit_const)
      value.n = (uint64_t)s.implicit;
    struct rt_dwarf_value *to = slot(d, s.name);
    if (to)
      *to = value;
  }
}

/* Entry `index` of the table of `size`-byte entries at base in s; -1 if
 * it is not all in s. */
static int table_entry(const struct section *s, uint64_t base, uint64_t index,
                       unsigned size, uint64_t *entry) {
  if (base > s->size || index >= (s->size - base) / size)
    return -1;
  struct rt_dwarf_cursor c = rt_dwarf_cursor_at(s->p, s->size,
                                                base + index * size);
  *entry = rt_dwarf_fixed(&c, size);
  return c.bad ? -1 : 0;
}

/* The unit's address `index` in .debug_addr; -1 if there is none. */
static int indexed_address(const struct reader *r, const struct unit *u,
                           uint64_t index, uint64_t *addr) {
  return table_entry(&r->addr, u->addr_base, index, u->format.addr_size,
                     addr);
}

/* The address an attribute of the address class gives; -1 if it is of
 * another class, or its entry of .debug_addr is not there. */
static int address(const struct reader *r, const struct unit *u,
                   const struct rt_dwarf_value *a, uint64_t *addr) {
  switch (a->form) {
  case DW_FORM_addr: *addr = a->n; return 0;
  case DW_FORM_addrx: case DW_FORM_addrx1: case DW_FORM_addrx2:
  case DW_FORM_addrx3: case DW_FORM_addrx4:
    return indexed_address(r, u, a->n, addr);
  default: return -1;
  }
}

static int is_constant(uint64_t form) {
  switch (form) {
  case DW_FORM_data1: case DW_FORM_data2: case DW_FORM_data4:
  case DW_FORM_data8: case DW_FORM_udata: case DW_FORM_sdata:
  case DW_FORM_implicit_const:
    return 1;
  default:
    return 0;
  }
}

static void report(const struct reader *r, const struct call *call,
                   uint64_t lo, uint64_t hi) {
  if (lo < hi)
    r->v->inlined(r->v->ctx, call->depth, call->tag, call->line, lo, hi);
}

/* The entry of a DWARF 5 range list at c: 1 and a range into [*lo, *hi),
 * 0 for a new *base, -1 at the end of the list or an entry that cannot be
 * read (DWARF 5, section 2.17.3). */
static int rnglist_entry(const struct reader *r, const struct unit *u,
                         struct rt_dwarf_cursor *c, uint64_t *base,
                         uint64_t *lo, uint64_t *hi) {
  unsigned size = u->format.addr_size;
  switch (rt_dwarf_fixed(c, 1)) {
  case DW_RLE_base_addressx:
    return indexed_address(r, u, rt_dwarf_uleb(c), base) ? -1 : 0;
  case DW_RLE_startx_endx:
    if (indexed_address(r, u, rt_dwarf_uleb(c), lo))
      return -1;
    return indexed_address(r, u, rt_dwarf_uleb(c), hi) ? -1 : 1;
  case DW_RLE_startx_length:
    if (indexed_address(r, u, rt_dwarf_uleb(c), lo))
      return -1;
    *hi = *lo + rt_dwarf_uleb(c);
    return 1;
  case DW_RLE_offset_pair:
    *lo = *base + rt_dwarf_uleb(c);
    *hi = *base + rt_dwarf_uleb(c);
    return 1;
  case DW_RLE_base_address: *base = rt_dwarf_fixed(c, size); return 0;
  case DW_RLE_start_end:
    *lo = rt_dwarf_fixed(c, size);
    *hi = rt_dwarf_fixed(c, size);
    return 1;
  case DW_RLE_start_length:
    *lo = rt_dwarf_fixed(c, size);
    *hi = *lo + rt_dwarf_uleb(c);
    return 1;
  default: return -1; /* DW_RLE_end_of_list, an unknown entry */
  }
}

/* The ranges of the list at off of .debug_rnglists. */
static void rnglist(const struct reader *r, const struct unit *u,
                    uint64_t off, const struct call *call) {
  struct rt_dwarf_cursor c =
      rt_dwarf_cursor_at(r->rnglists.p, r->rnglists.size, off);
  uint64_t base = u->base, lo, hi;
  for (int kind; (kind = rnglist_entry(r, u, &c, &base, &lo, &hi)) >= 0 &&
                 !c.bad;)
    if (kind)
      report(r, call, lo, hi);
}

/* The ranges of the list at off of .debug_ranges (DWARF 2-4): pairs of
 * offsets from the base address, or a new base after the largest address,
 * until a pair of zeros. */
static void ranges_list(const struct reader *r, const struct unit *u,
                        uint64_t off, const struct call *call) {
  struct rt_dwarf_cursor c =
      rt_dwarf_cursor_at(r->ranges.p, r->ranges.size, off);
  unsigned size = u->format.addr_size;
  uint64_t base = u->base;
  for (;;) {
    uint64_t lo = rt_dwarf_fixed(&c, size);
    uint64_t hi = rt_dwarf_fixed(&c, size);
    if (c.bad || (!lo && !hi))
      return;
    if (lo == UINT64_MAX) /* the addresses are 8 bytes (read_unit_header) */
      base = hi;
    else
      report(r, call, base + lo, base + hi);
  }
}

/* The offset in .debug_rnglists of the list of a DW_AT_ranges: its value,
 * or for DW_FORM_rnglistx the unit's offset entry it indexes, from the
 * DW_AT_rnglists_base; -1 if that entry is not there. */
static int rnglist_offset(const struct reader *r, const struct unit *u,
                          const struct rt_dwarf_value *ranges, uint64_t *off) {
  if (ranges->form != DW_FORM_rnglistx) {
    *off = ranges->n;
    return 0;
  }
  uint64_t entry;
  if (table_entry(&r->rnglists, u->rnglists_base, ranges->n,
                  u->format.offset_size, &entry))
    return -1;
  *off = u->rnglists_base + entry;
  return 0;
}

/* Reports the ranges of the inlined call of DIE d. */
static void report_ranges(const struct reader *r, const struct unit *u,
                          const struct die *d, const struct call *call) {
  uint64_t lo, hi;
  if (d->ranges.form) {
    if (u->format.version < 5)
      ranges_list(r, u, d->ranges.n, call);
    else if (!rnglist_offset(r, u, &d->ranges, &lo))
      rnglist(r, u, lo, call);
    return;
  }
  if (address(r, u, &d->low_pc, &lo))
    return;
  if (!address(r, u, &d->high_pc, &hi))
    report(r, call, lo, hi);
  else if (is_constant(d->high_pc.form)) /* since DWARF 4: from lo */
    report(r, call, lo, lo + d->high_pc.n);
}

/* Reports the inlined call of DIE d, nested in depth - 1 others. */
static void report_call(const struct reader *r, const struct unit *u,
                        const struct die *d, uint32_t depth) {
  const struct rt_line_files *f = r->files;
  uint64_t file = d->call_file.n;
  struct call call = {depth, 0, (uint32_t)d->call_line.n};
  if (d->call_file.form && file < f->nfiles)
    call.tag = f->tags[file];
  report_ranges(r, u, d, &call);
}

/* Reads the DIEs under the unit's DIE from c to the end of its children,
 * reporting the inlined calls. */
static void read_dies(const struct reader *r, const struct unit *u,
                      struct rt_dwarf_cursor *c) {
  uint32_t inlined[MAX_LEVELS]; /* by level: the inlined calls above it */
  unsigned level = 0;           /* 0: the unit DIE's children */
  inlined[0] = 0;
  while (!c->bad && c->p < c->end) {
    uint64_t code = rt_dwarf_uleb(c);
    if (!code) { /* the end of a list of children */
      if (!level--)
        return;
      continue;
    }
    const struct abbrev *a = find_abbrev(r, code);
    struct die d;
    if (!a)
      return;
    read_die(c, r, u, a, &d);
    int is_inlined = a->tag == DW_TAG_inlined_subroutine;
    if (is_inlined && !c->bad)
      report_call(r, u, &d, inlined[level] + 1);
    if (a->children) {
      if (level + 1 == MAX_LEVELS)
        return;
      inlined[level + 1] = inlined[level] + (uint32_t)is_inlined;
      level++;
    }
  }
}

/* The header of the unit at c (its length read) into u, *abbrev_offset
 * where its abbreviations are; -1 if it is not a compile or partial unit
 * of DWARF 2-5 with 8-byte addresses. */
static int read_unit_header(struct rt_dwarf_cursor *c, struct unit *u,
                            uint64_t *abbrev_offset) {
  struct rt_dwarf_format *f = &u->format;
  f->version = (unsigned)rt_dwarf_fixed(c, 2);
  if (f->version >= 5) {
    unsigned type = (unsigned)rt_dwarf_fixed(c, 1);
    f->addr_size = (unsigned)rt_dwarf_fixed(c, 1);
    *abbrev_offset = rt_dwarf_fixed(c, f->offset_size);
    if (type != DW_UT_compile && type != DW_UT_partial)
      return -1;
  } else {
    *abbrev_offset = rt_dwarf_fixed(c, f->offset_size);
    f->addr_size = (unsigned)rt_dwarf_fixed(c, 1);
  }
  return c->bad || f->version < 2 || f->version > 5 || f->addr_size != 8
             ? -1
             : 0;
}

/* Reads the unit's DIE at c into u, *a its abbreviation, and its files
 * through r's visitor into r->files; -1 if it cannot be read, or has no
 * line table, or the visitor does not want it. */
static int read_unit_die(struct reader *r, struct rt_dwarf_cursor *c,
                         struct unit *u, const struct abbrev **a) {
  *a = find_abbrev(r, rt_dwarf_uleb(c));
  if (!*a || ((*a)->tag != DW_TAG_compile_unit &&
              (*a)->tag != DW_TAG_partial_unit))
    return -1;
  struct die d;
  read_die(c, r, u, *a, &d);
  if (c->bad || !d.stmt_list.form)
    return -1;
  u->addr_base = d.addr_base.form ? d.addr_base.n : NONE;
  u->rnglists_base = d.rnglists_base.form ? d.rnglists_base.n : NONE;
  if (address(r, u, &d.low_pc, &u->base))
    u->base = 0;
  struct rt_line_visitor lines = {r->v->ctx, r->v->unit, r->v->file, NULL};
  return rt_dwarf_line_files(r->o, d.stmt_list.n, &lines, r->files) == 1
             ? 0
             : -1;
}

/* Reads the unit at c (its length read), of offset_size-byte offsets. */
static void read_unit(struct reader *r, struct rt_dwarf_cursor *c,
                      unsigned offset_size) {
  struct unit u = {.format.offset_size = offset_size};
  uint64_t abbrev_offset;
  const struct abbrev *a;
  if (read_unit_header(c, &u, &abbrev_offset) ||
      index_abbrevs(r, abbrev_offset) || read_unit_die(r, c, &u, &a))
    return;
  if (a->children)
    read_dies(r, &u, c);
}

int rt_dwarf_inlines(const struct rt_elf *o,
                     const struct rt_inline_visitor *v) {
  struct reader r = {.o = o, .v = v, .abbrevs_offset = NONE};
  struct section info = section(o, ".debug_info");
  r.abbrev = section(o, ".debug_abbrev");
  r.addr = section(o, ".debug_addr");
  r.rnglists = section(o, ".debug_rnglists");
  r.ranges = section(o, ".debug_ranges");
  if (!info.p || !r.abbrev.p || !(r.files = rt_alloc(sizeof *r.files)))
    return -1;
  struct rt_dwarf_cursor c = {info.p, info.p + info.size, 0}, unit;
  unsigned offset_size;
  while (c.p < c.end && !rt_dwarf_unit(&c, &unit, &offset_size))
    read_unit(&r, &unit, offset_size); /* a bad one skipped */
  rt_free(r.abbrevs, r.cap * sizeof *r.abbrevs);
  rt_free(r.files, sizeof *r.files);
  return 0;
}
