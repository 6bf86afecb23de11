/* lprof_raw.c - reads the raw profile of continuous mode (lprof_raw.h) and
 * turns it into an ordinary .lprof image: the PROG payload is kept as it
 * is, each thread's BLCK counters are added up per module (by the rule of
 * lineprof_counters.h), and each function becomes a FUNC
 * record (and TIMF, MEMF and CALL records when timed, when memory was
 * measured, when it has call sites). Every offset and
 * count is checked against the file; the image is then validated again
 * by lprof_parse. */
#include "lprof_raw.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineprof_counters.h"
#include "lprof_format.h"
#include "rt_abi.h"

struct span {
  const unsigned char *p;
  size_t left;
};

static int take(struct span *s, void *out, size_t n) {
  if (s->left < n)
    return -1;
  memcpy(out, s->p, n);
  s->p += n, s->left -= n;
  return 0;
}

static int take_u32(struct span *s, uint32_t *v) { return take(s, v, 4); }
static int take_u64(struct span *s, uint64_t *v) { return take(s, v, 8); }

static int skip_str(struct span *s) {
  uint32_t n;
  if (take_u32(s, &n) || n > s->left)
    return -1;
  s->p += n, s->left -= n;
  return 0;
}

struct module {
  struct span tables;  /* the function entries */
  struct span derived; /* nderived { u32 slot, first, second } */
  uint32_t nslots, nfunctions, nderived;
  uint64_t *sums;     /* LINEPROF_BLOCK_ARRAYS * (nslots + 1) */
};

struct raw {
  struct span prog;
  uint64_t hz;
  uint32_t memory;
  struct module *modules;
  uint32_t nmodules;
};

static int fail(char *err, size_t errlen, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
  return -1;
}

int lprof_is_raw(const void *buf, size_t len) {
  return len >= 8 && !memcmp(buf, LPROF_RAW_MAGIC, 8);
}

/* The PROG fields the conversion needs: the clock and the memory mode. */
static int read_prog(struct raw *r, struct span s) {
  uint64_t skip64;
  uint32_t timer, flags;
  r->prog = s;
  if (skip_str(&s) || skip_str(&s) || take_u64(&s, &skip64) ||
      take_u64(&s, &skip64) || take_u64(&s, &skip64) ||
      take_u32(&s, &timer) || take_u32(&s, &flags) || take_u64(&s, &r->hz) ||
      take_u64(&s, &skip64) || take_u64(&s, &skip64))
    return -1;
  uint32_t skip32; /* sample_us, auto_ms: zero padding in older files */
  if (!take_u32(&s, &skip32))
    take_u32(&s, &skip32);
  r->prog.left = (size_t)(s.p - r->prog.p); /* the chunk's padding is not */
  r->memory = (flags & LPROF_FLAG_MEMORY_MASK) >> LPROF_FLAG_MEMORY_SHIFT;
  return 0;
}

static int read_module(struct raw *r, struct span s) {
  uint32_t index;
  struct module m = {0};
  if (take_u32(&s, &index) || take_u32(&s, &m.nslots) ||
      take_u32(&s, &m.nfunctions) || take_u32(&s, &m.nderived) ||
      index != r->nmodules || m.nslots > LPROF_MAX_FUNCTION_LINES ||
      s.left / 12 < m.nderived)
    return -1;
  m.derived = (struct span){s.p, 12 * (size_t)m.nderived};
  s.p += m.derived.left, s.left -= m.derived.left;
  m.tables = s;
  size_t n = LINEPROF_BLOCK_ARRAYS * ((size_t)m.nslots + 1);
  struct module *grown =
      realloc(r->modules, (r->nmodules + 1) * sizeof *r->modules);
  if (!grown)
    return -1;
  r->modules = grown;
  if (!(m.sums = calloc(n, sizeof *m.sums)))
    return -1;
  r->modules[r->nmodules++] = m;
  return 0;
}

static int read_block(struct raw *r, struct span s) {
  uint32_t index, count;
  if (take_u32(&s, &index) || take_u32(&s, &count) || index >= r->nmodules)
    return -1;
  struct module *m = &r->modules[index];
  size_t per_array = (size_t)m->nslots + 1;
  size_t n = LINEPROF_BLOCK_ARRAYS * per_array;
  if (count != n || s.left / 8 < n)
    return -1;
  for (size_t i = 0; i < n; i++) {
    uint64_t v = 0;
    take_u64(&s, &v); /* cannot fail: the length was checked */
    m->sums[i] = lineprof_fold(lineprof_array_fold(i / per_array), m->sums[i], v);
  }
  return 0;
}

/* Walks the chunks after the header page. */
static int read_chunks(struct raw *r, const unsigned char *b, size_t len,
                       size_t page, char *err, size_t errlen) {
  for (size_t at = page; at < len;) {
    struct lprof_raw_chunk c;
    if (len - at < sizeof c)
      return fail(err, errlen, "truncated raw profile");
    memcpy(&c, b + at, sizeof c);
    if (c.size < sizeof c || c.size % page || c.size > len - at)
      return fail(err, errlen, "bad raw profile (chunk at %zu)", at);
    struct span s = {b + at + sizeof c, (size_t)c.size - sizeof c};
    int rc = c.tag == LPROF_RAW_PROG   ? read_prog(r, s)
             : c.tag == LPROF_RAW_MODL ? read_module(r, s)
             : c.tag == LPROF_RAW_BLCK ? read_block(r, s)
                                       : -1;
    if (rc || (c.tag != LPROF_RAW_PROG && !r->prog.p))
      return fail(err, errlen, "bad raw profile (chunk at %zu)", at);
    at += (size_t)c.size;
  }
  if (!r->prog.p)
    return fail(err, errlen, "bad raw profile (no PROG chunk)");
  return 0;
}

