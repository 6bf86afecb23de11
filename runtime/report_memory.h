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

/* Bytes in a MiB, the unit of every memory figure shown. */
#define MEMORY_MIB 1048576.0

/* A line's Increment: bytes allocated minus bytes freed while on it. */
double memory_increment(const struct lprof_line *l);

/* Writes the report of every function to out. Returns 0, or -1 if out has
 * its error flag set afterwards. */
int report_memory(FILE *out, const struct lprof_profile *p,
                  const struct memory_options *o);

#endif
