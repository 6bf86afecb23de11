// vfork and posix_spawn: the child runs in the parent's memory until it
// execs or _exits, so it writes nothing (no second "Wrote" line, no file)
// and leaves the parent's counters and sampler alone; the parent's profile
// has exact Hits. Every function is profiled.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -fplugin-arg-lineprof-all -O1 %s %ldflags -o spawner
// RUN: ./spawner > out 2> err; test $? -eq 6
// RUN: FileCheck --check-prefix=OUT %s < out
// RUN: FileCheck --check-prefix=ERR %s < err --implicit-check-not=lineprof --implicit-check-not=Wrote
// RUN: ls | FileCheck --check-prefix=FILES %s
// RUN: %lineprof show spawner.lprof | FileCheck %s
// RUN: env LINEPROF_TIMER=sample LINEPROF_SAMPLE_US=100 ./spawner > out 2> err; test $? -eq 6
// RUN: FileCheck --check-prefix=OUT %s < out
// RUN: FileCheck --check-prefix=ERR %s < err --implicit-check-not=lineprof --implicit-check-not=Wrote
// RUN: %lineprof show spawner.lprof | FileCheck %s
// OUT: vforked
// OUT-NEXT: spawned
// OUT-NEXT: {{^37$}}
// ERR: Wrote profile results to spawner.lprof
// FILES: err
// FILES-NEXT: out
// FILES-NEXT: spawner
// FILES-NEXT: spawner.lprof
// FILES-NOT: {{.}}
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static long work(int k) {
    long s = 0;
    for (int i = 0; i < k; i++)
        s += i;
    return s;
}
// CHECK: Function: work at line [[@LINE-6]]
// CHECK: {{^ +}}[[@LINE-6]]{{ +}}5 {{.*}}long s = 0;

static int vforked(const char *path, const char *word) {
    int status;
    pid_t pid = vfork();
    if (pid == 0) {
        execl(path, "echo", word, (char *)0);
        _exit(3);
    }
    waitpid(pid, &status, 0);
    return WEXITSTATUS(status);
}
// CHECK: Function: vforked at line [[@LINE-10]]
// CHECK: {{^ +}}[[@LINE-9]]{{ +}}2 {{.*}}pid_t pid = vfork();
// The vfork children's lines count in the parent's profile: they ran in
// its memory (the `if` twice in each process).
// CHECK-NEXT: {{^ +}}[[@LINE-11]]{{ +}}4 {{.*}}if (pid == 0) {
// CHECK-NEXT: {{^ +}}[[@LINE-11]]{{ +}}2 {{.*}}execl(path, "echo", word, (char *)0);
// CHECK-NEXT: {{^ +}}[[@LINE-11]]{{ +}}1 {{.*}}_exit(3);
// CHECK-NEXT: {{^ +}}[[@LINE-11]]{{ +}}}
// CHECK-NEXT: {{^ +}}[[@LINE-11]]{{ +}}2 {{.*}}waitpid(pid, &status, 0);

int main(void) {
    long total = work(3);
    int failed = vforked("/bin/echo", "vforked");
    int missing = vforked("/nonexistent/echo", "no");
    fflush(stdout);
    total += work(3);
    pid_t pid;
    char *argv[] = {"echo", "spawned", 0};
    int status = posix_spawn(&pid, "/bin/echo", 0, 0, argv, environ);
    waitpid(pid, &status, 0);
    total += work(4) + work(5) + work(6);
    printf("%ld\n", total);
    return failed == 0 && missing == 3 && status == 0 ? 6 : 1;
}
// CHECK: Function: main at line [[@LINE-14]]
// CHECK: {{^ +}}[[@LINE-7]]{{ +}}1 {{.*}}int status = posix_spawn(
