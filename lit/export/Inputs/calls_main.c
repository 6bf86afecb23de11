// Calls calls_work.c's profiled functions: 1000 times each, and a
// recursion; with an argument, the process then kills itself.
#include <lineprof.h>
#include <signal.h>

long light(long n);
long heavy(long n);
long rec(int n);

LINEPROF_PROFILE
int main(int argc, char **argv) {
  long s = 0;
  for (int i = 0; i < 1000; i++)
    s += light(i) + heavy(i);
  s += rec(99);
  if (argc > 1)
    raise(SIGKILL);
  return s == 42;
}
