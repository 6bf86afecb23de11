/* cmd_timeit.c - `lineprof timeit`: Python's `python -m timeit` for C. It
 * parses the options, has timeit_harness.c write a timing program around
 * the statements, compiles it with clang in a private temporary directory
 * (always removed), runs it and reads its result lines from a pipe, and
 * prints one Python-style line per statement ("200000 loops, best of 5:
 * 1.23 nsec per loop"), a comparison when there are several, and warnings
 * when the timings look unreliable. Compile errors are shown with the
 * statement's text and clang's diagnostics on <stmt K>; a statement that
 * dies of a signal is reported with the signal's name. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>


#include "cli.h"
#include "cli_config.h"
#include "timeit_format.h"
#include "timeit_harness.h"

#define CMD "timeit"
enum { MAX_TRIALS = 64 };
/* Warn when the repeats' standard deviation exceeds this share of their
 * mean (Python warns only when the worst is 4x the best). */
#define NOISY_SPREAD 0.20
/* Below this many ns per loop (about a clock cycle) a ratio means nothing. */
#define TOO_FAST_NS 0.25

/* ---- Options ----------------------------------------------------------- */

struct options {
  char *setup; /* all -s joined by newlines */
  long number; /* 0 = autorange */
  int repeat;
  const char **includes; /* as #include operands */
  int nincludes;
  const char **cc_args; /* -I, -X, -L and -l, in order, for clang */
  int ncc_args;
  const char *opt_level;
  int unit; /* timeit_format.h's; -1 = pick per value */
  int verbose;
  int print_source;
  char **stmts;
  int nstmts;
};

static void print_help(FILE *out) {
  fprintf(
      out,
      "usage: lineprof timeit [-s SETUP] [-n NUMBER] [-r REPEAT] [-i HEADER]...\n"
      "                       [-l LIB]... [-O LEVEL] [-v] STMT [STMT...]\n"
      "\n"
      "Time small C snippets the way `python -m timeit` times Python: each\n"
      "STMT is compiled with clang into a timing loop, run NUMBER times per\n"
      "repeat, and the best repeat is reported as time per loop. With several\n"
      "STMTs each is timed separately and they are compared.\n"
      "\n"
      "options:\n"
      "  -s, --setup=SETUP     C code run before each repeat; its declarations\n"
      "                        are visible in STMT (may be repeated)\n"
      "  -n, --number=NUMBER   loops per repeat (default: the first of 1, 2, 5,\n"
      "                        10, 20, 50, ... for which a repeat takes >= 0.2 s)\n"
      "  -r, --repeat=REPEAT   how many repeats (default 5)\n"
      "  -i, --include=HEADER  #include HEADER: a system header (string.h), a\n"
      "                        file (./mine.h), <name> or \"name\"\n"
      "  -l, --lib=LIB         link with -lLIB (or with the library file LIB)\n"
      "  -I DIR, -L DIR        add a header or library directory for clang\n"
      "  -X, --cc-arg=ARG      pass ARG to clang (-X -march=native, -X mine.c)\n"
      "  -O, --optimize=LEVEL  clang's -O: 0, 1, 2 (default), 3, s, z, g, fast\n"
      "  -u, --unit=UNIT       print times in nsec, usec, msec or sec\n"
      "  -v, --verbose         print the autorange trials, every repeat, the\n"
      "                        median and the spread (-vv: one more digit)\n"
      "      --print-source    print the generated timing program and exit\n"
      "  -h, --help            print this help and exit\n"
      "\n"
      "The optimiser still sees STMT: keep its results alive with\n"
      "lineprof_keep(x) and hide constant inputs with lineprof_opaque(x); the\n"
      "cost of the empty loop is subtracted. See docs/timeit.md.\n");
}

/* A positive integer no larger than max, or -1. */
static long parse_positive(const char *s, long max) {
  char *end;
  errno = 0;
  if (*s < '0' || *s > '9')
    return -1;
  long v = strtol(s, &end, 10);
  if (errno || *end || v <= 0 || v > max)
    return -1;
  return v;
}

static char *join_setup(char *old, const char *more) {
  size_t a = old ? strlen(old) : 0, b = strlen(more);
  char *s = realloc(old, a + b + 2);
  if (!s)
    return NULL;
  if (a)
    s[a++] = '\n';
  memcpy(s + a, more, b + 1);
  return s;
}

/* The #include operand for -i: kept if already <...> or "...", a quoted
 * absolute path if it names a file, else a system header. */
