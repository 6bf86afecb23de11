/* Auto mode's hand-over: calls that start in the exact phase and run on
 * past the switch, one left by a longjmp. handover MS: escape() starts at
 * once, spins past the switch (handed over to the sampler there) and
 * longjmps out of two profiled calls; then outer() runs MS ms of CPU time
 * in calls of spin_for(). (*) Not inlined into main: a longjmp back to the
 * frame that a timed call was inlined into leaves it in the runtime's
 * stack of timed calls (docs/semantics.md). */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "lineprof.h"

static jmp_buf env;
static volatile unsigned long work;

static double cpu_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

LINEPROF_PROFILE static void spin_for(double ms) {
  double end = cpu_ms() + ms;
  while (cpu_ms() < end)
    work++;
}

LINEPROF_PROFILE static void jump_out(void) {
  spin_for(40);
  longjmp(env, 1);
}

LINEPROF_PROFILE __attribute__((noinline)) static void escape(void) { // (*)
  jump_out();
  puts("not reached");
}

LINEPROF_PROFILE static void outer(double ms) {
  for (int i = 0; i < 10; i++)
    spin_for(ms / 10);
}

int main(int argc, char **argv) {
  double ms = argc > 1 ? atof(argv[1]) : 100;
  if (!setjmp(env))
    escape();
  outer(ms);
  printf("spun %s\n", work ? "yes" : "no");
  return 0;
}
