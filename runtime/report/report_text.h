/* report_text.h - renders a profile as line_profiler's text report
 * (`lineprof show`). */
#ifndef REPORT_TEXT_H
#define REPORT_TEXT_H

#include <stdio.h>

#include "lprof_reader.h"

struct report_options {
  double unit;      /* output unit in seconds (default 1e-9) */
  int skip_zero;    /* omit functions with no hits (line_profiler -z) */
  int sort_by_time; /* ascending total time (line_profiler --sort) */
  int summary;      /* one line per function after the tables (-m) */
  int color;        /* colour hot % Time and dim unexecuted lines
                       (cli_color.h decides; 0 in the runtime) */
  int self;         /* a Self column after Time, and the functions' self
                       time under their total */
  int samples;      /* a Samples column before % Time */
};

/* A line whose time rests on fewer samples than this (but some) has its
 * % Time marked `~` in a sampled profile (unless Samples are shown). */
#define REPORT_FEW_SAMPLES 20

/* Writes the report to out. Returns 0, or -1 if memory ran out (nothing
 * written) or out has its error flag set afterwards. */
int report_text(FILE *out, const struct lprof_profile *p,
                const struct report_options *o);

/* line_profiler's note for a function whose source file is not found. */
void report_missing_source_note(FILE *out, const char *file);

#endif
