// recorded_frames.c - for recorded-frames.test and recorded-frames-fork.test:
// heap bytes charged to the lines of calls in progress in a thread that
// exits, across a longjmp, into a profile written meanwhile, and (with an
// argument) in a forked child. The checks are here, by prefix.
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

int main(int argc, char **argv) {
  (void)argv;
  pthread_t t;
  pthread_create(&t, NULL, in_thread, NULL);
  pthread_join(t, NULL);
  catcher();
  snapshot();
  if (argc < 2)
    return 0;
  pid_t pid = fork();
  if (pid == 0) {
    mid(MIB / 8);
    return 0;
  }
  int status;
  waitpid(pid, &status, 0);
  return status;
}
