/* threads.c - accuracy benchmark: two threads, each running a profiled
 * function whose lines call leaves of different cost.
 *   threads [ITERATIONS]; prints a checksum. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define PROFILED __attribute__((annotate("profile"), noinline))
#define LEAF __attribute__((noinline))

#define STEPS(x, n)                      \
  for (int s = 0; s < (n); s++) {        \
    x = x * 2654435761u + (unsigned)s;   \
    x ^= x >> 13;                        \
  }

LEAF static unsigned leaf30(unsigned x) { STEPS(x, 30) return x; }
LEAF static unsigned leaf90(unsigned x) { STEPS(x, 90) return x; }
LEAF static unsigned leaf180(unsigned x) { STEPS(x, 180) return x; }

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
