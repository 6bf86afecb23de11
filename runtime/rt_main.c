/* rt_main.c - the runtime's life cycle: start-up (settings, clock, thread
 * exit hook), fork (a child starts from zero and writes its own file) and
 * writing the profile at exit. */
#include <stdlib.h>

#include "rt_internal.h"

RT_EXPORT int __lineprof_timer_exact;

static void before_fork(void) { pthread_mutex_lock(&rt_lock); }
static void after_fork_parent(void) { pthread_mutex_unlock(&rt_lock); }

static void after_fork_child(void) {
  pthread_mutex_unlock(&rt_lock);
  rt_registry_reset(); /* the parent reports its own work */
  rt_clock_start();
  rt_settings.forked = 1;
}

static void at_exit(void) { rt_write_profile(); }

/* Runs before the program's own constructors (and before any instrumented
 * module's, whose constructors have a later priority). */
__attribute__((constructor(101))) static void rt_start(void) {
  rt_clock_start();
  rt_env_init();
  __lineprof_timer_exact = rt_settings.timer_exact;
  rt_threads_init();
  pthread_atfork(before_fork, after_fork_parent, after_fork_child);
  atexit(at_exit);
}
