// A profiled function inlined into another (always_inline here; any small
// one the optimiser inlines): with exact probes both are timed calls in one
// machine frame. The runtime's stack of timed calls took the enclosing
// call for one a longjmp had left (its state lies below the frame's end,
// as the callee's does) and dropped it, so the calling line's self time
// was the callee's 40 ms again, and the function's self time twice its
// time. The runtime now tells a call of the same frame by its return
// address (rt_timed.c): the calling line's self time is nearly nothing.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O2 %s %ldflags -o inlined
// RUN: env LINEPROF_TIMER=exact ./inlined
// RUN: %lineprof export --format=json inlined.lprof | python3 %S/Inputs/self_share.py outer 32 | FileCheck %s
// CHECK: outer:32 self 0% of {{[1-9][0-9]+}} ms
#include <time.h>

static double cpu_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static volatile unsigned long work;

__attribute__((annotate("profile"), always_inline)) static inline void
spin(double ms) {
  double end = cpu_ms() + ms;
  while (cpu_ms() < end)
    work++;
}

__attribute__((annotate("profile"))) static void outer(void) {
  spin(40);
  work += 1;
}

int main(void) {
  outer();
  return 0;
}
