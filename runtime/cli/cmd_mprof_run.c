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
      "usage: lineprof mprof run [options] [--] CMD [ARGS...]\n"
      "       lineprof mprof run [options] --attach PID\n\n"
      "Run CMD, sample its resident memory every interval and write it to an\n"
      "mprof .dat file (mprof's format: python3-mprof can read it). With\n"
      "--attach, record a process that is already running instead, until it\n"
      "exits, SIGINT (Ctrl-C) or the timeout.\n\n"
      "options:\n"
      "  -a, --attach PID        record the running process PID\n"
      "  -t, --timeout S         stop recording after S seconds (CMD runs on\n"
      "                          and is waited for)\n"
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
  double interval, timeout; /* seconds between samples; 0: no timeout */
  int children, multiprocess;
  const char *output;
  char **cmd;   /* the command, or NULL with attach */
  pid_t attach; /* the running process to record */
};

/* -T or -t: seconds between min and max (range says which) into *out;
 * returns -1 to go on, else the usage error's status. */
static int take_seconds(const char *what, const char *s, double min,
                        double max, const char *range, double *out) {
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (end == s || *end || errno || !isfinite(v) || v < min || v > max)
    return cli_usage_error("mprof run", "bad %s '%s': give seconds %s", what,
                           s, range);
  *out = v;
  return -1;
}

/* A process id, 1 to INT_MAX; -1 if s is not one. */
static pid_t parse_pid(const char *s) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  return *s >= '0' && *s <= '9' && !*end && !errno && v > 0 && v <= INT_MAX
             ? (pid_t)v
             : -1;
}

/* Parses `mprof run`'s options, which end at CMD; returns -1 to go on, else
 * the exit status. */
