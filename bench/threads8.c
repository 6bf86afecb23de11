/* threads8.c - benchmark: the same profiled work split over 8 threads.
 *
 * Shape: eight threads each run a profiled loop (a generator step and a
 * bit count per iteration), so every thread has its own counter block and
 * the Hits of all eight must add up exactly: bench/run.sh checks the loop
 * body's Hits against what the program prints.
 * Usage: threads8 [N]; prints a checksum and "body hits H", the Hits the
 * loop body's line must have (8 x N).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "lineprof.h"

enum { THREADS = 8 };

static long iterations;

LINEPROF_PROFILE
static void *work(void *arg) {
  unsigned long x = (unsigned long)(size_t)arg + 1, sum = 0;
  for (long i = 0; i < iterations; i++) {
    x = x * 6364136223846793005ul + 1442695040888963407ul; /* body */
    sum += (unsigned long)__builtin_popcountl(x >> 7);
  }
  return (void *)sum;
}

int main(int argc, char **argv) {
  iterations = argc > 1 ? atol(argv[1]) : 12000000;
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++)
    if (pthread_create(&t[i], NULL, work, (void *)i)) {
      perror("pthread_create");
      return 1;
    }
  unsigned long sum = 0;
  for (int i = 0; i < THREADS; i++) {
    void *r;
    pthread_join(t[i], &r);
    sum += (unsigned long)r;
  }
  printf("checksum %lu\nbody hits %ld\n", sum, THREADS * iterations);
  return 0;
}
