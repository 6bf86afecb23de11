// longjmp out of nested profiled frames, back to a profiled setjmp: exact
// Hits in every frame, and times that add up. The frames left behind keep
// their Hits but not the time of the line they were on; in the function
// that called setjmp the line it was on when it called them (dive(3)) gets
// the time until its next line event, as a line that raises does in
// Python, so its total covers its callees' and stays within the run's wall
// time at every -O level (the call's clock, kept by the runtime, must not
// roll back with longjmp, which would count the time spin_ms() took twice).
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O0 %s %ldflags -o jump-O0
// RUN: %clang %cflags -O2 %s %ldflags -o jump-O2
// RUN: env LINEPROF_TIMER=exact ./jump-O0 2> err.txt
// RUN: env LINEPROF_TIMER=exact ./jump-O2 2> err.txt
// RUN: %lineprof show jump-O0.lprof | FileCheck %s
// RUN: %lineprof show jump-O2.lprof | FileCheck %s
// RUN: %lineprof export --format=json -o O0.json jump-O0.lprof
// RUN: %lineprof export --format=json -o O2.json jump-O2.lprof
// RUN: python3 %S/Inputs/longjmp_times.py O0.json | FileCheck --check-prefix=TIMES %s
// RUN: python3 %S/Inputs/longjmp_times.py O2.json | FileCheck --check-prefix=TIMES %s
// CHECK: Function: dive at line [[@LINE+34]]
// CHECK: {{^ +}}[[@LINE+34]]{{ +}}80 {{.*}}if (depth == 0)
// CHECK: {{^ +}}[[@LINE+34]]{{ +}}20{{ +}}0.0 {{.*}}longjmp(env, 1);
// CHECK: {{^ +}}[[@LINE+34]]{{ +}}60{{ +}}0.0 {{.*}}dive(depth - 1);
// CHECK: Function: catcher at line [[@LINE+36]]
// CHECK: {{^ +}}[[@LINE+36]]{{ +}}1 {{.*}}int caught = 0;
// CHECK: {{^ +}}[[@LINE+36]]{{ +}}21 {{.*}}for (int r = 0; r < rounds; r++) {
// CHECK: {{^ +}}[[@LINE+36]]{{ +}}20 {{.*}}if (setjmp(env) == 0) {
// CHECK: {{^ +}}[[@LINE+36]]{{ +}}20 {{.*}}spin_ms(2);
// CHECK: {{^ +}}[[@LINE+36]]{{ +}}20{{ +}}{{[1-9][0-9.]*}} {{.*}}dive(3);
// CHECK: {{^ +}}[[@LINE+37]]{{ +}}20 {{.*}}caught++;
// CHECK: {{^ +}}[[@LINE+38]]{{ +}}1 {{.*}}return caught;
// TIMES: catcher: lines within the run True, total within the run True
// TIMES: dive: lines within the run True, total within the run True
// TIMES: catcher includes dive True
#include <setjmp.h>
#include <time.h>

#include "lineprof.h"

static jmp_buf env;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void spin_ms(double ms) {
    double end = now_ms() + ms;
    while (now_ms() < end)
        ;
}

LINEPROF_PROFILE static void dive(int depth) {
    if (depth == 0)
        longjmp(env, 1);
    dive(depth - 1);
}

LINEPROF_PROFILE static int catcher(int rounds) {
    int caught = 0;
    for (int r = 0; r < rounds; r++) {
        if (setjmp(env) == 0) {
            spin_ms(2);
            dive(3);
        } else
            caught++;
    }
    return caught;
}

int main(void) {
    spin_ms(10); // the run lasts 10 ms longer than catcher()
    return catcher(20) == 20 ? 0 : 1;
}
