/* lineprof.h - the public header of lineprof, the line-level profiler for C.
 *
 * Mark a function for line profiling:
 *
 *     #include <lineprof.h>
 *     LINEPROF_PROFILE int hot(int n) { ... }
 *
 * and build with `clang -g $(lineprof cflags) prog.c $(lineprof ldflags)`.
 * Without the plugin the attribute is harmless and the program is unchanged.
 */
#ifndef LINEPROF_H
#define LINEPROF_H

/* -DLINEPROF_PROFILE= turns the annotations off (to profile only what
 * -fplugin-arg-lineprof-functions names). */
#ifndef LINEPROF_PROFILE
#if defined(__clang__)
#define LINEPROF_PROFILE __attribute__((annotate("profile")))
#else
#define LINEPROF_PROFILE
#endif
#endif

/* Object tracking (docs/objects.md): with LINEPROF_OBJECTS=1 or
 * LINEPROF_LEAKS=1 in the environment, the runtime keeps a table of live
 * heap blocks; these print what it holds, objgraph-style, on standard
 * output. Call them from the program, or from gdb (`lineprof growth 10`,
 * docs/objects.md). They are defined by the runtime
 * ($(lineprof ldflags)). */
#ifdef __cplusplus
extern "C" {
#endif
/* Live blocks per type (untyped: per allocating line or caller), largest
 * count first: name, count, bytes. limit <= 0: every type. */
void lineprof_show_most_common_types(int limit);
/* Types whose count grew since the last call (its highest count so far):
 * name, count, increase. Prints nothing when nothing grew. */
void lineprof_show_growth(int limit);
/* Writes a Graphviz graph of what points to p's block, up to max_depth
 * references back (<= 0: 3), to filename: a .dot file, or FILE.dot
 * rendered by `dot` into filename (.png, .svg, ...). Returns the number
 * of nodes, or -1. */
int lineprof_show_backrefs(const void *p, int max_depth, const char *filename);
/* Prints the shortest chain of references from a root (a global, a
 * thread's stack) to p's block, within max_depth steps (<= 0: 20): why it
 * is alive. Returns the number of blocks on it, 0 if none (it is leaked),
 * or -1. */
int lineprof_find_backref_chain(const void *p, int max_depth);
/* The leak report: blocks no global, stack or register reaches, by type
 * and allocating line, largest first. */
void lineprof_get_leaking_objects(void);
/* Writes the profile so far (with LINEPROF_LEAKS=1, the leak report so
 * far too): to path, or if path is NULL as the next snapshot,
 * PROGRAM.lprof.N, as LINEPROF_DUMP_SIGNAL does. Returns 0, or -1 after
 * saying why on stderr. Works without the signal thread: gdb's `lineprof
 * snapshot` and `lineprof show` call it. */
int lineprof_write_profile(const char *path);

/* memory_profiler's memory_usage() (docs/memory.md): resident set size
 * samples, in MiB (2^20 bytes), into samples[0..capacity-1]. Zeroed fields
 * take the defaults, so that
 *
 *     double mib[8];
 *     struct lineprof_memory_usage how = {.interval = .2, .timeout = 1};
 *     int n = lineprof_memory_usage(&how, mib, 8);
 *
 * is memory_usage(-1, interval=.2, timeout=1): 5 samples of this process,
 * one every 0.2 s, the first at once. */
struct lineprof_memory_usage {
  int pid;   /* the process: 0 or -1 this one, else another's pid */
  void (*func)(void *); /* not NULL: call func(arg) in the calling thread;
                           a thread samples this process meanwhile, with a
                           sample before the call and one after it */
  void *arg;
  double interval; /* seconds between samples, 0.001 to 3600; 0: 0.1 */
  double timeout;  /* > 0: without func, round(timeout / interval) samples
                      (at least 1); with func, sample the call for at most
                      this long. 0: without func one sample, with func the
                      whole call */
  int max_usage;   /* not 0: only the largest sample, in samples[0] */
};
/* Returns the number of samples stored, or -1 with errno: EINVAL (a bad
 * field, samples NULL, capacity < 1), ESRCH (no such process), ERANGE (no
 * room: without func, for round(timeout / interval) samples, and nothing
 * is measured; with func, for the samples before and after the call (2, 1
 * with max_usage: func is not called), or the samples during the call
 * outgrew the array: func has run and all capacity slots hold samples, the
 * last taken after the call), or what opening /proc/PID/statm or starting
 * the thread failed with (func not called). A process that exits while
 * sampled ends the samples early. how NULL: one sample of this process.
 * Nothing is allocated from the program's heap. */
int lineprof_memory_usage(const struct lineprof_memory_usage *how,
                          double *samples, int capacity);
#ifdef __cplusplus
}
#endif

#include "lineprof_timeit.h"

#endif
