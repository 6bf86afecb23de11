#ifndef HISTOGRAM_H
#define HISTOGRAM_H
#define NBUCKETS 8

struct histogram {
  int width;
  int counts[NBUCKETS];
};

int bucket_of(int value, int width);
void histogram_add(struct histogram *h, int value);
void print_bars(const struct histogram *h);
#endif
