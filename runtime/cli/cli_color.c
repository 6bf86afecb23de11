/* cli_color.c - the one place that decides whether `lineprof show` and
 * `lineprof diff` colour their output (see cli_color.h). */
#include "cli_color.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_color_parse(const char *arg, enum cli_color_mode *mode) {
  static const char *const names[] = {"auto", "always", "never"};
  for (int i = 0; i < 3; i++)
    if (!strcmp(arg, names[i])) {
      *mode = (enum cli_color_mode)i;
      return 0;
    }
  return -1;
}

int cli_color_enabled(enum cli_color_mode mode, FILE *out) {
  if (mode != CLI_COLOR_AUTO)
    return mode == CLI_COLOR_ALWAYS;
  const char *no_color = getenv("NO_COLOR");
  if (no_color && *no_color)
    return 0;
  return isatty(fileno(out));
}
