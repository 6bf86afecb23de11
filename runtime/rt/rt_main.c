/* rt_main.c - the runtime's life cycle: start-up (settings, clock, timer
 * mode, thread exit hook), each instrumented module's registration, fork
 * (a child starts from zero and writes its own file) and writing the
 * profile at exit: exit(), return from main, quick_exit(), and (best
 * effort) abort(), faults and the signals that end a process by default,
 * after which the signal takes its normal course. The top of the runtime:
 * nothing calls into it. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lprof_format.h"
#include "rt_base.h"
#include "rt_clock.h"
#include "rt_heap.h"
#include "rt_native_stack.h"
#include "rt_objects_table.h"
#include "rt_output.h"
#include "rt_registry.h"
#include "rt_sample.h"
#include "rt_settings.h"
#include "rt_timed.h"

/* What a module's probes cannot measure, said once each: the RSS is read
 * at line events, which only timed calls see; a module counting Hits only
 * has no calls to charge memory to. The heap is charged at each counted
 * allocation to the others' calls (rt_mem_stack.c, rt_mem_native.c): for
 * the default build's, from the native stack, slow for every block. */
static void warn_unmeasured(const struct lineprof_module *desc) {
  static atomic_int rss_said, hits_said, unwound_said;
  const char *file = desc->nfunctions ? desc->functions[0].file : "a module";
  int memory = rt_settings.memory != LPROF_MEMORY_OFF;
  if (desc->flags & LINEPROF_MODULE_HITS) {
    if (memory && !atomic_exchange(&hits_said, 1))
      fprintf(stderr,
              "lineprof: %s was built with -fplugin-arg-lineprof-hits: its "
              "lines get Hits only, no LINEPROF_MEMORY figures\n",
              file);
  } else if (desc->flags & LINEPROF_MODULE_UNWOUND) {
    if (rt_settings.memory != LPROF_MEMORY_SAMPLED && memory &&
        !atomic_exchange(&unwound_said, 1))
      fprintf(stderr,
              "lineprof: %s was built without -fplugin-arg-lineprof-memory "
              "(`lineprof cflags --memory`) or -exact: %s\n",
              file,
              rt_settings.memory == LPROF_MEMORY_RSS
                  ? "its lines get no LINEPROF_MEMORY=rss figures "
                    "(LINEPROF_MEMORY=heap or sampled does)"
                  : "each allocation reads the native stack for its lines, "
                    "which is slow (LINEPROF_MEMORY=sampled is not)");
  } else if (!(desc->flags & LINEPROF_MODULE_EXACT) &&
             rt_settings.memory == LPROF_MEMORY_RSS &&
             !atomic_exchange(&rss_said, 1)) {
    fprintf(stderr,
            "lineprof: %s was built without -fplugin-arg-lineprof-exact: its "
            "lines get no LINEPROF_MEMORY=rss figures (LINEPROF_MEMORY=heap "
            "does)\n",
            file);
  }
}

/* Each instrumented module's constructor; the thread that writes snapshots
 * on a signal starts here if the program cannot start it later
 * (rt_snapshot_signal.c). */
RT_EXPORT void __lineprof_register_module(struct lineprof_module *desc) {
  unsigned kind = desc->flags & LINEPROF_MODULE_EXACT  ? RT_PROBES_EXACT
                  : desc->flags & LINEPROF_MODULE_HITS ? RT_PROBES_HITS
                                                       : RT_PROBES_SAMPLED;
  warn_unmeasured(desc);
  if (desc->flags & LINEPROF_MODULE_UNWOUND)
    kind |= RT_PROBES_UNWOUND;
  __atomic_fetch_or(&rt_probe_kinds, kind, __ATOMIC_RELAXED);
  if (kind & RT_PROBES_SAMPLED)
    rt_sample_for_sampled_probes();
  if (kind & RT_PROBES_UNWOUND &&
      (rt_settings.timer != RT_TIMER_OFF || rt_heap_counting)) {
    rt_heap_thread.busy++; /* the unwinder's allocations are not the heap's */
    rt_native_stack_init();
    rt_heap_thread.busy--;
  }
  rt_module_of(desc);
  rt_snapshot_signal_start_if_threaded();
}

static void before_fork(void) {
  pthread_mutex_lock(&rt_lock);
  rt_objects_before_fork();
}

static void after_fork_parent(void) {
  rt_objects_after_fork();
  pthread_mutex_unlock(&rt_lock);
}

