/* lprof_writer.h - builds a .lprof image in memory (see lprof_format.h).
 *
 * The buffer grows with mmap, never malloc, so the runtime can build it
 * while the program's allocator is hooked or in an unknown state. A failed
 * allocation sets `failed`; every later call is then a no-op. */
#ifndef LPROF_WRITER_H
#define LPROF_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "lprof_format.h"

struct lprof_buf {
  unsigned char *data;
  size_t len, cap;
  uint32_t records; /* records completed so far */
  int failed;
};

void lprof_buf_init(struct lprof_buf *b); /* writes the file header */
void lprof_buf_free(struct lprof_buf *b);
void lprof_put_u32(struct lprof_buf *b, uint32_t v);
void lprof_put_u64(struct lprof_buf *b, uint64_t v);
void lprof_put_str(struct lprof_buf *b, const char *s);
void lprof_put_bytes(struct lprof_buf *b, const void *src, size_t n);
/* Records: begin returns a mark that end needs to patch the length in. */
size_t lprof_begin_record(struct lprof_buf *b, uint32_t tag);
void lprof_end_record(struct lprof_buf *b, size_t mark);
/* The PROG record (docs/lprof-format.md). */
struct lprof_program_info {
  const char *program, *hostname;
  uint64_t pid, start_unix_ns, duration_ns;
  uint32_t timer_mode, flags;
  uint64_t cycles_per_second, calibration_ns, probe_cost_ps;
  uint32_t sample_us, auto_ms; /* sampling period, auto's exact phase */
  uint64_t samples;             /* samples taken */
  uint32_t sample_source;       /* enum lprof_sample_source */
  uint64_t sample_mean_ns;      /* CPU time between two samples, on average */
};
void lprof_put_program(struct lprof_buf *b, const struct lprof_program_info *p);

/* A FUNC record: begin writes the fields before the line entries; then
 * lprof_put_function_lines writes nlines entries, ends it, and adds the
 * TIMF record when `timed` and the MEMF record when `memory`. */
size_t lprof_begin_function(struct lprof_buf *b, const char *name,
                            const char *file, const char *path,
                            uint32_t first_line, uint32_t last_line,
                            uint32_t nlines);
/* Fills *l with line i of a function. */
typedef void lprof_line_source(const void *ctx, uint32_t i,
                               struct lprof_line *l);
void lprof_put_function_lines(struct lprof_buf *b, size_t func_mark,
                              uint32_t nlines, lprof_line_source *source,
                              const void *ctx, int timed, int memory);
/* A TIMF or MEMF record (tag) of nlines entries, on its own. */
void lprof_put_companion(struct lprof_buf *b, uint32_t tag, uint32_t nlines,
                         lprof_line_source *source, const void *ctx);
/* Line `line` from the counts of slot `slot` in counter arrays laid out as
 * a thread's block is (LINEPROF_BLOCK_ARRAYS arrays of per_array counts,
 * rt_abi.h), cycles converted to nanoseconds at hz. */
void lprof_line_from_counts(struct lprof_line *l, uint32_t line,
                            const uint64_t *counts, size_t per_array,
                            size_t slot, uint64_t hz);

/* A CALL record, right after its function's FUNC (TIMF, MEMF) records:
 * begin, then ncalls calls of lprof_put_call, then lprof_end_record. */
size_t lprof_begin_calls(struct lprof_buf *b, uint32_t ncalls);
void lprof_put_call(struct lprof_buf *b, uint32_t line, uint64_t count,
                    const char *callee);

/* The LEAK record: begin, then ngroups calls of lprof_put_leak, then end.
 * type and file may be NULL (unknown). */
size_t lprof_begin_leaks(struct lprof_buf *b, uint32_t ngroups);
void lprof_put_leak(struct lprof_buf *b, const char *type, const char *where,
                    const char *file, uint32_t line, uint64_t count,
                    uint64_t bytes);

/* Appends the END! trailer. Returns 0 on success, -1 if any step failed. */
int lprof_buf_finish(struct lprof_buf *b);

#endif
