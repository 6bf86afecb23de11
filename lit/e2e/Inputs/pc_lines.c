/* pc_lines.c - a call, a hot loop that calls nothing, and a loop that
 * calls a profiled leaf. The call's frame holds the calling line: the
 * first loop's time must go to its own line, which the sampler finds from
 * the program counter; the leaf takes no frame, and its time goes both to
 * its own line and to its caller's line.
 * Usage: pc_lines [ITERATIONS]; prints a checksum. */
#include <stdio.h>
#include <stdlib.h>

#include "lineprof.h"

static volatile int ready;

__attribute__((noinline)) static void prepare(void) { ready = 1; }

LINEPROF_PROFILE __attribute__((noinline)) static double step(double y) {
  return y * 1.0000001 + 1e-9;
}

LINEPROF_PROFILE double work(long n) {
  double x = 1.0, y = 1.0;
  prepare();
  for (long i = 0; i < n; i++)
    x = x * 1.0000001 + 1e-9;
  for (long i = 0; i < n; i++)
    y = step(y);
  return x + y;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 50000000;
  printf("checksum %.3f\n", work(n));
  return 0;
}