static const char *include_operand(const char *h) {
  size_t n = strlen(h);
  char *s;
  struct stat st;
  if (n >= 2 && ((h[0] == '<' && h[n - 1] == '>') ||
                 (h[0] == '"' && h[n - 1] == '"')))
    return h;
  if (stat(h, &st) == 0 && S_ISREG(st.st_mode)) {
    char *abs = realpath(h, NULL);
    if (abs) {
      size_t m = strlen(abs);
      s = malloc(2 * m + 3);
      if (s) {
        char *q = s;
        *q++ = '"';
        for (const char *p = abs; *p; p++) {
          if (*p == '"' || *p == '\\')
            *q++ = '\\';
          *q++ = *p;
        }
        *q++ = '"';
        *q = 0;
      }
      free(abs);
      return s;
    }
  }
  s = malloc(n + 3);
  if (s)
    snprintf(s, n + 3, "<%s>", h);
  return s;
}

static char *concat(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 1;
  char *s = malloc(n);
  if (s)
    snprintf(s, n, "%s%s", a, b);
  return s;
}

/* The clang argument for -l: a file if it looks like a path, else -lLIB. */
static const char *lib_arg(const char *lib) {
  size_t n = strlen(lib);
  if (strchr(lib, '/') || (n > 2 && !strcmp(lib + n - 2, ".a")) ||
      (n > 3 && !strcmp(lib + n - 3, ".so")) || strstr(lib, ".so."))
    return lib;
  return concat("-l", lib);
}

/* Returns CLI_OK, or an exit status to return (help printed, usage error). */
/* -O LEVEL; returns -1 to go on, else the exit status. */
static int take_opt_level(const char *arg, struct options *o) {
  static const char *const levels[] = {"0", "1", "2", "3",
                                       "s", "z", "g", "fast"};
  size_t k = 0;
  while (k < sizeof levels / sizeof *levels && strcmp(arg, levels[k]))
    k++;
  if (k == sizeof levels / sizeof *levels)
    return cli_usage_error(
        CMD, "-O: unknown level '%s' (use 0, 1, 2, 3, s, z, g or fast)", arg);
  o->opt_level = levels[k];
  return -1;
}

/* -u UNIT; returns -1 to go on, else the exit status. */
static int take_unit(const char *arg, struct options *o) {
  if ((o->unit = timeit_unit(arg)) < 0)
    return cli_usage_error(
        CMD, "-u: unknown unit '%s' (use nsec, usec, msec or sec)", arg);
  return -1;
}

/* getopt_long's ':' (an argument missing) and '?' (an unknown option). */
static int option_error(int c, char **argv) {
  char short_option[3] = {'-', (char)optopt, '\0'};
  return cli_option_error(CMD, c, optopt ? short_option : argv[optind - 1],
                          "an argument");
}

enum { OPT_PRINT_SOURCE = 256 };

/* One option, c as getopt_long returns it; returns -1 to go on, else the
 * exit status. Arguments that would not fit in memory are left NULL in
 * includes and cc_args, for parse_options to find. */
static int take_option(int c, char **argv, struct options *o) {
  long r;
  switch (c) {
  case 's':
    if (!(o->setup = join_setup(o->setup, optarg))) {
      cli_command_error(CMD, "out of memory");
      return CLI_FAILED;
    }
    return -1;
  case 'n':
    if ((o->number = parse_positive(optarg, LONG_MAX)) < 0)
      return cli_usage_error(CMD, "-n: '%s' is not a positive integer",
                             optarg);
    return -1;
  case 'r':
    if ((r = parse_positive(optarg, 1000000)) < 0)
      return cli_usage_error(
          CMD, "-r: '%s' is not an integer between 1 and 1000000", optarg);
    o->repeat = (int)r;
    return -1;
  case 'i':
    o->includes[o->nincludes++] = include_operand(optarg);
    return -1;
  case 'l':
  case 'I':
  case 'L':
  case 'X':
    o->cc_args[o->ncc_args++] = c == 'l'   ? lib_arg(optarg)
                                : c == 'I' ? concat("-I", optarg)
                                : c == 'L' ? concat("-L", optarg)
                                           : optarg;
    return -1;
  case 'O':
    return take_opt_level(optarg, o);
  case 'u':
    return take_unit(optarg, o);
  case 'v':
    o->verbose++;
    return -1;
  case OPT_PRINT_SOURCE:
    o->print_source = 1;
    return -1;
  case 'h':
    print_help(stdout);
    return CLI_OK;
  default:
    return option_error(c, argv);
  }
}

