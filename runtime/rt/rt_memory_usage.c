/* rt_memory_usage.c - lineprof_memory_usage (include/lineprof.h),
 * memory_profiler's memory_usage(): resident set size samples of this
 * process or another, every interval for a timeout, or while a function
 * runs. The samples go into the caller's array; the statm file is read with
 * rt_rss.c, and the sampling thread of the function form gets its stack
 * from mmap (glibc) with the runtime marked busy, so that nothing here
 * counts in (or comes from) the program's heap. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "lineprof.h"
#include "rt_clock.h"
#include "rt_heap.h"

#define MIB 1048576.0
#define NS_PER_S 1e9

/* A measurement in progress: the caller's array and where it stands. */
struct usage {
  int fd;              /* the process's statm */
  double *out;         /* the caller's samples */
  int capacity, n;     /* slots, and samples stored */
  int reserve;         /* slots kept for the sample after the call */
  int max_usage, full; /* only the largest; a sample found no room */
  uint64_t interval_ns, end_ns; /* sampling stops after end_ns */
  /* The function form: the thread stops when the call has returned. */
  pthread_mutex_t lock;
  pthread_cond_t wake;
  int stop;
};

/* Stores one sample of the process; 0, or -1 when it is gone or no room is
 * left (u->full). */
static int sample(struct usage *u) {
  int64_t bytes = rt_statm_bytes(u->fd);
  if (bytes < 0)
    return -1;
  double mib = (double)bytes / MIB;
  if (u->max_usage) {
    if (!u->n || mib > u->out[0])
      u->out[0] = mib;
    u->n = 1;
    return 0;
  }
  if (u->n >= u->capacity - u->reserve) {
    u->full = 1;
    return -1;
  }
  u->out[u->n++] = mib;
  return 0;
}

/* The next deadline after `next` on the monotonic clock; one that has
 * already passed moves to now, so that a late sample causes no burst. */
static uint64_t after(const struct usage *u, uint64_t next) {
  uint64_t now = rt_monotonic_ns();
  next += u->interval_ns;
  return next < now ? now : next;
}

static struct timespec at(uint64_t ns) {
  return (struct timespec){(time_t)(ns / 1000000000u),
                           (long)(ns % 1000000000u)};
}

/* The process form, in the calling thread: `count` samples, one every
 * interval, the first at once; ends early when the process is gone. */
static void sample_process(struct usage *u, long count) {
  uint64_t next = rt_monotonic_ns();
  for (long i = 0; i < count && !sample(u); i++) {
    if (i + 1 == count)
      break;
    next = after(u, next);
    struct timespec ts = at(next);
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
      ;
  }
}

/* The function form's thread: a sample every interval until the call has
 * returned, the timeout has passed or the array is full. */
static void *sample_call(void *arg) {
  struct usage *u = arg;
  uint64_t next = after(u, rt_monotonic_ns());
  pthread_mutex_lock(&u->lock);
  while (!u->stop) {
    struct timespec ts = at(next);
    if (pthread_cond_timedwait(&u->wake, &u->lock, &ts) != ETIMEDOUT)
      continue; /* woken (the call returned) or spurious */
    if (next > u->end_ns || sample(u))
      break;
    next = after(u, next);
  }
  pthread_mutex_unlock(&u->lock);
  return NULL;
}

/* Starts sample_call with all signals blocked (they stay the program's)
 * and a small stack; 0, or an error number. */
static int start_thread(struct usage *u, pthread_t *thread) {
  pthread_condattr_t ca;
  pthread_condattr_init(&ca);
  pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
  pthread_cond_init(&u->wake, &ca);
  pthread_condattr_destroy(&ca);
  pthread_mutex_init(&u->lock, NULL);
  pthread_attr_t attr;
  sigset_t all, old;
  sigfillset(&all);
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 1 << 16);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  rt_heap_thread.busy++; /* its thread-local storage is not the program's */
  int err = pthread_create(thread, &attr, sample_call, u);
  rt_heap_thread.busy--;
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  pthread_attr_destroy(&attr);
  return err;
}

/* The function form: a sample before the call, the thread's during it,
 * one after it. 0, or an error number (func not called). */
static int sample_function(struct usage *u,
                           const struct lineprof_memory_usage *how) {
  pthread_t thread;
  u->reserve = !u->max_usage; /* for the sample after the call */
  sample(u);
  int err = start_thread(u, &thread);
  if (!err) {
    how->func(how->arg);
    pthread_mutex_lock(&u->lock);
    u->stop = 1;
    pthread_cond_signal(&u->wake);
    pthread_mutex_unlock(&u->lock);
    rt_heap_thread.busy++;
    pthread_join(thread, NULL);
    rt_heap_thread.busy--;
    u->reserve = 0;
    sample(u);
  }
  pthread_cond_destroy(&u->wake);
  pthread_mutex_destroy(&u->lock);
  return err;
}

/* Checks how's fields into u and *count (the process form's samples);
 * 0, or an error number. */
static int check(const struct lineprof_memory_usage *how, struct usage *u,
                 long *count) {
  double interval = how->interval ? how->interval : 0.1;
  double timeout = how->timeout;
  if (!(interval >= 0.001 && interval <= 3600) || !(timeout >= 0) ||
      timeout > 1e9 || how->pid < -1)
    return EINVAL;
  if (how->func && how->pid > 0 && how->pid != getpid())
    return EINVAL; /* a function runs in this process */
  double n = timeout ? timeout / interval + 0.5 : 1; /* rounded below */
  *count = n < 1 ? 1 : n > 1e15 ? (long)1e15 : (long)n;
  long needed = u->max_usage ? 1 : how->func ? 2 : *count;
  if (u->capacity < needed)
    return ERANGE;
  u->interval_ns = (uint64_t)(interval * NS_PER_S);
  u->end_ns = timeout ? rt_monotonic_ns() + (uint64_t)(timeout * NS_PER_S)
                      : UINT64_MAX;
  return 0;
}

RT_EXPORT int lineprof_memory_usage(const struct lineprof_memory_usage *how,
                                    double *samples, int capacity) {
  static const struct lineprof_memory_usage defaults;
  if (!how)
    how = &defaults;
  struct usage u = {.out = samples, .capacity = capacity,
                    .max_usage = how->max_usage};
  long count;
  int err = !samples || capacity < 1 ? EINVAL : check(how, &u, &count);
  if (err)
    return errno = err, -1;
  u.fd = rt_statm_open(how->pid == -1 ? 0 : how->pid);
  if (u.fd < 0)
    return errno = errno == ENOENT ? ESRCH : errno, -1;
  if (how->func)
    err = sample_function(&u, how);
  else
    sample_process(&u, count);
  close(u.fd);
  if (!err && !u.n)
    err = ESRCH; /* gone before the first sample */
  if (!err && u.full)
    err = ERANGE;
  if (err)
    return errno = err, -1;
  return u.n;
}