/* The lines of one function: their numbers (u32 each, in the raw file's
 * table) and the module's sums. */
struct function_sums {
  const struct module *m;
  const unsigned char *lines;
  uint32_t first_slot;
  size_t n1; /* nslots + 1 */
  uint64_t hz;
};

static void line_of(const void *ctx, uint32_t i, struct lprof_line *l) {
  const struct function_sums *fs = ctx;
  uint32_t line;
  memcpy(&line, fs->lines + 4 * (size_t)i, 4);
  lprof_line_from_counts(l, line, fs->m->sums, fs->n1, fs->first_slot + i,
                         fs->hz);
}

/* The call sites after a function's lines in a MODL chunk, as its CALL
 * record, with their counts (the hits of their slots). */
static int put_calls(struct lprof_buf *out, const struct module *m,
                     struct span *s) {
  uint32_t n;
  if (take_u32(s, &n) || n > s->left / 12)
    return -1;
  if (!n)
    return 0;
  size_t mark = lprof_begin_calls(out, n);
  for (uint32_t i = 0; i < n; i++) {
    uint32_t slot, line, len;
    if (take_u32(s, &slot) || take_u32(s, &line) || take_u32(s, &len) ||
        slot >= m->nslots || len > s->left || len > LPROF_MAX_STRING)
      return -1;
    char *callee = malloc((size_t)len + 1);
    if (!callee)
      return -1;
    memcpy(callee, s->p, len);
    callee[len] = '\0';
    s->p += len, s->left -= len;
    lprof_put_call(out, line, m->sums[slot], callee); /* hits come first */
    free(callee);
  }
  lprof_end_record(out, mark);
  return 0;
}

/* One function entry of a MODL chunk, with the module's sums, as a FUNC
 * record and its companions. */
static int put_function(struct lprof_buf *out, const struct raw *r,
                        const struct module *m, struct span *s) {
  uint32_t tag, len;
  if (take_u32(s, &tag) || take_u32(s, &len) || len > s->left)
    return -1;
  struct span f = {s->p, len};
  s->p += len, s->left -= len;
  /* The FUNC fields are copied; the line entries are made from the sums. */
  struct span fields = f;
  uint32_t first, last, nlines, reserved, first_slot;
  if (skip_str(&f) || skip_str(&f) || skip_str(&f) || take_u32(&f, &first) ||
      take_u32(&f, &last) || take_u32(&f, &nlines) ||
      take_u32(&f, &reserved) || take_u32(&f, &first_slot) ||
      first_slot > m->nslots || nlines > m->nslots - first_slot ||
      f.left / 4 < nlines)
    return -1;
  size_t fields_len = (size_t)(f.p - fields.p) - 4, n1 = m->nslots + 1;
  size_t mark = lprof_begin_record(out, LPROF_TAG_FUNC);
  lprof_put_bytes(out, fields.p, fields_len);
  struct function_sums fs = {m, f.p, first_slot, n1, r->hz};
  lprof_put_function_lines(out, mark, nlines, line_of, &fs, r->hz != 0,
                           r->memory);
  f.p += 4 * (size_t)nlines, f.left -= 4 * (size_t)nlines;
  return put_calls(out, m, &f);
}

/* The hits of m's derived slots, from its sums of the counted ones. */
static void derive_hits(const struct module *m) {
  struct span s = m->derived;
  for (uint32_t i = 0; i < m->nderived; i++) {
    struct lineprof_derived d = {0};
    take_u32(&s, &d.slot); /* cannot fail: the length was checked */
    take_u32(&s, &d.first);
    take_u32(&s, &d.second);
    lineprof_derive_hits(m->sums, m->nslots, &d, 1);
  }
}

static int build_image(struct lprof_buf *out, const struct raw *r) {
  lprof_buf_init(out);
  size_t mark = lprof_begin_record(out, LPROF_TAG_PROG);
  lprof_put_bytes(out, r->prog.p, r->prog.left);
  lprof_end_record(out, mark);
  for (uint32_t i = 0; i < r->nmodules; i++) {
    derive_hits(&r->modules[i]);
    struct span s = r->modules[i].tables;
    for (uint32_t k = 0; k < r->modules[i].nfunctions; k++)
      if (put_function(out, r, &r->modules[i], &s))
        return -1;
  }
  return lprof_buf_finish(out);
}

int lprof_raw_to_lprof(const void *buf, size_t len, struct lprof_buf *out,
                       char *err, size_t errlen) {
  const unsigned char *b = buf;
  struct lprof_raw_header h;
  struct raw r = {0};
  memset(out, 0, sizeof *out);
  if (len < sizeof h)
    return fail(err, errlen, "truncated raw profile");
  memcpy(&h, b, sizeof h);
  if (h.version != LPROF_RAW_VERSION)
    return fail(err, errlen, "unsupported raw profile version %u", h.version);
  if (h.page_size < 4096 || h.page_size & (h.page_size - 1) ||
      h.page_size > len)
    return fail(err, errlen, "bad raw profile (page size %u)", h.page_size);
  int rc = read_chunks(&r, b, len, h.page_size, err, errlen);
  if (!rc && build_image(out, &r)) {
    lprof_buf_free(out);
    rc = fail(err, errlen, "bad raw profile (function tables)");
  }
  for (uint32_t i = 0; i < r.nmodules; i++)
    free(r.modules[i].sums);
  free(r.modules);
  return rc;
}
