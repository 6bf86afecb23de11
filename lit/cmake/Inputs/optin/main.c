#include <stdio.h>
#ifdef __has_include
#if __has_include(<lineprof.h>)
#include <lineprof.h>
#endif
#endif
#ifndef LINEPROF_PROFILE
#define LINEPROF_PROFILE
#endif

int collatz(int n) {
  int steps = 0;
  while (n != 1) {
    if (n % 2)
      n = 3 * n + 1;
    else
      n /= 2;
    steps++;
  }
  return steps;
}

LINEPROF_PROFILE
int sum_steps(int limit) {
  int total = 0;
  for (int n = 1; n <= limit; n++)
    total += collatz(n);
  return total;
}

int main(void) {
  printf("%d\n", sum_steps(6));
  return 0;
}
