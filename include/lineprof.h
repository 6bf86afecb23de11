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

#include "lineprof_timeit.h"

#endif
