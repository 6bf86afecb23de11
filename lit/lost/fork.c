// fork without exec in a multithreaded program: two threads of the parent
// are inside profiled frames at the fork. Each child starts from zero and
// writes its own file, with LINEPROF_FILE's %p or, without it, the pid
// appended; one child leaves by exit(), one by _exit(). The parent's file
// counts only the parent's calls. Every function is profiled.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -fplugin-arg-lineprof-all -O1 %s %ldflags -pthread -o forker
// RUN: env LINEPROF_FILE=prof.%%p.lprof sh -c 'echo $$ > ppid; exec ./forker' > out 2> err; test $? -eq 4
// RUN: FileCheck --check-prefix=OUT %s < out
// RUN: grep -c '^Wrote profile results to prof\.[0-9]*\.lprof$' err | FileCheck --check-prefix=THREE %s
// RUN: %lineprof show prof.$(cat ppid).lprof | FileCheck --check-prefix=PARENT %s
// RUN: ls prof.*.lprof | grep -v "prof.$(cat ppid).lprof" | xargs -n1 %lineprof show | grep 'long s = 0;' | awk '{print $2}' | sort -n | FileCheck --check-prefix=CHILDREN %s
// RUN: env ./forker > out 2> err; test $? -eq 4
// RUN: FileCheck --check-prefix=OUT %s < out
// RUN: %lineprof show forker.lprof | FileCheck --check-prefix=PARENT %s
// RUN: ls forker.lprof.* | xargs -n1 %lineprof show | grep 'long s = 0;' | awk '{print $2}' | sort -n | FileCheck --check-prefix=CHILDREN %s
// OUT: {{^12003$}}
// THREE: {{^3$}}
// CHILDREN: {{^7$}}
// CHILDREN-NEXT: {{^15$}}
// CHILDREN-NOT: {{.}}
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static sem_t halfway;

static long work(int k) {
    long s = 0;
    for (int i = 0; i < k; i++)
        s += i;
    return s;
}
// PARENT: Function: work at line [[@LINE-6]]
// PARENT: {{^ +}}[[@LINE-6]]{{ +}}4001 {{.*}}long s = 0;

static void *worker(void *unused) {
    long s = 0;
    for (int r = 0; r < 1000; r++)
        s += work(3);
    sem_post(&halfway);
    pthread_mutex_lock(&gate); /* the fork happens here */
    pthread_mutex_unlock(&gate);
    for (int r = 0; r < 1000; r++)
        s += work(3);
    return (void *)s;
}

static void *child_thread(void *unused) {
    for (int r = 0; r < 5; r++)
        work(3);
    return 0;
}

static pid_t child(int quick) {
    pid_t pid = fork();
    if (pid)
        return pid;
    if (quick) {
        for (int r = 0; r < 7; r++)
            work(3);
        _exit(0);
    }
    pthread_t t;
    pthread_create(&t, 0, child_thread, 0);
    for (int r = 0; r < 10; r++)
        work(3);
    pthread_join(t, 0);
    exit(0);
}
// PARENT: Function: child at line [[@LINE-16]]
// PARENT: {{^ +}}[[@LINE-16]]{{ +}}2 {{.*}}pid_t pid = fork();
// PARENT-NEXT: {{^ +}}[[@LINE-16]]{{ +}}2 {{.*}}if (pid)
// PARENT-NEXT: {{^ +}}[[@LINE-16]]{{ +}}2 {{.*}}return pid;
// PARENT-NEXT: {{^ +}}[[@LINE-16]]{{ +}}if (quick) {

int main(void) {
    pthread_t t[2];
    void *got;
    long total = work(3);
    sem_init(&halfway, 0, 0);
    pthread_mutex_lock(&gate);
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], 0, worker, 0);
    for (int i = 0; i < 2; i++)
        sem_wait(&halfway);
    pid_t a = child(0), b = child(1);
    pthread_mutex_unlock(&gate);
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], &got);
        total += (long)got;
    }
    int sa, sb;
    waitpid(a, &sa, 0);
    waitpid(b, &sb, 0);
    printf("%ld\n", total);
    return sa == 0 && sb == 0 ? 4 : 1;
}
