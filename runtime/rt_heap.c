/* rt_heap.c - the process's allocator, replaced by thin wrappers around
 * glibc's own (__libc_malloc and friends) that count bytes: per thread,
 * bytes allocated and freed; for the process, bytes in use. Every function
 * glibc lets a program replace is here ("Replacing malloc" in the glibc
 * manual), so allocations made by libc and other libraries count too.
 *
 * Each block carries a 16-byte header just before the pointer returned,
 * holding the requested size and the offset back to glibc's block; frees
 * are therefore exact, and malloc_usable_size answers from the header.
 * Every block gets a header whatever LINEPROF_MEMORY says, because blocks
 * are allocated before the runtime has read it (the dynamic loader, early
 * constructors). Nothing here calls back into these functions. */
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rt_internal.h"

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t nmemb, size_t size);
void *__libc_realloc(void *p, size_t size);
void *__libc_memalign(size_t alignment, size_t size);
void __libc_free(void *p);

struct header {
  uint64_t size;   /* bytes the program asked for */
  uint32_t offset; /* from glibc's block to the program's pointer */
  uint32_t unused;
};
#define HEADER sizeof(struct header) /* 16: keeps malloc's alignment */

_Static_assert(sizeof(struct header) == 16, "header keeps 16-byte alignment");

RT_TLS struct rt_heap_thread rt_heap_thread;
_Atomic int64_t rt_heap_in_use;
int rt_heap_counting = 1; /* until LINEPROF_MEMORY says otherwise */

static void count_alloc(uint64_t n) {
  struct rt_heap_thread *t = &rt_heap_thread;
  if (!rt_heap_counting || t->busy)
    return;
  t->alloc += n;
  int64_t now =
      atomic_fetch_add_explicit(&rt_heap_in_use, (int64_t)n,
                                memory_order_relaxed) + (int64_t)n;
  if (now > (int64_t)t->peak)
    t->peak = (uint64_t)now;
}

static void count_free(uint64_t n) {
  struct rt_heap_thread *t = &rt_heap_thread;
  if (!rt_heap_counting || t->busy)
    return;
  t->freed += n;
  atomic_fetch_sub_explicit(&rt_heap_in_use, (int64_t)n, memory_order_relaxed);
}

static struct header *header_of(void *p) {
  return (struct header *)((char *)p - HEADER);
}

/* The program's pointer into glibc's block raw, with its header filled. */
static void *finish(void *raw, size_t size, size_t offset) {
  if (!raw)
    return NULL;
  char *p = (char *)raw + offset;
  struct header *h = header_of(p);
  h->size = size;
  h->offset = (uint32_t)offset;
  count_alloc(size);
  return p;
}

static int too_big(size_t size, size_t extra) {
  if (size <= SIZE_MAX - extra)
    return 0;
  errno = ENOMEM;
  return 1;
}

RT_EXPORT void *malloc(size_t size) {
  if (too_big(size, HEADER))
    return NULL;
  return finish(__libc_malloc(size + HEADER), size, HEADER);
}

RT_EXPORT void free(void *p) {
  if (!p)
    return;
  struct header *h = header_of(p);
  count_free(h->size);
  __libc_free((char *)p - h->offset);
}

RT_EXPORT void *calloc(size_t nmemb, size_t size) {
  size_t total;
  if (__builtin_mul_overflow(nmemb, size, &total)) {
    errno = ENOMEM;
    return NULL;
  }
  if (too_big(total, HEADER))
    return NULL;
  return finish(__libc_calloc(1, total + HEADER), total, HEADER);
}

/* A block aligned to `alignment` (a power of two): glibc's block holds the
 * header in the alignment's worth of bytes before the pointer. */
static void *aligned(size_t alignment, size_t size) {
  if (alignment <= HEADER)
    return malloc(size);
  if (too_big(size, alignment) || alignment > UINT32_MAX) {
    errno = ENOMEM;
    return NULL;
  }
  return finish(__libc_memalign(alignment, size + alignment), size, alignment);
}

RT_EXPORT void *realloc(void *p, size_t size) {
  if (!p)
    return malloc(size);
  if (!size) {
    free(p); /* glibc's realloc(p, 0) frees and returns null */
    return NULL;
  }
  struct header *h = header_of(p);
  uint64_t old = h->size;
  if (h->offset != HEADER) { /* an aligned block: keep it simple */
    void *q = malloc(size);
    if (q) {
      memcpy(q, p, old < size ? old : size);
      free(p);
    }
    return q;
  }
  if (too_big(size, HEADER))
    return NULL;
  void *raw = __libc_realloc((char *)p - HEADER, size + HEADER);
  if (!raw)
    return NULL; /* the old block is untouched */
  count_free(old);
  return finish(raw, size, HEADER);
}

RT_EXPORT void *reallocarray(void *p, size_t nmemb, size_t size) {
  size_t total;
  if (__builtin_mul_overflow(nmemb, size, &total)) {
    errno = ENOMEM;
    return NULL;
  }
  return realloc(p, total);
}

static int power_of_two(size_t n) { return n && !(n & (n - 1)); }

RT_EXPORT void *memalign(size_t alignment, size_t size) {
  size_t a = HEADER; /* glibc rounds other alignments up to a power of 2 */
  while (a < alignment && a <= SIZE_MAX / 2)
    a <<= 1;
  return aligned(a, size);
}

RT_EXPORT int posix_memalign(void **out, size_t alignment, size_t size) {
  if (!power_of_two(alignment) || alignment % sizeof(void *))
    return EINVAL;
  int saved = errno;
  void *p = aligned(alignment, size);
  if (!p)
    return errno = saved, ENOMEM;
  *out = p;
  return 0;
}

RT_EXPORT void *aligned_alloc(size_t alignment, size_t size) {
  if (!power_of_two(alignment)) {
    errno = EINVAL;
    return NULL;
  }
  return aligned(alignment, size);
}

RT_EXPORT void *valloc(size_t size) {
  return aligned((size_t)sysconf(_SC_PAGESIZE), size);
}

RT_EXPORT void *pvalloc(size_t size) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  if (too_big(size, page))
    return NULL;
  return aligned(page, (size + page - 1) & ~(page - 1));
}

RT_EXPORT size_t malloc_usable_size(void *p) {
  return p ? (size_t)header_of(p)->size : 0;
}

/* Replaced by the object table (rt_objects.c). */
RT_EXPORT __attribute__((weak)) void
__lineprof_object_site(void *b, const struct lineprof_alloc_site *s) {
  (void)b;
  (void)s;
}
