/* sieve.c - benchmark: the sieve of Eratosthenes.
 *
 * Shape: two tight loops over a byte array, the inner one a store and an
 * add per iteration, so every line event is a large share of the work.
 * Usage: sieve [REPS]; prints a checksum that must not depend on the build.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineprof.h"

#define LIMIT 2000000L
#define REPS 50

LINEPROF_PROFILE
static long sieve(unsigned char *composite, long n, long *sum) {
  long count = 0;
  memset(composite, 0, (size_t)n + 1);
  for (long i = 2; i <= n; i++) {
    if (composite[i])
      continue;
    count++;
    *sum += i;
    for (long j = i * i; j <= n; j += i)
      composite[j] = 1;
  }
  return count;
}

int main(int argc, char **argv) {
  long reps = argc > 1 ? atol(argv[1]) : REPS;
  unsigned char *composite = malloc(LIMIT + 1);
  unsigned long long checksum = 0;
  for (long r = 0; r < reps; r++) {
    long sum = 0;
    checksum = checksum * 31 + (unsigned long long)sieve(composite, LIMIT - r, &sum);
    checksum ^= (unsigned long long)sum;
  }
  free(composite);
  printf("checksum %llu\n", checksum);
  return 0;
}
