/* test_timeit_format.c - unit test of how `lineprof timeit` prints times
 * (runtime/timeit/timeit_format.c): Python's units and digits, no digit
 * below the resolution's first, and the one-digit bound of a time
 * indistinguishable from the empty loop. */
#include <string.h>

#include "timeit_format.h"
#include "unit.h"

static int prints(const char *got, const char *want) {
  return !strcmp(got, want);
}

static void test_python(void) {
  char b[64];
  CHECK(prints(timeit_format(b, sizeof b, 3.8123, -1, 3), "3.81 nsec"));
  CHECK(prints(timeit_format(b, sizeof b, 1234, -1, 3), "1.23 usec"));
  CHECK(prints(timeit_format(b, sizeof b, 2.5e9, -1, 3), "2.5 sec"));
  CHECK(prints(timeit_format(b, sizeof b, 1234, timeit_unit("nsec"), 4),
               "1234 nsec"));
  CHECK(timeit_unit("msec") == 2 && timeit_unit("min") == -1);
}

static void test_resolved(void) {
  char b[64];
  /* Three digits when the resolution allows them, as Python. */
  CHECK(prints(timeit_format_resolved(b, sizeof b, 3.8123, 0.02, -1, 3),
               "3.81 nsec"));
  CHECK(prints(timeit_format_resolved(b, sizeof b, 481.3, 0.5, -1, 3),
               "481 nsec"));
  /* Fewer when it does not: down to its first digit. */
  CHECK(prints(timeit_format_resolved(b, sizeof b, 63.8, 4.6, -1, 3),
               "64 nsec"));
  CHECK(prints(timeit_format_resolved(b, sizeof b, 233, 116, -1, 3),
               "200 nsec"));
  CHECK(prints(timeit_format_resolved(b, sizeof b, 0.5, 0.0149, -1, 3),
               "0.50 nsec"));
  CHECK(prints(timeit_format_resolved(b, sizeof b, 2345, 30, -1, 3),
               "2.35 usec"));
  CHECK(prints(timeit_format_resolved(b, sizeof b, 2345, 300, -1, 3),
               "2.3 usec"));
  /* -vv's fourth digit only when it is known. */
  CHECK(prints(timeit_format_resolved(b, sizeof b, 3.8123, 0.001, -1, 4),
               "3.812 nsec"));
  CHECK(prints(timeit_format_resolved(b, sizeof b, 3.8123, 0.01, -1, 4),
               "3.81 nsec"));
}

static void test_bound(void) {
  char b[64];
  CHECK(prints(timeit_format_bound(b, sizeof b, 0, 0.0031, -1), "0.004 nsec"));
  CHECK(prints(timeit_format_bound(b, sizeof b, 0, 0.00096, -1),
               "0.001 nsec"));
  CHECK(prints(timeit_format_bound(b, sizeof b, 0.1, 0.2, -1), "0.3 nsec"));
  CHECK(prints(timeit_format_bound(b, sizeof b, 4, 5.5, -1), "10 nsec"));
  CHECK(prints(timeit_format_bound(b, sizeof b, 0, 0.004, -1), "0.004 nsec"));
  CHECK(prints(timeit_format_bound(b, sizeof b, 0, 1500, -1), "2 usec"));
}

int main(void) {
  test_python();
  test_resolved();
  test_bound();
  return unit_finish();
}
