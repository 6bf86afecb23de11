// A program with its own SIGPROF profiler (setitimer(ITIMER_PROF) and a
// handler) keeps working under the sampling timer: installed after the
// runtime's, its handler wins and lineprof says once that it cannot sample
// with SIGPROF; with LINEPROF_SAMPLE_SIGNAL set to another signal both
// work (with the timer source: next to a perf event the program's own
// ticks can stop on a busy machine, docs/semantics.md). The exit status is
// the program's.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O2 %s %ldflags -o own
// RUN: env LINEPROF_TIMER=sample ./own > out.txt 2> err.txt; test $? -eq 3
// RUN: FileCheck --check-prefix=OUT %s < out.txt
// RUN: FileCheck --check-prefix=WARN %s < err.txt
// RUN: env LINEPROF_TIMER=sample LINEPROF_SAMPLE_SIGNAL=SIGRTMIN+1 LINEPROF_SAMPLE_SOURCE=timer ./own > out.txt 2> err.txt; test $? -eq 3
// RUN: FileCheck --check-prefix=OUT %s < out.txt
// RUN: FileCheck --check-prefix=QUIET --implicit-check-not=lineprof: %s < err.txt
// RUN: %lineprof show own.lprof | FileCheck --check-prefix=REPORT %s
// OUT: own ticks: yes
// WARN: lineprof: the program replaced the handler of signal {{[0-9]+}} (Profiling timer expired), which lineprof samples with: set LINEPROF_SAMPLE_SIGNAL to a signal it does not use, such as SIGRTMIN+1; line times may be missing
// WARN-NOT: lineprof:
// QUIET: Wrote profile results to own.lprof
// REPORT: Timer: sampled every 1 ms of CPU time
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "lineprof.h"

static volatile sig_atomic_t ticks;

static void tick(int sig) { ticks++; }

static double cpu_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

LINEPROF_PROFILE static void spin(double ms) {
    double end = cpu_ms() + ms;
    while (cpu_ms() < end)
        ;
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = tick;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGPROF, &sa, 0);
    struct itimerval every = {{0, 10000}, {0, 10000}};
    setitimer(ITIMER_PROF, &every, 0);
    spin(100);
    printf("own ticks: %s\n", ticks > 0 ? "yes" : "no");
    return 3;
}
