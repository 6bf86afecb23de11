/* test_timeit_format.c - unit test of how `lineprof timeit` prints times
 * (runtime/timeit/timeit_format.c): Python's units and digits, no digit
 * below the resolution's first, and the one-digit bound of a time
 * indistinguishable from the empty loop. */
#include <stdio.h>
#include <string.h>

#include "timeit_format.h"
#include "unit.h"

/* A time, its resolution, the digits asked for, and what is printed. */
struct resolved {
  double ns, resolution_ns;
  int digits;
  const char *want;
};

static const struct resolved resolved[] = {
    /* Three digits when the resolution allows them, as Python. */
    {3.8123, 0.02, 3, "3.81 nsec"},
    {481.3, 0.5, 3, "481 nsec"},
    {2345, 30, 3, "2.35 usec"},
    /* Fewer when it does not: down to its first digit. */
    {63.8, 4.6, 3, "64 nsec"},
    {233, 116, 3, "200 nsec"},
    {0.5, 0.0149, 3, "0.50 nsec"},
    {2345, 300, 3, "2.3 usec"},
    /* -vv's fourth digit only when it is known. */
    {3.8123, 0.001, 4, "3.812 nsec"},
    {3.8123, 0.01, 4, "3.81 nsec"},
};

/* A time at most this far from the empty loop, and its bound. */
static const struct resolved bounds[] = {
    {0, 0.0031, 0, "0.004 nsec"}, {0, 0.00096, 0, "0.001 nsec"},
    {0.1, 0.2, 0, "0.3 nsec"},    {4, 5.5, 0, "10 nsec"},
    {0, 0.004, 0, "0.004 nsec"},  {0, 1500, 0, "2 usec"},
};

static void check_prints(const char *got, const char *want) {
  CHECK(!strcmp(got, want));
  if (strcmp(got, want))
    printf("  printed '%s', not '%s'\n", got, want);
}

static void test_python(void) {
  char b[64];
  check_prints(timeit_format(b, sizeof b, 3.8123, -1, 3), "3.81 nsec");
  check_prints(timeit_format(b, sizeof b, 1234, -1, 3), "1.23 usec");
  check_prints(timeit_format(b, sizeof b, 2.5e9, -1, 3), "2.5 sec");
  check_prints(timeit_format(b, sizeof b, 1234, timeit_unit("nsec"), 4),
               "1234 nsec");
  CHECK(timeit_unit("msec") == 2 && timeit_unit("min") == -1);
}

int main(void) {
  char b[64];
  test_python();
  for (size_t i = 0; i < sizeof resolved / sizeof *resolved; i++) {
    const struct resolved *r = &resolved[i];
    check_prints(timeit_format_resolved(b, sizeof b, r->ns, r->resolution_ns,
                                        -1, r->digits),
                 r->want);
  }
  for (size_t i = 0; i < sizeof bounds / sizeof *bounds; i++) {
    const struct resolved *r = &bounds[i];
    check_prints(timeit_format_bound(b, sizeof b, r->ns, r->resolution_ns, -1),
                 r->want);
  }
  return unit_finish();
}
