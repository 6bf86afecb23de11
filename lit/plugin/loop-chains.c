// Hits of call-free loops are counted in locals (plugin/LoopHitCounters.cpp),
// one add per straight-line chain of blocks: a body, its increment and
// its back edge share one, whose count goes to each of their lines. Each
// line still gets its own exact Hits, in every timer mode's build.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %sampled_cflags -O2 %s %ldflags -o prog
// RUN: env LINEPROF_TIMER=off ./prog 10
// RUN: %lineprof show prog.lprof | FileCheck %s
// RUN: %clang %cflags -O0 %s %ldflags -o prog0
// RUN: env LINEPROF_TIMER=exact ./prog0 10
// RUN: %lineprof show prog0.lprof | FileCheck %s
// CHECK: Function: grid at line [[@LINE+9]]
// CHECK: [[@LINE+9]] 1 {{.*}}int s = 0;
// CHECK: [[@LINE+9]] 11 {{.*}}for (int i = 0; i < n; i++) {
// CHECK: [[@LINE+9]] 10 {{.*}}s += i;
// CHECK: [[@LINE+9]] 55 {{.*}}for (int j = 0;
// CHECK: [[@LINE+10]] 45 {{.*}}s ^= j * 3;
// CHECK: [[@LINE+10]] 45 {{.*}}s += j;
// CHECK: [[@LINE+12]] 1 {{.*}}return s;
#include <stdlib.h>
__attribute__((annotate("profile"))) static int grid(int n) {
  int s = 0;
  for (int i = 0; i < n; i++) {
    s += i;
    for (int j = 0;
         j < i; j++) {
      s ^= j * 3;
      s += j;
    }
  }
  return s;
}

int main(int argc, char **argv) {
  return grid(atoi(argv[1])) == -1;
}
