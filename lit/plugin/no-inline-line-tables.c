// -gno-inline-line-tables with exact probes: the inliner keeps a static
// alloca's location as it is, and the probes' allocas had one, so an
// inlined profiled function left an alloca naming its own subprogram in
// its caller: invalid debug information, which clang compiles without
// checking (an LTO link drops it). Found by tests/fuzz/plugin_ir.sh on
// LLVM's Transforms/Inline/no-inline-line-tables.ll. The probes' allocas
// now have no location, as clang's have none; the program still runs and
// counts its Hits.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O2 -gno-inline-line-tables -fplugin-arg-lineprof-all -S -emit-llvm %s -o o2.ll
// RUN: %opt -passes=verify -disable-output o2.ll
// RUN: %clang %cflags -O0 -gno-inline-line-tables -fplugin-arg-lineprof-all -S -emit-llvm %s -o o0.ll
// RUN: %opt -passes=verify -disable-output o0.ll
// RUN: %clang %cflags -O2 -gno-inline-line-tables -fplugin-arg-lineprof-all %s %ldflags -o prog
// RUN: env LINEPROF_TIMER=exact ./prog 3
// RUN: %lineprof show prog.lprof | FileCheck %s
// CHECK: Function: twice at line [[@LINE+3]]
// CHECK: [[@LINE+3]] 4 {{.*}}return x * 2;
// CHECK: Function: main at line
static inline __attribute__((always_inline)) int twice(int x) {
  return x * 2;
}

int main(int argc, char **argv) {
  int s = 0;
  for (int i = 0; i < 4; i++)
    s += twice(argc + i);
  return s == 2 * (4 * 2 + 6) ? 0 : 1;
}
