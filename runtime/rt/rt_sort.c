/* rt_sort.c - heapsort for the runtime: glibc's qsort may call malloc,
 * which the object analyses must not (they may run inside the allocator's
 * caller, stopped by a debugger). */
#include <string.h>

#include "rt_base.h"

static void swap(char *a, char *b, size_t size) {
  while (size--) {
    char t = *a;
    *a++ = *b;
    *b++ = t;
  }
}

static void sift_down(char *v, size_t i, size_t n, size_t size,
                      int (*cmp)(const void *, const void *)) {
  for (size_t child; (child = 2 * i + 1) < n; i = child) {
    if (child + 1 < n && cmp(v + child * size, v + (child + 1) * size) < 0)
      child++;
    if (cmp(v + i * size, v + child * size) >= 0)
      return;
    swap(v + i * size, v + child * size, size);
  }
}

void rt_sort(void *base, size_t n, size_t size,
             int (*cmp)(const void *, const void *)) {
  char *v = base;
  for (size_t i = n / 2; i-- > 0;)
    sift_down(v, i, n, size, cmp);
  for (size_t end = n; end > 1; end--) {
    swap(v, v + (end - 1) * size, size);
    sift_down(v, 0, end - 1, size, cmp);
  }
}
