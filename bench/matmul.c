/* matmul.c - benchmark: 200x200 double matrix multiply.
 *
 * Shape: a triple loop with a dot product innermost (one multiply-add and
 * a strided load per iteration): the classic numeric hot loop.
 * Usage: matmul [REPS]; prints a checksum (integers in the matrices keep the
 * sums exact, so every compiler gets the same result).
 */
#include <stdio.h>
#include <stdlib.h>

#include "lineprof.h"

#define N 200
#define REPS 60

static double a[N][N], b[N][N], c[N][N];

LINEPROF_PROFILE
static void multiply(double (*x)[N], double (*y)[N], double (*z)[N]) {
  for (int i = 0; i < N; i++) {
    for (int j = 0; j < N; j++) {
      double sum = 0;
      for (int k = 0; k < N; k++)
        sum += x[i][k] * y[k][j];
      z[i][j] = sum;
    }
  }
}

int main(int argc, char **argv) {
  long reps = argc > 1 ? atol(argv[1]) : REPS;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      a[i][j] = (i * 7 + j * 3) % 17 - 8;
      b[i][j] = (i * 5 + j * 11) % 13 - 6;
    }
  unsigned long long checksum = 0;
  for (long r = 0; r < reps; r++) {
    a[r % N][(r * 3) % N] += 1; /* each repetition multiplies new data */
    multiply(a, b, c);
    long long trace = 0;
    for (int i = 0; i < N; i++)
      trace += (long long)c[i][i] + (long long)c[i][N - 1 - i];
    checksum = checksum * 31 + (unsigned long long)trace;
  }
  printf("checksum %llu\n", checksum);
  return 0;
}
