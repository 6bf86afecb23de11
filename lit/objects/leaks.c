// The leak report: blocks no global, stack, TLS or register reaches, by
// type and allocating line, largest first; a block held only by a leaked
// block is leaked; blocks held by a global list, a thread-local, a local of
// a live frame and another thread's stack are not. At exit (LINEPROF_LEAKS)
// the report goes to stderr and into the profile, which `show --leaks`
// prints again with the allocating lines.
// RUN: rm -rf %t && mkdir -p %t && cd %t && cp %s leaks.c
// RUN: %clang %cflags -I %S/../../runtime/abi -O1 leaks.c %ldflags -pthread -o leaks
// RUN: env LINEPROF_LEAKS=1 ./leaks > out 2> err
// RUN: FileCheck %s --check-prefix=CALL --match-full-lines < out
// RUN: FileCheck %s --check-prefix=EXIT --match-full-lines < err
// RUN: %lineprof show --leaks leaks.lprof | FileCheck %s --check-prefix=SHOW --match-full-lines
// RUN: env LINEPROF_OBJECTS=1 ./leaks 2>&1 | grep -c 'Leaked blocks' | FileCheck %s --check-prefix=NOEXIT
// RUN: not %lineprof show --leaks leaks.lprof 2>&1 | FileCheck %s --check-prefix=NONE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineprof.h"
#include "rt_abi.h"

struct node { struct node *next; char pad[24]; };
/* What the plugin adds after an allocation. */
#define SITE(p, type)                                                          \
  ({                                                                           \
    static const struct lineprof_alloc_site s = {type, "leaks.c", __LINE__};  \
    site(p, &s);                                                               \
  })

struct node *list;
_Thread_local void *tls_block;
static pthread_barrier_t ready, done;

static void *site(void *p, const struct lineprof_alloc_site *s) {
  __lineprof_object_site(p, s);
  return p;
}

__attribute__((noinline)) static void lose(void) {
  struct node *a = NULL; /* a chain: each held only by the one before */
  for (int i = 0; i < 3; i++) {
    struct node *n = SITE(malloc(sizeof *n), "struct node");
    n->next = a;
    a = n;
  }
  SITE(malloc(100), NULL);
}

__attribute__((noinline)) static void scrub(void) {
  volatile char junk[16384];
  memset((char *)junk, 0, sizeof junk);
}

static void *holder(void *arg) {
  void *volatile mine = SITE(malloc(48), "struct stacked"); /* on its stack */
  pthread_barrier_wait(&ready);
  pthread_barrier_wait(&done);
  return arg == mine ? NULL : arg;
}

LINEPROF_PROFILE int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  pthread_t t;
  pthread_barrier_init(&ready, NULL, 2);
  pthread_barrier_init(&done, NULL, 2);
  pthread_create(&t, NULL, holder, NULL);
  pthread_barrier_wait(&ready);
  for (int i = 0; i < 4; i++) {
    struct node *n = SITE(malloc(sizeof *n), "struct node");
    n->next = list;
    list = n;
  }
  tls_block = SITE(malloc(64), "struct tls");
  void *volatile local = SITE(malloc(64), "struct stacked");
  lose();
  scrub();
  lineprof_get_leaking_objects();
  pthread_barrier_wait(&done);
  pthread_join(t, NULL);
  local = NULL;
  return 0;
}
// CALL:      Leaked blocks: 4 (196 bytes), unreachable from globals, stacks and registers
// CALL-NEXT:    Count      Bytes  Type         Allocated at
// CALL-NEXT:        1        100  -            leaks.c:47
// CALL-NEXT:        3         96  struct node  leaks.c:43
// CALL-NOT: {{.}}
// At exit main's local is gone (its TLS is not: the main thread still
// runs). The exited thread's block is leaked too, but its stack usually
// stays mapped in glibc's cache of stacks with the pointer still in it, so
// the block usually still looks reachable (a false negative, never a false
// leak); one CI rehearsal of 2026-12-05 in six reported it (6 blocks, 308
// bytes), which is right, so both are accepted.
// EXIT:      Leaked blocks: {{5 \(260|6 \(308}} bytes), unreachable from globals, stacks and registers
// EXIT-NEXT:    Count      Bytes  Type            Allocated at
// EXIT-NEXT:        1        100  -               leaks.c:47
// EXIT-NEXT:        3         96  struct node     leaks.c:43
// EXIT-NEXT:        1         64  struct stacked  leaks.c:75
// EXIT-NEXT: {{(       1         48  struct stacked  leaks.c:56|Wrote profile results to leaks.lprof)}}
// SHOW:      Leaked blocks: {{5 \(260|6 \(308}} bytes), unreachable from globals, stacks and registers
// SHOW-NEXT:    Count      Bytes  Type            Allocated at
// SHOW-NEXT:        1        100  -               leaks.c:47  SITE(malloc(100), NULL);
// SHOW-NEXT:        3         96  struct node     leaks.c:43  struct node *n = SITE(malloc(sizeof *n), "struct node");
// SHOW-NEXT:        1         64  struct stacked  leaks.c:75  void *volatile local = SITE(malloc(64), "struct stacked");
// Without LINEPROF_LEAKS, only the program's own call prints a report.
// NOEXIT: {{^}}1{{$}}
// NONE: lineprof: no leak report in leaks.lprof (the program ran without LINEPROF_LEAKS=1)
