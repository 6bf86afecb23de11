/* rt_grow.c - arrays of the runtime's own that grow by doubling in runtime
 * pages (rt_pages.c): one file apart, so that rt_alloc stays one function
 * a debugger can break on. */
#include <string.h>

#include "rt_base.h"

int rt_grow(void *array, size_t n, size_t *cap, size_t size) {
  void **a = array;
  if (n < *cap)
    return 1;
  size_t more = *cap ? 2 * *cap : 256;
  void *p = rt_alloc(more * size);
  if (!p)
    return 0;
  if (n)
    memcpy(p, *a, n * size);
  rt_free(*a, *cap * size);
  *a = p, *cap = more;
  return 1;
}
