#include <stdio.h>

static int is_prime(int n) {
  if (n < 2)
    return 0;
  for (int d = 2; d * d <= n; d++)
    if (n % d == 0)
      return 0;
  return 1;
}

int count_primes(int limit) {
  int count = 0;
  for (int n = 0; n < limit; n++)
    count += is_prime(n);
  return count;
}

static void unused(void) {
  puts("never");
}
