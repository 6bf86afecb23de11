/* rt_dwarf_read.c - the reads the DWARF readers share: integers, strings,
 * units and attribute values (DWARF 5, sections 7.4, 7.5.5 and 7.6), each
 * bounded by its cursor's end. No malloc. */
#include <string.h>

#include "rt_dwarf_read.h"

uint64_t rt_dwarf_fixed(struct rt_dwarf_cursor *c, unsigned n) {
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

uint64_t rt_dwarf_uleb(struct rt_dwarf_cursor *c) {
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

int64_t rt_dwarf_sleb(struct rt_dwarf_cursor *c) {
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

void rt_dwarf_skip(struct rt_dwarf_cursor *c, uint64_t n) {
  if ((uint64_t)(c->end - c->p) < n)
    c->bad = 1, c->p = c->end;
  else
    c->p += n;
}

const char *rt_dwarf_cstring(struct rt_dwarf_cursor *c) {
  const unsigned char *nul = memchr(c->p, 0, (size_t)(c->end - c->p));
  if (!nul) {
    c->bad = 1, c->p = c->end;
    return NULL;
  }
  const char *s = (const char *)c->p;
  c->p = nul + 1;
  return s;
}

/* The NUL-terminated string at off in sec (size bytes), or NULL. */
static const char *string_at(const unsigned char *sec, size_t size,
                             uint64_t off) {
  if (!sec || off >= size || !memchr(sec + off, 0, size - off))
    return NULL;
  return (const char *)sec + off;
}

struct rt_dwarf_cursor rt_dwarf_cursor_at(const unsigned char *sec,
                                          size_t size, uint64_t off) {
  if (!sec || off > size)
    return (struct rt_dwarf_cursor){NULL, NULL, 1};
  return (struct rt_dwarf_cursor){sec + off, sec + size, 0};
}

int rt_dwarf_unit(struct rt_dwarf_cursor *c, struct rt_dwarf_cursor *unit,
                  unsigned *offset_size) {
  uint64_t length = rt_dwarf_fixed(c, 4);
  *offset_size = 4;
  if (length == 0xffffffffu)
    length = rt_dwarf_fixed(c, 8), *offset_size = 8;
  if (c->bad || length > (uint64_t)(c->end - c->p))
    return -1;
  *unit = (struct rt_dwarf_cursor){c->p, c->p + length, 0};
  c->p += length;
  return 0;
}

/* The size of a form's value when that is fixed; 0 when it is not (the
 * forms of variable size, those of no value, unknown ones). */
static unsigned fixed_size(uint64_t form, const struct rt_dwarf_format *f) {
  switch (form) {
  case DW_FORM_data1: case DW_FORM_ref1: case DW_FORM_flag:
  case DW_FORM_strx1: case DW_FORM_addrx1:
    return 1;
  case DW_FORM_data2: case DW_FORM_ref2: case DW_FORM_strx2:
  case DW_FORM_addrx2:
    return 2;
  case DW_FORM_strx3: case DW_FORM_addrx3:
    return 3;
  case DW_FORM_data4: case DW_FORM_ref4: case DW_FORM_ref_sup4:
  case DW_FORM_strx4: case DW_FORM_addrx4:
    return 4;
  case DW_FORM_data8: case DW_FORM_ref8: case DW_FORM_ref_sig8:
  case DW_FORM_ref_sup8:
    return 8;
  case DW_FORM_addr:
    return f->addr_size;
  case DW_FORM_ref_addr: /* an address in DWARF 2, an offset since */
    return f->version <= 2 ? f->addr_size : f->offset_size;
  case DW_FORM_strp: case DW_FORM_line_strp: case DW_FORM_sec_offset:
  case DW_FORM_strp_sup: case DW_FORM_GNU_ref_alt: case DW_FORM_GNU_strp_alt:
    return f->offset_size;
  default:
    return 0;
  }
}

/* The forms whose size is not fixed, or that have no value. */
static void read_variable(struct rt_dwarf_cursor *c, struct rt_dwarf_value *v) {
  switch (v->form) {
  case DW_FORM_string: v->s = rt_dwarf_cstring(c); break;
  case DW_FORM_sdata: v->n = (uint64_t)rt_dwarf_sleb(c); break;
  case DW_FORM_udata: case DW_FORM_ref_udata: case DW_FORM_strx:
  case DW_FORM_addrx: case DW_FORM_loclistx: case DW_FORM_rnglistx:
  case DW_FORM_GNU_addr_index: case DW_FORM_GNU_str_index:
    v->n = rt_dwarf_uleb(c);
    break;
  case DW_FORM_block: case DW_FORM_exprloc:
    rt_dwarf_skip(c, rt_dwarf_uleb(c));
    break;
  case DW_FORM_block1: rt_dwarf_skip(c, rt_dwarf_fixed(c, 1)); break;
  case DW_FORM_block2: rt_dwarf_skip(c, rt_dwarf_fixed(c, 2)); break;
  case DW_FORM_block4: rt_dwarf_skip(c, rt_dwarf_fixed(c, 4)); break;
  case DW_FORM_data16: rt_dwarf_skip(c, 16); break;
  case DW_FORM_flag_present: v->n = 1; break;
  case DW_FORM_implicit_const: break; /* its value is in the abbreviation */
  default: c->bad = 1;
  }
}

void rt_dwarf_form(struct rt_dwarf_cursor *c, uint64_t form,
                   const struct rt_dwarf_format *f,
                   const struct rt_dwarf_strings *st,
                   struct rt_dwarf_value *v) {
  while (form == DW_FORM_indirect && !c->bad) /* each reads a byte or more */
    form = rt_dwarf_uleb(c);
  *v = (struct rt_dwarf_value){form, 0, NULL};
  unsigned size = fixed_size(form, f);
  if (!size) {
    read_variable(c, v);
    return;
  }
  v->n = rt_dwarf_fixed(c, size);
  if (st && form == DW_FORM_strp)
    v->s = string_at(st->str, st->str_size, v->n);
  else if (st && form == DW_FORM_line_strp)
    v->s = string_at(st->line_str, st->line_str_size, v->n);
}
