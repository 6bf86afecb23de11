// A call in tail position, in the default build, whose lines come from the
// native stack: the compiler would make `free(p);` a jump that replaces
// release()'s frame, and its freed bytes (and time) would go to main's
// line; the plugin forbids the default build's sibling calls at the end of
// the optimiser (plugin/SiblingCalls.cpp), after tail-recursion
// elimination has turned self-recursion into loops.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %sampled_cflags -O2 %s %ldflags -o tail
// RUN: env LINEPROF_MEMORY=sampled LINEPROF_MEMORY_RATE=1 ./tail 2> /dev/null
// RUN: %lineprof show --memory tail.lprof | FileCheck %s
#include <stdlib.h>

#include "lineprof.h"

LINEPROF_PROFILE __attribute__((noinline)) static void release(void *p) {
  free(p);
}
// CHECK: {{^}}    16 {{.*}}  -1.000 MiB           1     free(p);

int main(void) {
  void *volatile p = malloc(1 << 20);
  release(p);
  return 0;
}
