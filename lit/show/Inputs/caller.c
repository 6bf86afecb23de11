/* caller.c - a profiled function whose one line calls a profiled callee
 * that busy-waits 5 ms of wall time, four times (lit/show/self.test). The
 * callee calls nothing profiled (now_ms is not), so its lines' Self is
 * their Time; the caller line's Time is the callee's, its Self almost
 * nothing. */
#include <time.h>

#include "lineprof.h"

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

LINEPROF_PROFILE __attribute__((noinline)) static void spin_5ms(void) {
  double end = now_ms() + 5;
  while (now_ms() < end)
    ;
}

LINEPROF_PROFILE __attribute__((noinline)) static int caller(int n) {
  int calls = 0;
  for (int i = 0; i < n; i++) {
    spin_5ms();
    calls++;
  }
  return calls;
}

int main(void) { return caller(4) == 4 ? 0 : 1; }
