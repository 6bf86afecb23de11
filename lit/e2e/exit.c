// The profile is written when a profiled function calls exit() from nested
// profiled frames, with the program's exit status unchanged; the lines that
// ran before exit() keep their Hits.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O2 %s %ldflags -o exiter
// RUN: ./exiter 2> err.txt; test $? -eq 7
// RUN: env LINEPROF_TIMER=sample LINEPROF_SAMPLE_US=10 ./exiter 2> /dev/null; test $? -eq 7
// RUN: FileCheck --check-prefix=WROTE %s < err.txt
// RUN: %lineprof show exiter.lprof | FileCheck %s
// WROTE: Wrote profile results to exiter.lprof
// CHECK: {{^ +}}[[@LINE+9]]{{ +}}4 {{.*}}if (depth == 3)
// CHECK: {{^ +}}[[@LINE+9]]{{ +}}1 {{.*}}exit(7);
// CHECK: {{^ +}}[[@LINE+9]]{{ +}}3 {{.*}}descend(depth + 1);
// CHECK-NOT: {{^ +}}[[@LINE+9]]{{ +}}{{[0-9]}}
#include <stdlib.h>

#include "lineprof.h"

LINEPROF_PROFILE static void descend(int depth) {
    if (depth == 3)
        exit(7);
    descend(depth + 1);
    abort();
}

int main(void) {
    descend(0);
    return 0;
}
