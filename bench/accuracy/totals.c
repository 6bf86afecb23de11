/* totals.c - accuracy benchmark: a profiled function whose loop has three
 * lines of a chosen cost, to compare the Time lineprof reports for the
 * function with the time the same call takes without the profiler.
 *   totals WORK ITERATIONS
 * Each line calls mix() (not profiled) WORK times; the program prints the
 * wall time of the profiled call, in ns, measured around it. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "lineprof.h"

static long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

__attribute__((noinline)) static unsigned mix(unsigned x, int work) {
  for (int i = 0; i < work; i++)
    x = x * 2654435761u + (unsigned)i;
  return x;
}

LINEPROF_PROFILE static unsigned walk(int work, long iterations) {
  unsigned a = 1, b = 2, c = 3;
  for (long i = 0; i < iterations; i++) {
    a = mix(a ^ b, work);
    b = mix(b ^ c, work);
    c = mix(c ^ a, work);
  }
  return a ^ b ^ c;
}

int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  int work = atoi(argv[1]);
  long iterations = atol(argv[2]);
  long t0 = now_ns();
  unsigned checksum = walk(work, iterations);
  long t1 = now_ns();
  printf("%ld %u\n", t1 - t0, checksum);
  return 0;
}