/* Whether any of the n strings is missing (memory ran out). */
static int any_missing(const char **v, int n) {
  for (int i = 0; i < n; i++)
    if (!v[i])
      return 1;
  return 0;
}

static int parse_options(int argc, char **argv, struct options *o, int *done) {
  static const struct option longopts[] = {
      {"setup", required_argument, 0, 's'},
      {"number", required_argument, 0, 'n'},
      {"repeat", required_argument, 0, 'r'},
      {"include", required_argument, 0, 'i'},
      {"lib", required_argument, 0, 'l'},
      {"cc-arg", required_argument, 0, 'X'},
      {"optimize", required_argument, 0, 'O'},
      {"unit", required_argument, 0, 'u'},
      {"verbose", no_argument, 0, 'v'},
      {"print-source", no_argument, 0, OPT_PRINT_SOURCE},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  int c, status;

  *done = 1;
  o->repeat = 5;
  o->opt_level = "2";
  o->unit = -1;
  o->includes = calloc((size_t)argc + 1, sizeof *o->includes);
  o->cc_args = calloc(2 * (size_t)argc + 1, sizeof *o->cc_args);
  if (!o->includes || !o->cc_args) {
    cli_command_error(CMD, "out of memory");
    return CLI_FAILED;
  }
  opterr = 0;
  optind = 1;
  /* '+': options end at the first STMT, as with python -m timeit. */
  while ((c = getopt_long(argc, argv, "+:s:n:r:i:l:I:L:X:O:u:vh", longopts,
                          NULL)) != -1)
    if ((status = take_option(c, argv, o)) >= 0)
      return status;
  if (any_missing(o->includes, o->nincludes) ||
      any_missing(o->cc_args, o->ncc_args)) {
    cli_command_error(CMD, "out of memory");
    return CLI_FAILED;
  }
  if (optind >= argc)
    return cli_usage_error(CMD, "missing STMT, the C statement to time");
  o->stmts = argv + optind;
  o->nstmts = argc - optind;
  if (!o->setup)
    o->setup = join_setup(NULL, "");
  *done = 0;
  return CLI_OK;
}

/* ---- Formatting ----------------------------------------------------------
 * Python's timeit.main: the largest unit the value reaches (nsec at least),
 * three significant digits (-vv: four, ...); timeit_format.c. */

static int precision(const struct options *o) {
  return 3 + (o->verbose > 1 ? o->verbose - 1 : 0);
}

static const char *format_time(char *buf, size_t n, double ns,
                               const struct options *o) {
  return timeit_format(buf, n, ns, o->unit, precision(o));
}

static void print_indented(FILE *out, const char *text) {
  fputs("    ", out);
  for (const char *p = text; *p; p++) {
    fputc(*p, out);
    if (*p == '\n' && p[1])
      fputs("    ", out);
  }
  fputc('\n', out);
}

/* Is the statement nothing at all (only blanks, ';' and braces)? */
static int is_empty_stmt(const char *s) {
  for (; *s; s++)
    if (!strchr(" \t\n\r;{}", *s))
      return 0;
  return 1;
}

/* ---- Results ------------------------------------------------------------ */

struct result {
  int started, ended;
  long loops;
  double empty_ns;
  double *raw;
  int nraw, capraw;
  long trial_loops[MAX_TRIALS];
  double trial_ns[MAX_TRIALS];
  int ntrials;
  double best, median, worst, mean, stddev, overhead, resolution, distinct;
};

/* The best raw repeat: N loops, the empty loop not subtracted. */
static double raw_best(const struct result *r) {
  double best = r->raw[0];
  for (int i = 1; i < r->nraw; i++)
    best = r->raw[i] < best ? r->raw[i] : best;
  return best;
}

static char label_buf[32];
static const char *label(const struct options *o, int k) {
  if (o->nstmts == 1)
    return "";
  snprintf(label_buf, sizeof label_buf, "stmt %d: ", k);
  return label_buf;
}

/* -v: the autorange trials, the raw times, the empty loop, the spread and
 * the resolution. */
static void print_verbose(const struct options *o, int k,
                          const struct result *r) {
  char a[64], b[64], c[64], d[64];
  if (o->nstmts > 1) {
    printf("stmt %d:\n", k);
    print_indented(stdout, o->stmts[k - 1]);
  }
  for (int i = 0; i < r->ntrials; i++)
    printf("%ld loop%s -> %.*g secs\n", r->trial_loops[i],
           r->trial_loops[i] != 1 ? "s" : "", precision(o),
           r->trial_ns[i] / 1e9);
  if (r->ntrials)
    printf("\n");
  printf("raw times: ");
  for (int i = 0; i < r->nraw; i++)
    printf("%s%s", i ? ", " : "", format_time(a, sizeof a, r->raw[i], o));
  printf("\n");
  printf("empty loop: %s per loop, subtracted from the times below\n",
         format_time(a, sizeof a, r->overhead, o));
  printf("per loop: median %s, mean %s, worst %s, stddev %s "
         "(spread \xc2\xb1%.1f%%)\n",
         format_time(a, sizeof a, r->median, o),
         format_time(b, sizeof b, r->mean, o),
         format_time(c, sizeof c, r->worst, o),
         format_time(d, sizeof d, r->stddev, o),
         r->mean + r->overhead > 0
             ? 100 * r->stddev / (r->mean + r->overhead)
             : 0.0);
  printf("resolution: %s per loop; indistinguishable from the empty loop "
         "up to %s\n\n",
         format_time(a, sizeof a, r->resolution, o),
         format_time(b, sizeof b, r->distinct, o));
}

/* The result line: Python's, with the digits the resolution supports, or
 * a bound when the time is indistinguishable from the empty loop (then
 * with the raw time beside it). */
static void print_time(const struct options *o, int k,
                       const struct result *r) {
  char a[64], b[64];
  printf("%s%ld loop%s, best of %d: ", label(o, k), r->loops,
         r->loops != 1 ? "s" : "", r->nraw);
  if (r->best <= r->distinct)
    printf("< %s per loop: indistinguishable from the empty loop (raw %s "
           "per loop)\n",
           timeit_format_bound(a, sizeof a, r->best, r->resolution, o->unit),
           timeit_format_resolved(b, sizeof b, raw_best(r) / r->loops,
                                  r->resolution, o->unit, precision(o)));
  else
    printf("%s per loop\n",
           timeit_format_resolved(a, sizeof a, r->best, r->resolution,
                                  o->unit, precision(o)));
  fflush(stdout);
}

/* Warnings on stderr: unreliable repeats, work that is not measurable. */
static void print_warnings(const struct options *o, int k,
                           const struct result *r) {
  char a[64], b[64];
  /* Python's warning, on the raw per-loop times (empty loop included). */
  double best_raw = raw_best(r), worst_raw = r->raw[0];
  for (int i = 0; i < r->nraw; i++)
    worst_raw = r->raw[i] > worst_raw ? r->raw[i] : worst_raw;
  /* Ours: the spread relative to the measured loop time. */
  double raw_mean = r->mean + r->overhead;
  double rel = raw_mean > 0 ? r->stddev / raw_mean : 0;
  if (worst_raw >= 4 * best_raw) {
    fprintf(stderr,
            "lineprof timeit: warning: %sThe test results are likely "
            "unreliable. The worst time (%s) was considerably slower than "
            "the best time (%s).\n",
            label(o, k), format_time(a, sizeof a, worst_raw / r->loops, o),
            format_time(b, sizeof b, best_raw / r->loops, o));
  } else if (r->nraw >= 3 && rel > NOISY_SPREAD) {
    fprintf(stderr,
            "lineprof timeit: warning: %sthe repeats vary by \xc2\xb1%.0f%% "
            "(standard deviation / mean): the machine was busy or changed "
            "speed; the best time is the most reliable figure, more repeats "
            "(-r) help\n",
            label(o, k), 100 * rel);
  }
  if (r->nraw == 1)
    fprintf(stderr,
            "lineprof timeit: note: %sone repeat: its digits trust the "
            "clock alone (the resolution needs two repeats or more)\n",
            label(o, k));
  if (r->best <= r->distinct &&
      !is_empty_stmt(o->stmts[k - 1]))
    fprintf(stderr,
            "lineprof timeit: note: %sno slower than the empty loop: the "
            "work overlaps with the loop's own, or the optimiser removed "
            "or hoisted it; keep results with lineprof_keep(x) and hide "
            "constant inputs with lineprof_opaque(x)\n",
            label(o, k));
  fflush(stderr);
}

static void print_result(const struct options *o, int k,
                         const struct result *r) {
  if (o->verbose)
    print_verbose(o, k, r);
  print_time(o, k, r);
  print_warnings(o, k, r);
}

static void print_comparison(const struct options *o,
                             const struct result *rs) {
  char a[64];
  int f = 0;
  for (int k = 1; k < o->nstmts; k++)
    if (rs[k].best < rs[f].best)
      f = k;
  for (int k = 0; k < o->nstmts; k++) {
    if (k == f)
      continue;
    /* As fast if the difference is within twice the resolution of the
     * faster, or of the slower scaled down to the faster's run time (as
     * for distinct_ns: interruptions grow with a run's length). */
    double diff = rs[k].best - rs[f].best;
    double scaled = rs[k].resolution * raw_best(&rs[f]) / raw_best(&rs[k]);
    double res = scaled > rs[f].resolution ? scaled : rs[f].resolution;
    if (diff <= 2 * res) {
      printf("stmt %d is as fast as stmt %d (within the resolution)\n",
             k + 1, f + 1);
      continue;
    }
    if (rs[f].best < TOO_FAST_NS || rs[f].best <= rs[f].distinct) {
      printf("stmt %d takes %s per loop more than stmt %d (too fast to "
             "compare by ratio)\n",
             k + 1,
             timeit_format_resolved(a, sizeof a, diff, res, o->unit,
                                    precision(o)),
             f + 1);
      continue;
    }
    double ratio = rs[k].best / rs[f].best;
    if (ratio < 1.005)
      printf("stmt %d is as fast as stmt %d\n", k + 1, f + 1);
    else if (ratio < 1000)
      printf("stmt %d is %.3g\xc3\x97 slower than stmt %d\n", k + 1, ratio,
             f + 1);
    else
      printf("stmt %d is %.0f\xc3\x97 slower than stmt %d\n", k + 1, ratio,
             f + 1);
  }
}

/* ---- Processes ---------------------------------------------------------- */

static volatile sig_atomic_t g_child, g_signal;

static void on_signal(int sig) {
  g_signal = sig;
  if (g_child > 0)
    kill((pid_t)g_child, sig);
}

static void catch_signals(int on) {
  static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on ? on_signal : SIG_DFL;
  sa.sa_flags = SA_RESTART;
  sigemptyset(&sa.sa_mask);
  for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
    sigaction(sigs[i], &sa, NULL);
}

/* Start argv[0] with stdout and stderr going to out_fd (if >= 0) and
 * TMPDIR set to tmpdir (if not NULL); a signal that came first is passed
 * on. */
static pid_t spawn(char *const argv[], int out_fd, const char *tmpdir) {
  const char *env[] = {"TMPDIR", tmpdir, NULL};
  struct cli_child how = {.env = tmpdir ? env : NULL,
                          .out_fd = out_fd > 0 ? out_fd : 0};
  pid_t pid = cli_spawn(argv, &how);
  if (pid > 0) {
    g_child = pid;
    if (g_signal)
      kill(pid, g_signal);
  }
  return pid;
}

static int wait_child(pid_t pid) {
  int status = cli_wait(pid);
  g_child = 0;
  return status;
}

static const char *signal_name(int sig) {
  static const struct {
    int sig;
    const char *name;
  } names[] = {{SIGSEGV, "SIGSEGV"}, {SIGBUS, "SIGBUS"},   {SIGFPE, "SIGFPE"},
               {SIGILL, "SIGILL"},   {SIGABRT, "SIGABRT"}, {SIGTRAP, "SIGTRAP"},
               {SIGSYS, "SIGSYS"},   {SIGKILL, "SIGKILL"}, {SIGTERM, "SIGTERM"},
               {SIGINT, "SIGINT"},   {SIGHUP, "SIGHUP"},   {SIGQUIT, "SIGQUIT"},
               {SIGPIPE, "SIGPIPE"}, {SIGALRM, "SIGALRM"}, {SIGXCPU, "SIGXCPU"},
               {SIGXFSZ, "SIGXFSZ"}, {SIGUSR1, "SIGUSR1"}, {SIGUSR2, "SIGUSR2"}};
  static char buf[32];
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (names[i].sig == sig)
      return names[i].name;
  snprintf(buf, sizeof buf, "signal %d", sig);
  return buf;
}

/* ---- Compiling ---------------------------------------------------------- */

static char *read_file(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    return NULL;
  size_t cap = 4096, len = 0, got;
  char *s = malloc(cap);
  while (s && (got = fread(s + len, 1, cap - len - 1, f)) > 0) {
    len += got;
    if (cap - len - 1 == 0) {
      char *t = realloc(s, cap *= 2);
      if (!t) {
        free(s);
        s = NULL;
      } else {
        s = t;
      }
    }
  }
  fclose(f);
  if (s)
    s[len] = 0;
  return s;
}

/* Does a diagnostic line report an error located in the pseudo-file? */
static int has_error_in(const char *diag, const char *file) {
  size_t n = strlen(file);
  for (const char *p = strstr(diag, file); p; p = strstr(p + 1, file)) {
    if (p[n] != ':' || (p != diag && p[-1] != '\n' && p[-1] != 'm'))
      continue; /* 'm': the end of a colour escape */
    const char *eol = strchr(p, '\n');
    const char *err = strstr(p, "error");
    if (err && (!eol || err < eol))
      return 1;
  }
  return 0;
}

/* Show a failed compile: which of the user's pieces are wrong (with their
 * text), then clang's diagnostics as they are. */
static void report_compile_error(const struct options *o, const char *diag) {
  char name[32];
  int shown = 0;
  if (has_error_in(diag, TIMEIT_FILE_INCLUDE) ||
      strstr(diag, "In file included from " TIMEIT_FILE_INCLUDE ":")) {
    cli_command_error(CMD, "an -i header does not compile:");
    for (int i = 0; i < o->nincludes; i++)
      fprintf(stderr, "    #include %s\n", o->includes[i]);
    shown = 1;
  }
  if (has_error_in(diag, TIMEIT_FILE_SETUP)) {
    cli_command_error(CMD, "the setup does not compile:");
    print_indented(stderr, o->setup);
    shown = 1;
  }
  for (int k = 1; k <= o->nstmts; k++) {
    snprintf(name, sizeof name, TIMEIT_FILE_STMT, k);
    if (has_error_in(diag, name)) {
      cli_command_error(CMD, "stmt %d does not compile:", k);
      print_indented(stderr, o->stmts[k - 1]);
      shown = 1;
    }
  }
  if (!shown) {
    if (strstr(diag, "linker command failed"))
      cli_command_error(
          CMD, "the timing program does not link (a missing -l LIB?):");
    else
      cli_command_error(CMD, "the timing program does not compile:");
  }
  fputs(diag, stderr);
}

static int compile(const struct options *o, const char *dir, const char *src,
                   const char *exe) {
  char olevel[8], log[PATH_MAX];
  const char **argv = calloc((size_t)o->ncc_args + 16, sizeof *argv);
  struct cli_layout layout;
  cli_find_layout(&layout);
  char *inc_flag = concat("-I", layout.includedir);
  int n = 0, status, ret = CLI_FAILED;
  if (!argv || !inc_flag) {
    cli_command_error(CMD, "out of memory");
    free(argv);
    free(inc_flag);
    return CLI_FAILED;
  }
  snprintf(olevel, sizeof olevel, "-O%s", o->opt_level);
  snprintf(log, sizeof log, "%s/clang.log", dir);
  argv[n++] = LINEPROF_CLANG;
  argv[n++] = olevel;
  argv[n++] = inc_flag;
  argv[n++] = isatty(STDERR_FILENO) && !getenv("NO_COLOR")
                  ? "-fcolor-diagnostics"
                  : "-fno-color-diagnostics";
  argv[n++] = "-o";
  argv[n++] = exe;
  argv[n++] = src;
  for (int i = 0; i < o->ncc_args; i++)
    argv[n++] = o->cc_args[i];
  argv[n] = NULL;

  int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    cli_command_error(CMD, "cannot create %s: %s", log, strerror(errno));
    free(argv);
    free(inc_flag);
    return CLI_FAILED;
  }
  pid_t pid = spawn((char *const *)argv, fd, dir); /* clang's .o too */
  close(fd);
  if (pid < 0) {
    cli_command_error(CMD, "cannot start %s: %s", LINEPROF_CLANG,
                      strerror(errno));
    free(argv);
    free(inc_flag);
    return CLI_FAILED;
  }
  status = wait_child(pid);
  char *diag = read_file(log);
  if (g_signal) {
    ret = CLI_FAILED;
  } else if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    if (diag && *diag) /* warnings: they often mean the work is gone */
      fputs(diag, stderr);
    ret = CLI_OK;
  } else {
    report_compile_error(o, diag ? diag : "");
  }
  free(diag);
  free(argv);
  free(inc_flag);
  return ret;
}

