// Eight threads allocating at once: each line's Increment is the exact sum
// of its threads' bytes (8 threads x 16 x 1 MiB = 128 MiB), because each
// thread's events read that thread's own figures; in a build without exact
// probes, because each thread charges its own calls in progress.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O2 %s %ldflags -pthread -o threads
// RUN: env LINEPROF_MEMORY=heap ./threads 2> /dev/null
// RUN: %lineprof show --memory --detail threads.lprof | FileCheck %s
// RUN: %clang %memory_cflags -O2 %s %ldflags -pthread -o sampled
// RUN: env LINEPROF_MEMORY=heap ./sampled 2> /dev/null
// RUN: %lineprof show --memory --detail sampled.lprof | FileCheck %s
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "lineprof.h"

#define THREADS 8
#define BLOCKS 16
static pthread_barrier_t start;

LINEPROF_PROFILE
static void *work(void *arg) {
  char *p[BLOCKS];
  pthread_barrier_wait(&start);
  for (int i = 0; i < BLOCKS; i++)
    p[i] = calloc(1, 1 << 20);
  for (int i = 0; i < BLOCKS; i++)
    free(p[i]);
  return arg;
}
// CHECK: {{^}}    26 {{.*}}0.000 MiB         136 {{.*}}  for (int i = 0; i < BLOCKS; i++)
// CHECK: {{^}}    27 {{.*}}  128.000 MiB         128  128.000 MiB    0.000 MiB {{.*}}    p[i] = calloc(1, 1 << 20);
// CHECK: {{^}}    29 {{.*}} -128.000 MiB         128    0.000 MiB  128.000 MiB {{.*}}    free(p[i]);
// CHECK: {{^}}    30 {{.*}}0.000 MiB           8 {{.*}}  return arg;

int main(void) {
  pthread_t t[THREADS];
  pthread_barrier_init(&start, NULL, THREADS);
  for (int i = 0; i < THREADS; i++)
    pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  return 0;
}

// The default build, each thread sampling its own blocks (every one at
// LINEPROF_MEMORY_RATE=1), into one table of live sampled blocks.
// RUN: %clang %sampled_cflags -O2 %s %ldflags -pthread -o default
// RUN: env LINEPROF_MEMORY=sampled LINEPROF_MEMORY_RATE=1 ./default 2> /dev/null
// RUN: %lineprof show --memory --detail default.lprof | FileCheck %s
