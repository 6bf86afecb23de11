// A loop that allocates on every iteration: Occurrences count the line's
// events and the Increments add up (memory_profiler's loop.py, in C);
// allocations made by libc (strdup, fopen) land on the calling line.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O2 %s %ldflags -o loop
// RUN: env LINEPROF_MEMORY=heap ./loop 2> /dev/null
// RUN: %lineprof show --memory loop.lprof | FileCheck %s --match-full-lines
// RUN: %lineprof show --memory --detail --precision 6 loop.lprof | FileCheck %s --check-prefix=LIBC
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineprof.h"

__attribute__((noinline)) static long *filled(size_t n, long value) {
  long *a = malloc(n * sizeof *a);
  for (size_t i = 0; a && i < n; i++)
    a[i] = value;
  return a;
}

LINEPROF_PROFILE
static long loop(int n) {
  long *keep[16];
  for (int i = 0; i < n; i++)
    keep[i] = filled(250000, i);
  long total = 0;
  for (int i = 0; i < n; i++) {
    total += keep[i][249999];
    free(keep[i]);
  }
  return total;
}
// (Mem usage counts main's 1 MiB buffer too.)
// CHECK:    24                                           long *keep[16];
// CHECK:    25    8.629 MiB    0.000 MiB           5     for (int i = 0; i < n; i++)
// CHECK:    26    8.629 MiB    7.629 MiB           4       keep[i] = filled(250000, i);
// CHECK:    27    8.629 MiB    0.000 MiB           1     long total = 0;
// CHECK:    30    6.722 MiB   -7.629 MiB           4       free(keep[i]);

LINEPROF_PROFILE
static size_t from_libc(const char *big) {
  char *copy = strdup(big);
  FILE *f = fopen("/dev/null", "r");
  size_t n = strlen(copy);
  fclose(f);
  free(copy);
  return n;
}
// LIBC: Filename: {{.*}}loop.c
// LIBC: Filename: {{.*}}loop.c
// LIBC: {{^}}    43 {{.*}}  1.000001 MiB           1   1.000001 MiB   0.000000 MiB {{.*}}  char *copy = strdup(big);
// LIBC: {{^}}    44 {{.*}}  0.000{{[0-9]*[1-9][0-9]*}} MiB           1 {{.*}}  FILE *f = fopen("/dev/null", "r");
// LIBC: {{^}}    46 {{.*}} -0.000{{[0-9]*[1-9][0-9]*}} MiB           1 {{.*}}  fclose(f);
// LIBC: {{^}}    47 {{.*}} -1.000001 MiB           1 {{.*}}  free(copy);

int main(void) {
  char *big = malloc((1 << 20) + 1);
  memset(big, 'x', 1 << 20);
  big[1 << 20] = '\0';
  int ok = loop(4) == 6 && from_libc(big) == 1 << 20;
  free(big);
  return ok ? 0 : 1;
}
