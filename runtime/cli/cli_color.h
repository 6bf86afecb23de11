/* cli_color.h - whether the lineprof command colours its output
 * (--color=auto|always|never, NO_COLOR, a terminal on stdout); the escape
 * sequences are report/report_color.h's. */
#ifndef CLI_COLOR_H
#define CLI_COLOR_H

#include <stdio.h>

#include "report_color.h"

enum cli_color_mode { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };

/* The --color= argument ("auto", "always", "never"); returns 0, or -1 for
 * anything else. */
int cli_color_parse(const char *arg, enum cli_color_mode *mode);
/* Whether to colour what goes to out: always, never, or (auto) when out is
 * a terminal and NO_COLOR is unset or empty (https://no-color.org). */
int cli_color_enabled(enum cli_color_mode mode, FILE *out);

#endif
