// fork(): the child starts from zero and writes its own file (the pid is
// appended when LINEPROF_FILE has no %p); the parent's file counts only the
// parent's calls. Under ASan, LeakSanitizer's check at the child's exit can
// deadlock with the snapshot thread the runtime restarts in the child while
// that thread is still being set up inside ASan's allocator (both wait on
// its semaphores; seen once in CI): the forker runs without the leak check.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O1 %s %ldflags -o forker
// RUN: env ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" ./forker 2> err.txt
// RUN: %lineprof show forker.lprof | FileCheck --check-prefix=PARENT %s
// RUN: %lineprof show forker.lprof.* | FileCheck --check-prefix=CHILD %s
// The same with the sampling timer (the child arms its own).
// RUN: rm forker.lprof*
// RUN: env ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" LINEPROF_TIMER=sample LINEPROF_SAMPLE_US=100 ./forker 2> err.txt
// RUN: %lineprof show forker.lprof | FileCheck --check-prefix=PARENT %s
// RUN: %lineprof show forker.lprof.* | FileCheck --check-prefix=CHILD %s
// PARENT: {{^ +}}[[@LINE+6]]{{ +}}5 {{.*}}return x + 1;
// CHILD: {{^ +}}[[@LINE+5]]{{ +}}3 {{.*}}return x + 1;
#include <sys/wait.h>
#include <unistd.h>
#include "lineprof.h"
LINEPROF_PROFILE static int step(int x) {
    return x + 1;
}
int main(void) {
    int v = step(0) + step(0);
    pid_t pid = fork();
    if (pid == 0) {
        for (int i = 0; i < 3; i++) v = step(v);
        return 0;
    }
    waitpid(pid, 0, 0);
    for (int i = 0; i < 3; i++) v = step(v);
    return v == 5 ? 0 : 1;
}
