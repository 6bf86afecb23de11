// Nothing is lost on quick_exit(), abort() or a segmentation fault inside a
// profiled function: the profile is written (best effort for signals), and
// then the program ends exactly as it would have (status 5, SIGABRT, SIGSEGV).
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O1 %s %ldflags -o fatal
// RUN: ./fatal quick 2> err.txt; test $? -eq 5
// RUN: %lineprof show fatal.lprof | FileCheck --check-prefix=QUICK %s
// RUN: not --crash ./fatal abort 2> err.txt
// RUN: FileCheck --check-prefix=WROTE %s < err.txt
// RUN: %lineprof show fatal.lprof | FileCheck --check-prefix=ABORT %s
// RUN: not --crash ./fatal segv 2> err.txt
// RUN: %lineprof show fatal.lprof | FileCheck --check-prefix=SEGV %s
// RUN: sh -c './fatal segv; echo status=$?' 2>/dev/null | FileCheck --check-prefix=STATUS %s
// WROTE: Wrote profile results to fatal.lprof
// QUICK: {{^ +}}[[@LINE+14]]{{ +}}3 {{.*}}count++;
// QUICK: {{^ +}}[[@LINE+15]]{{ +}}1 {{.*}}quick_exit(5);
// ABORT: {{^ +}}[[@LINE+16]]{{ +}}1 {{.*}}abort();
// SEGV: {{^ +}}[[@LINE+17]]{{ +}}1 {{.*}}*(volatile int *)0 = 1;
// STATUS: status=139
#include <stdlib.h>
#include <string.h>

#include "lineprof.h"

static volatile int count;

LINEPROF_PROFILE static void die(const char *how) {
    for (int i = 0; i < 3; i++)
        count++;
    if (!strcmp(how, "quick"))
        quick_exit(5);
    if (!strcmp(how, "abort"))
        abort();
    if (!strcmp(how, "segv"))
        *(volatile int *)0 = 1;
}

int main(int argc, char **argv) {
    die(argc > 1 ? argv[1] : "");
    return 0;
}
