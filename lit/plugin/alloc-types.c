// Every allocation call of a translation unit compiled with the plugin, in
// profiled functions and others alike, is followed by a call of
// __lineprof_object_site with the block and a constant site: the C type it
// allocates (null when the source does not say), its file and its line
// (docs/allocation-types.md).
// RUN: %clang -g -O0 -fplugin=%plugin -S -emit-llvm %s -o - | FileCheck %s
// RUN: %clang -gline-tables-only -O2 -fplugin=%plugin -S -emit-llvm %s -o - | FileCheck --check-prefix=OPT %s
// Without column information the type is still found when the calls on the
// line agree.
// RUN: %clang -g -gno-column-info -O0 -fplugin=%plugin -S -emit-llvm %s -o - | FileCheck %s
// Without line information there are no sites.
// RUN: %clang -O0 -fplugin=%plugin -S -emit-llvm %s -o - | FileCheck --check-prefix=NODEBUG %s
// NODEBUG-NOT: __lineprof_object_site
// A profiled function keeps one body: its call is followed by the hook
// once.
// RUN: %clang -g -O0 -DPROFILED -fplugin=%plugin -S -emit-llvm %s -o %t.ll
// RUN: FileCheck --check-prefix=PROF %s < %t.ll
// RUN: test $(grep -c 'call .*@calloc(.*noundef 4)' %t.ll) -eq 1
// RUN: test $(grep -c 'call .*@calloc(.*noundef 4)' %t.ll) -eq $(grep -A6 'call .*@calloc(.*noundef 4)' %t.ll | grep -c '^ *call void @__lineprof_object_site(')
// OPT-COUNT-26: call void @__lineprof_object_site(
// OPT-NOT: call void @__lineprof_object_site(
#include <stdlib.h>
#include <string.h>

struct node { struct node *next; int v; };
typedef struct node node_t;
#define NEW(T) ((T *)malloc(sizeof(T)))
#define BUFFER(n) malloc(n)

// CHECK-DAG: @[[NODE:lineprof.type[.0-9]*]] = private unnamed_addr constant [12 x i8] c"struct node\00"
// CHECK-DAG: @[[INT:lineprof.type[.0-9]*]] = private unnamed_addr constant [4 x i8] c"int\00"
// CHECK-DAG: @[[NODE_T:lineprof.type[.0-9]*]] = private unnamed_addr constant [7 x i8] c"node_t\00"
// CHECK-DAG: @[[DOUBLE:lineprof.type[.0-9]*]] = private unnamed_addr constant [7 x i8] c"double\00"
// CHECK-DAG: @[[FILE:lineprof.file[.0-9]*]] = private unnamed_addr constant [{{[0-9]+}} x i8] c"{{.*}}alloc-types.c\00"

struct node *typed(size_t k, struct node *old, const char *s) {
  // CHECK-DAG: @[[CAST:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[NODE]]{{[ ,].*}}@[[FILE]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  struct node *n = (struct node *)malloc(64);
  // CHECK-DAG: @[[INIT:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[NODE]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  struct node *m = malloc(64);
  // CHECK-DAG: @[[MEMBER:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[NODE]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  n->next = malloc(64);
  // CHECK-DAG: @[[SIZEOF_T:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[NODE]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  void *a = malloc(sizeof(struct node));
  // CHECK-DAG: @[[SIZEOF_E:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[NODE]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  void *b = malloc(sizeof *n);
  // CHECK-DAG: @[[CALLOC:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[NODE]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  void *c = calloc(k, sizeof *n);
  // CHECK-DAG: @[[INTS:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[INT]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  void *d = malloc(k * sizeof(int));
  // CHECK-DAG: @[[ROWS:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[INT]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  int (*rows)[4] = malloc(k * sizeof *rows);
  // CHECK-DAG: @[[TYPEDEF:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[NODE_T]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  node_t *t = malloc(64);
  // CHECK-DAG: @[[CONST:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[NODE]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  const struct node *e = malloc(64);
  // CHECK-DAG: @[[VOIDCAST:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[DOUBLE]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  void *f = (void *)malloc(sizeof(double));
  // CHECK-DAG: @[[COND:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[NODE]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  struct node *g = k ? malloc(64) : NULL;
  // CHECK-DAG: @[[REALLOC_OLD:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[NODE]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  void *h = realloc(old, 128);
  // CHECK-DAG: @[[REALLOC_SET:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[NODE]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  old = realloc(old, 256);
  // CHECK-DAG: @[[ARRAY:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[NODE]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  void *i = reallocarray(old, k, 16);
  struct node *pm;
  // CHECK-DAG: @[[MEMALIGN:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[NODE]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  int rc = posix_memalign((void **)&pm, 64, 64);
  // CHECK-DAG: @[[ALIGNED:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[INT]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  int *j = aligned_alloc(64, 64);
  // CHECK-DAG: @[[MACRO:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[NODE_T]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  node_t *o = NEW(node_t);
  // CHECK-DAG: @[[BUILTIN:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[INT]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  int *p = __builtin_malloc(sizeof(int));
  free(a), free(b), free(c), free(d), free(rows), free(t), free((void *)e);
  free(f), free(g), free(h), free(i), free(j), free(o), free(p), free(m);
  return rc ? n : pm;
}

