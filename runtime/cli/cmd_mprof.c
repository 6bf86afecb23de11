/* cmd_mprof.c - `lineprof mprof`: memory usage over time, like Python's
 * mprof. `run` runs a command and samples its resident memory (and its
 * descendants') into an mprof .dat file, merging the FUNC records an
 * instrumented program leaves in a side file; `plot` draws a .dat as SVG;
 * `peak` prints the peak memory of .dat files. See docs/mprof.md. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "mprof_dat.h"
#include "mprof_sampler.h"
#include "mprof_svg.h"

/* The environment variable naming the FUNC side file (docs/mprof.md). */
#define FUNC_FILE_ENV "LINEPROF_MPROF_FUNC_FILE"

/* ---------------------------------------------------------------------- */
/* Option parsing shared by the subcommands. */

struct opt_state {
  int argc, i;
  char **argv;
  const char *cmd; /* "mprof run" ... for usage errors */
};

/* Does argv[i] name option short_name/long_name? Sets *value for options
 * that take one ("--x=V", "--x V", "-xV", "-x V"). Returns 1 if matched, 0
 * if not, -1 (usage error printed) if the value is missing. */
static int opt_match(struct opt_state *st, char short_name,
                     const char *long_name, const char **value) {
  const char *a = st->argv[st->i];
  size_t ll = long_name ? strlen(long_name) : 0;
  const char *v = NULL;
  int matched = 0;
  if (long_name && a[0] == '-' && a[1] == '-' && !strncmp(a + 2, long_name, ll) &&
      (a[2 + ll] == '\0' || (value && a[2 + ll] == '='))) {
    matched = 1;
    if (a[2 + ll] == '=')
      v = a + 3 + ll;
  } else if (short_name && a[0] == '-' && a[1] == short_name &&
             (a[2] == '\0' || value)) {
    matched = 1;
    if (a[2])
      v = a + 2;
  }
  if (!matched)
    return 0;
  if (value) {
    if (!v) {
      if (st->i + 1 >= st->argc) {
        cli_usage_error(st->cmd, "option '%s' needs a value", a);
        return -1;
      }
      v = st->argv[++st->i];
    }
    *value = v;
  }
  return 1;
}

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
/* mprof run */

static volatile sig_atomic_t child_pid;

static void forward_signal(int sig) {
  if (child_pid > 0)
    kill((pid_t)child_pid, sig);
}

static double realtime_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double monotonic_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CMDLINE as mprof writes it: arguments joined by spaces, those holding a
 * blank quoted with '...'. Line breaks would end the record: they become
 * spaces. */
static void write_cmdline(FILE *out, char **argv) {
  fputs("CMDLINE ", out);
  for (int i = 0; argv[i]; i++) {
    int quote = strpbrk(argv[i], " \t") != NULL;
    if (i)
      fputc(' ', out);
    if (quote)
      fputc('\'', out);
    for (const char *p = argv[i]; *p; p++)
      fputc(*p == '\n' || *p == '\r' ? ' ' : *p, out);
    if (quote)
      fputc('\'', out);
  }
  fputc('\n', out);
}

/* Copy the valid FUNC records of the side file into out. Bad lines (a
 * program killed mid-write, a runtime bug) are skipped with a warning: the
 * measurements already taken matter more. Returns the records merged. */
