/* rt_dwarf_read.h - what the DWARF readers (rt_dwarf_lines.c,
 * rt_dwarf_inlines.c) share (rt_dwarf_read.c): a cursor bounded by its
 * unit or section, the integers and strings it reads, a unit's initial
 * length, and the value of an attribute in any form of DWARF 2-5. No
 * malloc. */
#ifndef RT_DWARF_READ_H
#define RT_DWARF_READ_H

#include <stddef.h>
#include <stdint.h>

/* A bounded reader; `bad` once a read went past the end. */
struct rt_dwarf_cursor {
  const unsigned char *p, *end;
  int bad;
};

/* Where strings at an offset may be (.debug_line_str, .debug_str). */
struct rt_dwarf_strings {
  const unsigned char *line_str, *str;
  size_t line_str_size, str_size;
};

/* What the size of a unit's forms depends on. */
struct rt_dwarf_format {
  unsigned version, offset_size, addr_size;
};

/* The value of an attribute: a number (constant, address, index, offset
 * or reference), or a string kept inline or at an offset into one of the
 * rt_dwarf_strings. */
struct rt_dwarf_value {
  uint64_t form; /* after DW_FORM_indirect's; 0 for no attribute */
  uint64_t n;    /* DW_FORM_sdata's sign-extended */
  const char *s;
};

/* The forms of DWARF 5 (section 7.5.6) and the GNU ones of DWARF 4. */
enum {
  DW_FORM_addr = 0x01, DW_FORM_block2 = 0x03, DW_FORM_block4 = 0x04,
  DW_FORM_data2 = 0x05, DW_FORM_data4 = 0x06, DW_FORM_data8 = 0x07,
  DW_FORM_string = 0x08, DW_FORM_block = 0x09, DW_FORM_block1 = 0x0a,
  DW_FORM_data1 = 0x0b, DW_FORM_flag = 0x0c, DW_FORM_sdata = 0x0d,
  DW_FORM_strp = 0x0e, DW_FORM_udata = 0x0f, DW_FORM_ref_addr = 0x10,
  DW_FORM_ref1 = 0x11, DW_FORM_ref2 = 0x12, DW_FORM_ref4 = 0x13,
  DW_FORM_ref8 = 0x14, DW_FORM_ref_udata = 0x15, DW_FORM_indirect = 0x16,
  DW_FORM_sec_offset = 0x17, DW_FORM_exprloc = 0x18,
  DW_FORM_flag_present = 0x19, DW_FORM_strx = 0x1a, DW_FORM_addrx = 0x1b,
  DW_FORM_ref_sup4 = 0x1c, DW_FORM_strp_sup = 0x1d, DW_FORM_data16 = 0x1e,
  DW_FORM_line_strp = 0x1f, DW_FORM_ref_sig8 = 0x20,
  DW_FORM_implicit_const = 0x21, DW_FORM_loclistx = 0x22,
  DW_FORM_rnglistx = 0x23, DW_FORM_ref_sup8 = 0x24, DW_FORM_strx1 = 0x25,
  DW_FORM_strx2 = 0x26, DW_FORM_strx3 = 0x27, DW_FORM_strx4 = 0x28,
  DW_FORM_addrx1 = 0x29, DW_FORM_addrx2 = 0x2a, DW_FORM_addrx3 = 0x2b,
  DW_FORM_addrx4 = 0x2c, DW_FORM_GNU_addr_index = 0x1f01,
  DW_FORM_GNU_str_index = 0x1f02, DW_FORM_GNU_ref_alt = 0x1f20,
  DW_FORM_GNU_strp_alt = 0x1f21
};

/* The n-byte little-endian integer at c (n <= 8). */
uint64_t rt_dwarf_fixed(struct rt_dwarf_cursor *c, unsigned n);
uint64_t rt_dwarf_uleb(struct rt_dwarf_cursor *c);
int64_t rt_dwarf_sleb(struct rt_dwarf_cursor *c);
void rt_dwarf_skip(struct rt_dwarf_cursor *c, uint64_t n);

/* A NUL-terminated string at c, or NULL. */
const char *rt_dwarf_cstring(struct rt_dwarf_cursor *c);

/* A cursor over sec (size bytes; NULL: none) from off to its end; empty
 * and bad if off is not in it. */
struct rt_dwarf_cursor rt_dwarf_cursor_at(const unsigned char *sec,
                                          size_t size, uint64_t off);

/* The unit at c, whose initial length says its size and whether it is
 * 32-bit (*offset_size 4) or 64-bit DWARF (8), into *unit, c past it; -1
 * if it is not all before c's end. */
int rt_dwarf_unit(struct rt_dwarf_cursor *c, struct rt_dwarf_cursor *unit,
                  unsigned *offset_size);

/* Reads an attribute of form `form` of a unit of format f; its strings
 * from st (NULL: not looked up). Sets c->bad for an unknown form. */
void rt_dwarf_form(struct rt_dwarf_cursor *c, uint64_t form,
                   const struct rt_dwarf_format *f,
                   const struct rt_dwarf_strings *st,
                   struct rt_dwarf_value *v);

#endif
