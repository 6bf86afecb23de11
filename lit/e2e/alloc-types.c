// A program whose allocation calls report their sites links with the
// runtime and runs unchanged: same output, same exit status, the blocks
// intact (posix_memalign's failure included), profiled or not.
// (Under sanitizers their allocator answers posix_memalign: lit has ASan
// return an error for the bad alignment this test passes, as glibc does,
// rather than stop the program: allocator_may_return_null.)
// Not under TSan: object tracking stays off there (its shadow memory cannot
// be told from the program's, runtime/rt/rt_heap_sanitizer.c), and the
// SITES checks need it.
// UNSUPPORTED: tsan
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O0 %s %ldflags -o sites0
// RUN: ./sites0 2> err.txt | FileCheck %s
// RUN: %clang %cflags -O2 %s %ldflags -o sites2
// RUN: ./sites2 2> err.txt | FileCheck %s
// RUN: %lineprof show sites2.lprof | FileCheck --check-prefix=PROFILE %s
// Compiled with the plugin but nothing profiled, it still links and runs.
// RUN: %clang %cflags -O1 -DNOTHING_PROFILED %s %ldflags -o plain
// RUN: ./plain | FileCheck %s
// With a __lineprof_object_site of its own, the program sees each call's
// site and block (the calls are made while object tracking is on).
// RUN: %clang %cflags -O1 -DPRINT_SITES %s %ldflags -o print
// RUN: env LINEPROF_OBJECTS=1 ./print 2>&1 >/dev/null | FileCheck --check-prefix=SITES %s
// RUN: ./print 2>&1 >/dev/null | FileCheck --check-prefix=OFF --allow-empty %s
// OFF-NOT: site
// SITES-COUNT-3: site struct node {{.*}}alloc-types.c:[[@LINE+33]] block
// SITES-NEXT: site (null) {{.*}}alloc-types.c:[[@LINE+49]] block
// SITES-NEXT: site (null) {{.*}}alloc-types.c:[[@LINE+52]] block
// SITES-NEXT: site (null) {{.*}}alloc-types.c:[[@LINE+55]] null
// SITES-NEXT: site int {{.*}}alloc-types.c:[[@LINE+56]] block
// SITES-NEXT: site int {{.*}}alloc-types.c:[[@LINE+57]] block
// CHECK: list 3 2 1
// CHECK-NEXT: copy hello
// CHECK-NEXT: aligned 0 ok
// CHECK-NEXT: bad alignment 22 null
// CHECK-NEXT: grown 10 20 30
// PROFILE: Function: push
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node { struct node *next; int v; };

#ifdef PRINT_SITES
struct lineprof_alloc_site {
  const char *type, *file;
  unsigned line, reserved;
};
void __lineprof_object_site(void *b, const struct lineprof_alloc_site *s) {
  fprintf(stderr, "site %s %s:%u %s\n", s->type ? s->type : "(null)",
          s->file, s->line, b ? "block" : "null");
}
#endif

#ifndef NOTHING_PROFILED
__attribute__((annotate("profile")))
#endif
static struct node *push(struct node *head, int v) {
  struct node *n = malloc(sizeof *n);
  n->next = head;
  n->v = v;
  return n;
}

int main(void) {
  struct node *l = NULL;
  for (int i = 1; i <= 3; i++)
    l = push(l, i);
  printf("list");
  while (l) {
    struct node *next = l->next;
    printf(" %d", l->v);
    free(l);
    l = next;
  }
  char *s = strdup("hello");
  printf("\ncopy %s\n", s);
  free(s);
  void *p = NULL;
  int rc = posix_memalign(&p, 64, 100);
  printf("aligned %d %s\n", rc, p && (size_t)p % 64 == 0 ? "ok" : "bad");
  free(p);
  void *q = NULL;
  rc = posix_memalign(&q, 3, 100);
  printf("bad alignment %d %s\n", rc, q ? "set" : "null");
  int *a = calloc(2, sizeof(int));
  a[0] = 10, a[1] = 20;
  a = realloc(a, 3 * sizeof *a);
  a[2] = 30;
  printf("grown %d %d %d\n", a[0], a[1], a[2]);
  free(a);
  return 0;
}
