/* cmd_show.c - `lineprof show`: reads one or more .lprof files, merges them
 * and prints line_profiler's text report (report/report_text.c), with --memory
 * memory_profiler's (report/report_memory.c), or with --leaks the leak report
 * (report/report_leaks.c). */
#include <errno.h>
#include <float.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_color.h"
#include "export.h"
#include "lprof_format.h"
#include "lprof_reader.h"
#include "report_leaks.h"
#include "report_memory.h"
#include "report_text.h"

static void print_usage(FILE *out) {
  fputs("usage: lineprof show [options] FILE.lprof...\n"
        "\n"
        "Print the line-by-line report of one or more .lprof files, in\n"
        "line_profiler's format (with --memory, memory_profiler's). Several\n"
        "files are added together.\n"
        "\n"
        "options:\n"
        "  -M, --memory      per-line memory: Mem usage, Increment, Occurrences\n"
        "      --detail      with --memory, also bytes Allocated and Freed on\n"
        "                    the line and the Peak reached while on it\n"
        "      --precision N with --memory, digits after the point (default 3)\n"
        "  -f, --function NAME\n"
        "                    only the function NAME (not with --leaks)\n"
        "  -L, --leaks       the leak report of a LINEPROF_LEAKS=1 run, with\n"
        "                    the line that allocated each group\n"
        "      --self        a Self column after Time: the line's time less\n"
        "                    that of the profiled calls it made; and each\n"
        "                    function's Self time under its Total time\n"
        "      --samples     a Samples column: how many samples saw the line\n"
        "                    (without it, a sampled % Time that rests on\n"
        "                    fewer than 20 samples is marked ~)\n"
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

#define OPTIONS "u:zsmMLf:h" /* getopt's short options */
#define OPT_COLOR 'C'      /* --color (long only) */
#define OPT_DETAIL 'D'     /* --detail (long only) */
#define OPT_PRECISION 'P'  /* --precision (long only) */
#define OPT_SELF 'S'       /* --self (long only) */
#define OPT_SAMPLES 'N'    /* --samples (long only) */

/* What `show` was asked for. */
struct show_options {
  struct report_options text;
  struct memory_options memory;
  int want_memory;
  int want_leaks;
  const char *function; /* -f: only this function (NULL: all) */
};

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
  if (arg[0] == '-' && arg[1] == '-' &&
      (!optopt || strchr(OPTIONS, optopt) ||
       strchr((char[]){OPT_COLOR, OPT_DETAIL, OPT_PRECISION, OPT_SELF,
                      OPT_SAMPLES, 0},
              optopt)))
    return arg; /* a long option (optopt is set for some of their errors) */
  short_option[1] = (char)optopt;
  return short_option;
}

/* An integer from 0 to 12. */
static int parse_precision(const char *s, int *precision) {
  char *end;
  long v = strtol(s, &end, 10);
  if (end == s || *end || v < 0 || v > 12)
    return -1;
  *precision = (int)v;
  return 0;
}

/* Options that do not go together; returns -1 to go on, else the exit
 * status. */
static int check_combination(const struct show_options *so) {
  const struct report_options *o = &so->text;
  if (!so->want_memory && (so->memory.detail || so->memory.precision != 3))
    return cli_usage_error("show", "--detail and --precision go with "
                                   "--memory");
  if ((so->want_memory || so->want_leaks) && (o->self || o->samples))
    return cli_usage_error("show", "--self and --samples go with the time "
                                   "report, not --memory or --leaks");
  if (so->want_leaks && so->function)
    return cli_usage_error("show", "--function goes with the time or memory "
                                   "report, not --leaks");
  if (so->want_memory && so->want_leaks)
    return cli_usage_error("show", "--memory and --leaks are two reports; "
                                   "ask for one");
  return -1;
}

/* Parses the options; returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, struct show_options *so) {
  struct report_options *o = &so->text;
  static const struct option longopts[] = {
      {"memory", no_argument, NULL, 'M'},
      {"leaks", no_argument, NULL, 'L'},
      {"function", required_argument, NULL, 'f'},
      {"detail", no_argument, NULL, OPT_DETAIL},
      {"precision", required_argument, NULL, OPT_PRECISION},
      {"self", no_argument, NULL, OPT_SELF},
      {"samples", no_argument, NULL, OPT_SAMPLES},
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
      o->skip_zero = so->memory.skip_zero = 1;
      break;
    case 'M':
      so->want_memory = 1;
      break;
    case 'L':
      so->want_leaks = 1;
      break;
    case 'f':
      so->function = optarg;
      break;
    case OPT_DETAIL:
      so->memory.detail = 1;
      break;
    case OPT_PRECISION:
      if (parse_precision(optarg, &so->memory.precision))
        return cli_usage_error("show",
                               "invalid precision '%s' (want 0 to 12 digits)",
                               optarg);
      break;
    case OPT_SELF:
      o->self = 1;
      break;
    case OPT_SAMPLES:
      o->samples = 1;
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
    default:
      return cli_option_error("show", c, bad_option(argv), "an argument");
    }
  }
  if (optind >= argc)
    return cli_usage_error("show", "no .lprof file given");
  o->color = cli_color_enabled(color, stdout);
  return check_combination(so);
}

/* With --memory every file must have memory figures (a file is read
 * twice then: they are small). */
static int check_memory(char **paths, int n) {
  char err[512];
  for (int i = 0; i < n; i++) {
    struct lprof_profile p;
    if (lprof_read_file(paths[i], &p, err, sizeof err)) {
      cli_error("%s: %s", paths[i], err);
      return -1;
    }
    unsigned mode = lprof_memory_mode(&p);
    lprof_profile_free(&p);
    if (mode == LPROF_MEMORY_OFF) {
      cli_error("%s: no memory figures: memory is measured only when asked "
                "for; run the program with LINEPROF_MEMORY=heap (or sampled, rss)",
                paths[i]);
      return -1;
    }
  }
  return 0;
}

int cli_show(int argc, char **argv) {
  struct show_options o = {.text = {.unit = 1e-9}, .memory = {.precision = 3}};
  int status = parse_options(argc, argv, &o);
  if (status >= 0)
    return status;
  char **paths = argv + optind;
  int n = argc - optind;
  if (o.want_memory && check_memory(paths, n))
    return CLI_FAILED;
  struct lprof_profile all;
  if (cli_read_profiles(paths, n, &all)) {
    lprof_profile_free(&all);
    return CLI_FAILED;
  }
  const char *files = n > 1 ? "these files" : paths[0];
  if (o.function && !lprof_profile_keep_function(&all, o.function)) {
    cli_error("no function %s in %s", o.function, files);
    lprof_profile_free(&all);
    return CLI_FAILED;
  }
  if (o.want_leaks && !all.has_leaks) {
    cli_error("no leak report in %s (the program ran without "
              "LINEPROF_LEAKS=1)", files);
    lprof_profile_free(&all);
    return CLI_FAILED;
  }
  int rc = o.want_leaks    ? report_leaks(stdout, &all)
           : o.want_memory ? report_memory(stdout, &all, &o.memory)
                           : report_text(stdout, &all, &o.text);
  lprof_profile_free(&all);
  if (rc == 0 && fflush(stdout) == 0)
    return CLI_OK;
  cli_error("%s", ferror(stdout) ? "cannot write the report" : "out of memory");
  return CLI_FAILED;
}
