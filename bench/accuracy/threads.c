/* threads.c - accuracy benchmark: two threads, each running a profiled
 * function whose lines call leaves of different cost.
 *   threads [ITERATIONS]; prints a checksum. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "leaves.h"

LEAF_OF(leaf30, 30)
LEAF_OF(leaf90, 90)
LEAF_OF(leaf180, 180)

static long iterations;

PROFILED static void *worker(void *arg) {
  unsigned acc = (unsigned)(size_t)arg;
  for (long i = 0; i < iterations; i++) {
    acc += leaf30(acc ^ (unsigned)i);
    acc ^= leaf90(acc);
    acc += leaf180(acc + 1);
  }
  return (void *)(size_t)acc;
}

int main(int argc, char **argv) {
  iterations = argc > 1 ? atol(argv[1]) : 500000;
  pthread_t t[2];
  void *r[2];
  for (int k = 0; k < 2; k++) pthread_create(&t[k], NULL, worker, (void *)(size_t)(k + 1));
  for (int k = 0; k < 2; k++) pthread_join(t[k], &r[k]);
  printf("%zu\n", (size_t)r[0] + (size_t)r[1]);
  return 0;
}