static size_t merge_func_file(const char *side, FILE *out) {
  FILE *f = fopen(side, "rb");
  if (!f)
    return 0;
  char *line = NULL;
  size_t cap = 0, merged = 0, bad = 0;
  unsigned long lineno = 0;
  ssize_t n;
  while ((n = getline(&line, &cap, f)) > 0) {
    lineno++;
    int complete = line[n - 1] == '\n';
    if (complete)
      n--;
    struct mprof_dat one;
    char msg[300];
    memset(&one, 0, sizeof one);
    int rc = -1;
    if (!complete)
      snprintf(msg, sizeof msg, "incomplete last line");
    else if (n > MPROF_DAT_MAX_LINE)
      snprintf(msg, sizeof msg, "line too long");
    else if ((size_t)n < 5 || memcmp(line, "FUNC ", 5))
      snprintf(msg, sizeof msg, "not a FUNC record");
    else
      rc = mprof_dat_parse_line(&one, line, (size_t)n, msg, sizeof msg);
    if (rc == 0 && one.n_funcs == 1) {
      mprof_write_func(out, &one.funcs[0]);
      merged++;
    } else if (bad++ < 5) {
      cli_error("warning: FUNC side file, line %lu: %s (skipped)", lineno,
                msg);
    }
    mprof_dat_free(&one);
  }
  if (bad > 5)
    cli_error("warning: FUNC side file: %zu bad lines skipped in all", bad);
  free(line);
  fclose(f);
  return merged;
}

static int run_usage(FILE *f) {
  fputs(
      "usage: lineprof mprof run [options] [--] CMD [ARGS...]\n\n"
      "Run CMD, sample its resident memory every interval and write it to an\n"
      "mprof .dat file (mprof's format: python3-mprof can read it).\n\n"
      "options:\n"
      "  -T, --interval S        sampling period in seconds (default 0.1)\n"
      "  -C, --include-children  add the memory of all descendant processes\n"
      "                          to each MEM sample (like mprof -C)\n"
      "  -M, --multiprocess      also write one CHLD record per descendant\n"
      "                          and sample (like mprof -M)\n"
      "  -o, --output FILE       the .dat file (default\n"
      "                          mprofile_<YYYYmmddHHMMSS>.dat in the current\n"
      "                          directory)\n"
      "  -E, --exit-code         accepted for mprof compatibility: the exit\n"
      "                          status of CMD is always returned\n"
      "  -h, --help              show this help\n\n"
      "The exit status is CMD's (128+N if a signal N killed it). CMD gets\n" FUNC_FILE_ENV
      "=<path>: lines \"FUNC <name> <m0> <t0> <m1> <t1> <level>\"\n"
      "appended there are merged into the .dat (see docs/mprof.md).\n",
      f);
  return CLI_OK;
}

/* "dir/.base.XXXXXX" next to path, for mkostemp. */
static char *sibling_template(const char *path, const char *tag) {
  const char *slash = strrchr(path, '/');
  size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
  const char *base = path + dirlen;
  size_t n = dirlen + strlen(base) + strlen(tag) + 16;
  char *t = malloc(n);
  if (t)
    snprintf(t, n, "%.*s.%s%s.XXXXXX", (int)dirlen, path, base, tag);
  return t;
}

static char *absolute_path(const char *p) {
  if (p[0] == '/')
    return strdup(p);
  char *cwd = getcwd(NULL, 0);
  if (!cwd)
    return NULL;
  size_t n = strlen(cwd) + strlen(p) + 2;
  char *a = malloc(n);
  if (a)
    snprintf(a, n, "%s/%s", cwd, p);
  free(cwd);
  return a;
}

