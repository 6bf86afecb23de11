/* rt_snapshot_signal.c - profile snapshots while the program runs:
 * LINEPROF_DUMP_SIGNAL (SIGUSR2 by default) makes the runtime write
 * PROGRAM.lprof.1, .2, ... beside the final profile. The handler only
 * writes a byte to a pipe; a thread of the runtime reads it and writes the
 * snapshot, so that the writing (locks, stdio, the leak scan) never runs
 * inside a handler. The handler is installed only if the signal still has
 * its default action when the runtime starts, and a handler the program
 * installs later replaces it: the program's wins.
 *
 * The thread starts only when a program has other threads anyway: a
 * second thread makes glibc's malloc and stdio take their locks for the
 * rest of the run (an allocation-heavy program took twice as long). So a
 * single-threaded program gets it at its first allocation or free after a
 * snapshot was asked for (the allocator hooks, rt_heap.c), or when it
 * starts a thread that runs profiled code; what is still asked for at exit
 * is written then, before the profile. Where the hooks are not the
 * program's allocator (a static program, a sanitizer's, the program's
 * own), the thread starts with the first instrumented module. */
#define _GNU_SOURCE /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/single_threaded.h>
#include <unistd.h>

#include "rt_heap.h"
#include "rt_output.h"
#include "rt_settings.h"

static int fds[2] = {-1, -1};
static int started; /* the writer thread is running */
static int hooked;  /* the allocator hooks can start it (rt_heap_hooked) */

static void on_signal(int sig) {
  (void)sig;
  int saved = errno;
  char c = 0;
  ssize_t ignored = write(fds[1], &c, 1); /* full: snapshots are due */
  (void)ignored;
  if (!__atomic_load_n(&started, __ATOMIC_RELAXED))
    rt_heap_wake();
  errno = saved;
}

void rt_snapshot_signal_init(void) {
  int sig = rt_settings.dump_signal;
  struct sigaction old, sa = {.sa_handler = on_signal, .sa_flags = SA_RESTART};
  if (!sig || sigaction(sig, NULL, &old) ||
      (old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL)
    return;
  if (pipe2(fds, O_CLOEXEC))
    return;
  fcntl(fds[1], F_SETFL, O_NONBLOCK); /* the handler never blocks */
  hooked = rt_heap_hooked();
  rt_heap_on_wake(rt_snapshot_signal_start);
  sigemptyset(&sa.sa_mask);
  sigaction(sig, &sa, NULL);
}

static void *writer(void *unused) {
  (void)unused;
  rt_heap_thread.busy++; /* the runtime's thread: nothing it allocates counts */
  for (;;) {
    char c;
    ssize_t got = read(fds[0], &c, 1);
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      return NULL;
    rt_write_profile(RT_WRITE_SNAPSHOT);
  }
}

void rt_snapshot_signal_start(void) {
  if (fds[0] < 0 || __atomic_exchange_n(&started, 1, __ATOMIC_RELAXED))
    return;
  pthread_attr_t attr;
  pthread_t thread;
  sigset_t all, old;
  sigfillset(&all);
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 1 << 20);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_sigmask(SIG_SETMASK, &all, &old); /* the thread takes no signal */
  rt_heap_thread.busy++; /* its thread-local storage is not the program's */
  pthread_create(&thread, &attr, writer, NULL);
  rt_heap_thread.busy--;
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  pthread_attr_destroy(&attr);
}

void rt_snapshot_signal_start_if_threaded(void) {
  if (!hooked || !__libc_single_threaded)
    rt_snapshot_signal_start();
}

void rt_snapshot_signal_flush(void) {
  if (fds[0] < 0)
    return;
  fcntl(fds[0], F_SETFL, O_NONBLOCK); /* and the writer, if any, stops */
  char c;
  while (read(fds[0], &c, 1) == 1)
    rt_write_profile(RT_WRITE_SNAPSHOT);
}

void rt_snapshot_signal_after_fork(void) {
  if (started) { /* the parent's thread did not come along */
    started = 0;
    rt_snapshot_signal_start();
  }
}
