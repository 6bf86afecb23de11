// exec flushes first: the profile of the work done before execv is written
// (exec replaces the process without running atexit handlers). A forked
// child that runs no profiled line before its exec leaves no file.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O1 %s %ldflags -o execer
// RUN: ./execer 2> err.txt | FileCheck --check-prefix=OUT %s
// RUN: FileCheck --check-prefix=WROTE %s < err.txt
// RUN: %lineprof show execer.lprof | FileCheck %s
// The sampling timer stops before the exec: no signal kills the new program.
// RUN: env LINEPROF_TIMER=sample LINEPROF_SAMPLE_US=10 ./execer 2> err.txt | FileCheck --check-prefix=OUT %s
// RUN: %lineprof show execer.lprof | FileCheck %s
// RUN: ls | FileCheck --check-prefix=FILES %s
// OUT: replaced
// WROTE: Wrote profile results to execer.lprof
// WROTE-NOT: Wrote
// CHECK: {{^ +}}[[@LINE+11]]{{ +}}4 {{.*}}for (int i = 0; i < 3; i++)
// FILES: execer.lprof
// FILES-NOT: execer.lprof.
#include <sys/wait.h>
#include <unistd.h>

#include "lineprof.h"

static volatile int sink;

LINEPROF_PROFILE static void work(void) {
    for (int i = 0; i < 3; i++)
        sink += i;
}

int main(void) {
    work();
    pid_t pid = fork();
    if (pid == 0) {
        execl("/bin/true", "true", (char *)0);
        _exit(1);
    }
    waitpid(pid, 0, 0);
    execl("/bin/echo", "echo", "replaced", (char *)0);
    return 1;
}
