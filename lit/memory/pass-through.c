// The allocator hooks keep a header on each block only when heap memory or
// object tracking is asked for; otherwise every call goes straight to
// glibc, whose usable size for a 20-byte block is 24 (the header makes it
// the 20 asked for). The choice is made at the first allocation and holds
// from then on, so that every block is freed the way it was allocated. A
// program that allocates in .preinit_array, before libc has its
// environment, gets the headers whatever it asks for.
// Not under sanitizers: their allocator is the program's, and answers
// malloc_usable_size with the size asked for, whatever the settings.
// UNSUPPORTED: sanitizer
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O0 %s %ldflags -o usable
// RUN: %clang %cflags -O0 -DPREINIT %s %ldflags -o preinit
// RUN: env LINEPROF_QUIET=1 ./preinit | FileCheck --check-prefix=HEADER %s
// RUN: env LINEPROF_QUIET=1 ./usable | FileCheck --check-prefix=GLIBC %s
// RUN: env LINEPROF_QUIET=1 LINEPROF_MEMORY=off ./usable | FileCheck --check-prefix=GLIBC %s
// RUN: env LINEPROF_QUIET=1 LINEPROF_MEMORY=rss ./usable | FileCheck --check-prefix=GLIBC %s
// RUN: env LINEPROF_QUIET=1 LINEPROF_MEMORY=heap ./usable | FileCheck --check-prefix=HEADER %s
// RUN: env LINEPROF_QUIET=1 LINEPROF_OBJECTS=1 ./usable | FileCheck --check-prefix=HEADER %s
// RUN: env LINEPROF_QUIET=1 LINEPROF_LEAKS=1 ./usable 2> /dev/null | FileCheck --check-prefix=HEADER %s
// GLIBC: usable size of a 20-byte block: 24
// HEADER: usable size of a 20-byte block: 20
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineprof.h"

static char *early;
#ifdef PREINIT
static void before_libc(void) { early = strdup("allocated before libc's init"); }
__attribute__((section(".preinit_array"), used)) static void (*pre)(void) = before_libc;
#endif

LINEPROF_PROFILE
static size_t usable(size_t n) {
  void *p = malloc(n);
  size_t u = malloc_usable_size(p);
  free(p);
  return u;
}

int main(void) {
  printf("usable size of a 20-byte block: %zu\n", usable(20));
  free(early);
  return 0;
}
