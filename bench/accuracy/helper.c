/* helper.c - accuracy benchmark: a profiled helper called in a loop from a
 * profiled caller, next to a leaf call, so that the caller's line can be
 * compared with the helper's total.
 *   helper [ITERATIONS]; prints a checksum. */
#include <stdio.h>
#include <stdlib.h>

#include "leaves.h"

LEAF_OF(leaf20, 20)
LEAF_OF(leaf100, 100)
LEAF_OF(leaf250, 250)

/* The helper: three lines of different cost. */
PROFILED static unsigned helper(unsigned x) {
  unsigned a = leaf20(x);
  unsigned b = leaf100(a ^ x);
  unsigned c = leaf20(b + 7);
  return a + b + c;
}

PROFILED static unsigned long caller(long n) {
  unsigned long acc = 3;
  for (long i = 0; i < n; i++) {
    acc += helper((unsigned)(acc ^ i));
    acc ^= leaf250((unsigned)acc);
    acc = acc * 5 + (unsigned long)i;
  }
  return acc;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 400000;
  printf("%lu\n", caller(n));
  return 0;
}
