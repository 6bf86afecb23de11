/* rt_pages.c - the runtime's own memory: whole pages from mmap, so that
 * the runtime never calls (or is counted by) the program's malloc. */
#include <sys/mman.h>

#include "rt_base.h"

void *rt_alloc(size_t size) {
  void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return p == MAP_FAILED ? NULL : p;
}

void rt_free(void *p, size_t size) {
  if (p)
    munmap(p, size);
}
