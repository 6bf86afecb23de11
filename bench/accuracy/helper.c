/* helper.c - accuracy benchmark: a profiled helper called in a loop from a
 * profiled caller, next to a leaf call, so that the caller's line can be
 * compared with the helper's total.
 *   helper [ITERATIONS]; prints a checksum. */
#include <stdio.h>
#include <stdlib.h>

#define PROFILED __attribute__((annotate("profile"), noinline))
#define LEAF __attribute__((noinline))

#define STEPS(x, n)                      \
  for (int s = 0; s < (n); s++) {        \
    x = x * 2654435761u + (unsigned)s;   \
    x ^= x >> 13;                        \
  }

LEAF static unsigned leaf20(unsigned x) { STEPS(x, 20) return x; }
LEAF static unsigned leaf100(unsigned x) { STEPS(x, 100) return x; }
LEAF static unsigned leaf250(unsigned x) { STEPS(x, 250) return x; }

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
