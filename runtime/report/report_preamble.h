/* report_preamble.h - the lines above the text report's first function:
 * the timer unit, how line times were measured (timer mode, samples) and
 * the clock (docs/semantics.md, Timer modes). */
#ifndef REPORT_PREAMBLE_H
#define REPORT_PREAMBLE_H

#include <stdio.h>

#include "lprof_reader.h"

/* Writes the preamble for output unit `unit` (seconds); no blank line
 * after it. */
void report_preamble(FILE *out, const struct lprof_profile *p, double unit);

/* Whether some of p's line times were sampled (sampled or switched auto
 * timing, functions built without exact probes, or samples taken). */
int report_profile_sampled(const struct lprof_profile *p);

#endif
