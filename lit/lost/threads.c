// Threads that exit while others run keep their counts: four short-lived
// threads (two leave through pthread_exit from a nested profiled frame), a
// detached one, and two that are still running when the others have gone.
// Every function is profiled. Exact Hits with the default timer, with a
// sampling timer per thread (created and deleted as threads come and go),
// and in continuous mode (each thread's counters in the file).
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -fplugin-arg-lineprof-all -O2 %s %ldflags -pthread -o threads
// RUN: ./threads > out 2> err
// RUN: FileCheck --check-prefix=OUT %s < out
// RUN: FileCheck --check-prefix=ERR %s < err --implicit-check-not=lineprof --implicit-check-not=Wrote
// RUN: %lineprof show threads.lprof | FileCheck %s
// RUN: env LINEPROF_TIMER=sample LINEPROF_SAMPLE_US=100 ./threads > out 2> err
// RUN: FileCheck --check-prefix=OUT %s < out
// RUN: FileCheck --check-prefix=ERR %s < err --implicit-check-not=lineprof --implicit-check-not=Wrote
// RUN: %lineprof show threads.lprof | FileCheck %s
// RUN: env LINEPROF_FILE=threads%%c.lprof ./threads > out 2> err
// RUN: FileCheck --check-prefix=OUT %s < out
// RUN: FileCheck --check-prefix=ERR %s < err --implicit-check-not=lineprof --implicit-check-not=Wrote
// RUN: %lineprof show threads.lprof | FileCheck %s
// OUT: {{^12012$}}
// ERR: Wrote profile results to threads.lprof
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static sem_t counted;

// 4 x 1000 calls from the short-lived threads, 2 x 2 from the long-lived
// ones, 1 from the detached one.
// CHECK: Function: work at line [[@LINE+1]]
static long work(int k) {
    long s = 0;
    for (int i = 0; i < k; i++)
        s += i;
    return s;
}
// CHECK: {{^ +}}[[@LINE-5]]{{ +}}4005 {{.*}}long s = 0;
// CHECK-NEXT: {{^ +}}[[@LINE-5]]{{ +}}16020 {{.*}}for (int i = 0; i < k; i++)
// CHECK-NEXT: {{^ +}}[[@LINE-5]]{{ +}}12015 {{.*}}s += i;
// CHECK-NEXT: {{^ +}}[[@LINE-5]]{{ +}}4005 {{.*}}return s;

// CHECK: Function: leave at line [[@LINE+1]]
static void leave(long s) {
    pthread_exit((void *)s);
}
// CHECK: {{^ +}}[[@LINE-2]]{{ +}}2 {{.*}}pthread_exit((void *)s);

// CHECK: Function: short_lived at line [[@LINE+1]]
static void *short_lived(void *by_pthread_exit) {
    long s = 0;
    for (int r = 0; r < 1000; r++)
        s += work(3);
    if (by_pthread_exit)
        leave(s);
    return (void *)s;
}
// CHECK: {{^ +}}[[@LINE-5]]{{ +}}4000 {{.*}}s += work(3);
// CHECK-NEXT: {{^ +}}[[@LINE-5]]{{ +}}4 {{.*}}if (by_pthread_exit)
// CHECK-NEXT: {{^ +}}[[@LINE-5]]{{ +}}2 {{.*}}leave(s);
// CHECK-NEXT: {{^ +}}[[@LINE-5]]{{ +}}2 {{.*}}return (void *)s;

// CHECK: Function: long_lived at line [[@LINE+1]]
static void *long_lived(void *unused) {
    long s = work(3);
    sem_post(&counted);
    pthread_mutex_lock(&gate); /* until the others have exited */
    pthread_mutex_unlock(&gate);
    return (void *)(s + work(3));
}
// CHECK: {{^ +}}[[@LINE-2]]{{ +}}2 {{.*}}return (void *)(s + work(3));

// The lines after sem_post may run after the profile is written.
// CHECK: Function: detached at line [[@LINE+1]]
static void *detached(void *unused) {
    work(3);
    sem_post(&counted);
    return 0;
}
// CHECK: {{^ +}}[[@LINE-4]]{{ +}}1 {{.*}}work(3);

// CHECK: Function: main at line [[@LINE+1]]
int main(void) {
    pthread_t s[4], l[2], d;
    void *got;
    long total = 0;
    sem_init(&counted, 0, 0);
    pthread_mutex_lock(&gate);
    for (int i = 0; i < 2; i++)
        pthread_create(&l[i], 0, long_lived, 0);
    for (int i = 0; i < 4; i++)
        pthread_create(&s[i], 0, short_lived, i % 2 ? &gate : 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(s[i], &got);
        total += (long)got;
    }
    pthread_create(&d, 0, detached, 0);
    pthread_detach(d);
    for (int i = 0; i < 3; i++)
        sem_wait(&counted);
    pthread_mutex_unlock(&gate);
    for (int i = 0; i < 2; i++) {
        pthread_join(l[i], &got);
        total += (long)got;
    }
    printf("%ld\n", total);
    return 0;
}
// CHECK: {{^ +}}[[@LINE-16]]{{ +}}5 {{.*}}for (int i = 0; i < 4; i++) {
// CHECK-NEXT: {{^ +}}[[@LINE-16]]{{ +}}4 {{.*}}pthread_join(s[i], &got);
// CHECK-NEXT: {{^ +}}[[@LINE-16]]{{ +}}4 {{.*}}total += (long)got;
// CHECK: {{^ +}}[[@LINE-8]]{{ +}}2 {{.*}}total += (long)got;
// CHECK-NEXT: {{^ +}}[[@LINE-8]]{{ +}}
// CHECK-NEXT: {{^ +}}[[@LINE-8]]{{ +}}1 {{.*}}printf("%ld\n", total);