void untyped(size_t k, const char *s) {
  // CHECK-DAG: @[[STRDUP:lineprof.alloc_site[.0-9]*]] = private constant {{.*}} { {{i8\*|ptr}} null, {{.*}}, i32 [[@LINE+1]], i32 0 }
  char *a = strdup(s);
  // CHECK-DAG: @[[STRNDUP:lineprof.alloc_site[.0-9]*]] = private constant {{.*}} { {{i8\*|ptr}} null, {{.*}}, i32 [[@LINE+1]], i32 0 }
  char *b = strndup(s, 4);
  // CHECK-DAG: @[[CHARS:lineprof.alloc_site[.0-9]*]] = private constant {{.*}} { {{i8\*|ptr}} null, {{.*}}, i32 [[@LINE+1]], i32 0 }
  char *c = malloc(k);
  // CHECK-DAG: @[[BYTES:lineprof.alloc_site[.0-9]*]] = private constant {{.*}} { {{i8\*|ptr}} null, {{.*}}, i32 [[@LINE+1]], i32 0 }
  unsigned char *d = malloc(k * sizeof(unsigned char));
  // CHECK-DAG: @[[ANON:lineprof.alloc_site[.0-9]*]] = private constant {{.*}} { {{i8\*|ptr}} null, {{.*}}, i32 [[@LINE+1]], i32 0 }
  struct { int x; } *e = malloc(8);
  // CHECK-DAG: @[[VOID:lineprof.alloc_site[.0-9]*]] = private constant {{.*}} { {{i8\*|ptr}} null, {{.*}}, i32 [[@LINE+1]], i32 0 }
  void *f = BUFFER(k);
  free(a), free(b), free(c), free(d), free(e), free(f);
}

// A return statement converts to the function's result type.
struct node *made(void) {
  // CHECK-DAG: @[[RETURN:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[NODE]]{{[ ,].*}}i32 [[@LINE+1]], i32 0 }
  return malloc(16);
}

#ifdef PROFILED
// PROF: @[[INT:lineprof.type[.0-9]*]] = private unnamed_addr constant [4 x i8] c"int\00"
// PROF: @[[SITE1:lineprof.alloc_site[.0-9]*]] = private constant {{.*}}@[[INT]]{{[ ,].*}}i32 [[@LINE+9]], i32 0 }
// PROF: call {{.*}}@calloc(i64 noundef %{{[0-9]+}}, i64 noundef 4)
// PROF-NEXT: %[[ON6:[0-9]+]] = load i32, {{i32\*|ptr}} @__lineprof_objects, align 4, !dbg ![[LINE0:[0-9]+]], !nosanitize
// PROF-NEXT: %[[T6:[0-9]+]] = icmp ne i32 %[[ON6]], 0
// PROF-NEXT: br i1 %[[T6]], label %[[HOOK6:[0-9]+]], label
// PROF: [[HOOK6]]:
// PROF-NEXT: call void @__lineprof_object_site({{.*}}@[[SITE1]])
// PROF-NOT: @calloc(
__attribute__((annotate("profile"))) int *profiled(size_t k) {
  return calloc(k, sizeof(int));
}
#endif

