/* calls.c - accuracy benchmark: a profiled loop whose lines each call
 * something of a different cost (leaves of 6, 40 and 300 steps, calloc,
 * free, memcpy, qsort) next to a few short arithmetic lines.
 *   calls [ITERATIONS]; prints a checksum.
 * bench/accuracy.sh compares the % Time of each calling line with the
 * callee's share of perf samples in the plain build. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaves.h"

enum { BUF = 16384, COPY = 4096, KEYS = 12 };

static unsigned char src[COPY], dst[COPY];

LEAF_OF(leaf6, 6)
LEAF_OF(leaf40, 40)
LEAF_OF(leaf300, 300)

static int compare(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

PROFILED static unsigned long calls(long n) {
  unsigned long acc = 1;
  int keys[KEYS];
  for (long i = 0; i < n; i++) {
    acc += leaf6((unsigned)(acc + i));
    acc ^= leaf40((unsigned)acc);
    char *buf = calloc(BUF, 1);
    buf[i % BUF] = (char)acc;
    acc += leaf300((unsigned)acc ^ (unsigned char)buf[(i * 7) % BUF]);
    free(buf);
    src[i % COPY] = (unsigned char)acc;
    memcpy(dst, src, COPY);
    acc = acc * 31 + dst[(i * 13) % COPY];
    for (int k = 0; k < KEYS; k++) keys[k] = (int)((acc >> (k & 15)) ^ (k * 40503u));
    qsort(keys, KEYS, sizeof keys[0], compare);
    acc = (acc << 1) ^ (unsigned)keys[KEYS / 2];
  }
  return acc;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 320000;
  printf("%lu\n", calls(n));
  return 0;
}
