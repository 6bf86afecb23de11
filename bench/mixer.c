/* mixer.c - benchmark: a hot loop calling a small profiled helper.
 *
 * Shape: a profiled loop whose one line calls a profiled, non-recursive
 * four-line hash mixer (murmur3's finaliser) tens of millions of times: the
 * per-call cost of a profiled function next to a few nanoseconds of work,
 * the case fib shows for recursion.
 * Usage: mixer [N]; prints a checksum.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "lineprof.h"

LINEPROF_PROFILE
static uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  return x;
}

LINEPROF_PROFILE
static uint64_t mix_all(long n) {
  uint64_t h = 1;
  for (long i = 0; i < n; i++)
    h += mix(h ^ (uint64_t)i);
  return h;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 40000000;
  printf("checksum %llu\n", (unsigned long long)mix_all(n));
  return 0;
}
