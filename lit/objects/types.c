// lineprof_show_most_common_types and lineprof_show_growth: objgraph's
// layouts, exact counts and bytes; untyped blocks go by their site; a
// growth table lists only what grew (against the highest count seen) and
// prints nothing at all when nothing grew.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -I %S/../../runtime/abi -O1 %s %ldflags -o types
// RUN: env LINEPROF_OBJECTS=1 ./types | FileCheck %s --match-full-lines
// RUN: ./types | FileCheck %s --check-prefix=OFF
#include <stdio.h>
#include <stdlib.h>

#include "lineprof.h"
#include "rt_abi.h"

static const struct lineprof_alloc_site node_site = {"struct node", "types.c", 20, 0};
static const struct lineprof_alloc_site leaf_site = {"struct leaf", "types.c", 21, 0};
static const struct lineprof_alloc_site raw_site = {NULL, "types.c", 22, 0};
void *keep[64];

static void make(int n, unsigned size, const struct lineprof_alloc_site *site) {
  static int k;
  for (int i = 0; i < n; i++) {
    keep[k] = malloc(size);
    __lineprof_object_site(keep[k++], site);
  }
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0); /* no stdio buffer on the heap */
  puts("== first growth");
  lineprof_show_growth(10);
  make(3, 32, &node_site);
  make(5, 16, &leaf_site);
  make(2, 100, &raw_site);
  puts("== common");
  lineprof_show_most_common_types(10);
  puts("== common 2");
  lineprof_show_most_common_types(2);
  puts("== growth");
  lineprof_show_growth(10);
  puts("== no growth");
  lineprof_show_growth(10);
  free(keep[0]);
  make(2, 32, &node_site);
  puts("== grew by one");
  lineprof_show_growth(10);
  puts("== end");
  return 0;
}
// CHECK:      == first growth
// CHECK-NEXT: == common
// CHECK-NEXT: struct leaf 5  80 bytes
// CHECK-NEXT: struct node 3  96 bytes
// CHECK-NEXT: types.c:22  2 200 bytes
// CHECK-NEXT: == common 2
// CHECK-NEXT: struct leaf 5 80 bytes
// CHECK-NEXT: struct node 3 96 bytes
// CHECK-NEXT: == growth
// CHECK-NEXT: struct leaf        5        +5
// CHECK-NEXT: struct node        3        +3
// CHECK-NEXT: types.c:22         2        +2
// CHECK-NEXT: == no growth
// CHECK-NEXT: == grew by one
// CHECK-NEXT: struct node        4        +1
// CHECK-NEXT: == end
// OFF: lineprof: object tracking is off (run the program with LINEPROF_OBJECTS=1)
