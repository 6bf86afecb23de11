#define _GNU_SOURCE /* gettid, SIGEV_THREAD_ID, F_SETSIG, F_SETOWN_EX */
/* rt_sample.c - the sampler of LINEPROF_TIMER=sample and auto.
 * Every thread that runs profiled code gets a signal (SIGPROF unless the
 * program has a handler for it, or LINEPROF_SAMPLE_SIGNAL) every
 * LINEPROF_SAMPLE_US of its CPU time, from one of two sources:
 *  - a perf task-clock event (perf_event_open, PERF_COUNT_SW_TASK_CLOCK) of
 *    the thread, whose overflow is an hrtimer, so the rate is the one asked
 *    for. Armed for one overflow at a time (PERF_EVENT_IOC_REFRESH, 1): the
 *    overflow disables it and sends the signal to the thread (F_SETSIG,
 *    F_SETOWN_EX), the handler re-arms it; at most one signal is in flight.
 *    Kernel time is sampled too, unless perf_event_paranoid allows only
 *    user-mode events (exclude_kernel).
 *  - else (perf events refused, LINEPROF_SAMPLE_SOURCE=timer) a POSIX timer
 *    on the thread's CPU-time clock (timer_create), which Linux checks only
 *    at its scheduler tick: overruns lump the periods of a tick together.
 * The handler charges the CPU time since the thread's previous sample (perf
 * events: read from the thread's CPU-time clock, so a late signal charges
 * what passed; the timer: 1 + overrun periods), in cycles, once to each
 * distinct line of the calls in progress, callers' included: the
 * innermost call's from the interrupted program counter (rt_pc_lines.c);
 * for the default build, whose calls take no frames, the others' from the
 * return addresses on the native stack (rt_native_stack.c) and the calls
 * the compiler inlined there; for builds with frames, from the thread's
 * shadow stack (__lineprof_stack, rt_abi.h), where each call stores the
 * line it calls from; and those of the timed calls auto mode handed over
 * (rt_timed.c). In auto
 * mode the handler also switches __lineprof_detail from timed calls to
 * sampled ones when the process has used LINEPROF_AUTO_MS of CPU time. A
 * thread that waits uses no CPU time and gets no signal; the handler is
 * installed with SA_RESTART. */
#include <errno.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "rt_abi.h"
#include "rt_base.h"
#include "rt_clock.h"
#include "rt_native_stack.h"
#include "rt_pc_lines.h"
#include "rt_registry.h"
#include "rt_sample.h"
#include "rt_settings.h"
#include "rt_timed.h"

#define COOKIE 0x6c70726f /* "lpro": the si_value of lineprof's timers */
/* The events' period in auto mode's exact phase, where samples only watch
 * for the switch (timed calls take no frames): each sample costs tens of
 * microseconds in a VM, charged to whatever line is running. A thread's
 * first sample after the switch sets the period asked for. */
#define AUTO_PERIOD_NS 5000000u
/* Shortest start-up interval the cycle rate of a period is measured over. */
#define MIN_RATE_NS 1000000u

static int enabled;   /* sample or auto mode, with a signal to use */
static int signo;     /* the timers' signal */
static struct sigaction previous; /* its action before the runtime's */
static uint64_t period_ns;
static _Atomic uint64_t period_cycles; /* a period in cycles; 0: not yet */
static uint64_t auto_budget_ns, auto_deadline_ns; /* process CPU time */
/* Set by any thread's signal handler, read by every thread: atomics. */
static atomic_int auto_pending, switched;
static atomic_int warned;
static _Atomic uint64_t samples;  /* that found a line, all threads */
static _Atomic uint64_t taken, covered; /* every sample, the cycles of all */
static atomic_int source;         /* the worst a thread got: rt_sample_source */
static atomic_int perf_refused;   /* perf_event_open failed: timers only */

