#include "histogram.h"

int bucket_of(int value, int width) {
  if (value < 0)
    return 0;
  return value / width;
}

void histogram_add(struct histogram *h, int value) {
  int b = bucket_of(value, h->width);
  if (b >= NBUCKETS)
    b = NBUCKETS - 1;
  h->counts[b]++;
}
