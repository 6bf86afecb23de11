// The runtime starts no thread of its own in a single-threaded program: a
// second thread makes glibc's malloc take its arena lock and stdio lock its
// streams for the rest of the run. The thread that writes snapshots on
// LINEPROF_DUMP_SIGNAL (on by default) starts only once the program has
// threads, or at its first allocation after the signal
// (objects/snapshot.c), in every timer mode. A sanitizer's allocator is
// not the runtime's hooks, so there the thread starts with the module.
// UNSUPPORTED: sanitizer
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O1 %s %ldflags -o one
// RUN: ./one | FileCheck %s
// RUN: env LINEPROF_TIMER=sample ./one | FileCheck %s
// RUN: env LINEPROF_TIMER=off LINEPROF_LEAKS=1 ./one | FileCheck %s
// RUN: env LINEPROF_MEMORY=heap ./one | FileCheck %s
// CHECK: threads 1
#include <stdio.h>
#include <stdlib.h>

#include "lineprof.h"

/* The process's threads, from /proc/self/status. */
LINEPROF_PROFILE static int threads(void) {
  char line[256];
  int n = -1;
  FILE *f = fopen("/proc/self/status", "r");
  while (f && fgets(line, sizeof line, f))
    sscanf(line, "Threads: %d", &n);
  if (f)
    fclose(f);
  return n;
}

int main(void) {
  free(malloc(64));
  printf("threads %d\n", threads());
  return 0;
}
