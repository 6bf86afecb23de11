/* timeit_format.c - how `lineprof timeit` prints a time: the unit and
 * significant digits of Python's timeit, limited to the digits the
 * measurement's resolution supports, and the one-digit bound of a time
 * indistinguishable from the empty loop. */
#include "timeit_format.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const timeit_unit_names[TIMEIT_UNITS] = {"nsec", "usec", "msec",
                                                     "sec"};
static const double unit_ns[TIMEIT_UNITS] = {1.0, 1e3, 1e6, 1e9};

int timeit_unit(const char *name) {
  for (int k = 0; k < TIMEIT_UNITS; k++)
    if (!strcmp(name, timeit_unit_names[k]))
      return k;
  return -1;
}

/* unit, or the largest unit ns reaches (nsec at least). */
static int pick_unit(double ns, int unit) {
  if (unit >= 0)
    return unit;
  int k = TIMEIT_UNITS - 1;
  while (k > 0 && ns < unit_ns[k])
    k--;
  return k;
}

const char *timeit_format(char *buf, size_t size, double ns, int unit,
                          int digits) {
  int k = pick_unit(ns, unit);
  snprintf(buf, size, "%.*g %s", digits, ns / unit_ns[k],
           timeit_unit_names[k]);
  return buf;
}

const char *timeit_format_resolved(char *buf, size_t size, double ns,
                                   double resolution_ns, int unit,
                                   int digits) {
  int k = pick_unit(ns, unit);
  double v = ns / unit_ns[k], r = resolution_ns / unit_ns[k];
  int places = r > 0 ? (int)-floor(log10(r)) : digits;
  int most = v > 0 ? digits - 1 - (int)floor(log10(v)) : digits;
  places = places < most ? places : most;
  if (places < 0) { /* tens, hundreds, ...: round the integer part */
    double step = pow(10, -places);
    v = round(v / step) * step;
  }
  snprintf(buf, size, "%.*f %s", places > 0 ? places : 0, v,
           timeit_unit_names[k]);
  return buf;
}

const char *timeit_format_bound(char *buf, size_t size, double best_ns,
                                double resolution_ns, int unit) {
  double x = best_ns + resolution_ns;
  int k = pick_unit(x, unit);
  double v = x / unit_ns[k];
  double step = pow(10, floor(log10(v)));
  double bound = ceil(v / step - 1e-9) * step; /* 0.00096 -> 0.001 */
  int places = (int)-floor(log10(bound) + 1e-9);
  snprintf(buf, size, "%.*f %s", places > 0 ? places : 0, bound,
           timeit_unit_names[k]);
  return buf;
}
