/* native_stack.c - three lines of main, each a third of the run by
 * construction, whose callees the default build's sampler must find on
 * the native stack: a profiled function the compiler inlines (no call
 * left: the DWARF's inlined calls give the calling line), libc's qsort
 * calling back an unprofiled comparator (libc's frames have no frame
 * pointers), and a recursion 40 calls deep that is not a tail call (its
 * line is on the stack 40 times and charged once per sample).
 * Usage: native_stack [ITERATIONS]; prints a checksum. */
#include <stdio.h>
#include <stdlib.h>

#include "lineprof.h"

static volatile long sink;
static long per_compare; /* the comparator's share of the iterations */
static long compares;

static inline void burn(long n) {
  for (long i = 0; i < n; i++)
    sink += i;
}

LINEPROF_PROFILE static void inlined(long n) {
  burn(n);
}

static int compare(const void *a, const void *b) {
  compares++;
  burn(per_compare);
  return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

LINEPROF_PROFILE __attribute__((noinline)) static long deep(int depth, long n) {
  if (depth == 0) {
    burn(n);
    return 0;
  }
  long r = deep(depth - 1, n);
  sink += r;
  return r + depth;
}

static void fill(int *a, int n) {
  for (int i = 0; i < n; i++)
    a[i] = (int)((i * 2654435761u) >> 7);
}

LINEPROF_PROFILE int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 150000000;
  enum { M = 20000 };
  static int a[M];
  fill(a, M);
  qsort(a, M, sizeof *a, compare); /* counts the comparisons of a sort */
  per_compare = n / compares, compares = 0;
  fill(a, M);
  inlined(n);
  qsort(a, M, sizeof *a, compare);
  long r = deep(40, n);
  printf("checksum %ld %d\n", r, a[M / 2]);
  return 0;
}
