/* A profiled function whose lines busy-wait 30, 10 and 2 x 5 ms, then
 * sleep: for the timer modes' tests (lit/e2e/timer-*.test).
 *   spin cpu|wall NAP_MS CALLS
 * cpu: the waits are of the thread's CPU time (what sampling measures);
 * wall: of CLOCK_MONOTONIC (what exact timing measures). It prints how
 * long each waiting line took in wall time, in ms, as arguments of
 * time_shares.py --ms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lineprof.h"

static clockid_t clock_id;
static double wall_ms[3]; /* the three waiting lines, summed over calls */

static double monotonic_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(clock_id, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void spin(double ms, int line) {
    double start = monotonic_ms(), end = now_ms() + ms;
    while (now_ms() < end)
        ;
    wall_ms[line] += monotonic_ms() - start;
}

LINEPROF_PROFILE static void work(int nap_ms) {
    spin(30, 0);
    spin(10, 1);
    for (int i = 0; i < 2; i++)
        spin(5, 2);
    usleep(nap_ms * 1000);
}

int main(int argc, char **argv) {
    if (argc != 4)
        return 2;
    clock_id = strcmp(argv[1], "cpu") ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID;
    for (int i = 0; i < atoi(argv[3]); i++)
        work(atoi(argv[2]));
    printf("spin(30=%.3f spin(10=%.3f spin(5=%.3f\n", wall_ms[0], wall_ms[1],
           wall_ms[2]);
    return 0;
}
