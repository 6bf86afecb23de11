#include "histogram.h"

int main(void) {
  struct histogram h = {10, {0}};
  for (int v = 0; v < 100; v++)
    histogram_add(&h, v);
  print_bars(&h);
  return 0;
}
