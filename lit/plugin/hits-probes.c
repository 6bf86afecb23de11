// With -fplugin-arg-lineprof-hits the probes are the hit counters alone: no
// shadow-stack frame, no read of the timer mode, nothing at return, so
// clang still turns fib's second recursive call into a loop; the module's
// flags say so to the runtime (LINEPROF_MODULE_HITS). The same build
// through the pass plugin: lineprof<hits>.
// RUN: %clang -O2 -gline-tables-only -fplugin=%plugin -fplugin-arg-lineprof-hits -S -emit-llvm %s -o - | FileCheck %s
// RUN: %clang -O0 -Xclang -disable-O0-optnone -gline-tables-only -S -emit-llvm %s -o %t.ll
// RUN: %opt -load-pass-plugin=%plugin -passes='lineprof<hits;all>' -S %t.ll | FileCheck --check-prefix=PASS %s
// CHECK-NOT: __lineprof_stack
// CHECK-NOT: __lineprof_detail
// CHECK: @lineprof.module = private global {{.*}} {{i8\*|ptr}} null, i32 2, i32 {{[0-9]+}},
// CHECK-LABEL: define {{.*}} @fib(
// CHECK: load atomic i64, {{i64\*|ptr}} %{{[0-9]+}} unordered
// CHECK: call {{.*}} @fib(
// CHECK-NOT: call {{.*}} @fib(
// CHECK: {{^}}}
// CHECK-NOT: __lineprof_stack
// PASS-NOT: __lineprof_stack
// PASS: @lineprof.module = private global {{.*}} {{i8\*|ptr}} null, i32 2, i32 {{[0-9]+}},
// PASS-NOT: __lineprof_stack
__attribute__((annotate("profile"))) long fib(int k) {
  if (k < 2)
    return k;
  return fib(k - 1) + fib(k - 2);
}
