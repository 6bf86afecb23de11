/* report_memory.h - renders a profile's per-line memory as memory_profiler's
 * report (`lineprof show --memory`); also how every other output computes
 * and prints a line's Increment and whether memory was seen on it
 * (memory_increment, memory_seen, memory_mib). */
#ifndef REPORT_MEMORY_H
#define REPORT_MEMORY_H

#include <stdio.h>

#include "lprof_reader.h"

struct memory_options {
  int precision; /* digits after the point (memory_profiler --precision) */
  int detail;    /* also Allocated, Freed and Peak columns */
  int skip_zero; /* omit functions with no hits */
};

/* A line's Increment: bytes allocated minus bytes freed while on it. */
double memory_increment(const struct lprof_line *l);
/* Whether any memory in use was seen on the line (else its Mem usage and
 * Peak are blank: a line that neither allocates nor frees, where memory is
 * charged at each allocation). */
int memory_seen(const struct lprof_line *l);
/* bytes in MiB with `precision` digits after the point, the number padded
 * to `width`: "152.588 MiB". */
void memory_mib(char *buf, size_t size, double bytes, int width,
                int precision);

/* Writes the report of every function to out. Returns 0, or -1 if out has
 * its error flag set afterwards. */
int report_memory(FILE *out, const struct lprof_profile *p,
                  const struct memory_options *o);

#endif
