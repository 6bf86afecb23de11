/* timeit_harness.h - the C source of the timing program `lineprof timeit`
 * compiles (timeit_harness.c): what goes into it, how its pieces are named
 * in diagnostics, and the line protocol it reports its results in. */
#ifndef TIMEIT_HARNESS_H
#define TIMEIT_HARNESS_H

#include <stdio.h>

/* What to time. Texts are C source, inserted verbatim. */
struct timeit_spec {
  const char *setup;           /* run before each repeat; "" for none */
  const char *const *stmts;    /* the candidates, stmts[0] is "stmt 1" */
  int nstmts;
  const char *const *includes; /* #include operands: <name> or "path" */
  int nincludes;
  long number; /* loops per repeat; 0 = autorange */
  int repeat;
};

/* Names the generated file gives its pieces with #line, so that clang's
 * diagnostics point at `<stmt 2>:1:7` rather than at the generated file. */
#define TIMEIT_FILE_SETUP "<setup>"
#define TIMEIT_FILE_STMT "<stmt %d>" /* printf format, 1-based */
#define TIMEIT_FILE_INCLUDE "<include>"
#define TIMEIT_FILE_HARNESS "<timeit harness>"

/* Write the timing program. It takes one argument, a file descriptor, and
 * writes lines to it:
 *
 *   stmt K                    measuring statement K starts
 *   trial LOOPS NS            an autorange trial: LOOPS loops took NS ns
 *   loops N                   loops per repeat
 *   empty NS                  best total time of the empty loop (N loops)
 *   raw NS                    one repeat: total time of N loops
 *   stats BEST MEDIAN WORST MEAN STDDEV OVERHEAD RESOLUTION DISTINCT
 *                             (ns per loop; struct lineprof_timeit_stats)
 *   end K                     statement K is done
 *   error K MESSAGE           statement K failed (the program exits 1)
 *   crash K WHERE             a fatal signal in statement K, WHERE being
 *                             "setup", "stmt" or "harness"
 *   done                      all statements measured
 *
 * Returns 0, or -1 on a write error. */
int timeit_write_source(FILE *out, const struct timeit_spec *spec);

/* Check that code can be pasted into a block: brackets balance and
 * comments, strings and character constants are closed. Returns NULL if
 * so, else a description of the first problem and its 1-based position in
 * *line and *col. */
const char *timeit_check_code(const char *code, int *line, int *col);

#endif
