/* mprof_dat.h - the model of an mprof .dat file (memory over time: CMDLINE,
 * MEM, CHLD and FUNC records, as written by Python's `mprof run` and by
 * `lineprof mprof run`) and its one parser, shared by `lineprof mprof plot`
 * and `lineprof mprof peak`. Also the record formatting used by the writer,
 * so that what we write is exactly what we read. See docs/mprof.md. */
#ifndef MPROF_DAT_H
#define MPROF_DAT_H

#include <stddef.h>
#include <stdio.h>

/* One MEM (or CHLD) sample: resident memory in MiB at a unix time. */
struct mprof_sample {
  double mem; /* MiB, finite, >= 0 */
  double t;   /* seconds since the epoch, finite, >= 0 */
};

/* One FUNC record: a call of a profiled function. */
struct mprof_func {
  char *name;
  double m0, t0; /* memory (MiB) and time on entry */
  double m1, t1; /* memory (MiB) and time on exit */
  int level;     /* nesting depth among profiled calls, 0 = outermost;
                    -1 when the record had no level field (old mprof) */
};

/* The samples of one child process (CHLD records), in file order. */
struct mprof_child {
  char *id; /* the child's id as written (its pid) */
  struct mprof_sample *samples;
  size_t n, cap;
};

struct mprof_dat {
  char *cmdline; /* NULL when there is no CMDLINE record */
  struct mprof_sample *mem; /* MEM records in file order */
  size_t n_mem, cap_mem;
  struct mprof_func *funcs; /* FUNC records in file order */
  size_t n_funcs, cap_funcs;
  struct mprof_child *children; /* in order of first appearance */
  size_t n_children, cap_children;
  size_t last_child; /* parser state: the last child a CHLD line named */
};

/* Longest line accepted; longer lines are an error, not a crash. */
#define MPROF_DAT_MAX_LINE (1024 * 1024)

/* Parse the .dat file at path into *dat (zeroed first). On failure returns
 * -1, leaves *dat empty, and writes "FILE:LINE: problem" or "FILE: problem"
 * into err. A file with no MEM record is an error. */
int mprof_dat_load(const char *path, struct mprof_dat *dat, char *err,
                   size_t errlen);

/* Parse an in-memory buffer the same way; name is used in messages. */
int mprof_dat_parse_buffer(const char *name, const char *buf, size_t len,
                           struct mprof_dat *dat, char *err, size_t errlen);

/* Parse one line (without its newline) into *dat. Returns 0, or -1 with the
 * problem (no location) in err. Exposed for the FUNC side-file merge. */
int mprof_dat_parse_line(struct mprof_dat *dat, const char *line, size_t len,
                         char *err, size_t errlen);

void mprof_dat_free(struct mprof_dat *dat);

/* Summary figures. */
/* Index of the largest MEM sample (the first one on ties); n_mem must be
 * > 0. */
size_t mprof_dat_peak_index(const struct mprof_dat *dat);
/* Largest sample of a child. */
double mprof_child_peak(const struct mprof_child *child);
/* Earliest timestamp among all records (MEM, CHLD, FUNC). */
double mprof_dat_start_time(const struct mprof_dat *dat);
/* Largest MEM sample taken within a call of the named function (as
 * `mprof peak --func`). Returns 0 and sets *peak, or -1 when the function has
 * no FUNC record or no MEM sample falls within its calls. */
int mprof_dat_func_peak(const struct mprof_dat *dat, const char *name,
                        double *peak);

/* The record formats, as mprof writes them. */
void mprof_write_mem(FILE *f, double mib, double t);
void mprof_write_chld(FILE *f, long pid, double mib, double t);
void mprof_write_func(FILE *f, const struct mprof_func *fn);

#endif
