// The module's call-site table: one entry per direct call from a profiled
// function to one that may be profiled (defined here and profiled, or
// declared and not a library function), with the caller's index, the line
// and the counter's slot, the same at -O0 and -O2. A call that runs once
// per hit of its line (leaf's on line 27, middle's on line 31: the line's
// hit is added in the call's block, with no call between) is counted by
// that hit, its line's slot (2 and 6); a call on a line entered elsewhere
// (line 32's, after the `if`) gets its own slot (after the 1 + 7 line
// slots and the two unused ones) and an add right before the call.
// RUN: %clang -g -O0 -fplugin=%plugin -S -emit-llvm %s -o %t.O0.ll
// RUN: FileCheck %s < %t.O0.ll
// RUN: FileCheck %s --check-prefix=ADD < %t.O0.ll
// RUN: %clang -g -O2 -fplugin=%plugin -S -emit-llvm %s -o %t.O2.ll
// RUN: FileCheck %s < %t.O2.ll
#include <stdlib.h>
#include <string.h>

int external_work(int n);                // maybe profiled elsewhere: counted
static int quiet(int n) { return n + 1; } // not profiled: not counted

__attribute__((annotate("profile")))
int leaf(int n) { return n * 2; }

__attribute__((annotate("profile")))
int middle(int n) {
  char *p = malloc(16);                   // a library function
  int s = leaf(n) + quiet(n);
  s += (int)strlen(p ? "abc" : "");       // a library function
  free(p);
  if (n > 0)
    s += middle(n - 1);
  return s + external_work(n);
}

// ABI 10, 2 functions, 11 slots, 3 call sites; the slots' lines.
// CHECK: @lineprof.module = private global {{.*}} { i32 13, i32 2, i32 11, {{.*}} i32 3, {{.*}}@lineprof.call_sites
// Callee names are [N x i8] strings: leaf 5, middle 7, external_work 14
// (typed pointers on LLVM 14, opaque `ptr` from LLVM 15).
// CHECK: @lineprof.call_sites = private unnamed_addr constant [3 x { {{i8\*|ptr}}, i32, i32, i32 }]
// CHECK-SAME: { {{i8\* getelementptr inbounds \(\[5 x i8\]|ptr @lineprof.str}}{{.*}}, i32 1, i32 27, i32 2 }
// CHECK-SAME: { {{i8\* getelementptr inbounds \(\[7 x i8\]|ptr @lineprof.str}}{{.*}}, i32 1, i32 31, i32 6 }
// CHECK-SAME: { {{i8\* getelementptr inbounds \(\[14 x i8\]|ptr @lineprof.str}}{{.*}}, i32 1, i32 32, i32 10 }]
// CHECK: @lineprof.lines = {{.*}} [11 x i32] [i32 22, i32 26, i32 27, i32 28, i32 29, i32 30, i32 31, i32 32, i32 27, i32 31, i32 32]

// ADD:      define {{.*}}i32 @middle(
// ADD-NOT:  getelementptr inbounds i64, {{i64\*|ptr}} %{{[0-9]+}}, i64 {{8|9}},
// ADD:      call i32 @leaf(
// ADD-NOT:  getelementptr inbounds i64, {{i64\*|ptr}} %{{[0-9]+}}, i64 {{8|9}},
// ADD:      call i32 @middle(
// ADD:      [[ADDR:%[0-9]+]] = getelementptr inbounds i64, {{i64\*|ptr}} %{{[0-9]+}}, i64 10
// ADD-NEXT: [[OLD:%[0-9]+]] = load atomic i64, {{i64\*|ptr}} [[ADDR]] unordered, align 8
// ADD-NEXT: [[NEW:%[0-9]+]] = add i64 [[OLD]], 1
// ADD-NEXT: store atomic i64 [[NEW]], {{i64\*|ptr}} [[ADDR]] unordered, align 8
// ADD-NEXT: call i32 @external_work(
