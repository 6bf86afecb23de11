/* cli_color.h - whether the lineprof command colours its output
 * (--color=auto|always|never, NO_COLOR, a terminal on stdout), and the
 * escape sequences it uses. The sequences are plain macros so the report
 * code shared with the runtime (report_text.c) can use them without
 * linking cli_color.c. */
#ifndef CLI_COLOR_H
#define CLI_COLOR_H

#include <stdio.h>

#define COLOR_RED "\033[1;31m"
#define COLOR_YELLOW "\033[33m"
#define COLOR_GREEN "\033[32m"
#define COLOR_DIM "\033[2m"
#define COLOR_BOLD "\033[1m"
#define COLOR_RESET "\033[0m"

enum cli_color_mode { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };

/* The --color= argument ("auto", "always", "never"); returns 0, or -1 for
 * anything else. */
int cli_color_parse(const char *arg, enum cli_color_mode *mode);
/* Whether to colour what goes to out: always, never, or (auto) when out is
 * a terminal and NO_COLOR is unset or empty (https://no-color.org). */
int cli_color_enabled(enum cli_color_mode mode, FILE *out);

#endif
