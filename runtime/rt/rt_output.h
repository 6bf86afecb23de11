/* rt_output.h - writing the profile (rt_output.c): at exit, at a fatal
 * signal, on the snapshot signal (rt_snapshot_signal.c), and continuous
 * mode's file of live counters (rt_continuous.c); the verbose report
 * (rt_verbose.c). */
#ifndef RT_OUTPUT_H
#define RT_OUTPUT_H

#include <stddef.h>
#include <stdint.h>

#include "rt_registry.h"

struct lprof_buf;

/* rt_snapshot_signal.c: snapshots on LINEPROF_DUMP_SIGNAL, written by a
 * thread of the runtime: _start starts it (once), _start_if_threaded when
 * the program has other threads or its allocator is not the runtime's
 * hooks; _flush writes at exit what is still asked for. */
void rt_snapshot_signal_init(void);
void rt_snapshot_signal_start(void);
void rt_snapshot_signal_start_if_threaded(void);
void rt_snapshot_signal_flush(void);
void rt_snapshot_signal_after_fork(void);

/* rt_continuous.c: continuous mode (%c in LINEPROF_FILE); open returns 0
 * or an errno. */
int rt_continuous_open(const char *path);
int rt_continuous_active(void);
uint64_t *rt_continuous_block(const struct rt_module *m, size_t n);
void rt_continuous_detach(struct rt_block *blocks_of_module);
void rt_continuous_close(void);

/* rt_output.c: the profile at exit, or now (a fatal signal, _exit: perhaps
 * inside a signal handler, so no lock is waited for and no leak scan made),
 * or the next snapshot (.N appended to the path, N from 1;
 * lineprof_write_profile(NULL) writes the next one too; a forked child
 * numbers its own from 1). Not in a vfork child. */
enum rt_write_reason {
  RT_WRITE_AT_EXIT,
  RT_WRITE_NOW,
  RT_WRITE_SNAPSHOT,
  RT_WRITE_ON_REQUEST /* lineprof_write_profile: the program or gdb */
};
void rt_write_profile(enum rt_write_reason why);
void rt_output_after_fork(void);
/* Writes b to path through a temporary file; returns 0 or an errno. */
int rt_write_atomically(const char *path, const struct lprof_buf *b);
/* Whether the run measures times: the timer is on and some module's calls
 * can be timed or sampled (a build counting Hits only has no such call). */
int rt_timer_on(void);
/* The PROG record (hz and calib_ns are dropped when the timer is off). */
void rt_put_program(struct lprof_buf *b, uint64_t hz, uint64_t calib_ns,
                    uint64_t duration_ns);
/* The profile's path (LINEPROF_FILE expanded) as messages show it; -1 if
 * too long. */
int rt_output_path(char *out, size_t size);
/* rt_output_init notes the working directory at start-up; a relative path
 * then goes there (rt_output_place; -1 if too long). */
void rt_output_init(void);
int rt_output_place(const char *path, char *out, size_t size);
/* Says once that the profile cannot be written to path (err, then note). */
void rt_write_failed(const char *path, int err, const char *note);

/* rt_verbose.c: prints the report of the profile at path (LINEPROF_VERBOSE)
 * with the lineprof command. */
void rt_verbose_report(const char *path);

#endif
