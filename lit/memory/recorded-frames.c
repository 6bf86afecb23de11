// Heap memory per line in a build without exact probes waits in the
// thread's record of its calls in progress (runtime/rt/rt_mem_stack.c)
// until a later allocation sees them gone. Nothing may be lost or counted
// twice on the way: a profile written meanwhile includes what waits, a
// thread that exits settles its own, a call left by longjmp is settled
// when next seen, and a forked child starts from zero. The exact build,
// which charges each line as it ends, gives the same Increments.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %sampled_cflags -O2 %s %ldflags -pthread -o sampled
// RUN: %clang %cflags -O2 %s %ldflags -pthread -o exact
// RUN: env LINEPROF_MEMORY=heap ./sampled 2> /dev/null
// RUN: %lineprof show --memory --precision 4 early.lprof | FileCheck %s --check-prefixes=BOTH,EARLY
// RUN: %lineprof show --memory --precision 4 sampled.lprof | FileCheck %s --check-prefixes=BOTH,FINAL
// RUN: %lineprof show --memory --precision 4 sampled.lprof.* | FileCheck %s --check-prefix=CHILD
// RUN: rm early.lprof && env LINEPROF_MEMORY=heap ./exact 2> /dev/null
// RUN: %lineprof show --memory --precision 4 early.lprof | FileCheck %s --check-prefixes=BOTH,EARLY
// RUN: %lineprof show --memory --precision 4 exact.lprof | FileCheck %s --check-prefixes=BOTH,FINAL
// RUN: %lineprof show --memory --precision 4 exact.lprof.* | FileCheck %s --check-prefix=CHILD
#include <pthread.h>
#include <setjmp.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lineprof.h"

#define MIB (1 << 20)
static void *keep[16];
static int nkeep;

// The thread's 2 MiB, the longjmp's 1/8, the snapshot's 1/2 twice, the
// child's 1/4 in its own profile only.
// EARLY: {{^ +[0-9]+ +[0-9.]+ MiB +}}2.6250 MiB{{ +}}6{{ +}}keep[nkeep++] = malloc(n);
// FINAL: {{^ +[0-9]+ +[0-9.]+ MiB +}}3.1250 MiB{{ +}}8{{ +}}keep[nkeep++] = malloc(n);
// CHILD: {{^ +[0-9]+ +[0-9.]+ MiB +}}0.2500 MiB{{ +}}2{{ +}}keep[nkeep++] = malloc(n);
LINEPROF_PROFILE
static void leaf(size_t n) {
  keep[nkeep++] = malloc(n);
}

// EARLY: {{^ +[0-9]+ +[0-9.]+ MiB +}}1.3125 MiB{{ +}}3{{ +}}leaf(n);
// EARLY: {{^ +[0-9]+ +[0-9.]+ MiB +}}1.3125 MiB{{ +}}3{{ +}}leaf(n + 0);
// CHILD: {{^ +[0-9]+ +[0-9.]+ MiB +}}0.1250 MiB{{ +}}1{{ +}}leaf(n);
// CHILD: {{^ +[0-9]+ +[0-9.]+ MiB +}}0.1250 MiB{{ +}}1{{ +}}leaf(n + 0);
LINEPROF_PROFILE
static void mid(size_t n) {
  leaf(n);
  leaf(n + 0);
}

static jmp_buf env;

// BOTH: {{^ +[0-9]+ +[0-9.]+ MiB +}}0.1250 MiB{{ +}}1{{ +}}mid(MIB / 16);
LINEPROF_PROFILE
static void thrower(void) {
  mid(MIB / 16);
  longjmp(env, 1);
}

// BOTH: {{^ +[0-9]+ +[0-9.]+ MiB +}}0.1250 MiB{{ +}}1{{ +}}thrower();
LINEPROF_PROFILE
static void catcher(void) {
  if (!setjmp(env))
    thrower();
}

// BOTH: {{^ +[0-9]+ +[0-9.]+ MiB +}}2.0000 MiB{{ +}}1{{ +}}mid(MIB);
LINEPROF_PROFILE
static void *in_thread(void *arg) {
  mid(MIB);
  return arg;
}

// BOTH:  {{^ +[0-9]+ +[0-9.]+ MiB +}}0.5000 MiB{{ +}}1{{ +}}mid(MIB / 4);
// EARLY: {{^ +[0-9]+}}{{.*}} 0.0000 MiB{{ +}}1{{ +}}lineprof_write_profile("early.lprof");
// EARLY: {{^ +[0-9]+ }}mid(MIB / 4 + 0);
// FINAL: {{^ +[0-9]+ +[0-9.]+ MiB +}}0.5000 MiB{{ +}}1{{ +}}mid(MIB / 4 + 0);
LINEPROF_PROFILE
static void snapshot(void) {
  mid(MIB / 4);
  lineprof_write_profile("early.lprof");
  mid(MIB / 4 + 0);
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, in_thread, NULL);
  pthread_join(t, NULL);
  catcher();
  snapshot();
  pid_t pid = fork();
  if (pid == 0) {
    mid(MIB / 8);
    return 0;
  }
  int status;
  waitpid(pid, &status, 0);
  return status;
}
