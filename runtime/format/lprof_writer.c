/* lprof_writer.c - in-memory builder of .lprof images (format in
 * lprof_format.h and docs/lprof-format.md). */
#include "lprof_writer.h"

#include <string.h>
#include <sys/mman.h>

#include "lprof_format.h"
#include "lineprof_counters.h"
#include "lprof_records.inc"

static void reserve(struct lprof_buf *b, size_t more) {
  if (b->failed || b->len + more <= b->cap)
    return;
  size_t cap = b->cap ? b->cap : 1 << 16;
  while (cap < b->len + more)
    cap *= 2;
  void *p = mmap(NULL, cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                 -1, 0);
  if (p == MAP_FAILED) {
    b->failed = 1;
    return;
  }
  if (b->data) {
    memcpy(p, b->data, b->len);
    munmap(b->data, b->cap);
  }
  b->data = p;
  b->cap = cap;
}

void lprof_put_bytes(struct lprof_buf *b, const void *src, size_t n) {
  reserve(b, n);
  if (b->failed || !n) /* src may be NULL then (an empty string's) */
    return;
  memcpy(b->data + b->len, src, n);
  b->len += n;
}

static void store_u32(unsigned char *p, uint32_t v) {
  for (int i = 0; i < 4; i++)
    p[i] = (unsigned char)(v >> (8 * i));
}

void lprof_put_u32(struct lprof_buf *b, uint32_t v) {
  unsigned char le[4];
  store_u32(le, v);
  lprof_put_bytes(b, le, 4);
}

void lprof_put_u64(struct lprof_buf *b, uint64_t v) {
  lprof_put_u32(b, (uint32_t)v);
  lprof_put_u32(b, (uint32_t)(v >> 32));
}

void lprof_put_str(struct lprof_buf *b, const char *s) {
  size_t n = s ? strlen(s) : 0;
  if (n > LPROF_MAX_STRING)
    n = LPROF_MAX_STRING;
  lprof_put_u32(b, (uint32_t)n);
  lprof_put_bytes(b, s, n);
}

void lprof_buf_init(struct lprof_buf *b) {
  memset(b, 0, sizeof *b);
  lprof_put_bytes(b, LPROF_MAGIC, LPROF_MAGIC_LEN);
  lprof_put_u32(b, LPROF_VERSION);
  lprof_put_u32(b, 0);
}

void lprof_buf_free(struct lprof_buf *b) {
  if (b->data)
    munmap(b->data, b->cap);
  memset(b, 0, sizeof *b);
}

size_t lprof_begin_record(struct lprof_buf *b, uint32_t tag) {
  lprof_put_u32(b, tag);
  size_t mark = b->len;
  lprof_put_u32(b, 0); /* length, patched by lprof_end_record */
  return mark;
}

void lprof_end_record(struct lprof_buf *b, size_t mark) {
  if (b->failed)
    return;
  store_u32(b->data + mark, (uint32_t)(b->len - mark - 4));
  b->records++;
}

/* A record of n entries: u32 n, u32 reserved, then the entries. */
static size_t begin_counted(struct lprof_buf *b, uint32_t tag, uint32_t n) {
  size_t mark = lprof_begin_record(b, tag);
  lprof_put_u32(b, n);
  lprof_put_u32(b, 0); /* reserved */
  return mark;
}

/* The fields of lprof_records.inc: PUT_<type>(b, value) for each. */
#define PUT_str(b, v) lprof_put_str(b, v)
#define PUT_u32(b, v) lprof_put_u32(b, v)
#define PUT_u64(b, v) lprof_put_u64(b, v)
#define PUT_zero32(b, v) lprof_put_u32(b, 0)
/* A field whose value is the writer's parameter of the same name. */
#define PUT_PARAMETER(type, name) PUT_##type(b, name);

void lprof_put_program(struct lprof_buf *b,
                       const struct lprof_program_info *p) {
  size_t mark = lprof_begin_record(b, LPROF_TAG_PROG);
#define PUT_MEMBER(type, name) PUT_##type(b, p->name);
  LPROF_PROG_FIELDS(PUT_MEMBER)
  LPROF_PROG_LATER_FIELDS(PUT_MEMBER)
  LPROF_PROG_SAMPLING_FIELDS(PUT_MEMBER)
#undef PUT_MEMBER
  lprof_end_record(b, mark);
}

