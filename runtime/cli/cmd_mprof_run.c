/* cmd_mprof_run.c - `lineprof mprof run`: records resident memory over
 * time into an mprof .dat file, like Python's `mprof run`: of a command it
 * starts (and its descendants), merging the FUNC records an instrumented
 * program leaves in a side file, until the command exits; or, with
 * --attach PID, of a process already running, until it exits, SIGINT or
 * --timeout. See docs/mprof.md. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
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

/* The environment variable naming the FUNC side file (docs/mprof.md). */
#define FUNC_FILE_ENV "LINEPROF_MPROF_FUNC_FILE"

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

struct run_args {
  double interval; /* seconds between samples */
  int children, multiprocess;
  const char *output;
  char **cmd;
};

/* Parses `mprof run`'s options, which end at CMD; returns -1 to go on, else
 * the exit status. */
static int parse_run_options(int argc, char **argv, struct run_args *a) {
  static const struct option longopts[] = {
      {"interval", required_argument, NULL, 'T'},
      {"output", required_argument, NULL, 'o'},
      {"include-children", no_argument, NULL, 'C'},
      {"multiprocess", no_argument, NULL, 'M'},
      {"exit-code", no_argument, NULL, 'E'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0},
  };
  const char *cmd = "mprof run";
  char *end;
  int c;
  opterr = 0;
  optind = 0;
  while ((c = getopt_long(argc, argv, "+:T:o:CMEh", longopts, NULL)) != -1) {
    switch (c) {
    case 'T':
      errno = 0;
      a->interval = strtod(optarg, &end);
      if (end == optarg || *end || errno || !isfinite(a->interval) ||
          a->interval < 0.001 || a->interval > 3600)
        return cli_usage_error(cmd,
                               "bad interval '%s': give seconds between "
                               "0.001 and 3600",
                               optarg);
      break;
    case 'o':
      if (!*optarg)
        return cli_usage_error(cmd, "empty output file name");
      a->output = optarg;
      break;
    case 'C':
      a->children = 1;
      break;
    case 'M':
      a->multiprocess = 1;
      break;
    case 'E': /* always on */
      break;
    case 'h':
      return run_usage(stdout);
    default:
      return cli_option_error(cmd, c, argv[optind - 1], "a value");
    }
  }
  if (optind >= argc)
    return cli_usage_error(cmd, "missing the command to run");
  a->cmd = argv + optind;
  return -1;
}

/* The caller's signal mask and dispositions, which CMD gets back. */
struct caller_signals {
  sigset_t mask;
  struct sigaction intr, quit, term, hup;
};

/* SIGCHLD is waited for with sigtimedwait; SIGINT and SIGQUIT from the
 * terminal reach CMD too, so lineprof ignores them (like system(3)) and
 * records what they do to CMD; SIGTERM and SIGHUP are passed on to CMD. */
static void take_signals(struct caller_signals *s) {
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, &s->mask);
  struct sigaction ign = {0}, fwd = {0};
  ign.sa_handler = SIG_IGN;
  fwd.sa_handler = forward_signal;
  sigemptyset(&ign.sa_mask);
  sigemptyset(&fwd.sa_mask);
  sigaction(SIGINT, &ign, &s->intr);
  sigaction(SIGQUIT, &ign, &s->quit);
  sigaction(SIGTERM, &fwd, &s->term);
  sigaction(SIGHUP, &fwd, &s->hup);
}

/* In lineprof at the end, and in CMD before its exec. */
static void give_back_signals(void *ctx) {
  const struct caller_signals *s = ctx;
  sigaction(SIGINT, &s->intr, NULL);
  sigaction(SIGQUIT, &s->quit, NULL);
  sigaction(SIGTERM, &s->term, NULL);
  sigaction(SIGHUP, &s->hup, NULL);
  sigprocmask(SIG_SETMASK, &s->mask, NULL);
}

/* The .dat being written, and the FUNC side file the program appends to. */
struct recording {
  struct atomic_file dat;
  char *side_rel, *side; /* as created, and absolute */
};

/* Creates both; returns 0, or -1 after saying why. Creating the .dat now
 * reports an unwritable directory before CMD runs. */
static int open_recording(struct recording *r, const char *output) {
  memset(r, 0, sizeof *r);
  if (!(r->side_rel = cli_sibling_template(output, ".func"))) {
    cli_error("out of memory");
    return -1;
  }
  if (atomic_open(&r->dat, output)) {
    cli_error("cannot create %s: %s", output, strerror(errno));
    return -1;
  }
  int side_fd = mkostemp(r->side_rel, O_CLOEXEC);
  if (side_fd < 0) {
    cli_error("cannot create the FUNC side file %s: %s", r->side_rel,
              strerror(errno));
    free(r->side_rel);
    r->side_rel = NULL;
    return -1;
  }
  close(side_fd);
  if (!(r->side = absolute_path(r->side_rel))) {
    cli_error("out of memory");
    return -1;
  }
  return 0;
}

