#define _GNU_SOURCE /* gettid, SIGEV_THREAD_ID */
/* rt_sample.c - the sampling timer of LINEPROF_TIMER=sample and auto.
 * Every thread that runs profiled code gets a timer on its own CPU-time
 * clock that sends it a signal (SIGPROF unless the program has a handler
 * for it, or LINEPROF_SAMPLE_SIGNAL) every LINEPROF_SAMPLE_US of CPU time.
 * The handler charges the period, in cycles, once to each distinct line on
 * the thread's shadow stack of sampled calls (__lineprof_stack, rt_abi.h):
 * the lines of every call in progress, callers' included. In auto mode the
 * handler also switches __lineprof_detail from timed calls to sampled ones
 * when the process has used LINEPROF_AUTO_MS of CPU time. A
 * thread that waits uses no CPU time and gets no signal; the handler is
 * installed with SA_RESTART. */
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rt_abi.h"
#include "rt_base.h"
#include "rt_clock.h"
#include "rt_registry.h"
#include "rt_sample.h"
#include "rt_settings.h"

#define COOKIE 0x6c70726f /* "lpro": the si_value of lineprof's timers */
/* Shortest start-up interval the cycle rate of a period is measured over. */
#define MIN_RATE_NS 1000000u

static int enabled;   /* sample or auto mode, with a signal to use */
static int signo;     /* the timers' signal */
static struct sigaction previous; /* its action before the runtime's */
static uint64_t period_ns;
static _Atomic uint64_t period_cycles; /* a period in cycles; 0: not yet */
static uint64_t auto_budget_ns, auto_deadline_ns; /* process CPU time */
static volatile sig_atomic_t auto_pending, switched;
static atomic_int warned;

/* The calling thread's timer. */
static RT_TLS struct {
  timer_t id;
  int armed;
} thread_timer;

/* ---- The handler (async-signal safe: no locks, no allocation) ---- */

static uint64_t cycles_per_period(void) {
  uint64_t c = atomic_load_explicit(&period_cycles, memory_order_relaxed);
  if (c)
    return c;
  uint64_t elapsed_ns, hz = rt_cycles_per_second_so_far(&elapsed_ns);
  c = (uint64_t)((double)hz * (double)period_ns * 1e-9 + 0.5);
  if (elapsed_ns >= MIN_RATE_NS)
    atomic_store_explicit(&period_cycles, c, memory_order_relaxed);
  return c;
}

static uint32_t slot_of(const volatile struct lineprof_frame *f) {
  return f->slot & ~LINEPROF_STALE_BIT;
}

/* Whether frame i's line is also the line of a frame below it. */
static int seen_below(const volatile struct lineprof_frame *f, uint32_t i) {
  for (uint32_t j = 0; j < i; j++)
    if (f[j].cycles == f[i].cycles && slot_of(&f[j]) == slot_of(&f[i]))
      return 1;
  return 0;
}

/* A sample: adds cycles and one sample once to each distinct line of the
 * calls in progress, and cycles to the self time of the innermost's line. */
static void charge(uint64_t cycles) {
  const volatile struct lineprof_stack *s = &__lineprof_stack;
  uint32_t n = s->depth;
  if (n > LINEPROF_STACK_FRAMES + 1)
    n = LINEPROF_STACK_FRAMES + 1; /* deeper calls share the last frame */
  const volatile struct lineprof_frame *f = s->frames;
  for (uint32_t i = 0; i < n; i++) {
    uint64_t *time = f[i].cycles, stride = f[i].stride;
    uint32_t slot = slot_of(&f[i]);
    if (!time)
      continue;
    if (i == n - 1)
      time[(RT_SELF - RT_CYCLES) * stride + slot] += cycles;
    if (!seen_below(f, i)) {
      time[slot] += cycles;
      time[(RT_SAMPLES - RT_CYCLES) * stride + slot] += 1;
    }
  }
}

/* Auto mode: new calls are sampled from now on. */
static void maybe_switch(void) {
  if (!auto_pending || rt_process_cpu_ns() < auto_deadline_ns)
    return;
  auto_pending = 0;
  __lineprof_detail = LINEPROF_DETAIL_SAMPLE;
  switched = 1;
}

/* A signal that is not from a lineprof timer: what the program had. */
static void forward(int sig, siginfo_t *info, void *context) {
  if (previous.sa_flags & SA_SIGINFO) {
    previous.sa_sigaction(sig, info, context);
  } else if (previous.sa_handler == SIG_DFL) {
    sigaction(sig, &previous, NULL);
    raise(sig); /* delivered when the handler returns */
  } else if (previous.sa_handler != SIG_IGN) {
    previous.sa_handler(sig);
  }
}

static void on_sample(int sig, siginfo_t *info, void *context) {
  if (info->si_code != SI_TIMER || info->si_value.sival_int != COOKIE) {
    forward(sig, info, context);
    return;
  }
  int saved = errno;
  uint64_t periods = 1 + (uint64_t)(info->si_overrun > 0 ? info->si_overrun : 0);
  charge(periods * cycles_per_period());
  maybe_switch();
  errno = saved;
}

