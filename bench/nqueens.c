/* nqueens.c - benchmark: counting the solutions of the N-queens problem.
 *
 * Shape: backtracking recursion: a loop over columns with three array
 * tests per candidate, and a recursive call per placed queen (a few
 * million calls of a small function with a loop).
 * Usage: nqueens [N [REPS]]; prints a checksum (REPS times the number of
 * solutions).
 */
#include <stdio.h>
#include <stdlib.h>

#include "lineprof.h"

#define MAX_N 16

static int n;
static char col_used[MAX_N], diag_used[2 * MAX_N], anti_used[2 * MAX_N];

LINEPROF_PROFILE
static long solve(int row) {
  if (row == n)
    return 1;
  long count = 0;
  for (int c = 0; c < n; c++) {
    if (col_used[c] || diag_used[row + c] || anti_used[row - c + n])
      continue;
    col_used[c] = diag_used[row + c] = anti_used[row - c + n] = 1;
    count += solve(row + 1);
    col_used[c] = diag_used[row + c] = anti_used[row - c + n] = 0;
  }
  return count;
}

int main(int argc, char **argv) {
  n = argc > 1 ? atoi(argv[1]) : 12;
  long reps = argc > 2 ? atol(argv[2]) : 10, checksum = 0;
  if (n < 1 || n > MAX_N)
    return 2;
  for (long r = 0; r < reps; r++)
    checksum += solve(0);
  printf("checksum %ld\n", checksum);
  return 0;
}
