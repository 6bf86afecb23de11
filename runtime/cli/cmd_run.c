/* cmd_run.c - `lineprof run`: compiles C sources with the plugin, runs the
 * program and prints its line_profiler report, like `kernprof -l -v`, or
 * with --memory its memory_profiler report, like `python -m
 * memory_profiler`. The executable is built in a temporary directory; the
 * program runs in the current directory and its profile goes to
 * NAME.lprof there. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_config.h"
#include "lprof_reader.h"
#include "report_memory.h"
#include "report_text.h"

#define MAX_ARGS 4096

struct run_options {
  const char *opt_level;
  const char *outfile;
  const char *memory; /* LINEPROF_MEMORY for the run (heap, sampled, rss) */
  double unit;
  int all;
  const char *compiler_args[MAX_ARGS]; /* -I, -D, -l, -f as clang flags */
  int ncompiler_args;
  char *functions; /* comma-separated -f names */
};

static void usage(FILE *out) {
  fputs("usage: lineprof run [options] SOURCE.c... [-- ARGS...]\n\n"
        "Compiles the sources with the lineprof plugin and -g, runs the "
        "program\nwith ARGS and prints its report (like kernprof -l -v), or "
        "with --memory\nits memory report (like python -m memory_profiler).\n\n"
        "options:\n"
        "  -f, --function NAME  profile NAME (a name or glob); repeatable\n"
        "  -a, --all            profile every function of the sources\n"
        "  -O LEVEL             clang optimisation level (default 2)\n"
        "  -I DIR, -D MACRO     passed to clang\n"
        "  -l LIB               link with LIB\n"
        "  -o, --outfile FILE   where the profile goes (default NAME.lprof,\n"
        "                       NAME = the first source without .c)\n"
        "  -u, --unit UNIT      output unit in seconds (default 1e-09; not with\n"
        "                       --memory)\n"
        "  -M, --memory[=MODE]  measure memory (MODE heap, the default,\n"
        "                       sampled or rss) and print memory_profiler's\n"
        "                       table\n"
        "                       instead\n"
        "  -h, --help           show this help\n\n"
        "Without -f or --all, the functions marked LINEPROF_PROFILE are "
        "profiled.\n",
        out);
}

static int add_compiler_arg(struct run_options *o, const char *flag,
                            const char *value) {
  if (o->ncompiler_args + 2 >= MAX_ARGS)
    return -1;
  o->compiler_args[o->ncompiler_args++] = flag;
  o->compiler_args[o->ncompiler_args++] = value;
  return 0;
}

static int add_function(struct run_options *o, const char *name) {
  size_t old = o->functions ? strlen(o->functions) : 0;
  char *f = realloc(o->functions, old + strlen(name) + 2);
  if (!f)
    return -1;
  if (old)
    f[old++] = ',';
  strcpy(f + old, name);
  o->functions = f;
  return 0;
}

#define DEFAULT_UNIT 1e-9

/* Parses options; returns the index of the first source, or -1 after a
 * usage error (status in *status). */
static int parse_options(int argc, char **argv, struct run_options *o,
                         int *status) {
  static const struct option longopts[] = {
      {"function", required_argument, 0, 'f'},
      {"all", no_argument, 0, 'a'},
      {"outfile", required_argument, 0, 'o'},
      {"unit", required_argument, 0, 'u'},
      {"memory", optional_argument, 0, 'M'},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  int c;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "+f:aO:I:D:l:o:u:Mh", longopts, 0)) !=
         -1) {
    int failed = 0;
    char *end;
    switch (c) {
    case 'f': failed = add_function(o, optarg); break;
    case 'a': o->all = 1; break;
    case 'O': o->opt_level = optarg; break;
    case 'I': failed = add_compiler_arg(o, "-I", optarg); break;
    case 'D': failed = add_compiler_arg(o, "-D", optarg); break;
    case 'l': failed = add_compiler_arg(o, "-l", optarg); break;
    case 'o': o->outfile = optarg; break;
    case 'u':
      o->unit = strtod(optarg, &end);
      if (*end || !(o->unit > 0) || o->unit > 1e9) {
        *status = cli_usage_error("run", "invalid unit '%s'", optarg);
        return -1;
      }
      break;
    case 'M':
      o->memory = optarg ? optarg : "heap";
      if (strcmp(o->memory, "heap") && strcmp(o->memory, "sampled") &&
          strcmp(o->memory, "rss")) {
        *status = cli_usage_error("run", "invalid memory mode '%s' (want heap, "
                                  "sampled or rss)", optarg);
        return -1;
      }
      break;
    case 'h': usage(stdout); *status = CLI_OK; return -1;
    default:
      *status = cli_usage_error("run", "unknown or incomplete option '%s'",
                                argv[optind - 1]);
      return -1;
    }
    if (failed) {
      *status = cli_usage_error("run", "too many options");
      return -1;
    }
  }
  if (o->memory && o->unit != DEFAULT_UNIT) {
    *status = cli_usage_error("run", "--unit is for the time report; the "
                              "memory report (--memory) has no times");
    return -1;
  }
  if (optind >= argc || !strcmp(argv[optind], "--")) {
    *status = cli_usage_error("run", "no source file given");
    return -1;
  }
  return optind;
}

/* NAME.lprof for the first source (its base name without .c). */
static void default_outfile(const char *source, char *out, size_t size) {
  const char *base = strrchr(source, '/');
  base = base ? base + 1 : source;
  size_t n = strlen(base);
  if (n > 2 && !strcmp(base + n - 2, ".c"))
    n -= 2;
  snprintf(out, size, "%.*s.lprof", (int)n, base);
}

