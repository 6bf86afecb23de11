/* timeit_format.h - how `lineprof timeit` prints a time (timeit_format.c):
 * in Python's units with Python's significant digits, but no digit finer
 * than the measurement's resolution supports, and the bound it prints for
 * a time indistinguishable from the empty loop (docs/timeit.md). */
#ifndef TIMEIT_FORMAT_H
#define TIMEIT_FORMAT_H

#include <stddef.h>

enum { TIMEIT_UNITS = 4 };
extern const char *const timeit_unit_names[TIMEIT_UNITS]; /* nsec ... sec */

/* The unit called name, or -1. */
int timeit_unit(const char *name);

/* "T UNIT" into buf: ns in unit (-1: the largest of nsec, usec, msec and
 * sec that the value reaches, as Python picks it) with `digits`
 * significant digits (%g, as Python prints it). Returns buf. */
const char *timeit_format(char *buf, size_t size, double ns, int unit,
                          int digits);

/* The same, rounded to the first digit of resolution_ns (a time of
 * 63.8 ns known to 4.6 ns prints as "64 nsec", one of 233 ns known to
 * 116 ns as "200 nsec"), with at most `digits` significant digits. */
const char *timeit_format_resolved(char *buf, size_t size, double ns,
                                   double resolution_ns, int unit, int digits);

/* "B UNIT" into buf for such a time: what it is surely below, best_ns +
 * resolution_ns rounded up to one significant digit ("0.004 nsec"). */
const char *timeit_format_bound(char *buf, size_t size, double best_ns,
                                double resolution_ns, int unit);

#endif