/* ---- Running ------------------------------------------------------------ */

static int parse_line(const char *line, struct result *rs, int nstmts,
                      int *current, char **error, char **crash) {
  int k;
  long l;
  double v[8];
  struct result *r = *current >= 1 && *current <= nstmts ? &rs[*current - 1]
                                                         : NULL;
  if (sscanf(line, "stmt %d", &k) == 1 && k >= 1 && k <= nstmts) {
    *current = k;
    rs[k - 1].started = 1;
  } else if (!strncmp(line, "error ", 6)) {
    const char *msg = strchr(line + 6, ' ');
    free(*error);
    *error = strdup(msg ? msg + 1 : line + 6);
  } else if (!strncmp(line, "crash ", 6)) {
    const char *where = strchr(line + 6, ' ');
    free(*crash);
    *crash = strdup(where ? where + 1 : "stmt");
  } else if (!r) {
    return 0;
  } else if (sscanf(line, "trial %ld %lf", &l, &v[0]) == 2) {
    if (r->ntrials < MAX_TRIALS) {
      r->trial_loops[r->ntrials] = l;
      r->trial_ns[r->ntrials++] = v[0];
    }
  } else if (sscanf(line, "loops %ld", &l) == 1) {
    r->loops = l;
  } else if (sscanf(line, "empty %lf", &v[0]) == 1) {
    r->empty_ns = v[0];
  } else if (sscanf(line, "raw %lf", &v[0]) == 1) {
    if (r->nraw == r->capraw) {
      int cap = r->capraw ? 2 * r->capraw : 8;
      double *p = realloc(r->raw, sizeof *p * (size_t)cap);
      if (!p)
        return -1;
      r->raw = p;
      r->capraw = cap;
    }
    r->raw[r->nraw++] = v[0];
  } else if (sscanf(line, "stats %lf %lf %lf %lf %lf %lf %lf %lf", &v[0],
                    &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]) == 8) {
    r->best = v[0], r->median = v[1], r->worst = v[2];
    r->mean = v[3], r->stddev = v[4], r->overhead = v[5];
    r->resolution = v[6], r->distinct = v[7];
  } else if (sscanf(line, "end %d", &k) == 1 && k == *current) {
    if (r->loops <= 0 || r->nraw == 0)
      return -1;
    r->ended = 1;
    return k;
  }
  return 0;
}