static int mprof_run(int argc, char **argv) {
  struct opt_state st = {argc, 1, argv, "mprof run"};
  double interval = 0.1;
  int children = 0, multiprocess = 0;
  const char *output = NULL;
  for (; st.i < argc; st.i++) {
    const char *a = argv[st.i], *v;
    int m;
    if (!strcmp(a, "--")) {
      st.i++;
      break;
    }
    if (a[0] != '-' || a[1] == '\0')
      break;
    if (!strcmp(a, "-h") || !strcmp(a, "--help"))
      return run_usage(stdout);
    if ((m = opt_match(&st, 'T', "interval", &v))) {
      if (m < 0)
        return CLI_USAGE;
      char *end;
      errno = 0;
      interval = strtod(v, &end);
      if (end == v || *end || errno || !isfinite(interval) ||
          interval < 0.001 || interval > 3600)
        return cli_usage_error(st.cmd,
                               "bad interval '%s': give seconds between "
                               "0.001 and 3600",
                               v);
    } else if ((m = opt_match(&st, 'o', "output", &v))) {
      if (m < 0)
        return CLI_USAGE;
      if (!*v)
        return cli_usage_error(st.cmd, "empty output file name");
      output = v;
    } else if (opt_match(&st, 'C', "include-children", NULL)) {
      children = 1;
    } else if (opt_match(&st, 'M', "multiprocess", NULL)) {
      multiprocess = 1;
    } else if (opt_match(&st, 'E', "exit-code", NULL)) {
      /* always on */
    } else {
      return cli_usage_error(st.cmd, "unknown option '%s'", a);
    }
  }
  if (st.i >= argc)
    return cli_usage_error(st.cmd, "missing the command to run");
  char **cmd = argv + st.i;

  char default_name[64];
  if (!output) {
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(default_name, sizeof default_name, "mprofile_%Y%m%d%H%M%S.dat",
             &tm);
    output = default_name;
  }
  struct stat sb;
  if (stat(output, &sb) == 0 && S_ISDIR(sb.st_mode)) {
    cli_error("%s: is a directory", output);
    return CLI_FAILED;
  }

  /* The output is written under a temporary name and renamed at the end;
   * creating it now reports an unwritable directory before CMD runs. */
  int rc = CLI_FAILED;
  char *tmp = sibling_template(output, "");
  char *side_rel = sibling_template(output, ".func");
  char *side = NULL;
  FILE *out = NULL;
  int fd = -1;
  if (!tmp || !side_rel) {
    cli_error("out of memory");
    goto done;
  }
  fd = cli_create_temp(tmp);
  if (fd < 0) {
    cli_error("cannot create %s: %s", output, strerror(errno));
    free(tmp);
    tmp = NULL;
    goto done;
  }
  out = fdopen(fd, "w");
  if (!out) {
    cli_error("cannot write %s: %s", output, strerror(errno));
    close(fd);
    goto done;
  }
  int side_fd = mkostemp(side_rel, O_CLOEXEC);
  if (side_fd < 0) {
    cli_error("cannot create the FUNC side file %s: %s", side_rel,
              strerror(errno));
    free(side_rel);
    side_rel = NULL;
    goto done;
  }
  close(side_fd);
  if (!(side = absolute_path(side_rel))) {
    cli_error("out of memory");
    goto done;
  }
  setenv(FUNC_FILE_ENV, side, 1);
  write_cmdline(out, cmd);

  /* Signals: SIGCHLD is waited for with sigtimedwait; SIGINT and SIGQUIT
   * from the terminal reach CMD too, so lineprof ignores them (like
   * system(3)) and records what they do to CMD; SIGTERM and SIGHUP are passed
   * on to CMD. The child gets the caller's mask and dispositions back. */
  sigset_t chld, oldmask;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, &oldmask);
  struct sigaction ign = {0}, fwd = {0}, old_int, old_quit, old_term, old_hup;
  ign.sa_handler = SIG_IGN;
  fwd.sa_handler = forward_signal;
  sigemptyset(&ign.sa_mask);
  sigemptyset(&fwd.sa_mask);
  sigaction(SIGINT, &ign, &old_int);
  sigaction(SIGQUIT, &ign, &old_quit);
  sigaction(SIGTERM, &fwd, &old_term);
  sigaction(SIGHUP, &fwd, &old_hup);

  int errpipe[2];
  if (pipe2(errpipe, O_CLOEXEC)) {
    cli_error("pipe: %s", strerror(errno));
    goto restore;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    cli_error("fork: %s", strerror(errno));
    close(errpipe[0]);
    close(errpipe[1]);
    goto restore;
  }
  if (pid == 0) {
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGHUP, &old_hup, NULL);
    sigprocmask(SIG_SETMASK, &oldmask, NULL);
    execvp(cmd[0], cmd);
    int e = errno;
    ssize_t w = write(errpipe[1], &e, sizeof e);
    (void)w;
    _exit(127);
  }
  child_pid = pid;
  close(errpipe[1]);
  int exec_errno = 0;
  ssize_t got;
  do
    got = read(errpipe[0], &exec_errno, sizeof exec_errno);
  while (got < 0 && errno == EINTR);
  close(errpipe[0]);
  int status = 0;
  if (got > 0) {
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
      ;
    child_pid = 0;
    cli_error("cannot run '%s': %s", cmd[0], strerror(exec_errno));
    rc = exec_errno == ENOENT ? 127 : 126;
    goto restore;
  }

  /* Sample until CMD exits. */
  struct mprof_sampler *sampler =
      mprof_sampler_new(pid, children || multiprocess);
  size_t n_samples = 0;
  double peak = 0, start = realtime_now();
  double next = monotonic_now();
  for (;;) {
    double root;
    const struct mprof_proc_rss *kids;
    size_t n_kids;
    if (sampler && mprof_sampler_sample(sampler, &root, &kids, &n_kids) == 0) {
      double t = realtime_now(), total = root;
      if (children)
        for (size_t k = 0; k < n_kids; k++)
          total += kids[k].mib;
      mprof_write_mem(out, total, t);
      if (multiprocess)
        for (size_t k = 0; k < n_kids; k++)
          mprof_write_chld(out, (long)kids[k].pid, kids[k].mib, t);
      if (total > peak)
        peak = total;
      n_samples++;
    }
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid)
      break;
    if (w < 0 && errno != EINTR) {
      cli_error("waitpid: %s", strerror(errno));
      status = 0;
      break;
    }
    next += interval;
    double now = monotonic_now();
    if (next < now)
      next = now; /* fell behind: do not burst */
    double d = next - now;
    struct timespec ts = {(time_t)d, (long)((d - floor(d)) * 1e9)};
    sigtimedwait(&chld, NULL, &ts);
  }
  child_pid = 0;
  mprof_sampler_free(sampler);
  if (n_samples == 0) /* CMD ended before the first sample: as mprof */
    mprof_write_mem(out, 0.0, start);
  size_t n_funcs = merge_func_file(side, out);

  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    cli_error("'%s' terminated by signal %d (%s)%s", cmd[0], sig,
              strsignal(sig), WCOREDUMP(status) ? ", core dumped" : "");
    rc = 128 + sig;
  } else {
    rc = WEXITSTATUS(status);
  }
  if (fflush(out) || ferror(out)) {
    cli_error("cannot write %s: %s", output, strerror(errno));
    rc = CLI_FAILED;
    goto restore;
  }
  int fe = fclose(out);
  out = NULL;
  if (fe) {
    cli_error("cannot write %s: %s", output, strerror(errno));
    rc = CLI_FAILED;
    goto restore;
  }
  if (rename(tmp, output)) {
    cli_error("cannot write %s: %s", output, strerror(errno));
    rc = CLI_FAILED;
    goto restore;
  }
  free(tmp);
  tmp = NULL;
  fprintf(stderr, "lineprof: wrote %s: %zu samples, %zu function calls, "
                  "peak %.3f MiB\n",
          output, n_samples, n_funcs, peak);

