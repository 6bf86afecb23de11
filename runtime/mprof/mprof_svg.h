/* mprof_svg.h - renders an mprof .dat model as a self-contained SVG chart
 * (memory against time, peak, children, function calls), for
 * `lineprof mprof plot`. */
#ifndef MPROF_SVG_H
#define MPROF_SVG_H

#include <stdio.h>

#include "mprof_dat.h"

/* Write the chart to f. title NULL means the CMDLINE (or "memory usage" when
 * the file has none). Returns 0, or -1 if writing failed (see ferror). */
int mprof_svg_write(FILE *f, const struct mprof_dat *dat, const char *title);

#endif