/* What the timing program said: the statement it was at (0: none yet),
 * the error or crash it reported, whether it finished. */
struct progress {
  int current, done, bad;
  char *error, *crash;
};

/* Reads the timing program's lines from fd, printing each result. */
static void read_progress(int fd, const struct options *o, struct result *rs,
                          struct progress *p) {
  FILE *in = fdopen(fd, "r");
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  while (in && (len = getline(&line, &cap, in)) > 0) {
    if (line[len - 1] == '\n')
      line[len - 1] = 0;
    if (!strcmp(line, "done")) {
      p->done = 1;
      continue;
    }
    int k = parse_line(line, rs, o->nstmts, &p->current, &p->error, &p->crash);
    if (k > 0)
      print_result(o, k, &rs[k - 1]);
    else if (k < 0)
      p->bad = 1;
  }
  free(line);
  if (in)
    fclose(in);
  else
    close(fd);
}

/* Says how the timing program failed, if it did (wait status `status`);
 * returns CLI_OK or CLI_FAILED. */
static int judge_end(const struct options *o, int status,
                     const struct progress *p) {
  char what[32] = "the timing program";
  if (p->current)
    snprintf(what, sizeof what, "stmt %d", p->current);
  int in_setup = p->crash && !strcmp(p->crash, "setup");
  if (status != -1 && WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    if (in_setup)
      cli_command_error(CMD, "the setup crashed (running %s): %s (%s)", what,
                        signal_name(sig), strsignal(sig));
    else
      cli_command_error(CMD, "%s crashed: %s (%s)", what, signal_name(sig),
                        strsignal(sig));
    if (p->current)
      print_indented(stderr, in_setup ? o->setup : o->stmts[p->current - 1]);
    return CLI_FAILED;
  }
  if (p->error) {
    cli_command_error(CMD, "%s: %s", what, p->error);
    if (p->current)
      print_indented(stderr, o->stmts[p->current - 1]);
    return CLI_FAILED;
  }
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
      !p->done || p->bad) {
    cli_command_error(
        CMD,
        "%s ended the timing program (exit status %d) before it "
        "finished",
        what, status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return CLI_FAILED;
  }
  return CLI_OK;
}

