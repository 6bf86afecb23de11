/* cmd_mprof.c - `lineprof mprof`: memory usage over time, like Python's
 * mprof. `run` (cmd_mprof_run.c) records a command's or a running
 * process's resident memory into an mprof .dat file; here, `plot` draws a
 * .dat as SVG and `peak` prints the peak memory of .dat files. See
 * docs/mprof.md. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "mprof_dat.h"
#include "mprof_svg.h"

/* The newest mprofile_<14 digits>.dat in the current directory, like mprof
 * when no file is given. Returns a malloc'd name or NULL. */
static char *latest_profile(void) {
  glob_t g;
  char *name = NULL;
  if (glob("mprofile_[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]"
           "[0-9][0-9][0-9].dat",
           0, NULL, &g) == 0) {
    if (g.gl_pathc) /* glob sorts: the last is the newest */
      name = strdup(g.gl_pathv[g.gl_pathc - 1]);
    globfree(&g);
  }
  return name;
}

static void no_profile_error(void) {
  cli_error("no .dat file given and no mprofile_*.dat file in the current "
            "directory (make one with 'lineprof mprof run')");
}

/* ---------------------------------------------------------------------- */
/* mprof plot */

static int plot_usage(FILE *f) {
  fputs("usage: lineprof mprof plot [options] [FILE.dat]\n\n"
        "Draw the memory usage recorded in FILE.dat (by 'lineprof mprof run'\n"
        "or mprof) as an SVG chart: memory against time, the peak, child\n"
        "processes and function calls. Without FILE.dat, the newest\n"
        "mprofile_*.dat in the current directory.\n\n"
        "options:\n"
        "  -o, --output FILE   the SVG file (default: FILE.dat with .svg in\n"
        "                      place of .dat; '-' for standard output)\n"
        "  -t, --title TITLE   the chart's title (default: the command line)\n"
        "  -h, --help          show this help\n",
        f);
  return CLI_OK;
}

struct plot_args {
  const char *output, *title, *input;
};

/* Parses `mprof plot`'s options and its one .dat file; returns -1 to go on,
 * else the exit status. */
static int parse_plot_options(int argc, char **argv, struct plot_args *a) {
  static const struct option longopts[] = {
      {"output", required_argument, NULL, 'o'},
      {"title", required_argument, NULL, 't'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0},
  };
  const char *cmd = "mprof plot";
  int c;
  opterr = 0;
  optind = 0;
  while ((c = getopt_long(argc, argv, ":o:t:h", longopts, NULL)) != -1) {
    switch (c) {
    case 'o':
      a->output = optarg;
      break;
    case 't':
      a->title = optarg;
      break;
    case 'h':
      return plot_usage(stdout);
    default:
      return cli_option_error(cmd, c, argv[optind - 1], "a value");
    }
  }
  for (; optind < argc; optind++) {
    if (a->input)
      return cli_usage_error(cmd, "one .dat file at a time (got '%s' and "
                                  "'%s')",
                             a->input, argv[optind]);
    a->input = argv[optind];
  }
  if (a->output && !*a->output)
    return cli_usage_error(cmd, "empty output file name");
  return -1;
}

static int mprof_plot(int argc, char **argv) {
  struct plot_args pa = {0};
  int status = parse_plot_options(argc, argv, &pa);
  if (status >= 0)
    return status;
  const char *output = pa.output, *title = pa.title, *input = pa.input;
  char *latest = NULL, *derived = NULL;
  if (!input) {
    if (!(latest = latest_profile())) {
      no_profile_error();
      return CLI_FAILED;
    }
    input = latest;
  }
  struct mprof_dat dat;
  char err[600];
  if (mprof_dat_load(input, &dat, err, sizeof err)) {
    cli_error("%s", err);
    free(latest);
    return CLI_FAILED;
  }
  if (!output) {
    size_t n = strlen(input);
    derived = malloc(n + 5);
    if (!derived) {
      cli_error("out of memory");
      mprof_dat_free(&dat);
      free(latest);
      return CLI_FAILED;
    }
    memcpy(derived, input, n + 1);
    if (n > 4 && !strcmp(derived + n - 4, ".dat"))
      derived[n - 4] = '\0';
    strcat(derived, ".svg");
    output = derived;
  }
  int rc = CLI_OK;
  if (!strcmp(output, "-")) {
    if (mprof_svg_write(stdout, &dat, title) || fflush(stdout)) {
      cli_error("cannot write the plot: %s", strerror(errno));
      rc = CLI_FAILED;
    }
  } else {
    struct stat sb;
    struct atomic_file svg;
    if (stat(output, &sb) == 0 && S_ISDIR(sb.st_mode)) {
      cli_error("%s: is a directory", output);
      rc = CLI_FAILED;
    } else if (atomic_open(&svg, output)) {
      cli_error("cannot create %s: %s", output, strerror(errno));
      rc = CLI_FAILED;
    } else if (mprof_svg_write(svg.f, &dat, title) || atomic_commit(&svg)) {
      cli_error("cannot write %s: %s", output, strerror(errno));
      atomic_abort(&svg);
      rc = CLI_FAILED;
    }
  }
  mprof_dat_free(&dat);
  free(latest);
  free(derived);
  return rc;
}

