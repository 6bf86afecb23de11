/* A profiled function whose lines busy-wait 30, 10 and 2 x 5 ms, then
 * sleep: for the timer modes' tests (lit/e2e/timer-*.test).
 *   spin cpu|wall NAP_MS CALLS
 * cpu: the waits are of the thread's CPU time (what sampling measures);
 * wall: of CLOCK_MONOTONIC (what exact timing measures). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lineprof.h"

static clockid_t clock_id;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(clock_id, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void spin(double ms) {
    double end = now_ms() + ms;
    while (now_ms() < end)
        ;
}

LINEPROF_PROFILE static void work(int nap_ms) {
    spin(30);
    spin(10);
    for (int i = 0; i < 2; i++)
        spin(5);
    usleep(nap_ms * 1000);
}

int main(int argc, char **argv) {
    if (argc != 4)
        return 2;
    clock_id = strcmp(argv[1], "cpu") ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID;
    for (int i = 0; i < atoi(argv[3]); i++)
        work(atoi(argv[2]));
    return 0;
}