static int run(const struct options *o, const char *exe,
               struct result *rs) {
  int fds[2];
  char fdarg[16];
  if (pipe(fds) < 0) {
    cli_command_error(CMD, "cannot create a pipe: %s", strerror(errno));
    return CLI_FAILED;
  }
  fcntl(fds[0], F_SETFD, FD_CLOEXEC);
  snprintf(fdarg, sizeof fdarg, "%d", fds[1]);
  char *argv[] = {(char *)exe, fdarg, NULL};
  fflush(stdout);
  fflush(stderr);
  pid_t pid = spawn(argv, -1, NULL);
  close(fds[1]);
  if (pid < 0) {
    cli_command_error(CMD, "cannot start the timing program: %s",
                      strerror(errno));
    close(fds[0]);
    return CLI_FAILED;
  }
  struct progress p = {0};
  read_progress(fds[0], o, rs, &p);
  int status = wait_child(pid);
  int rc = g_signal ? CLI_FAILED : judge_end(o, status, &p);
  free(p.error);
  free(p.crash);
  if (rc == CLI_OK && o->nstmts > 1)
    print_comparison(o, rs);
  return rc;
}

/* ---- The subcommand ----------------------------------------------------- */

static int check_pieces(const struct options *o) {
  int line, col;
  const char *why = timeit_check_code(o->setup, &line, &col);
  if (why) {
    cli_command_error(CMD, "the setup does not compile: %s at %s:%d:%d", why,
                      TIMEIT_FILE_SETUP, line, col);
    print_indented(stderr, o->setup);
    return CLI_FAILED;
  }
  for (int k = 1; k <= o->nstmts; k++) {
    char name[32];
    why = timeit_check_code(o->stmts[k - 1], &line, &col);
    if (why) {
      snprintf(name, sizeof name, TIMEIT_FILE_STMT, k);
      cli_command_error(CMD, "stmt %d does not compile: %s at %s:%d:%d", k, why,
                        name, line, col);
      print_indented(stderr, o->stmts[k - 1]);
      return CLI_FAILED;
    }
  }
  return CLI_OK;
}

