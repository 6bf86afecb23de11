// An allocation function that may throw (no nothrow attribute), called in
// the scope of a cleanup with -fexceptions, is invoked: the site is
// reported on its normal path, by a call that does not throw. A block
// passed straight to a `int *` parameter is an `int`.
// RUN: %clang -g -O0 -fexceptions -fplugin=%plugin -S -emit-llvm %s -o - | FileCheck %s
typedef unsigned long size_t;
void *malloc(size_t);
void done(void **p);
void take(int *p);

// CHECK-DAG: @[[INT:lineprof.type[.0-9]*]] = private unnamed_addr constant [4 x i8] c"int\00"
void scoped(void) {
  void *q __attribute__((cleanup(done))) = 0;
  // CHECK-DAG: @[[ARG:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[INT]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  take(malloc(8));
}

// CHECK: %[[BLOCK:[0-9]+]] = invoke {{.*}}@malloc(i64 noundef 8)
// CHECK-NEXT: to label %[[NORMAL:[0-9]+]] unwind
// CHECK: [[NORMAL]]:
// CHECK-NEXT: %[[ON:[0-9]+]] = load i32, {{i32\*|ptr}} @__lineprof_objects
// CHECK-NEXT: %[[T:[0-9]+]] = icmp ne i32 %[[ON]], 0
// CHECK-NEXT: br i1 %[[T]], label %[[HOOK:[0-9]+]], label
// CHECK: [[HOOK]]:
// CHECK-NEXT: call void @__lineprof_object_site({{i8\*|ptr}} %[[BLOCK]], {{.*}}@[[ARG]]) #[[ATTRS:[0-9]+]]
// CHECK: attributes #[[ATTRS]] = { nounwind }