restore:
  sigaction(SIGINT, &old_int, NULL);
  sigaction(SIGQUIT, &old_quit, NULL);
  sigaction(SIGTERM, &old_term, NULL);
  sigaction(SIGHUP, &old_hup, NULL);
  sigprocmask(SIG_SETMASK, &oldmask, NULL);
  unsetenv(FUNC_FILE_ENV);
done:
  if (out)
    fclose(out);
  if (tmp)
    unlink(tmp);
  if (side_rel)
    unlink(side_rel);
  free(tmp);
  free(side_rel);
  free(side);
  return rc;
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

static int mprof_plot(int argc, char **argv) {
  struct opt_state st = {argc, 1, argv, "mprof plot"};
  const char *output = NULL, *title = NULL, *input = NULL;
  int only_files = 0;
  for (; st.i < argc; st.i++) {
    const char *a = argv[st.i], *v;
    int m;
    if (!only_files && !strcmp(a, "--")) {
      only_files = 1;
      continue;
    }
    if (!only_files && a[0] == '-' && a[1]) {
      if (!strcmp(a, "-h") || !strcmp(a, "--help"))
        return plot_usage(stdout);
      if ((m = opt_match(&st, 'o', "output", &v))) {
        if (m < 0)
          return CLI_USAGE;
        output = v;
      } else if ((m = opt_match(&st, 't', "title", &v))) {
        if (m < 0)
          return CLI_USAGE;
        title = v;
      } else {
        return cli_usage_error(st.cmd, "unknown option '%s'", a);
      }
      continue;
    }
    if (input)
      return cli_usage_error(st.cmd, "one .dat file at a time (got '%s' and "
                                     "'%s')",
                             input, a);
    input = a;
  }
  if (output && !*output)
    return cli_usage_error(st.cmd, "empty output file name");
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
    char *tmp = sibling_template(output, "");
    int fd = -1;
    FILE *f = NULL;
    if (stat(output, &sb) == 0 && S_ISDIR(sb.st_mode)) {
      cli_error("%s: is a directory", output);
      rc = CLI_FAILED;
    } else if (!tmp || (fd = cli_create_temp(tmp)) < 0) {
      cli_error("cannot create %s: %s", output, strerror(tmp ? errno : ENOMEM));
      rc = CLI_FAILED;
    } else {
      if (!(f = fdopen(fd, "w"))) {
        close(fd);
        unlink(tmp);
        cli_error("cannot write %s: %s", output, strerror(errno));
        rc = CLI_FAILED;
      } else {
        int bad = mprof_svg_write(f, &dat, title);
        int e = errno;
        if (fclose(f))
          bad = 1, e = errno;
        if (bad || rename(tmp, output)) {
          cli_error("cannot write %s: %s", output, strerror(bad ? e : errno));
          unlink(tmp);
          rc = CLI_FAILED;
        }
      }
    }
    free(tmp);
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
  struct opt_state st = {argc, 1, argv, "mprof peak"};
  const char *func = NULL;
  char **files = calloc((size_t)argc + 1, sizeof *files);
  size_t nfiles = 0;
  int only_files = 0;
  if (!files) {
    cli_error("out of memory");
    return CLI_FAILED;
  }
  for (; st.i < argc; st.i++) {
    const char *a = argv[st.i], *v;
    int m;
    if (!only_files && !strcmp(a, "--")) {
      only_files = 1;
      continue;
    }
    if (!only_files && a[0] == '-' && a[1]) {
      if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
        free(files);
        return peak_usage(stdout);
      }
      if ((m = opt_match(&st, 0, "func", &v))) {
        if (m < 0) {
          free(files);
          return CLI_USAGE;
        }
        func = v;
        continue;
      }
      free(files);
      return cli_usage_error(st.cmd, "unknown option '%s'", a);
    }
    files[nfiles++] = argv[st.i];
  }
  char *latest = NULL;
  if (nfiles == 0) {
    if (!(latest = latest_profile())) {
      no_profile_error();
      free(files);
      return CLI_FAILED;
    }
    printf("Using last profile data.\n");
    files[nfiles++] = latest;
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
  free(files);
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
    return mprof_run(argc - 1, argv + 1);
  if (!strcmp(sub, "plot"))
    return mprof_plot(argc - 1, argv + 1);
  if (!strcmp(sub, "peak"))
    return mprof_peak(argc - 1, argv + 1);
  return cli_usage_error("mprof", "unknown mprof command '%s' (run, plot or "
                                  "peak)",
                         sub);
}