/* ---------------------------------------------------------------------- */
/* mprof peak */

static int peak_usage(FILE *f) {
  fputs("usage: lineprof mprof peak [options] [FILE.dat...]\n\n"
        "Print the peak memory of each .dat file, as mprof peak does:\n"
        "\"FILE<TAB>PEAK MiB\", then one line per child process. Without\n"
        "FILE.dat, the newest mprofile_*.dat in the current directory.\n\n"
        "options:\n"
        "  --func NAME   the peak among the samples taken during calls of\n"
        "                function NAME (\"NaN MiB\" if there are none)\n"
        "  -h, --help    show this help\n",
        f);
  return CLI_OK;
}

static int mprof_peak(int argc, char **argv) {
  static const struct option longopts[] = {
      {"func", required_argument, NULL, 'f'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0},
  };
  const char *func = NULL;
  int c;
  opterr = 0;
  optind = 0;
  while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
    if (c == 'f')
      func = optarg;
    else if (c == 'h')
      return peak_usage(stdout);
    else
      return cli_option_error("mprof peak", c, argv[optind - 1], "a value");
  }
  char **files = argv + optind;
  size_t nfiles = (size_t)(argc - optind);
  char *latest = NULL;
  if (nfiles == 0) {
    if (!(latest = latest_profile())) {
      no_profile_error();
      return CLI_FAILED;
    }
    printf("Using last profile data.\n");
    files = &latest;
    nfiles = 1;
  }
  int rc = CLI_OK;
  for (size_t i = 0; i < nfiles; i++) {
    struct mprof_dat dat;
    char err[600];
    if (mprof_dat_load(files[i], &dat, err, sizeof err)) {
      fflush(stdout);
      cli_error("%s", err);
      rc = CLI_FAILED;
      continue;
    }
    /* As mprof: with --func, NaN and no children when the function has no
     * sample; the children's peaks are never filtered. */
    double p = dat.mem[mprof_dat_peak_index(&dat)].mem;
    if (func && mprof_dat_func_peak(&dat, func, &p)) {
      printf("%s\tNaN MiB\n", files[i]);
    } else {
      printf("%s\t%.3f MiB\n", files[i], p);
      for (size_t c = 0; c < dat.n_children; c++)
        printf("  Child %s\t\t\t%.3f MiB\n", dat.children[c].id,
               mprof_child_peak(&dat.children[c]));
    }
    mprof_dat_free(&dat);
  }
  if (fflush(stdout) || ferror(stdout)) {
    cli_error("cannot write the output: %s", strerror(errno));
    rc = CLI_FAILED;
  }
  free(latest);
  return rc;
}

/* ---------------------------------------------------------------------- */

static void mprof_usage(FILE *f) {
  fputs("usage: lineprof mprof <command> [options] [args]\n\n"
        "Memory usage over time, like Python's mprof (same .dat files).\n\n"
        "commands:\n"
        "  run    run a command and record its memory usage over time\n"
        "  plot   draw a recording as an SVG chart\n"
        "  peak   print the peak memory of recordings\n\n"
        "Run 'lineprof mprof <command> --help' for a command's options.\n",
        f);
}

int cli_mprof(int argc, char **argv) {
  if (argc < 2)
    return cli_usage_error("mprof", "missing the mprof command (run, plot "
                                    "or peak)");
  const char *sub = argv[1];
  if (!strcmp(sub, "-h") || !strcmp(sub, "--help") || !strcmp(sub, "help")) {
    mprof_usage(stdout);
    return CLI_OK;
  }
  if (!strcmp(sub, "run"))
    return cli_mprof_run(argc - 1, argv + 1);
  if (!strcmp(sub, "plot"))
    return mprof_plot(argc - 1, argv + 1);
  if (!strcmp(sub, "peak"))
    return mprof_peak(argc - 1, argv + 1);
  return cli_usage_error("mprof", "unknown mprof command '%s' (run, plot or "
                                  "peak)",
                         sub);
}
