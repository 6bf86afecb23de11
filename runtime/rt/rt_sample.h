/* rt_sample.h - the sampler (rt_sample.c). */
#ifndef RT_SAMPLE_H
#define RT_SAMPLE_H

#include <stdint.h>

#include "lprof_format.h" /* enum lprof_sample_source, in the order
                              worse and worse */

/* rt_sample.c: the sampling timer of LINEPROF_TIMER=sample and auto. */
void rt_sample_init(void);        /* the signal handler, at start-up */
void rt_sample_for_sampled_probes(void); /* exact mode: a sampled module */
void rt_sample_thread_start(void); /* arms the calling thread's sampler */
int rt_sample_thread_stop(void);  /* deletes it; 1 if it was armed */
void rt_sample_after_fork(void);  /* the child's timer, its own budget */
void rt_sample_check_handler(void); /* warns if the program replaced it */
int rt_sample_switched(void);     /* auto mode has begun sampling */
/* The CPU time, in cycles, between two samples on average: the rate that
 * was achieved (POSIX timers: the scheduler's tick, whatever was asked). */
uint64_t rt_sample_mean_cycles(void);
uint64_t rt_sample_count(void);   /* samples that found a line, all threads */
/* The source the threads got: the first's, or the worst if they differ. */
enum lprof_sample_source rt_sample_source(void);

#endif
