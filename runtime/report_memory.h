/* report_memory.h - renders a profile's per-line memory as memory_profiler's
 * report (`lineprof show --memory`). */
#ifndef REPORT_MEMORY_H
#define REPORT_MEMORY_H

#include <stdio.h>

#include "lprof_reader.h"

struct memory_options {
  int precision; /* digits after the point (memory_profiler --precision) */
  int detail;    /* also Allocated, Freed and Peak columns */
  int skip_zero; /* omit functions with no hits */
};

/* Writes the report of every function to out. Returns 0, or -1 if out has
 * its error flag set afterwards. */
int report_memory(FILE *out, const struct lprof_profile *p,
                  const struct memory_options *o);

#endif
