/* fib.c - benchmark: naive recursive Fibonacci.
 *
 * Shape: the extreme of call-heavy code: a three-line function called tens
 * of millions of times, almost no work per call, so the cost of entering
 * and leaving a profiled function is all there is to see.
 * Usage: fib [N]; prints a checksum (fib(N)).
 */
#include <stdio.h>
#include <stdlib.h>

#include "lineprof.h"

LINEPROF_PROFILE
static long fib(int k) {
  if (k < 2)
    return k;
  return fib(k - 1) + fib(k - 2);
}

int main(int argc, char **argv) {
  int k = argc > 1 ? atoi(argv[1]) : 40;
  printf("checksum %ld\n", fib(k));
  return 0;
}
