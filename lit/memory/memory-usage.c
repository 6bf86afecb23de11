// lineprof_memory_usage, memory_profiler's memory_usage: the function form
// sees a function allocate and touch 50 MiB in steps (the largest sample at
// least 45 MiB above the first, the sample after the call last); the
// current-process form takes round(timeout / interval) samples, one every
// interval; another process (a child that sleeps) is sampled until it
// exits; bad arguments are refused with errno. Under LINEPROF_MEMORY=heap
// the call's line is charged exactly what the function left allocated
// (nothing): the sampling thread costs the program's heap nothing.
// Not under TSan: its shadow memory makes the rise three times as large.
// UNSUPPORTED: tsan
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O1 %s %ldflags -o usage
// (Under ASan, freed blocks wait in its quarantine, resident: without it
// the RSS falls after the function's frees as with glibc.)
// RUN: env ASAN_OPTIONS="$ASAN_OPTIONS:quarantine_size_mb=0" LINEPROF_MEMORY=heap ./usage > out.txt 2> err.txt
// RUN: FileCheck --input-file=out.txt %s
// RUN: %lineprof show --memory --precision 6 usage.lprof | FileCheck --check-prefix=HEAP %s
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lineprof.h"

#define STEP (5 << 20)
#define STEPS 10

static void pause_ms(long ms) {
  struct timespec ts = {ms / 1000, ms % 1000 * 1000000};
  while (nanosleep(&ts, &ts))
    ;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

// 50 MiB in ten touched steps of 5 MiB, 40 ms apart, all freed at the end.
LINEPROF_PROFILE
static void grow(void *arg) {
  char *blocks[STEPS];
  for (int i = 0; i < STEPS; i++) {
    blocks[i] = malloc(STEP);
    memset(blocks[i], i + 1, STEP);
    pause_ms(40);
  }
  for (int i = 0; i < STEPS; i++)
    free(blocks[i]);
  *(int *)arg = 1;
}

static double largest(const double *v, int n) {
  double m = v[0];
  for (int i = 1; i < n; i++)
    m = v[i] > m ? v[i] : m;
  return m;
}

static const char *error_name(int e) {
  return e == EINVAL ? "EINVAL" : e == ESRCH ? "ESRCH"
       : e == ERANGE ? "ERANGE" : strerror(e);
}

static void expect_error(const char *what, struct lineprof_memory_usage how,
                         double *v, int capacity) {
  errno = 0;
  int n = lineprof_memory_usage(&how, v, capacity);
  printf("%s: %d %s\n", what, n, n < 0 ? error_name(errno) : "-");
}

static double samples[512];

LINEPROF_PROFILE
static void function_form(void) {
  int ran = 0;
  struct lineprof_memory_usage how = {.func = grow, .arg = &ran,
                                      .interval = 0.01};
  int n = lineprof_memory_usage(&how, samples, 512);
  printf("function: ran %d, %s samples, rise %.0f MiB, after %s\n", ran,
         n >= 12 ? "enough" : "too few", largest(samples, n) - samples[0],
         samples[n - 1] < largest(samples, n) ? "below the peak" : "at it");
  how.max_usage = 1;
  n = lineprof_memory_usage(&how, samples, 1);
  printf("function, max_usage: %d, ran %d, %s\n", n, ran,
         samples[0] > 45 ? "above 45 MiB" : "too small");
}

// memory_usage(-1, interval=.05, timeout=.5), and memory_usage().
static void process_form(void) {
  struct lineprof_memory_usage how = {.interval = 0.05, .timeout = 0.5};
  double t0 = now();
  int n = lineprof_memory_usage(&how, samples, 512);
  double took = now() - t0;
  printf("current: %d samples in %s, each %s\n", n,
         took >= 0.44 && took < 5 ? "0.45 s or more" : "the wrong time",
         largest(samples, n) > 1 ? "positive" : "zero");
  printf("default: %d\n", lineprof_memory_usage(NULL, samples, 1));
}

static void child_forms(void) {
  pid_t child = fork();
  if (child == 0) {
    pause_ms(600);
    _exit(0);
  }
  struct lineprof_memory_usage how = {.pid = child, .interval = 0.1,
                                      .timeout = 0.3};
  int n = lineprof_memory_usage(&how, samples, 512);
  printf("child: %d samples, %s\n", n, samples[0] > 0 ? "positive" : "zero");
  how.timeout = 30; /* the child exits long before */
  double t0 = now();
  n = lineprof_memory_usage(&how, samples, 512);
  printf("child until it exits: %s, %s\n",
         n >= 1 && n < 100 ? "stopped early" : "did not stop",
         now() - t0 < 20 ? "in time" : "too late");
  waitpid(child, NULL, 0);
  expect_error("reaped child", (struct lineprof_memory_usage){.pid = child},
               samples, 4);
}

int main(void) {
  function_form();
  process_form();
  child_forms();
  double v[4];
  expect_error("interval -1", (struct lineprof_memory_usage){.interval = -1},
               v, 4);
  expect_error("interval NaN",
               (struct lineprof_memory_usage){.interval = NAN}, v, 4);
  expect_error("timeout -1", (struct lineprof_memory_usage){.timeout = -1}, v,
               4);
  expect_error("pid -2", (struct lineprof_memory_usage){.pid = -2}, v, 4);
  expect_error("capacity 0", (struct lineprof_memory_usage){0}, v, 0);
  expect_error("NULL samples", (struct lineprof_memory_usage){0}, NULL, 4);
  expect_error("no room",
               (struct lineprof_memory_usage){.interval = .1, .timeout = 1},
               v, 4);
  int ran = 0;
  expect_error("no room for a call",
               (struct lineprof_memory_usage){.func = grow, .arg = &ran}, v,
               1);
  printf("not called: %d\n", ran);
  return 0;
}
// CHECK:      function: ran 1, enough samples, rise {{4[5-9]|5[0-9]}} MiB, after below the peak
// CHECK-NEXT: function, max_usage: 1, ran 1, above 45 MiB
// CHECK-NEXT: current: 10 samples in 0.45 s or more, each positive
// CHECK-NEXT: default: 1
// CHECK-NEXT: child: 3 samples, positive
// CHECK-NEXT: child until it exits: stopped early, in time
// CHECK-NEXT: reaped child: -1 ESRCH
// CHECK-NEXT: interval -1: -1 EINVAL
// CHECK-NEXT: interval NaN: -1 EINVAL
// CHECK-NEXT: timeout -1: -1 EINVAL
// CHECK-NEXT: pid -2: -1 EINVAL
// CHECK-NEXT: capacity 0: -1 EINVAL
// CHECK-NEXT: NULL samples: -1 EINVAL
// CHECK-NEXT: no room: -1 ERANGE
// CHECK-NEXT: no room for a call: -1 ERANGE
// CHECK-NEXT: not called: 0

// The call's line: the function freed all it allocated (50 MiB a call,
// in the function's own lines), and the sampler allocated nothing the
// program's heap figures see.
// HEAP: {{^ *[0-9]+ +[0-9.]+ MiB +100\.000000 MiB +20 +}}blocks[i] = malloc(STEP);
// HEAP: {{^ *[0-9]+ +[0-9.]+ MiB +-100\.000000 MiB +20 +}}free(blocks[i]);
// HEAP: static void function_form(void) {
// HEAP: {{^ *[0-9]+ +[0-9.]+ MiB +0\.000000 MiB +1 +}}int n = lineprof_memory_usage(&how, samples, 512);
// HEAP: {{^ *[0-9]+ +[0-9.]+ MiB +0\.000000 MiB +1 +}}n = lineprof_memory_usage(&how, samples, 1);
