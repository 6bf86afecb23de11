/* cli_errors.c - the lineprof subcommands' error and usage messages, in one
 * consistent form: "lineprof: <message>", or "lineprof <cmd>: <message>"
 * from a subcommand that names itself. */
#include <stdarg.h>
#include <stdio.h>

#include "cli.h"

/* "lineprof[ cmd]: <message>\n" on stderr. */
static void print_error(const char *cmd, const char *fmt, va_list ap) {
  fprintf(stderr, cmd ? "lineprof %s: " : "lineprof: ", cmd);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
}

void cli_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  print_error(NULL, fmt, ap);
  va_end(ap);
}

void cli_command_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  print_error(cmd, fmt, ap);
  va_end(ap);
}

int cli_option_error(const char *cmd, int c, const char *option,
                     const char *missing) {
  if (c == ':')
    return cli_usage_error(cmd, "option '%s' needs %s", option, missing);
  return cli_usage_error(cmd, "unknown option '%s'", option);
}

int cli_usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  print_error(cmd, fmt, ap);
  va_end(ap);
  fprintf(stderr, "Try 'lineprof %s --help' for more information.\n", cmd);
  return CLI_USAGE;
}