int cli_timeit(int argc, char **argv) {
  struct options o;
  int done, ret;
  memset(&o, 0, sizeof o);
  ret = parse_options(argc, argv, &o, &done);
  if (done)
    goto out;
  if ((ret = check_pieces(&o)) != CLI_OK)
    goto out;

  struct timeit_spec spec = {o.setup,      (const char *const *)o.stmts,
                             o.nstmts,     o.includes,
                             o.nincludes,  o.number,
                             o.repeat};
  if (o.print_source) {
    ret = timeit_write_source(stdout, &spec) ? CLI_FAILED : CLI_OK;
    goto out;
  }

  char dir[PATH_MAX - 32], src[PATH_MAX], exe[PATH_MAX];
  if (cli_tempdir_make(dir, sizeof dir, "lineprof-timeit.") < 0) {
    cli_command_error(CMD, "cannot create a temporary directory: %s",
                      strerror(errno));
    ret = CLI_FAILED;
    goto out;
  }
  catch_signals(1);
  snprintf(src, sizeof src, "%s/timeit.c", dir);
  snprintf(exe, sizeof exe, "%s/timeit", dir);
  FILE *f = fopen(src, "w");
  if (!f || timeit_write_source(f, &spec) || fclose(f)) {
    cli_command_error(CMD, "cannot write %s: %s", src, strerror(errno));
    ret = CLI_FAILED;
  } else if ((ret = compile(&o, dir, src, exe)) == CLI_OK) {
    struct result *rs = calloc((size_t)o.nstmts, sizeof *rs);
    if (!rs) {
      cli_command_error(CMD, "out of memory");
      ret = CLI_FAILED;
    } else {
      ret = run(&o, exe, rs);
      for (int k = 0; k < o.nstmts; k++)
        free(rs[k].raw);
      free(rs);
    }
  }
  cli_tempdir_remove(dir);
  catch_signals(0);
  if (g_signal) {
    fflush(stdout);
    raise(g_signal); /* die of it, as the shell expects */
    ret = 128 + g_signal;
  }
out:
  free(o.setup);
  free(o.includes);
  free(o.cc_args);
  return ret;
}