/* The calling thread's sampler. */
static RT_TLS struct {
  enum lprof_sample_source source; /* NONE: not armed */
  int fd;                       /* LPROF_SAMPLE_PERF*: the event */
  timer_t timer;                /* LPROF_SAMPLE_TIMER */
  uint64_t event_id;            /* its PERF_EVENT_IOC_ID */
  uint64_t cpu_ns;              /* the thread's CPU time at its last sample */
  int slow;                     /* the event runs at AUTO_PERIOD_NS */
  int stale_fd;                 /* 1 + an event closed, whose signal may
                                   still come; 0: none */
} thread_sampler;

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

/* What one sample charges: each distinct line of the calls in progress
 * once (recursion puts a line on the stack several times), and the
 * innermost line's self time once. */
#define MAX_LINES 384
struct sample {
  uint64_t cycles;
  uintptr_t sp;
  int self; /* given */
  uint32_t n;
  const uint64_t *time[MAX_LINES]; /* the lines charged */
  uint32_t slot[MAX_LINES];
};

/* Whether the program counter's line `at` is in the call of frame f: in
 * its function, or anywhere in its module before its first call (the
 * sink slot: every call stores its line first). Else the program counter
 * is in a call that takes no frame (a leaf) or in a library, below f. */
static int in_frame(const volatile struct lineprof_frame *f,
                    const struct rt_pc_line *at) {
  uint32_t slot = rt_frame_slot(f);
  return f->cycles == at->cycles &&
         (slot == f->stride - 1 || (slot >= at->first && slot < at->end));
}

/* Adds the sample's cycles to the self time of the innermost line, the
 * first line offered. */
static void charge_self(struct sample *s, uint64_t *time, uint64_t stride,
                        uint32_t slot) {
  if (!s->self)
    *rt_line_counter(time, stride, slot, RT_SELF) += s->cycles, s->self = 1;
}

/* Adds the sample's cycles and one sample to a line of a call in progress,
 * unless the sample charged that line already or a timed call handed over
 * has it; whether it did. */
static int charge_line(struct sample *s, uint64_t *time, uint64_t stride,
                       uint32_t slot) {
  for (uint32_t i = 0; i < s->n; i++)
    if (s->time[i] == time && s->slot[i] == slot)
      return 0;
  if (s->n == MAX_LINES || rt_timed_has_line(time, slot, s->sp, UINT32_MAX))
    return 0;
  s->time[s->n] = time, s->slot[s->n++] = slot;
  time[slot] += s->cycles;
  *rt_line_counter(time, stride, slot, RT_SAMPLES) += 1;
  return 1;
}

/* A line found from the innermost call outward: the first one found has
 * the self time. */
static int charge_found(struct sample *s, uint64_t *time, uint64_t stride,
                        uint32_t slot) {
  charge_self(s, time, stride, slot);
  return charge_line(s, time, stride, slot);
}

/* The lines of the frames of the shadow stack (modules built with
 * -fplugin-arg-lineprof-memory) and of the timed calls handed over to the
 * sampler, which all started before them; the innermost call's line is
 * the program counter's when it is in that call, and below the frames
 * when it is in a profiled call without a frame. Each frame's line is
 * where its call made its last call. */
static int charge_frames(struct sample *s, uintptr_t pc) {
  const volatile struct lineprof_stack *st = &__lineprof_stack;
  uint32_t n = st->depth;
  if (n > LINEPROF_STACK_FRAMES + 1)
    n = LINEPROF_STACK_FRAMES + 1; /* deeper calls share the last frame */
  const volatile struct lineprof_frame *f = st->frames;
  struct rt_pc_line at;
  int leaf = rt_pc_line(pc, &at), charged = 0;
  if (leaf)
    charged |= charge_found(s, at.cycles, at.stride, at.slot);
  if (leaf && n > 0 && f[n - 1].cycles && in_frame(&f[n - 1], &at))
    n--; /* the program counter's line is the innermost frame's */
  int handed_self = n == 0 && !leaf;
  if (rt_timed_charge_handed(s->cycles, s->sp, handed_self))
    charged = 1, s->self |= handed_self;
  for (uint32_t i = n; i-- > 0;) {
    if (!f[i].cycles)
      continue;
    uint32_t slot = rt_frame_slot(&f[i]);
    if (i == n - 1)
      charge_self(s, f[i].cycles, f[i].stride, slot);
    charged |= charge_line(s, f[i].cycles, f[i].stride, slot);
  }
  return charged;
}