static void after_fork_child(void) {
  rt_objects_after_fork();
  pthread_mutex_unlock(&rt_lock);
  if (rt_continuous_active()) { /* the parent's file is the parent's */
    for (struct rt_module *m = rt_modules(); m; m = m->next)
      rt_continuous_detach(m->blocks);
    rt_continuous_close();
  }
  rt_registry_reset(); /* the parent reports its own work */
  rt_clock_start();
  rt_sample_after_fork();
  if (__lineprof_detail & LINEPROF_DETAIL_MEMORY)
    rt_rss_open();
  rt_settings.forked = 1;
  rt_settings.pid = getpid();
  rt_output_after_fork();
  rt_heap_sample_after_fork();
  rt_snapshot_signal_after_fork();
}

static void at_exit(void) {
  rt_exiting = 1;
  rt_sample_check_handler();
  rt_snapshot_signal_flush();
  rt_write_profile(RT_WRITE_AT_EXIT);
}

/* The signals whose default action ends the process: faults, abort, and
 * those that ask a program to stop (kill, Ctrl-C, a closed terminal or
 * pipe). */
static const int ending_signals[] = {SIGSEGV, SIGBUS,  SIGFPE, SIGILL,
                                     SIGABRT, SIGTERM, SIGINT, SIGHUP,
                                     SIGQUIT, SIGPIPE};

static int is_fault(int sig) {
  return sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE || sig == SIGILL;
}

/* Writes what there is once; SA_RESETHAND has put the default action back.
 * A fault the processor raised returns to its instruction, which faults
 * again, so that a core shows where; any other signal is raised again. */
static void on_ending_signal(int sig, siginfo_t *info, void *context) {
  (void)context;
  static volatile sig_atomic_t writing;
  if (!writing) {
    writing = 1;
    rt_write_profile(RT_WRITE_NOW);
  }
  if (!is_fault(sig) || info->si_code <= 0)
    raise(sig);
}

/* Only where the signal has its default action: a handler, or an ignored
 * signal inherited from the parent, stays as it is; a handler the program
 * installs later replaces this one. */
static void catch_ending_signals(void) {
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_ending_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_NODEFER;
  for (size_t i = 0; i < sizeof ending_signals / sizeof *ending_signals; i++)
    if (!sigaction(ending_signals[i], NULL, &old) &&
        !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_DFL)
      sigaction(ending_signals[i], &sa, NULL);
}

/* Continuous mode: the counters go to the profile's file from the start. */
static void start_continuous(void) {
  char path[PATH_MAX] = "", place[PATH_MAX];
  int err = rt_output_path(path, sizeof path) ||
                    rt_output_place(path, place, sizeof place)
                ? ENAMETOOLONG
                : rt_continuous_open(place);
  if (err)
    rt_write_failed(path, err, " (continuous mode is off; trying again at "
                               "exit)");
}

/* What calls of profiled functions do first (auto mode starts timed and
 * later switches to sampled calls, rt_sample.c). */
static int initial_detail(void) {
  static const int timer_bits[] = {
      [RT_TIMER_OFF] = 0,
      [RT_TIMER_EXACT] = LINEPROF_DETAIL_TIMER,
      [RT_TIMER_SAMPLE] = LINEPROF_DETAIL_SAMPLE,
      [RT_TIMER_AUTO] = LINEPROF_DETAIL_TIMER,
  };
  int memory = rt_settings.memory || rt_settings.mprof_func_file;
  return timer_bits[rt_settings.timer] | (memory ? LINEPROF_DETAIL_MEMORY : 0);
}

/* Runs before the program's own constructors (and before any instrumented
 * module's, whose constructors have a later priority). */
__attribute__((constructor(101))) static void rt_start(void) {
  rt_clock_start();
  rt_env_init();
  rt_text_init();
  rt_output_init();
  if ((rt_settings.memory == LPROF_MEMORY_HEAP || rt_settings.objects) &&
      !rt_heap_headers())
    fprintf(stderr, "lineprof: LINEPROF_MEMORY or LINEPROF_OBJECTS was set "
                    "after the first allocation; the heap is not tracked\n");
  if (rt_settings.memory == LPROF_MEMORY_SAMPLED)
    rt_heap_sample_start(rt_settings.memory_rate);
  rt_mem_lines_init();
  rt_sample_init();
  __lineprof_detail = initial_detail();
  if (__lineprof_detail & LINEPROF_DETAIL_TIMER && rt_settings.probe_cost)
    rt_probe_cost_measure();
  __lineprof_objects = rt_settings.objects && rt_heap_sanitizer_objects();
  if (rt_settings.objects && !__lineprof_objects)
    fprintf(stderr, "lineprof: object tracking is off: this sanitizer's "
                    "shadow memory cannot be told from the program's\n");
  rt_threads_init();
  rt_snapshot_signal_init();
  if (rt_settings.continuous)
    start_continuous();
  pthread_atfork(before_fork, after_fork_parent, after_fork_child);
  atexit(at_exit);
  at_quick_exit(at_exit);
  catch_ending_signals();
}