// Each call is followed by the hook's call with the block and its site,
// when object tracking is on.
// CHECK-LABEL: define {{.*}} @typed(
// CHECK: %[[R1:[0-9]+]] = call {{.*}}@malloc(
// CHECK-NEXT: %[[ON1:[0-9]+]] = load i32, {{i32\*|ptr}} @__lineprof_objects, align 4, !dbg ![[LINE0:[0-9]+]], !nosanitize
// CHECK-NEXT: %[[T1:[0-9]+]] = icmp ne i32 %[[ON1]], 0
// CHECK-NEXT: br i1 %[[T1]], label %[[HOOK1:[0-9]+]], label
// CHECK: [[HOOK1]]:
// CHECK-NEXT: call void @__lineprof_object_site({{i8\*|ptr}} %[[R1]], {{.*}}@[[CAST]])
// CHECK: call void @__lineprof_object_site({{.*}}@[[INIT]])
// CHECK: call void @__lineprof_object_site({{.*}}@[[MEMBER]])
// CHECK: call void @__lineprof_object_site({{.*}}@[[SIZEOF_T]])
// CHECK: call void @__lineprof_object_site({{.*}}@[[SIZEOF_E]])
// CHECK: %[[R2:[0-9]+]] = call {{.*}}@calloc(
// CHECK-NEXT: %[[ON2:[0-9]+]] = load i32, {{i32\*|ptr}} @__lineprof_objects, align 4, !dbg ![[LINE0]], !nosanitize
// CHECK-NEXT: %[[T2:[0-9]+]] = icmp ne i32 %[[ON2]], 0
// CHECK-NEXT: br i1 %[[T2]], label %[[HOOK2:[0-9]+]], label
// CHECK: [[HOOK2]]:
// CHECK-NEXT: call void @__lineprof_object_site({{i8\*|ptr}} %[[R2]], {{.*}}@[[CALLOC]])
// CHECK: call void @__lineprof_object_site({{.*}}@[[INTS]])
// CHECK: call void @__lineprof_object_site({{.*}}@[[ROWS]])
// CHECK: call void @__lineprof_object_site({{.*}}@[[TYPEDEF]])
// CHECK: call void @__lineprof_object_site({{.*}}@[[CONST]])
// CHECK: call void @__lineprof_object_site({{.*}}@[[VOIDCAST]])
// CHECK: call void @__lineprof_object_site({{.*}}@[[COND]])
// CHECK: %[[R3:[0-9]+]] = call {{.*}}@realloc(
// CHECK-NEXT: %[[ON3:[0-9]+]] = load i32, {{i32\*|ptr}} @__lineprof_objects, align 4, !dbg ![[LINE0]], !nosanitize
// CHECK-NEXT: %[[T3:[0-9]+]] = icmp ne i32 %[[ON3]], 0
// CHECK-NEXT: br i1 %[[T3]], label %[[HOOK3:[0-9]+]], label
// CHECK: [[HOOK3]]:
// CHECK-NEXT: call void @__lineprof_object_site({{i8\*|ptr}} %[[R3]], {{.*}}@[[REALLOC_OLD]])
// CHECK: call void @__lineprof_object_site({{.*}}@[[REALLOC_SET]])
// CHECK: call void @__lineprof_object_site({{.*}}@[[ARRAY]])
// posix_memalign's block is what it stored, or null if it failed.
// CHECK: %[[RC:[0-9]+]] = call i32 @posix_memalign({{i8\*\*|ptr}} noundef %[[OUT:[0-9]+]],
// CHECK-NEXT: %[[ON4:[0-9]+]] = load i32, {{i32\*|ptr}} @__lineprof_objects, align 4, !dbg ![[LINE0]], !nosanitize
// CHECK-NEXT: %[[T4:[0-9]+]] = icmp ne i32 %[[ON4]], 0
// CHECK-NEXT: br i1 %[[T4]], label %[[HOOK4:[0-9]+]], label
// CHECK: [[HOOK4]]:
// CHECK-NEXT: %[[BLOCK:[0-9]+]] = load {{i8\*|ptr}}, {{i8\*\*|ptr}} %[[OUT]], align 8, !dbg ![[LINE0]], !nosanitize
// CHECK-NEXT: %[[OK:[0-9]+]] = icmp eq i32 %[[RC]], 0
// CHECK-NEXT: %[[SEL:[0-9]+]] = select i1 %[[OK]], {{i8\*|ptr}} %[[BLOCK]], {{i8\*|ptr}} null
// CHECK-NEXT: call void @__lineprof_object_site({{i8\*|ptr}} %[[SEL]], {{.*}}@[[MEMALIGN]]) #{{[0-9]+}}, !dbg ![[LINE0]], !nosanitize
// CHECK: call void @__lineprof_object_site({{.*}}@[[ALIGNED]])
// CHECK: call void @__lineprof_object_site({{.*}}@[[MACRO]])
// CHECK: call void @__lineprof_object_site({{.*}}@[[BUILTIN]])
// CHECK-LABEL: define {{.*}} @untyped(
// CHECK: %[[S:[0-9]+]] = call {{.*}}@strdup(
// CHECK-NEXT: %[[ON5:[0-9]+]] = load i32, {{i32\*|ptr}} @__lineprof_objects, align 4, !dbg ![[LINE0:[0-9]+]], !nosanitize
// CHECK-NEXT: %[[T5:[0-9]+]] = icmp ne i32 %[[ON5]], 0
// CHECK-NEXT: br i1 %[[T5]], label %[[HOOK5:[0-9]+]], label
// CHECK: [[HOOK5]]:
// CHECK-NEXT: call void @__lineprof_object_site({{i8\*|ptr}} %[[S]], {{.*}}@[[STRDUP]])
// CHECK: call void @__lineprof_object_site({{.*}}@[[STRNDUP]])
// CHECK: call void @__lineprof_object_site({{.*}}@[[CHARS]])
// CHECK: call void @__lineprof_object_site({{.*}}@[[BYTES]])
// CHECK: call void @__lineprof_object_site({{.*}}@[[ANON]])
// CHECK: call void @__lineprof_object_site({{.*}}@[[VOID]])
// CHECK-LABEL: define {{.*}} @made(
// CHECK: call void @__lineprof_object_site({{.*}}@[[RETURN]])
// The hook's calls belong to no source line.
// CHECK: declare void @__lineprof_object_site({{.*}})
// CHECK: ![[LINE0]] = !DILocation(line: 0,
