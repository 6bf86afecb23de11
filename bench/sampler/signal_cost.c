/* signal_cost.c - what one sampling signal costs this machine, without
 * lineprof: a fixed CPU-bound loop run with no timer, or with the sampler's
 * own mechanism (rt_sample.c): a perf task-clock event of the thread armed
 * for one overflow at a time, whose signal's handler reads the thread's
 * CPU-time clock and re-arms it; or a POSIX timer on the thread's CPU-time
 * clock (which Linux serves at its scheduler tick).
 * Usage: signal_cost none|perf|timer PERIOD_US
 * Prints: "MODE PERIOD_US signals N cpu_ns T" (T: the process's CPU time). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/perf_event.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static volatile long signals;
static int event_fd = -1;

static long long cpu_ns(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void on_signal(int sig, siginfo_t *si, void *uc) {
  (void)sig, (void)si, (void)uc;
  signals++;
  (void)cpu_ns(CLOCK_THREAD_CPUTIME_ID); /* as the runtime's handler does */
  if (event_fd >= 0)
    ioctl(event_fd, PERF_EVENT_IOC_REFRESH, 1);
}

static int start_perf(long period_us) {
  struct perf_event_attr a;
  memset(&a, 0, sizeof a);
  a.size = sizeof a;
  a.type = PERF_TYPE_SOFTWARE;
  a.config = PERF_COUNT_SW_TASK_CLOCK;
  a.sample_period = (unsigned long long)period_us * 1000;
  a.disabled = 1;
  a.exclude_kernel = 1;
  event_fd = (int)syscall(SYS_perf_event_open, &a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
  if (event_fd < 0)
    return -1;
  struct f_owner_ex owner = {F_OWNER_TID, (pid_t)syscall(SYS_gettid)};
  if (fcntl(event_fd, F_SETFL, O_ASYNC) || fcntl(event_fd, F_SETSIG, SIGPROF) ||
      fcntl(event_fd, F_SETOWN_EX, &owner))
    return -1;
  return ioctl(event_fd, PERF_EVENT_IOC_REFRESH, 1);
}

static int start_timer(long period_us) {
  struct sigevent ev;
  memset(&ev, 0, sizeof ev);
  ev.sigev_notify = SIGEV_THREAD_ID;
  ev.sigev_signo = SIGPROF;
  ev._sigev_un._tid = (pid_t)syscall(SYS_gettid);
  timer_t t;
  if (timer_create(CLOCK_THREAD_CPUTIME_ID, &ev, &t))
    return -1;
  struct timespec p = {period_us / 1000000, (period_us % 1000000) * 1000};
  struct itimerspec its = {p, p};
  return timer_settime(t, 0, &its, NULL);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: signal_cost none|perf|timer PERIOD_US\n");
    return 2;
  }
  const char *mode = argv[1];
  long period_us = atol(argv[2]);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigaction(SIGPROF, &sa, NULL);
  int rc = 0;
  if (!strcmp(mode, "perf"))
    rc = start_perf(period_us);
  else if (!strcmp(mode, "timer"))
    rc = start_timer(period_us);
  else if (strcmp(mode, "none"))
    rc = -1;
  if (rc) {
    fprintf(stderr, "signal_cost: cannot start %s\n", mode);
    return 1;
  }
  volatile unsigned long x = 0;
  for (unsigned long i = 0; i < 300000000UL; i++)
    x += i * i;
  printf("%s %ld signals %ld cpu_ns %lld\n", mode, period_us, signals,
         cpu_ns(CLOCK_PROCESS_CPUTIME_ID));
  return 0;
}
