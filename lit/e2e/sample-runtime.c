// The runtime's sampling handler, without the plugin and without depending
// on the machine's load: this program keeps the shadow stack of rt_abi.h by
// hand, as a sampled call of a profiled function does, for a module of one
// function with three lines (slots 0-2 on lines 2-4 of fake.c), and takes
// its samples itself with a timer built like the runtime's (signal SIGPROF,
// si_value rt_sample.c's COOKIE) that expires at once. Each sample charges
// one period once to each distinct line on the stack: 3 samples on line 2,
// 1 on line 3 in a recursive call (both frames on line 3: charged once),
// 1 on line 4 give exactly 60/20/20 % (marked ~: five samples are few).
// Not under TSan: it holds an asynchronous signal back until the thread
// calls into libc, and the loop that waits for the handler never does.
// UNSUPPORTED: tsan
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang -g -O2 -I %examples/../runtime/abi %s %ldflags -o fake
// RUN: env LINEPROF_TIMER=sample LINEPROF_SAMPLE_US=1000000 ./fake 2> err.txt | FileCheck --check-prefix=OUT %s
// RUN: FileCheck --implicit-check-not=lineprof: %s < err.txt
// RUN: %lineprof show fake.lprof | FileCheck --check-prefix=REPORT %s
// OUT: samples: 3 1 1
// CHECK: Wrote profile results to fake.lprof
// REPORT: Timer: sampled every 1000 ms of CPU time
// REPORT: Total time: {{[0-9.]+}} s
// REPORT: {{^ +}}2{{ +}}1{{ +}}{{[0-9.e+]+ +[0-9.e+]+}}{{ +~?}}60.0
// REPORT: {{^ +}}3{{ +}}2{{ +}}{{[0-9.e+]+ +[0-9.e+]+}}{{ +~?}}20.0
// REPORT: {{^ +}}4{{ +}}1{{ +}}{{[0-9.e+]+ +[0-9.e+]+}}{{ +~?}}20.0
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "rt_abi.h"

#define COOKIE 0x6c70726f /* rt_sample.c */

static const struct lineprof_function functions[] = {
    {"work", "fake.c", "/nonexistent/fake.c", 1, 5, 0, 3}};
static const uint32_t lines[] = {2, 3, 4};
static struct lineprof_module module = {.abi_version = LINEPROF_ABI_VERSION,
                                        .nfunctions = 1, .nslots = 3,
                                        .functions = functions, .lines = lines};
static uint64_t *block, *cycles;
static timer_t timer;

/* One sample now: a timer that expires at once; returns when the handler
 * has charged it. */
static void sample(void) {
    uint64_t before = cycles[0] + cycles[1] + cycles[2];
    struct itimerspec soon = {{0, 0}, {0, 1}};
    timer_settime(timer, 0, &soon, NULL);
    while (cycles[0] + cycles[1] + cycles[2] == before)
        ;
}

/* A sampled call entering: its frame, then the depth. */
static volatile struct lineprof_frame *enter(void) {
    volatile struct lineprof_stack *s = &__lineprof_stack;
    volatile struct lineprof_frame *f = &s->frames[s->depth];
    f->cycles = cycles;
    f->slot = module.nslots; /* the sink, before a line */
    f->stride = module.nslots + 1;
    s->depth = s->depth + 1;
    return f;
}

static void line(volatile struct lineprof_frame *f, uint32_t slot) {
    block[slot]++; /* hits */
    f->slot = slot;
}

static void leave(void) { __lineprof_stack.depth = __lineprof_stack.depth - 1; }

int main(void) {
    static uint64_t *cache;
    block = __lineprof_thread_block(&module, &cache);
    cycles = block + module.nslots + 1; /* the cycles array */
    struct sigevent ev = {.sigev_notify = SIGEV_THREAD_ID,
                          .sigev_signo = SIGPROF,
                          .sigev_value.sival_int = COOKIE};
    ev._sigev_un._tid = gettid();
    timer_create(CLOCK_MONOTONIC, &ev, &timer);
    usleep(2000); /* the runtime measures the cycle rate over 1 ms first */
    volatile struct lineprof_frame *outer = enter();
    line(outer, 0);
    sample(), sample(), sample();
    line(outer, 1);
    volatile struct lineprof_frame *inner = enter();
    line(inner, 1);
    sample();
    leave();
    line(outer, 2);
    sample();
    leave();
    uint64_t period = cycles[2];
    printf("samples: %llu %llu %llu\n", (unsigned long long)(cycles[0] / period),
           (unsigned long long)(cycles[1] / period),
           (unsigned long long)(cycles[2] / period));
    return 0;
}