static int parse_run_options(int argc, char **argv, struct run_args *a) {
  static const struct option longopts[] = {
      {"interval", required_argument, NULL, 'T'},
      {"attach", required_argument, NULL, 'a'},
      {"timeout", required_argument, NULL, 't'},
      {"output", required_argument, NULL, 'o'},
      {"include-children", no_argument, NULL, 'C'},
      {"multiprocess", no_argument, NULL, 'M'},
      {"exit-code", no_argument, NULL, 'E'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0},
  };
  const char *cmd = "mprof run";
  int c, rc = -1;
  opterr = 0;
  optind = 0;
  while ((c = getopt_long(argc, argv, "+:T:a:t:o:CMEh", longopts, NULL)) !=
         -1) {
    switch (c) {
    case 'T':
      rc = take_seconds("interval", optarg, 0.001, 3600,
                        "between 0.001 and 3600", &a->interval);
      break;
    case 't':
      rc = take_seconds("timeout", optarg, 0.001, 1e9, "of at least 0.001",
                        &a->timeout);
      break;
    case 'a':
      if ((a->attach = parse_pid(optarg)) < 0)
        return cli_usage_error(cmd, "bad pid '%s': give a process id",
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
    if (rc >= 0)
      return rc;
  }
  if (a->attach && optind < argc)
    return cli_usage_error(cmd, "--attach records a running process: no "
                                "command to run (got '%s')",
                           argv[optind]);
  if (!a->attach && optind >= argc)
    return cli_usage_error(cmd, "missing the command to run (or --attach "
                                "PID)");
  a->cmd = a->attach ? NULL : argv + optind;
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

/* What the samples came to, and why they ended. */
struct samples {
  size_t n;
  double peak, start; /* MiB; when sampling began (Unix time) */
  int status, reaped; /* the command's wait status, once reaped */
  int timed_out, stop_signal; /* --timeout passed; a signal stopped it */
};

/* One sample of the process (and its descendants) into out; -1 when the
 * process is gone. */
static int take_sample(struct mprof_sampler *sampler, const struct run_args *a,
                       FILE *out, struct samples *s) {
  double root;
  const struct mprof_proc_rss *kids;
  size_t n_kids;
  if (mprof_sampler_sample(sampler, &root, &kids, &n_kids))
    return -1;
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
  return 0;
}

/* Samples every interval until the process is gone (child, our CMD: until
 * it is reaped into s->status), the timeout has passed, or a signal of
 * `wake` other than SIGCHLD (which only wakes the loop) arrives. */
static void sample_until_end(struct mprof_sampler *sampler, pid_t child,
                             const struct run_args *a, FILE *out,
                             struct samples *s, const sigset_t *wake) {
  double first = monotonic_now(), next = first;
  s->start = realtime_now();
  for (;;) {
    int gone = !sampler || take_sample(sampler, a, out, s);
    pid_t w = child ? waitpid(child, &s->status, WNOHANG) : 0;
    if (w < 0 && errno != EINTR) {
      cli_error("waitpid: %s", strerror(errno));
      s->status = 0;
    }
    if ((s->reaped = child && (w == child || w < 0)) || (gone && !child))
      return;
    next += a->interval;
    if (a->timeout && next - first >= a->timeout - 1e-9) {
      s->timed_out = 1; /* as mprof: timeout / interval samples */
      return;
    }
    double now = monotonic_now();
    if (next < now)
      next = now; /* fell behind: do not burst */
    double d = next - now;
    struct timespec ts = {(time_t)d, (long)((d - floor(d)) * 1e9)};
    int sig = sigtimedwait(wake, NULL, &ts);
    if (sig > 0 && sig != SIGCHLD) {
      s->stop_signal = sig;
      return;
    }
  }
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

/* Commits the .dat and says what it holds; why is "" or how the recording
 * ended early. Returns 0, or -1 after saying why. */
static int commit_dat(struct atomic_file *dat, const struct run_args *a,
                      const struct samples *s, size_t n_funcs,
                      const char *why) {
  if (atomic_commit(dat)) {
    cli_error("cannot write %s: %s", a->output, strerror(errno));
    return -1;
  }
  fprintf(stderr, "lineprof: wrote %s: %zu samples, %zu function calls, "
                  "peak %.3f MiB%s\n",
          a->output, s->n, n_funcs, s->peak, why);
  return 0;
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
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  struct mprof_sampler *sampler =
      mprof_sampler_new(pid, a->children || a->multiprocess);
  struct samples s = {0};
  sample_until_end(sampler, pid, a, r->dat.f, &s, &chld);
  mprof_sampler_free(sampler);
  if (s.n == 0) /* CMD ended before the first sample: as mprof */
    mprof_write_mem(r->dat.f, 0.0, s.start);
  size_t n_funcs = merge_func_file(r->side, r->dat.f);
  int rc = s.reaped ? command_status(a->cmd[0], s.status) : CLI_FAILED;
  int committed = commit_dat(&r->dat, a, &s, n_funcs,
                             s.reaped ? "" : " (the timeout passed; waiting "
                                             "for the command to exit)");
  if (!s.reaped && (s.status = cli_wait(pid)) == -1)
    cli_error("waitpid: %s", strerror(errno));
  else if (!s.reaped)
    rc = command_status(a->cmd[0], s.status);
  child_pid = 0;
  return committed ? CLI_FAILED : rc;
}

/* CMDLINE for an attached process: its arguments, from /proc/PID/cmdline
 * (NUL-separated; the first 4 KiB), else "pid PID". */
static void write_process_cmdline(FILE *out, pid_t pid) {
  char path[40], buf[4096], *argv[256];
  int argc = 0;
  snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
  if (fd >= 0)
    close(fd);
  if (n > 0) {
    buf[n] = '\0';
    for (char *p = buf; p < buf + n && argc < 255; p += strlen(p) + 1)
      argv[argc++] = p;
  } else {
    snprintf(buf, sizeof buf, "pid %d", (int)pid);
    argv[argc++] = buf;
  }
  argv[argc] = NULL;
  write_cmdline(out, argv);
}

/* Why an attached recording ended, for the final message: "" when the
 * process exited. */
static void attach_end(const struct samples *s, pid_t pid, char *why,
                       size_t size) {
  *why = '\0';
  if (s->stop_signal)
    snprintf(why, size, " (stopped by SIG%s; process %d runs on)",
             sigabbrev_np(s->stop_signal), (int)pid);
  else if (s->timed_out)
    snprintf(why, size, " (the timeout passed; process %d runs on)",
             (int)pid);
}

/* --attach: records the running process a->attach into the .dat until it
 * exits, the timeout passes or SIGINT, SIGTERM, SIGHUP or SIGQUIT
 * arrives (taken, not acted on, while recording); returns the exit
 * status. Nothing is written for a process that is not there. */
static int attach_and_record(const struct run_args *a) {
  pid_t pid = a->attach;
  struct mprof_sampler *sampler =
      mprof_sampler_new(pid, a->children || a->multiprocess);
  if (!sampler) {
    if (errno == ENOENT)
      cli_error("no process with pid %d", (int)pid);
    else
      cli_error("cannot read the memory of process %d: %s", (int)pid,
                strerror(errno));
    return CLI_FAILED;
  }
  struct atomic_file dat;
  if (atomic_open(&dat, a->output)) {
    cli_error("cannot create %s: %s", a->output, strerror(errno));
    mprof_sampler_free(sampler);
    return CLI_FAILED;
  }
  write_process_cmdline(dat.f, pid);
  sigset_t stop, old;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGHUP);
  sigaddset(&stop, SIGQUIT);
  sigprocmask(SIG_BLOCK, &stop, &old);
  struct samples s = {0};
  sample_until_end(sampler, 0, a, dat.f, &s, &stop);
  mprof_sampler_free(sampler);
  int rc = CLI_OK;
  char why[96];
  attach_end(&s, pid, why, sizeof why);
  if (s.n == 0) {
    cli_error("process %d has exited (a zombie): nothing to record",
              (int)pid);
    atomic_abort(&dat);
    rc = CLI_FAILED;
  } else if (commit_dat(&dat, a, &s, 0, why)) {
    rc = CLI_FAILED;
  }
  sigprocmask(SIG_SETMASK, &old, NULL);
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
  if (a.attach)
    return attach_and_record(&a);
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

