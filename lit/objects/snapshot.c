// LINEPROF_DUMP_SIGNAL: SIGUSR2 (by default) makes the runtime write a
// snapshot beside the profile while the program runs (snapshots.lprof.1),
// with the leak report so far; another signal by name or number; off; a
// bad value is reported; a handler the program installs wins. In a
// single-threaded program the thread that writes snapshots starts at the
// next allocation after the signal (e2e/one-thread.c), and what is still
// asked for at exit is written then, before the profile.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O1 %s %ldflags -o snapshots
// RUN: env LINEPROF_LEAKS=1 ./snapshots USR2 2> err && FileCheck %s < err
// RUN: %lineprof show --leaks snapshots.lprof.1 | FileCheck %s --check-prefix=LEAKS
// RUN: rm -f snapshots.lprof.1 && ./snapshots exit 2>&1 | FileCheck %s --check-prefix=EXIT
// RUN: rm -f snapshots.lprof.1 && env LINEPROF_DUMP_SIGNAL=SIGURG ./snapshots URG 2>&1 | FileCheck %s --check-prefix=URG
// RUN: rm -f snapshots.lprof.1 && env LINEPROF_DUMP_SIGNAL=12 ./snapshots USR2 2>&1 | FileCheck %s --check-prefix=URG
// RUN: env LINEPROF_DUMP_SIGNAL=off ./snapshots none 2>&1 | FileCheck %s --check-prefix=OFF
// RUN: env LINEPROF_DUMP_SIGNAL=USR9 ./snapshots none 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: rm -f snapshots.lprof.1 && ./snapshots own 2>&1 | FileCheck %s --check-prefix=OWN
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lineprof.h"

static volatile sig_atomic_t got;
static void own(int sig) { got = sig; }

/* Waits (at most 10 s) for the snapshot to exist, allocating meanwhile. */
static int wait_for(const char *path) {
  for (int i = 0; i < 1000; i++) {
    if (!access(path, F_OK))
      return 1;
    free(malloc(16));
    nanosleep(&(struct timespec){0, 10000000}, NULL);
  }
  return 0;
}


LINEPROF_PROFILE int main(int argc, char **argv) {
  const char *how = argc > 1 ? argv[1] : "none";
  if (!strcmp(how, "own")) {
    signal(SIGUSR2, own);
    raise(SIGUSR2);
    printf("own handler got %d; snapshot %s\n", got,
           access("snapshots.lprof.1", F_OK) ? "none" : "written");
    return 0;
  }
  if (!strcmp(how, "none"))
    return 0;
  if (!strcmp(how, "exit")) { /* asked for, then no allocation: at exit */
    raise(SIGUSR2);
    return 0;
  }
  malloc(40); /* leaked at once */
  raise(!strcmp(how, "URG") ? SIGURG : SIGUSR2);
  printf("snapshot %s\n", wait_for("snapshots.lprof.1") ? "written" : "missing");
  return 0;
}
// CHECK: Wrote profile snapshot to snapshots.lprof.1
// CHECK: Wrote profile results to snapshots.lprof
// EXIT: Wrote profile snapshot to snapshots.lprof.1
// EXIT-NEXT: Wrote profile results to snapshots.lprof
// The main thread, blocked in nanosleep, may still hold the block in a
// stack slot: the snapshot's report may or may not count it.
// LEAKS: Leaked blocks: {{[01]}} ({{0|40}} bytes), unreachable from globals, stacks and registers
// URG: Wrote profile snapshot to snapshots.lprof.1
// URG: snapshot written
// OFF-NOT: lineprof:
// BAD: lineprof: LINEPROF_DUMP_SIGNAL=USR9 is not a signal name, number or off; using SIGUSR2
// OWN: own handler got 12; snapshot none
