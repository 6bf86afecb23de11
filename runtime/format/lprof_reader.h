/* lprof_reader.h - parses and validates .lprof files (format in
 * lprof_format.h and docs/lprof-format.md) into a profile in memory,
 * merging the records of the same function. Uses malloc: it runs in the
 * lineprof command, and in the runtime only at exit. */
#ifndef LPROF_READER_H
#define LPROF_READER_H

#include <stddef.h>
#include <stdint.h>

#include "lprof_format.h"

struct lprof_function {
  char *name, *file, *path;
  uint32_t first_line, last_line;
  size_t nlines;            /* entries in lines, by strictly increasing line */
  struct lprof_line *lines; /* every line in [first_line, last_line] */
  size_t ncalls;            /* CALL entries, by (line, callee), one each */
  struct lprof_call *calls; /* each line in [first_line, last_line] */
};

/* One group of the leak report (LEAK record): blocks of one type ("" if
 * unknown) allocated at one place (where: file:line or function+0xoff;
 * file "" and line 0 when no site was known). */
struct lprof_leak {
  char *type, *where, *file;
  uint32_t line;
  uint64_t count, bytes;
};

struct lprof_profile {
  char *program, *hostname;
  uint64_t pid, start_unix_ns, duration_ns;
  uint32_t timer_mode, flags;
  uint64_t cycles_per_second, calibration_ns, probe_cost_ps;
  uint32_t sample_us, auto_ms; /* 0 in files older than these fields */
  uint64_t samples;            /* samples taken; 0 in older files */
  uint32_t sample_source;      /* enum lprof_sample_source */
  uint64_t sample_mean_ns;     /* CPU time between two samples, on average */
  size_t nfunctions;
  struct lprof_function *functions; /* sorted by (path, first_line, name),
                                       one per function */
  size_t nnot_found;
  char **not_found; /* -fplugin-arg-lineprof-functions names (globs) that
                       match no function of the profile */
  int has_leaks;            /* a LEAK record was read (LINEPROF_LEAKS=1) */
  size_t nleaks;
  struct lprof_leak *leaks; /* in the record's order: bytes, largest first */
};

/* The merge key and order of a profile's functions: (path, first_line,
 * name). */
int lprof_function_cmp(const struct lprof_function *a,
                       const struct lprof_function *b);

/* Parse the .lprof image buf[0..len). Returns 0 on success; otherwise -1
 * with the problem (without the file name) in err, and *out empty. */
int lprof_parse(const void *buf, size_t len, struct lprof_profile *out,
                char *err, size_t errlen);
/* Read and parse a file: like lprof_parse, errors include strerror text. */
int lprof_read_file(const char *path, struct lprof_profile *out, char *err,
                    size_t errlen);
/* Move src's functions into dst, summing functions with the same (path,
 * first_line, name) (their lines, and their calls by line and callee), and its leak groups after dst's; dst keeps its PROG
 * fields. src is freed either way.
 * Returns 0, or -1 with err set (out of memory; dst then stays valid). */
int lprof_profile_merge(struct lprof_profile *dst, struct lprof_profile *src,
                        char *err, size_t errlen);
void lprof_profile_free(struct lprof_profile *p);
/* Drops every function not named name; returns how many are left. */
size_t lprof_profile_keep_function(struct lprof_profile *p, const char *name);
/* The profile's enum lprof_memory_mode (from PROG.flags). */
unsigned lprof_memory_mode(const struct lprof_profile *p);
/* What its memory figures are, in words ("heap bytes, counted exactly"). */
const char *lprof_memory_words(const struct lprof_profile *p);
/* The profile's enum lprof_timing (from PROG.flags). */
unsigned lprof_timing(const struct lprof_profile *p);

#endif