static int compile(const struct run_options *o, char **sources, int nsources,
                   const char *exe) {
  struct cli_layout l;
  cli_find_layout(&l);
  static char plugin[5000], include[5000], rpath[5000], level[16], funcs[8192];
  snprintf(plugin, sizeof plugin, "-fplugin=%s", l.plugin);
  snprintf(include, sizeof include, "-I%s", l.includedir);
  snprintf(rpath, sizeof rpath, "-Wl,-rpath,%s", l.libdir);
  snprintf(level, sizeof level, "-O%s", o->opt_level ? o->opt_level : "2");
  const char *argv[MAX_ARGS + 64];
  int n = 0;
  argv[n++] = LINEPROF_CLANG;
  argv[n++] = "-g";
  argv[n++] = level;
  argv[n++] = plugin;
  argv[n++] = "-fplugin-arg-lineprof-exact"; /* small programs: exact times */
  argv[n++] = include;
  if (o->functions) {
    snprintf(funcs, sizeof funcs, "-fplugin-arg-lineprof-functions=%s",
             o->functions);
    argv[n++] = funcs;
  }
  if (o->all)
    argv[n++] = "-fplugin-arg-lineprof-all";
  for (int i = 0; i < o->ncompiler_args && n < MAX_ARGS; i++)
    argv[n++] = o->compiler_args[i];
  for (int i = 0; i < nsources && n < MAX_ARGS; i++)
    argv[n++] = sources[i];
  argv[n++] = l.runtime;
  argv[n++] = rpath;
  argv[n++] = "-lpthread";
  argv[n++] = "-lm";
  argv[n++] = "-o";
  argv[n++] = exe;
  argv[n] = NULL;
  int status = cli_run_program((char *const *)argv, NULL);
  if (status < 0) {
    cli_error("cannot run %s: %s", LINEPROF_CLANG, strerror(errno));
    return -1;
  }
  return cli_exit_status(status) ? -1 : 0;
}

/* LINEPROF_FILE is a pattern: a literal % in the path must be doubled. */
static void escape_pattern(const char *path, char *out, size_t size) {
  size_t k = 0;
  for (const char *p = path; *p && k + 3 < size; p++) {
    if (*p == '%')
      out[k++] = '%';
    out[k++] = *p;
  }
  out[k] = '\0';
}

/* The time report, or with --memory the memory report. */
static int print_report(const char *path, const struct run_options *o) {
  struct lprof_profile p;
  char err[512];
  if (lprof_read_file(path, &p, err, sizeof err)) {
    cli_error("%s: %s", path, err);
    return CLI_FAILED;
  }
  struct report_options ro = {.unit = o->unit};
  struct memory_options mo = {.precision = 3};
  int failed = o->memory ? report_memory(stdout, &p, &mo)
                         : report_text(stdout, &p, &ro);
  lprof_profile_free(&p);
  return failed ? CLI_FAILED : CLI_OK;
}

static int build_and_run(struct run_options *o, char **sources, int nsources,
                         char **args, const char *dir) {
  char exe[PATH_MAX + 16], outfile[PATH_MAX], pattern[2 * PATH_MAX];
  snprintf(exe, sizeof exe, "%s/program", dir);
  if (compile(o, sources, nsources, exe))
    return CLI_FAILED;
  if (o->outfile)
    snprintf(outfile, sizeof outfile, "%s", o->outfile);
  else
    default_outfile(sources[0], outfile, sizeof outfile);
  escape_pattern(outfile, pattern, sizeof pattern);
  unlink(outfile); /* a stale profile must not pass for this run's */

  args[0] = exe;
  const char *env[] = {"LINEPROF_FILE", pattern,
                       o->memory ? "LINEPROF_MEMORY" : NULL, o->memory, NULL};
  int status = cli_run_program(args, env);
  if (status < 0) {
    cli_error("cannot run the program: %s", strerror(errno));
    return CLI_FAILED;
  }
  if (access(outfile, F_OK)) {
    cli_error("nothing was profiled: mark functions with LINEPROF_PROFILE "
              "(from lineprof.h), or choose them with -f NAME or --all");
    return CLI_FAILED;
  }
  int report = print_report(outfile, o);
  int program = cli_exit_status(status);
  return program ? program : report;
}

int cli_run(int argc, char **argv) {
  struct run_options o = {.unit = DEFAULT_UNIT};
  int status = CLI_OK;
  int first = parse_options(argc, argv, &o, &status);
  if (first < 0) {
    free(o.functions);
    return status;
  }
  int nsources = 0;
  while (first + nsources < argc && strcmp(argv[first + nsources], "--"))
    nsources++;
  /* Program arguments after "--"; slot 0 becomes the executable. */
  char *no_args[2] = {NULL, NULL};
  char **args = first + nsources < argc ? argv + first + nsources : no_args;

  char dir[PATH_MAX];
  if (cli_tempdir_make(dir, sizeof dir, "lineprof-run-")) {
    cli_error("cannot create a temporary directory in %s: %s",
              cli_tempdir_base(), strerror(errno));
    free(o.functions);
    return CLI_FAILED;
  }
  status = build_and_run(&o, argv + first, nsources, args, dir);
  cli_tempdir_remove(dir);
  free(o.functions);
  return status;
}
