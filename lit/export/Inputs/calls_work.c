// Profiled callees of calls_main.c: two of different costs and a recursion.
#include <lineprof.h>

// Not profiled: the cost of a line, far above a probe's.
__attribute__((noinline)) static long spin(long n) {
  volatile long s = 0;
  for (long i = 0; i < n; i++)
    s += i;
  return s;
}

LINEPROF_PROFILE
long light(long n) {
  return spin(100) + n;
}

LINEPROF_PROFILE
long heavy(long n) {
  return spin(10000) + n;
}

LINEPROF_PROFILE
long rec(int n) {
  if (n == 0)
    return spin(1000);
  return rec(n - 1) + spin(1000);
}
