// Every allocation function glibc lets a program replace keeps its
// contract under the runtime (contents, alignment, errors, usable size),
// and each line's Increment is the bytes asked for. A function in
// .preinit_array allocates before any initialiser, the runtime's included.
// (-O0: at -O2 clang drops an aligned_alloc/free pair whose memory is never
// read, and this test is about the allocator, not the optimiser.)
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O0 %s %ldflags -o api
// RUN: env LINEPROF_MEMORY=heap ./api 2> /dev/null
// RUN: %lineprof show --memory --precision 6 api.lprof | FileCheck %s
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

LINEPROF_PROFILE
static void api(void) {
  char *c = calloc(MiB, 1);
  EXPECT(c && c[0] == 0 && c[MiB - 1] == 0 && malloc_usable_size(c) == MiB);
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
  EXPECT(pv && malloc_usable_size(pv) == MiB + 4096);
  EXPECT(reallocarray(NULL, SIZE_MAX, 2) == NULL && errno == ENOMEM);
  EXPECT(posix_memalign(&p, 3, 16) == EINVAL);
  EXPECT(realloc(c, 0) == NULL);
  free(p), free(a), free(m), free(v), free(pv);
}
// CHECK: {{^}}    32 {{.*}}  1.000000 MiB           1       char *c = calloc(MiB, 1);
// CHECK: {{^}}    34 {{.*}}  2.000000 MiB           1       c = realloc(c, 3 * MiB);
// CHECK: {{^}}    37 {{.*}}  2.000000 MiB           1       EXPECT(posix_memalign(&p, 64, 2 * MiB) == 0 && aligned_to(p, 64));
// CHECK: {{^}}    38 {{.*}}  1.000000 MiB           1       void *a = aligned_alloc(4096, MiB);
// CHECK: {{^}}    40 {{.*}}  1.000000 MiB           1       void *m = memalign(4096, MiB);
// CHECK: {{^}}    42 {{.*}}  1.000000 MiB           1       void *v = valloc(MiB);
// CHECK: {{^}}    44 {{.*}}  1.003906 MiB           1       void *pv = pvalloc(MiB + 1);
// CHECK: {{^}}    46 {{.*}}  0.000000 MiB           1       EXPECT(reallocarray(NULL, SIZE_MAX, 2) == NULL && errno == ENOMEM);
// CHECK: {{^}}    48 {{.*}} -3.000000 MiB           1       EXPECT(realloc(c, 0) == NULL);
// CHECK: {{^}}    49 {{.*}} -6.003906 MiB           1       free(p), free(a), free(m), free(v), free(pv);

int main(void) {
  api();
  return failures;
}