/* ---- Set-up ---- */

static int in_use(int sig) {
  struct sigaction sa;
  sigaction(sig, NULL, &sa);
  return (sa.sa_flags & SA_SIGINFO) ||
         (sa.sa_handler != SIG_DFL && sa.sa_handler != SIG_IGN);
}

/* SIGPROF, unless something installed a handler for it before the runtime
 * started: then the highest real-time signal without one. */
static int choose_signal(void) {
  if (rt_settings.sample_signal)
    return rt_settings.sample_signal;
  if (!in_use(SIGPROF))
    return SIGPROF;
  for (int sig = SIGRTMAX; sig >= SIGRTMIN; sig--)
    if (!in_use(sig))
      return sig;
  return 0;
}

/* Installs the handler; threads arm their timers with their first
 * counter block (rt_sample_thread_start). */
static void install(void) {
  period_ns = (uint64_t)rt_settings.sample_us * 1000u;
  auto_budget_ns = (uint64_t)rt_settings.auto_ms * 1000000u;
  auto_deadline_ns = rt_process_cpu_ns() + auto_budget_ns;
  auto_pending = rt_settings.timer == RT_TIMER_AUTO;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_sample;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset(&sa.sa_mask);
  sigaction(signo, &sa, &previous);
  enabled = 1;
}

void rt_sample_init(void) {
  if (rt_settings.timer != RT_TIMER_SAMPLE && rt_settings.timer != RT_TIMER_AUTO)
    return;
  if (!(signo = choose_signal())) {
    fputs("lineprof: no free signal for the sampling timer (SIGPROF and the "
          "real-time signals have handlers); using LINEPROF_TIMER=exact\n",
          stderr);
    rt_settings.timer = RT_TIMER_EXACT;
    return;
  }
  install();
}

/* In exact mode the sampling timer runs once a module built without exact
 * probes registers: it samples those modules' calls, and nothing else,
 * since timed calls take no frames (rt_abi.h). */
void rt_sample_for_sampled_probes(void) {
  static atomic_int once;
  if (rt_settings.timer != RT_TIMER_EXACT || atomic_exchange(&once, 1))
    return;
  if ((signo = choose_signal()))
    install();
}

static void warn_once(const char *what) {
  if (!atomic_exchange(&warned, 1))
    fprintf(stderr, "lineprof: %s; line times may be missing\n", what);
}

/* Whether the runtime's handler is still the signal's; says once if not. */
static int handler_ours(void) {
  struct sigaction sa;
  sigaction(signo, NULL, &sa);
  if ((sa.sa_flags & SA_SIGINFO) && sa.sa_sigaction == on_sample)
    return 1;
  char what[200];
  snprintf(what, sizeof what,
           "the program replaced the handler of signal %d (%s), which "
           "lineprof samples with: set LINEPROF_SAMPLE_SIGNAL to a signal it "
           "does not use, such as SIGRTMIN+1",
           signo, strsignal(signo));
  warn_once(what);
  return 0;
}

void rt_sample_check_handler(void) {
  if (enabled)
    handler_ours();
}

void rt_sample_thread_start(void) {
  if (!enabled || thread_timer.armed || !handler_ours())
    return;
  struct sigevent ev;
  memset(&ev, 0, sizeof ev);
  ev.sigev_notify = SIGEV_THREAD_ID;
  ev.sigev_signo = signo;
  ev.sigev_value.sival_int = COOKIE;
  ev._sigev_un._tid = gettid(); /* sigev_notify_thread_id, not in glibc */
  struct timespec period = {(time_t)(period_ns / 1000000000u),
                            (long)(period_ns % 1000000000u)};
  struct itimerspec every = {period, period};
  if (timer_create(CLOCK_THREAD_CPUTIME_ID, &ev, &thread_timer.id)) {
    char what[120];
    snprintf(what, sizeof what, "cannot create a sampling timer: %s",
             strerror(errno));
    warn_once(what);
    return;
  }
  if (timer_settime(thread_timer.id, 0, &every, NULL)) {
    timer_delete(thread_timer.id);
    return;
  }
  thread_timer.armed = 1;
}

/* A signal already sent by the timer arrives when timer_delete returns. */
int rt_sample_thread_stop(void) {
  if (!thread_timer.armed)
    return 0;
  thread_timer.armed = 0;
  timer_delete(thread_timer.id);
  return 1;
}

/* The child of fork has no timers, and its own CPU-time clock. */
void rt_sample_after_fork(void) {
  if (!enabled)
    return;
  auto_deadline_ns = rt_process_cpu_ns() + auto_budget_ns;
  if (thread_timer.armed) {
    thread_timer.armed = 0;
    rt_sample_thread_start();
  }
}

int rt_sample_switched(void) { return switched; }