/* charge_found as an rt_pc_line_fn. */
static int found(void *s, uint64_t *time, uint32_t stride, uint32_t slot) {
  return charge_found(s, time, stride, slot);
}

/* The lines of the calls of modules without frames, from the native stack:
 * the calls the compiler inlined where the program counter is, and where
 * each call in progress made its call, with those inlined there. */
static int charge_native(struct sample *s, uintptr_t pc) {
  uintptr_t call[RT_NATIVE_FRAMES];
  int n = rt_native_callers(pc, call);
  int charged = rt_pc_unwound_lines(pc, 1, found, s);
  for (int i = 0; i < n; i++)
    charged |= rt_pc_unwound_lines(call[i], 0, found, s);
  return charged;
}

/* A sample: adds cycles and one sample once to each distinct line of the
 * calls in progress, and cycles to the self time of the innermost's line;
 * whether there was any. sp is the interrupted stack pointer. */
static int charge(uint64_t cycles, uintptr_t pc, uintptr_t sp) {
  struct sample s; /* its arrays filled as charged: not zeroed */
  s.cycles = cycles, s.sp = sp, s.self = 0, s.n = 0;
  int charged = charge_frames(&s, pc);
  if (__atomic_load_n(&rt_probe_kinds, __ATOMIC_RELAXED) & RT_PROBES_UNWOUND)
    charged |= charge_native(&s, pc);
  return charged;
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

/* The CPU time of the thread since its previous sample, in cycles. */
static uint64_t cycles_since_last(void) {
  uint64_t now = rt_thread_cpu_ns(), ns = now - thread_sampler.cpu_ns;
  thread_sampler.cpu_ns = now;
  return (uint64_t)((double)ns * (double)cycles_per_period() /
                        (double)period_ns + 0.5);
}

static int from_timer(const siginfo_t *info) {
  return info->si_code == SI_TIMER && info->si_value.sival_int == COOKIE;
}

/* F_SETSIG signals carry the POLL_* reason and the fd. */
static int from_fd(const siginfo_t *info, int fd) {
  return info->si_code >= POLL_IN && info->si_code <= POLL_HUP &&
         info->si_fd == fd;
}

static int from_event(const siginfo_t *info) {
  return thread_sampler.source != LPROF_SAMPLE_NONE &&
         thread_sampler.source != LPROF_SAMPLE_TIMER &&
         from_fd(info, thread_sampler.fd);
}

enum signal_kind { NOT_OURS, STALE, SAMPLE };

/* Whether the signal is a sample, and then the cycles it stands for
 * (re-arming the event), or one of a closed event (rt_sample_thread_stop). */
static enum signal_kind classify(const siginfo_t *info, uint64_t *cycles) {
  if (from_timer(info)) {
    uint64_t overrun = (uint64_t)(info->si_overrun > 0 ? info->si_overrun : 0);
    *cycles = (1 + overrun) * cycles_per_period();
    return SAMPLE;
  }
  if (from_event(info)) {
    if (thread_sampler.slow && !auto_pending) {
      uint64_t period = period_ns;
      ioctl(thread_sampler.fd, PERF_EVENT_IOC_PERIOD, &period);
      thread_sampler.slow = 0;
    }
    if (info->si_code == POLL_HUP) /* the overflow disabled it */
      ioctl(thread_sampler.fd, PERF_EVENT_IOC_REFRESH, 1);
    *cycles = cycles_since_last();
    return SAMPLE;
  }
  if (thread_sampler.stale_fd && from_fd(info, thread_sampler.stale_fd - 1))
    return STALE;
  return NOT_OURS;
}

/* The stack pointer and program counter of the code the signal
 * interrupted. */
static uintptr_t interrupted(const void *context, uintptr_t *pc) {
  const ucontext_t *uc = context;
#if defined(__x86_64__)
  *pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
  return (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
#elif defined(__i386__)
  *pc = (uintptr_t)uc->uc_mcontext.gregs[REG_EIP];
  return (uintptr_t)uc->uc_mcontext.gregs[REG_ESP];
#elif defined(__aarch64__)
  *pc = (uintptr_t)uc->uc_mcontext.pc;
  return (uintptr_t)uc->uc_mcontext.sp;
#else
#error "rt_sample.c: the interrupted registers of this architecture"
#endif
}

static void on_sample(int sig, siginfo_t *info, void *context) {
  int saved = errno;
  uint64_t cycles = 0;
  enum signal_kind kind = classify(info, &cycles);
  errno = saved;
  if (kind == NOT_OURS) {
    forward(sig, info, context);
    return;
  }
  if (kind == SAMPLE) {
    atomic_fetch_add_explicit(&taken, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&covered, cycles, memory_order_relaxed);
    uintptr_t pc, sp = interrupted(context, &pc);
    if (charge(cycles, pc, sp))
      atomic_fetch_add_explicit(&samples, 1, memory_order_relaxed);
    maybe_switch();
  }
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

/* Records the thread's source; the process's is the worst a thread got. */
static void got(enum lprof_sample_source what) {
  thread_sampler.source = what;
  int seen = atomic_load(&source);
  while ((int)what > seen && !atomic_compare_exchange_weak(&source, &seen, what))
    ;
}

static int open_event(int exclude_kernel) {
  struct perf_event_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.type = PERF_TYPE_SOFTWARE;
  attr.size = sizeof attr;
  attr.config = PERF_COUNT_SW_TASK_CLOCK;
  thread_sampler.slow = auto_pending && period_ns < AUTO_PERIOD_NS;
  attr.sample_period = thread_sampler.slow ? AUTO_PERIOD_NS : period_ns;
  attr.disabled = 1; /* PERF_EVENT_IOC_REFRESH enables it */
  attr.exclude_kernel = attr.exclude_hv = (unsigned)exclude_kernel;
  return (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1,
                      PERF_FLAG_FD_CLOEXEC);
}

/* The event's signal goes to this thread; the fd must be recorded first,
 * since the overflow after the REFRESH may come at once. */
static int route_signal(int fd) {
  struct f_owner_ex owner = {F_OWNER_TID, (pid_t)gettid()};
  thread_sampler.fd = fd;
  thread_sampler.cpu_ns = rt_thread_cpu_ns();
  if (fcntl(fd, F_SETSIG, signo) || fcntl(fd, F_SETOWN_EX, &owner) ||
      fcntl(fd, F_SETFL, O_ASYNC) ||
      ioctl(fd, PERF_EVENT_IOC_ID, &thread_sampler.event_id))
    return -1;
  return 0;
}

/* A task-clock event with kernel time, else without (perf_event_paranoid
 * 2 allows only that), signalling every period. */
static int start_event(void) {
  enum lprof_sample_source what = LPROF_SAMPLE_PERF;
  int fd = open_event(0);
  if (fd < 0 && (errno == EACCES || errno == EPERM))
    fd = open_event(1), what = LPROF_SAMPLE_PERF_USER;
  if (fd < 0)
    return -1;
  thread_sampler.source = what; /* from_event() needs source and fd */
  if (route_signal(fd) || ioctl(fd, PERF_EVENT_IOC_REFRESH, 1)) {
    int err = errno;
    thread_sampler.source = LPROF_SAMPLE_NONE;
    thread_sampler.stale_fd = fd + 1;
    close(fd);
    errno = err;
    return -1;
  }
  got(what);
  return 0;
}

static int start_timer(void) {
  struct sigevent ev;
  memset(&ev, 0, sizeof ev);
  ev.sigev_notify = SIGEV_THREAD_ID;
  ev.sigev_signo = signo;
  ev.sigev_value.sival_int = COOKIE;
  ev._sigev_un._tid = gettid(); /* sigev_notify_thread_id, not in glibc */
  struct timespec period = {(time_t)(period_ns / 1000000000u),
                            (long)(period_ns % 1000000000u)};
  struct itimerspec every = {period, period};
  if (timer_create(CLOCK_THREAD_CPUTIME_ID, &ev, &thread_sampler.timer))
    return -1;
  if (timer_settime(thread_sampler.timer, 0, &every, NULL)) {
    timer_delete(thread_sampler.timer);
    return -1;
  }
  got(LPROF_SAMPLE_TIMER);
  return 0;
}

/* Perf events unless refused (LINEPROF_SAMPLE_SOURCE=perf says so once)
 * or LINEPROF_SAMPLE_SOURCE=timer; else the POSIX timer. */
void rt_sample_thread_start(void) {
  if (enabled)
    rt_pc_lines_update(); /* modules registered since the last block */
  if (!enabled || thread_sampler.source || !handler_ours())
    return;
  char what[160];
  if (rt_settings.sample_source != RT_SOURCE_TIMER &&
      !atomic_load(&perf_refused)) {
    if (!start_event())
      return;
    atomic_store(&perf_refused, 1);
    if (rt_settings.sample_source == RT_SOURCE_PERF) {
      snprintf(what, sizeof what,
               "perf events are refused (%s); sampling with the CPU-time "
               "timer, at the scheduler tick",
               strerror(errno));
      warn_once(what);
    }
  }
  if (start_timer()) {
    snprintf(what, sizeof what, "cannot create a sampling timer: %s",
             strerror(errno));
    warn_once(what);
  }
}

/* Closes the event if the fd is still its: the program may have closed it
 * and reused the number. A signal it sent before is told apart by stale_fd. */
static void close_event(void) {
  int fd = thread_sampler.fd;
  uint64_t id = 0;
  thread_sampler.stale_fd = fd + 1;
  atomic_signal_fence(memory_order_seq_cst);
  thread_sampler.source = LPROF_SAMPLE_NONE;
  atomic_signal_fence(memory_order_seq_cst);
  if (!ioctl(fd, PERF_EVENT_IOC_ID, &id) && id == thread_sampler.event_id)
    close(fd);
}

/* A signal already sent by the timer arrives when timer_delete returns; an
 * event's, when close returns (its pending work is flushed on release). */
int rt_sample_thread_stop(void) {
  if (thread_sampler.source == LPROF_SAMPLE_NONE)
    return 0;
  if (thread_sampler.source == LPROF_SAMPLE_TIMER) {
    thread_sampler.source = LPROF_SAMPLE_NONE;
    timer_delete(thread_sampler.timer);
  } else {
    close_event();
  }
  return 1;
}

/* The child of fork has no timers, and its own CPU-time clock; it inherits
 * the fd of the parent thread's event (the parent's to use): it closes it
 * and opens its own. */
void rt_sample_after_fork(void) {
  if (!enabled)
    return;
  auto_deadline_ns = rt_process_cpu_ns() + auto_budget_ns;
  atomic_store(&samples, 0);
  atomic_store(&taken, 0);
  atomic_store(&covered, 0);
  atomic_store(&source, LPROF_SAMPLE_NONE);
  if (thread_sampler.source != LPROF_SAMPLE_NONE) {
    if (thread_sampler.source != LPROF_SAMPLE_TIMER)
      close_event();
    thread_sampler.source = LPROF_SAMPLE_NONE;
    rt_sample_thread_start();
  }
}

int rt_sample_switched(void) { return switched; }

uint64_t rt_sample_mean_cycles(void) {
  uint64_t n = atomic_load_explicit(&taken, memory_order_relaxed);
  return n ? atomic_load_explicit(&covered, memory_order_relaxed) / n : 0;
}

uint64_t rt_sample_count(void) {
  return atomic_load_explicit(&samples, memory_order_relaxed);
}

enum lprof_sample_source rt_sample_source(void) {
  return (enum lprof_sample_source)atomic_load(&source);
}
