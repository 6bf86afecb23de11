/* cli_show.c - `lineprof show`: reads one or more .lprof files, merges them
 * and prints line_profiler's text report (report_text.c). */
#include <errno.h>
#include <float.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_color.h"
#include "lprof_reader.h"
#include "report_text.h"

static void print_usage(FILE *out) {
  fputs("usage: lineprof show [options] FILE.lprof...\n"
        "\n"
        "Print the line-by-line report of one or more .lprof files, in\n"
        "line_profiler's format. Several files are added together.\n"
        "\n"
        "options:\n"
        "  -u, --unit UNIT   output unit in seconds (default 1e-9)\n"
        "  -z, --skip-zero   hide functions that were never executed\n"
        "  -s, --sort        order functions by ascending total time\n"
        "  -m, --summary     after the tables, one line of total time per\n"
        "                    function\n"
        "      --color=WHEN  colour hot lines: auto (on a terminal, unless\n"
        "                    NO_COLOR is set), always or never\n"
        "  -h, --help        show this help and exit\n",
        out);
}

#define OPTIONS "u:zsmh" /* getopt's short options */
#define OPT_COLOR 'C'     /* --color (long only) */

/* A positive, finite number of seconds. */
static int parse_unit(const char *s, double *unit) {
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (end == s || *end || errno == ERANGE || !(v > 0) || v > DBL_MAX)
    return -1;
  *unit = v;
  return 0;
}

/* The option getopt_long just rejected, as the user wrote it. */
static const char *bad_option(char **argv) {
  static char short_option[3] = "-?";
  const char *arg = argv[optind - 1];
  if (arg[0] == '-' && arg[1] == '-' && (!optopt || optopt == OPT_COLOR ||
                                       strchr(OPTIONS, optopt)))
    return arg; /* a long option (optopt is set for some of their errors) */
  short_option[1] = (char)optopt;
  return short_option;
}

/* Parses the options; returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, struct report_options *o) {
  static const struct option longopts[] = {
      {"unit", required_argument, NULL, 'u'},
      {"skip-zero", no_argument, NULL, 'z'},
      {"sort", no_argument, NULL, 's'},
      {"summary", no_argument, NULL, 'm'},
      {"help", no_argument, NULL, 'h'},
      {"color", required_argument, NULL, OPT_COLOR},
      {NULL, 0, NULL, 0},
  };
  enum cli_color_mode color = CLI_COLOR_AUTO;
  int c;
  opterr = 0;
  optind = 0; /* GNU: start over, even if getopt ran before */
  while ((c = getopt_long(argc, argv, ":" OPTIONS, longopts, NULL)) != -1) {
    switch (c) {
    case 'u':
      if (parse_unit(optarg, &o->unit))
        return cli_usage_error("show",
                               "invalid unit '%s' (want a positive "
                               "number of seconds, e.g. 1e-6)",
                               optarg);
      break;
    case 'z':
      o->skip_zero = 1;
      break;
    case 's':
      o->sort_by_time = 1;
      break;
    case 'm':
      o->summary = 1;
      break;
    case OPT_COLOR:
      if (cli_color_parse(optarg, &color))
        return cli_usage_error("show", "invalid --color '%s' (want auto, "
                               "always or never)", optarg);
      break;
    case 'h':
      print_usage(stdout);
      return CLI_OK;
    case ':':
      return cli_usage_error("show", "option '%s' needs an argument",
                             bad_option(argv));
    default:
      return cli_usage_error("show", "unknown option '%s'", bad_option(argv));
    }
  }
  if (optind >= argc)
    return cli_usage_error("show", "no .lprof file given");
  o->color = cli_color_enabled(color, stdout);
  return -1;
}

/* Reads every file into one profile; on error names the file. */
int cli_read_profiles(char **paths, int n, struct lprof_profile *all) {
  char err[512];
  for (int i = 0; i < n; i++) {
    struct lprof_profile p;
    int rc = lprof_read_file(paths[i], i ? &p : all, err, sizeof err);
    if (!rc && i)
      rc = lprof_profile_merge(all, &p, err, sizeof err);
    if (rc) {
      cli_error("%s: %s", paths[i], err);
      return -1;
    }
  }
  return 0;
}

int cli_show(int argc, char **argv) {
  struct report_options o = {.unit = 1e-9};
  int status = parse_options(argc, argv, &o);
  if (status >= 0)
    return status;
  struct lprof_profile all;
  if (cli_read_profiles(argv + optind, argc - optind, &all)) {
    lprof_profile_free(&all);
    return CLI_FAILED;
  }
  int rc = report_text(stdout, &all, &o);
  lprof_profile_free(&all);
  if (rc == 0 && fflush(stdout) == 0)
    return CLI_OK;
  cli_error("%s", ferror(stdout) ? "cannot write the report" : "out of memory");
  return CLI_FAILED;
}
