// Every allocation function glibc lets a program replace keeps its
// contract under the runtime (contents, alignment, errors, usable size),
// and each line's Increment is the bytes asked for. A function in
// .preinit_array allocates before any initialiser, the runtime's included.
// Without LINEPROF_MEMORY the calls go straight to glibc and keep the same
// contract (the usable size then is glibc's: at least the size asked for).
// (-O0: at -O2 clang drops an aligned_alloc/free pair whose memory is never
// read, and this test is about the allocator, not the optimiser.)
// Not under TSan: it calls the allocation hook from malloc, calloc and
// realloc only, not from the aligned functions (the free hook from every
// free), so their lines show nothing (rt_heap_sanitizer.c).
// UNSUPPORTED: tsan
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O0 %s %ldflags -o api
// RUN: env LINEPROF_MEMORY=heap ./api 2> /dev/null
// RUN: %lineprof show --memory --precision 6 api.lprof | FileCheck %s
// RUN: env LINEPROF_QUIET=1 ./api
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lineprof.h"

#define MiB (1 << 20)
static int failures;
#define EXPECT(c) (failures += !(c))

static void early(void) { free(strdup("before the runtime started")); }
__attribute__((section(".preinit_array"), used)) static void (*pre)(void) = early;

static int aligned_to(void *p, size_t a) { return (uintptr_t)p % a == 0; }

static int usable(void *p, size_t n) {
  const char *memory = getenv("LINEPROF_MEMORY");
  size_t u = malloc_usable_size(p);
  return memory && !strcmp(memory, "heap") ? u == n : u >= n;
}

LINEPROF_PROFILE
static void api(void) {
  char *c = calloc(MiB, 1);
  EXPECT(c && c[0] == 0 && c[MiB - 1] == 0 && usable(c, MiB));
  c = realloc(c, 3 * MiB);
  EXPECT(c && c[MiB - 1] == 0);
  void *p = NULL;
  EXPECT(posix_memalign(&p, 64, 2 * MiB) == 0 && aligned_to(p, 64));
  void *a = aligned_alloc(4096, MiB);
  EXPECT(a && aligned_to(a, 4096));
  void *m = memalign(4096, MiB);
  EXPECT(m && aligned_to(m, 4096));
  void *v = valloc(MiB);
  EXPECT(v && aligned_to(v, (size_t)sysconf(_SC_PAGESIZE)));
  void *pv = pvalloc(MiB + 1);
  EXPECT(pv && usable(pv, MiB + 4096));
  EXPECT(reallocarray(NULL, SIZE_MAX, 2) == NULL && errno == ENOMEM);
  EXPECT(posix_memalign(&p, 3, 16) == EINVAL);
  EXPECT(realloc(c, 0) == NULL);
  free(p), free(a), free(m), free(v), free(pv);
}
// CHECK: {{^}}    45 {{.*}}  1.000000 MiB           1       char *c = calloc(MiB, 1);
// CHECK: {{^}}    47 {{.*}}  2.000000 MiB           1       c = realloc(c, 3 * MiB);
// CHECK: {{^}}    50 {{.*}}  2.000000 MiB           1       EXPECT(posix_memalign(&p, 64, 2 * MiB) == 0 && aligned_to(p, 64));
// CHECK: {{^}}    51 {{.*}}  1.000000 MiB           1       void *a = aligned_alloc(4096, MiB);
// CHECK: {{^}}    53 {{.*}}  1.000000 MiB           1       void *m = memalign(4096, MiB);
// CHECK: {{^}}    55 {{.*}}  1.000000 MiB           1       void *v = valloc(MiB);
// CHECK: {{^}}    57 {{.*}}  1.003906 MiB           1       void *pv = pvalloc(MiB + 1);
// CHECK: {{^}}    59 {{.*}}  0.000000 MiB           1       EXPECT(reallocarray(NULL, SIZE_MAX, 2) == NULL && errno == ENOMEM);
// CHECK: {{^}}    61 {{.*}} -3.000000 MiB           1       EXPECT(realloc(c, 0) == NULL);
// CHECK: {{^}}    62 {{.*}} -6.003906 MiB           1       free(p), free(a), free(m), free(v), free(pv);

int main(void) {
  api();
  return failures;
}