size_t lprof_begin_function(struct lprof_buf *b, const char *name,
                            const char *file, const char *path,
                            uint32_t first_line, uint32_t last_line,
                            uint32_t nlines) {
  size_t mark = lprof_begin_record(b, LPROF_TAG_FUNC);
  lprof_put_str(b, name);
  lprof_put_str(b, file);
  lprof_put_str(b, path);
  lprof_put_u32(b, first_line);
  lprof_put_u32(b, last_line);
  lprof_put_u32(b, nlines);
  lprof_put_u32(b, 0); /* reserved */
  return mark;
}

/* Each entry's fields, from the line's members of the same names. */
#define PUT_LINE_MEMBER(type, name) PUT_##type(b, l->name);

static void put_entries(struct lprof_buf *b, uint32_t nlines,
                        lprof_line_source *source, const void *ctx,
                        int which) {
  for (uint32_t i = 0; i < nlines; i++) {
    struct lprof_line line = {0}, *l = &line;
    source(ctx, i, l);
    if (which == LPROF_TAG_FUNC) {
      LPROF_LINE_FIELDS(PUT_LINE_MEMBER)
    } else if (which == LPROF_TAG_TIMF) {
      LPROF_TIMING_FIELDS(PUT_LINE_MEMBER)
    } else {
      LPROF_MEMORY_FIELDS(PUT_LINE_MEMBER)
    }
  }
}

void lprof_put_companion(struct lprof_buf *b, uint32_t tag, uint32_t nlines,
                          lprof_line_source *source, const void *ctx) {
  size_t mark = begin_counted(b, tag, nlines);
  put_entries(b, nlines, source, ctx, (int)tag);
  lprof_end_record(b, mark);
}

void lprof_put_function_lines(struct lprof_buf *b, size_t func_mark,
                              uint32_t nlines, lprof_line_source *source,
                              const void *ctx, int timed, int memory) {
  put_entries(b, nlines, source, ctx, (int)LPROF_TAG_FUNC);
  lprof_end_record(b, func_mark);
  if (timed)
    lprof_put_companion(b, LPROF_TAG_TIMF, nlines, source, ctx);
  if (memory)
    lprof_put_companion(b, LPROF_TAG_MEMF, nlines, source, ctx);
}

static uint64_t nonnegative(uint64_t signed_count) {
  return (int64_t)signed_count < 0 ? 0 : signed_count;
}

void lprof_line_from_counts(struct lprof_line *l, uint32_t line,
                            const uint64_t *counts, size_t per_array,
                            size_t slot, uint64_t hz) {
  size_t array = 0;
  l->line = line;
#define FROM_COUNTS(name, field, fold)                                         \
  l->field = counts[array++ * per_array + slot];
  LINEPROF_COUNTERS(FROM_COUNTS)
#undef FROM_COUNTS
  /* Times are signed (lineprof_counters.h): a line whose intervals add up
   * below 0 took less than its probes' measured cost, that is, nothing. */
  double ns_per_cycle = hz ? 1e9 / (double)hz : 0;
  l->time_ns = (uint64_t)((double)nonnegative(l->time_ns) * ns_per_cycle);
  l->self_ns = (uint64_t)((double)nonnegative(l->self_ns) * ns_per_cycle);
}

size_t lprof_begin_calls(struct lprof_buf *b, uint32_t ncalls) {
  return begin_counted(b, LPROF_TAG_CALL, ncalls);
}

void lprof_put_call(struct lprof_buf *b, uint32_t line, uint64_t count,
                    const char *callee) {
  LPROF_CALL_FIELDS(PUT_PARAMETER)
}

size_t lprof_begin_leaks(struct lprof_buf *b, uint32_t ngroups) {
  return begin_counted(b, LPROF_TAG_LEAK, ngroups);
}

void lprof_put_leak(struct lprof_buf *b, const char *type, const char *where,
                    const char *file, uint32_t line, uint64_t count,
                    uint64_t bytes) {
  LPROF_LEAK_FIELDS(PUT_PARAMETER)
}

int lprof_buf_finish(struct lprof_buf *b) {
  uint32_t crc = b->failed ? 0 : lprof_crc32(0, b->data, b->len);
  uint32_t records = b->records;
  size_t mark = lprof_begin_record(b, LPROF_TAG_END);
  lprof_put_u32(b, crc);
  lprof_put_u32(b, records);
  lprof_end_record(b, mark);
  return b->failed ? -1 : 0;
}
