#include <stdio.h>

#include "histogram.h"

void print_bars(const struct histogram *h) {
  for (int b = 0; b < NBUCKETS; b++) {
    printf("%3d |", b * h->width);
    for (int i = 0; i < h->counts[b]; i += 5)
      putchar('#');
    putchar('\n');
  }
}
