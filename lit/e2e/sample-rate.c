// LINEPROF_TIMER=sample with perf events samples at the period asked for,
// not at the kernel's tick: a function whose two lines busy-wait 3 and 1 ms
// of the thread's CPU time, called 40 times, gets 75/25 % (+- 10 points)
// at the default period (1 ms). The CPU-time timer (LINEPROF_SAMPLE_SOURCE=
// timer) checks at the tick, every 4 ms on a 250 Hz kernel: one sample per
// call, wherever the tick falls, so it cannot. With LINEPROF_SAMPLE_SOURCE
// =perf the runtime would say if perf events were refused.
// REQUIRES: perf-events
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O2 %s %ldflags -o rate
// RUN: env LINEPROF_TIMER=sample LINEPROF_SAMPLE_SOURCE=perf ./rate 2> err.txt
// RUN: FileCheck --implicit-check-not=lineprof: %s < err.txt
// CHECK: Wrote profile results to rate.lprof
// RUN: %lineprof show rate.lprof | python3 %S/Inputs/time_shares.py --tolerance 10 "spin(3)=75" "spin(1)=25"
// The default source is the same; a loaded machine gets a second try.
// RUN: sh -c 'for try in 1 2; do env LINEPROF_TIMER=sample ./rate 2> /dev/null && %lineprof show rate.lprof | python3 %S/Inputs/time_shares.py --tolerance 10 "spin(3)=75" "spin(1)=25" && exit 0; done; exit 1'
#include <time.h>

#include "lineprof.h"

static double cpu_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void spin(double ms) {
  double end = cpu_ms() + ms;
  while (cpu_ms() < end)
    ;
}

LINEPROF_PROFILE static void work(void) {
  spin(3);
  spin(1);
}

int main(void) {
  for (int i = 0; i < 40; i++)
    work();
  return 0;
}
