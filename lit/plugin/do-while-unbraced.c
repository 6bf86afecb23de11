// KNOWN BUG (XFAIL): in `do stmt; while (cond);` with an unbraced body,
// clang 14 gives the loop's conditional branch the debug location of the
// body statement (line 20 here), not of the `while`. The pass maps
// conditional branches like any instruction (LineProfPass.cpp filters only
// unconditional ones), so after the `while` line's event the branch makes a
// second event, on the body's line: each iteration counts the body line
// once from the branch, and the body's own site then finds cur on its line.
// The body line reports n + 1 Hits for n iterations (the braced
// `do { ... } while` reports n; lineprof run shows 4 and 3 for n = 3).
// This test states the right code: after the `while` line's event, no
// other event before the branch back; it fails until the pass (or the
// frontend's StatementLine/JumpStarts) stops counting that branch: when it
// passes (XPASS), remove the XFAIL line.
// XFAIL: *
// RUN: %clang -g -O0 -fplugin=%plugin -fplugin-arg-lineprof-exact -S -emit-llvm %s -o - | FileCheck %s
__attribute__((annotate("profile")))
int countdown(int j) {
  int s = 0;
  do
    s += j--;
  while (j > 0);
  return s;
}

// CHECK: @lineprof.lines = private unnamed_addr constant [4 x i32] [i32 18, i32 20, i32 21, i32 22]
// CHECK-LABEL: define {{.*}} @countdown(
// CHECK: call void @__lineprof_timed_line({{ptr|i64\*}} {{%[0-9]+}}, i32 2)
// CHECK-NOT: __lineprof_timed_line
// CHECK: br i1 {{%[0-9]+}}, label {{%[0-9]+}}, label {{%[0-9]+}}, !dbg {{![0-9]+}}, !llvm.loop