/* Removes what is left: the side file, and the .dat unless committed. */
static void close_recording(struct recording *r) {
  atomic_abort(&r->dat);
  if (r->side_rel)
    unlink(r->side_rel);
  free(r->side_rel);
  free(r->side);
}

/* What the samples came to. */
struct samples {
  size_t n;
  double peak, start; /* MiB; when sampling began (Unix time) */
};

/* One sample of CMD (and its descendants) into out. */
static void take_sample(struct mprof_sampler *sampler, const struct run_args *a,
                        FILE *out, struct samples *s) {
  double root;
  const struct mprof_proc_rss *kids;
  size_t n_kids;
  if (mprof_sampler_sample(sampler, &root, &kids, &n_kids))
    return;
  double t = realtime_now(), total = root;
  if (a->children)
    for (size_t k = 0; k < n_kids; k++)
      total += kids[k].mib;
  mprof_write_mem(out, total, t);
  if (a->multiprocess)
    for (size_t k = 0; k < n_kids; k++)
      mprof_write_chld(out, (long)kids[k].pid, kids[k].mib, t);
  if (total > s->peak)
    s->peak = total;
  s->n++;
}

/* Samples CMD every interval until it exits; returns its wait status. */
static int sample_until_exit(pid_t pid, const struct run_args *a, FILE *out,
                             struct samples *s) {
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  struct mprof_sampler *sampler =
      mprof_sampler_new(pid, a->children || a->multiprocess);
  int status = 0;
  *s = (struct samples){.start = realtime_now()};
  double next = monotonic_now();
  for (;;) {
    if (sampler)
      take_sample(sampler, a, out, s);
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid)
      break;
    if (w < 0 && errno != EINTR) {
      cli_error("waitpid: %s", strerror(errno));
      status = 0;
      break;
    }
    next += a->interval;
    double now = monotonic_now();
    if (next < now)
      next = now; /* fell behind: do not burst */
    double d = next - now;
    struct timespec ts = {(time_t)d, (long)((d - floor(d)) * 1e9)};
    sigtimedwait(&chld, NULL, &ts);
  }
  mprof_sampler_free(sampler);
  return status;
}

/* CMD's exit status, as a shell gives it (128+N if signal N killed it). */
static int command_status(const char *name, int status) {
  if (!WIFSIGNALED(status))
    return WEXITSTATUS(status);
  int sig = WTERMSIG(status);
  cli_error("'%s' terminated by signal %d (%s)%s", name, sig, strsignal(sig),
            WCOREDUMP(status) ? ", core dumped" : "");
  return 128 + sig;
}

/* Runs CMD, samples it into r, merges the FUNC records and commits the
 * .dat; returns the exit status. */
static int run_and_record(const struct run_args *a, struct recording *r,
                          struct caller_signals *sig) {
  struct cli_child how = {.in_child = give_back_signals, .ctx = sig};
  fflush(NULL);
  pid_t pid = cli_spawn(a->cmd, &how);
  if (pid == -1) {
    cli_error("fork: %s", strerror(errno));
    return CLI_FAILED;
  }
  if (pid == -2) {
    int err = errno;
    cli_error("cannot run '%s': %s", a->cmd[0], strerror(err));
    return err == ENOENT ? 127 : 126;
  }
  child_pid = pid;
  struct samples s;
  int status = sample_until_exit(pid, a, r->dat.f, &s);
  child_pid = 0;
  if (s.n == 0) /* CMD ended before the first sample: as mprof */
    mprof_write_mem(r->dat.f, 0.0, s.start);
  size_t n_funcs = merge_func_file(r->side, r->dat.f);
  int rc = command_status(a->cmd[0], status);
  if (atomic_commit(&r->dat)) {
    cli_error("cannot write %s: %s", a->output, strerror(errno));
    return CLI_FAILED;
  }
  fprintf(stderr, "lineprof: wrote %s: %zu samples, %zu function calls, "
                  "peak %.3f MiB\n",
          a->output, s.n, n_funcs, s.peak);
  return rc;
}

int cli_mprof_run(int argc, char **argv) {
  struct run_args a = {.interval = 0.1};
  int rc = parse_run_options(argc, argv, &a);
  if (rc >= 0)
    return rc;
  char default_name[64];
  if (!a.output) {
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(default_name, sizeof default_name, "mprofile_%Y%m%d%H%M%S.dat",
             &tm);
    a.output = default_name;
  }
  struct stat sb;
  if (stat(a.output, &sb) == 0 && S_ISDIR(sb.st_mode)) {
    cli_error("%s: is a directory", a.output);
    return CLI_FAILED;
  }
  struct recording r;
  rc = CLI_FAILED;
  if (open_recording(&r, a.output) == 0) {
    setenv(FUNC_FILE_ENV, r.side, 1);
    write_cmdline(r.dat.f, a.cmd);
    struct caller_signals sig;
    take_signals(&sig);
    rc = run_and_record(&a, &r, &sig);
    give_back_signals(&sig);
    unsetenv(FUNC_FILE_ENV);
  }
  close_recording(&r);
  return rc;
}

