// A program that closes every file descriptor (0, 1 and 2 included),
// opens files of its own (which get those numbers, the runtime's included)
// and changes directory before it exits: the profile still lands where it
// would have (a relative LINEPROF_FILE, or the default name, is taken from
// the directory the program started in), nothing of the runtime's goes
// into the program's files (no "Wrote" line in its file at fd 2; in
// continuous mode no chunk in the file that took the raw file's number),
// and a thread started afterwards keeps its counts. Every function is
// profiled.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -fplugin-arg-lineprof-all -O1 %s %ldflags -pthread -o closer
// RUN: ./closer; test $? -eq 2
// RUN: cat mine*.txt | FileCheck --check-prefix=MINE %s
// RUN: %lineprof show closer.lprof | FileCheck %s
// RUN: rm -r closer.lprof elsewhere mine*.txt && env LINEPROF_FILE=sub/rel.lprof sh -c 'mkdir sub; ./closer'; test $? -eq 2
// RUN: cat mine*.txt | FileCheck --check-prefix=MINE %s
// RUN: %lineprof show sub/rel.lprof | FileCheck %s
// RUN: rm -r elsewhere mine*.txt && env LINEPROF_FILE=cont%%c.lprof ./closer; test $? -eq 2
// RUN: cat mine*.txt | FileCheck --check-prefix=MINE %s
// RUN: %lineprof show cont.lprof | FileCheck %s
// RUN: ls elsewhere | FileCheck --allow-empty --check-prefix=NONE %s
// NONE-NOT: {{.}}
// MINE: {{^}}mine 0{{$}}
// MINE-NEXT: {{^}}mine 1{{$}}
// MINE-NEXT: {{^}}mine 2{{$}}
// MINE-NEXT: {{^}}mine 3{{$}}
// MINE-NEXT: {{^}}mine 4{{$}}
// MINE-NEXT: {{^}}mine 5{{$}}
// MINE-NEXT: {{^}}mine 6{{$}}
// MINE-NEXT: {{^}}mine 7{{$}}
// MINE-NOT: {{.}}
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static long work(int k) {
    long s = 0;
    for (int i = 0; i < k; i++)
        s += i;
    return s;
}
// CHECK: Function: work at line [[@LINE-6]]
// CHECK: {{^ +}}[[@LINE-6]]{{ +}}3 {{.*}}long s = 0;
// CHECK-NEXT: {{^ +}}[[@LINE-6]]{{ +}}15 {{.*}}for (int i = 0; i < k; i++)

static void *later(void *unused) {
    return (void *)work(4);
}
// CHECK: Function: later at line [[@LINE-3]]
// CHECK: {{^ +}}[[@LINE-3]]{{ +}}1 {{.*}}return (void *)work(4);

int main(void) {
    long total = work(3);
    for (int fd = 0; fd < 1024; fd++)
        close(fd);
    for (int i = 0; i < 8; i++) {
        char name[16], text[16];
        snprintf(name, sizeof name, "mine%d.txt", i);
        int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        write(fd, text, snprintf(text, sizeof text, "mine %d\n", fd));
    }
    mkdir("elsewhere", 0755);
    chdir("elsewhere");
    pthread_t t;
    void *got;
    pthread_create(&t, 0, later, 0);
    pthread_join(t, &got);
    total += (long)got + work(5);
    return total == 19 ? 2 : 1;
}
// CHECK: Function: main at line [[@LINE-19]]
// CHECK: {{^ +}}[[@LINE-18]]{{ +}}1025 {{.*}}for (int fd = 0; fd < 1024; fd++)
// CHECK: {{^ +}}[[@LINE-5]]{{ +}}1 {{.*}}total += (long)got + work(5);
