/* chain.c - a line whose callee ends in a dependency chain still running
 * when it returns (lit/e2e/exact-in-order.test). Prints, first, what one
 * call of the chain costs in ns, measured here without the profiler (the
 * least of 7 batches); then profile() calls it on one line, and a cheap
 * function on the next. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* 40 dependent multiply-adds, as a hash mixer does. */
__attribute__((noinline)) unsigned mix40(unsigned x) {
  for (int i = 0; i < 40; i++)
    x = x * 2654435761u + (x >> 13);
  return x;
}

__attribute__((noinline)) unsigned mix1(unsigned x) { return x + 1; }

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double plain_ns_per_call(int n) {
  double best = 1e30;
  unsigned x = 1;
  for (int batch = 0; batch < 7; batch++) {
    double t0 = now_ns();
    for (int i = 0; i < n; i++)
      x = mix40(x);
    double t = (now_ns() - t0) / n;
    best = t < best ? t : best;
  }
  return best + (x == 42 ? 1 : 0);
}

volatile unsigned sink;

__attribute__((annotate("profile"))) void profile(int n) {
  unsigned x = 1;
  for (int i = 0; i < n; i++) {
    x = mix40(x);
    x = mix1(x);
  }
  sink = x;
}

int main(void) {
  printf("%.1f\n", plain_ns_per_call(100000));
  profile(200000);
  return 0;
}
