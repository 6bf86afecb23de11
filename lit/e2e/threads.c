// Hits are exact with 8 threads hammering one profiled function (per-thread
// counters, no lost increments), including threads that exit early and a
// thread still running when main returns.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O2 %s %ldflags -o threads
// RUN: ./threads 2>/dev/null
// RUN: %lineprof show threads.lprof | FileCheck %s
// The same with a sampling timer per thread, created and deleted as the
// threads come and go.
// RUN: env LINEPROF_TIMER=sample LINEPROF_SAMPLE_US=100 ./threads 2> err.txt
// RUN: FileCheck --check-prefix=ERR --implicit-check-not=lineprof: %s < err.txt
// ERR: Wrote profile results to threads.lprof
// RUN: %lineprof show threads.lprof | FileCheck %s
#include <pthread.h>
#include <unistd.h>

#include "lineprof.h"

// 8 threads x 20000 calls + 1 call from the straggler = 160001 calls.
// CHECK: Function: work at line [[@LINE+2]]
// CHECK: ======
LINEPROF_PROFILE static long work(int k) {
    long s = 0;
    for (int i = 0; i < k; i++)
        s += i;
    return s;
}
// CHECK-NEXT: {{^ +}}[[@LINE-6]]{{ +}}LINEPROF_PROFILE
// CHECK-NEXT: {{^ +}}[[@LINE-6]]    160001 {{.*}}long s = 0;
// CHECK-NEXT: {{^ +}}[[@LINE-6]]    960006 {{.*}}for (int i = 0; i < k; i++)
// CHECK-NEXT: {{^ +}}[[@LINE-6]]    800005 {{.*}}s += i;
// CHECK-NEXT: {{^ +}}[[@LINE-6]]    160001 {{.*}}return s;
static void *hammer(void *arg) {
    long total = 0;
    for (int r = 0; r < 20000; r++)
        total += work(5);
    return (void *)total;
}

static int straggled; /* main returns once the straggler has called work */

static void *straggler(void *arg) {
    work(5);
    __atomic_store_n(&straggled, 1, __ATOMIC_RELEASE);
    for (;;) /* still running at exit (a sample's signal ends a pause) */
        pause();
}

int main(void) {
    pthread_t t[8], s;
    for (int i = 0; i < 8; i++)
        pthread_create(&t[i], 0, hammer, 0);
    for (int i = 0; i < 8; i++)
        pthread_join(t[i], 0);
    pthread_create(&s, 0, straggler, 0);
    /* Not a fixed sleep: on a loaded machine the thread may not have run. */
    while (!__atomic_load_n(&straggled, __ATOMIC_ACQUIRE))
        usleep(1000);
    return 0;
}
