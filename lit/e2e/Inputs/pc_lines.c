/* pc_lines.c - a call, then a hot loop that calls nothing: the call's
 * frame holds the calling line, and the loop's time must go to the loop's
 * own line, which the sampler finds from the program counter.
 * Usage: pc_lines [ITERATIONS]; prints a checksum. */
#include <stdio.h>
#include <stdlib.h>

#include "lineprof.h"

static volatile int ready;

__attribute__((noinline)) static void prepare(void) { ready = 1; }

LINEPROF_PROFILE double work(long n) {
  double x = 1.0;
  prepare();
  for (long i = 0; i < n; i++)
    x = x * 1.0000001 + 1e-9;
  return x;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 100000000;
  printf("checksum %.3f\n", work(n));
  return 0;
}
