// The pass runs at every -O level, with -flto and with -fno-inline, and the
// instrumented module carries its table and registering constructor.
// RUN: for O in -O0 -O1 -O2 -O3 -Os -Oz; do %clang -g $O -fplugin=%plugin -S -emit-llvm %s -o - | FileCheck %s || exit 1; done
// RUN: %clang -g -O2 -flto=thin -fplugin=%plugin -c %s -o %t.bc && llvm-dis %t.bc -o - | FileCheck %s
// CHECK: @lineprof.module = private global
// CHECK: @lineprof.block = internal thread_local global
// CHECK: @llvm.global_ctors = {{.*}}@lineprof.module_ctor
// CHECK: call {{.*}}@__lineprof_thread_block(
// CHECK: define internal void @lineprof.module_ctor()
// CHECK-NEXT: call void @__lineprof_register_module(
__attribute__((annotate("profile")))
int hot(int n) {
  int s = 0;
  for (int i = 0; i < n; i++)
    s += i;
  return s;
}
