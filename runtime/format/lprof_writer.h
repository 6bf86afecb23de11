/* lprof_writer.h - builds a .lprof image in memory (see lprof_format.h).
 *
 * The buffer grows with mmap, never malloc, so the runtime can build it
 * while the program's allocator is hooked or in an unknown state. A failed
 * allocation sets `failed`; every later call is then a no-op. */
#ifndef LPROF_WRITER_H
#define LPROF_WRITER_H

#include <stddef.h>
#include <stdint.h>

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
};
void lprof_put_program(struct lprof_buf *b, const struct lprof_program_info *p);

/* A FUNC record: begin writes the fields before the line entries; then
 * nlines calls of lprof_put_line, then lprof_end_record(b, mark). */
size_t lprof_begin_function(struct lprof_buf *b, const char *name,
                            const char *file, const char *path,
                            uint32_t first_line, uint32_t last_line,
                            uint32_t nlines);
void lprof_put_line(struct lprof_buf *b, uint32_t line, uint64_t hits,
                    uint64_t time_ns);

/* A MEMF record, right after its FUNC record: begin, then nlines calls of
 * lprof_put_memory_line (the FUNC's lines in order), then end. */
size_t lprof_begin_memory(struct lprof_buf *b, uint32_t nlines);
void lprof_put_memory_line(struct lprof_buf *b, uint64_t alloc, uint64_t freed,
                           uint64_t usage, uint64_t peak);

/* The LEAK record: begin, then ngroups calls of lprof_put_leak, then end.
 * type and file may be NULL (unknown). */
size_t lprof_begin_leaks(struct lprof_buf *b, uint32_t ngroups);
void lprof_put_leak(struct lprof_buf *b, const char *type, const char *where,
                    const char *file, uint32_t line, uint64_t count,
                    uint64_t bytes);

/* Appends the END! trailer. Returns 0 on success, -1 if any step failed. */
int lprof_buf_finish(struct lprof_buf *b);

#endif
