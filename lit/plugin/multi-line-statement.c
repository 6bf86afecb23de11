// With the frontend (clang -fplugin) a statement spread over several lines
// is one line, its first (FrontendInfo.h, StatementLine): the slot table
// @lineprof.lines lists only the lines where statements start (13, 15, 18),
// not the continuation lines 14, 16 and 17, and each statement gets exactly
// one event, before its first instruction, whatever lines its parts are on.
// Compare lit/pass/multi-line-statement.ll, the same code under opt, where
// raw lines give 3 4 3 and 5 6 7 5.
// RUN: %clang -g -O0 -fplugin=%plugin -fplugin-arg-lineprof-exact -S -emit-llvm %s -o - | FileCheck %s
int add3(int a, int b, int c);

__attribute__((annotate("profile")))
int multi(int a) {
  int x = a +
          a * 2;
  int y = add3(x,
               a,
               add3(a, a, a));
  return x + y;
}

// After the lines' slots, those of the two counted calls of add3 (line 15).
// CHECK: @lineprof.lines = private unnamed_addr constant [5 x i32] [i32 13, i32 15, i32 18, i32 15, i32 15]
// CHECK-LABEL: define {{.*}} @multi(
// The CHECK-NOTs prove no other event falls inside a statement.
// CHECK: call void @__lineprof_timed_line({{ptr|i64\*}} {{%[0-9]+}}, i32 0)
// CHECK-NOT: __lineprof_timed_line
// CHECK: mul nsw i32
// CHECK-NEXT: add nsw i32
// CHECK-NOT: __lineprof_timed_line
// CHECK: call void @__lineprof_timed_line({{ptr|i64\*}} {{%[0-9]+}}, i32 1)
// CHECK-NOT: __lineprof_timed_line
// CHECK: call i32 @add3(
// CHECK-NOT: __lineprof_timed_line
// CHECK: call i32 @add3(
// CHECK-NOT: __lineprof_timed_line
// CHECK: call void @__lineprof_timed_line({{ptr|i64\*}} {{%[0-9]+}}, i32 2)
// CHECK-NOT: __lineprof_timed_line
// CHECK: ret i32
