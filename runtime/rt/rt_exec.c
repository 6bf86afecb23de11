/* rt_exec.c - flush where the process ends or is replaced without atexit
 * handlers: the exec family replaces the process image, _exit and _Exit
 * end it, so the runtime interposes them (as gcov's instrumentation does
 * exec) and writes the profile first. If an exec fails the program goes
 * on, and the profile is written again at exit. A vfork child's exec or
 * _exit writes nothing: its memory is its parent's. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "rt_base.h"
#include "rt_output.h"
#include "rt_registry.h"
#include "rt_sample.h"
#include "rt_settings.h"

extern char **environ;

typedef int execve_fn(const char *, char *const[], char *const[]);
typedef int execvpe_fn(const char *, char *const[], char *const[]);

/* glibc's own names, which only its static library exports: a static
 * program has no next object for dlsym to search. */
extern execve_fn __execve __attribute__((weak));
extern execvpe_fn __execvpe __attribute__((weak));

/* The sampling timer stops too: a signal pending at exec would kill the
 * new program. Returns whether to restart it if the exec fails. */
static int flush_before_exec(void) {
  if (rt_in_vfork_child()) /* the sampler's state is its parent's thread's */
    return 0;
  rt_write_profile(RT_WRITE_AT_EXIT);
  return rt_sample_thread_stop();
}

static int after_failed_exec(int rc, int sampling) {
  int err = errno;
  if (sampling)
    rt_sample_thread_start();
  errno = err;
  return rc;
}

RT_EXPORT int execve(const char *path, char *const argv[], char *const envp[]) {
  static execve_fn *real;
  if (!real && !(real = (execve_fn *)dlsym(RTLD_NEXT, "execve")))
    real = __execve;
  int sampling = flush_before_exec();
  return after_failed_exec(real(path, argv, envp), sampling);
}

RT_EXPORT int execvpe(const char *file, char *const argv[],
                      char *const envp[]) {
  static execvpe_fn *real;
  if (!real && !(real = (execvpe_fn *)dlsym(RTLD_NEXT, "execvpe")))
    real = __execvpe;
  int sampling = flush_before_exec();
  return after_failed_exec(real(file, argv, envp), sampling);
}

RT_EXPORT int execv(const char *path, char *const argv[]) {
  return execve(path, argv, environ);
}

RT_EXPORT int execvp(const char *file, char *const argv[]) {
  return execvpe(file, argv, environ);
}

/* The list forms: collect the arguments (and, for execle, the environment
 * after the terminating null) into arrays. */
#define MAX_LIST_ARGS 4096
static int collect(const char *arg0, va_list ap, char **argv,
                   char ***envp_out) {
  int n = 0;
  argv[n++] = (char *)arg0;
  while (arg0 && n < MAX_LIST_ARGS && (argv[n] = va_arg(ap, char *)))
    n++;
  argv[n < MAX_LIST_ARGS ? n : MAX_LIST_ARGS - 1] = NULL;
  if (envp_out)
    *envp_out = va_arg(ap, char **);
  return n;
}

RT_EXPORT int execl(const char *path, const char *arg0, ...) {
  char *argv[MAX_LIST_ARGS];
  va_list ap;
  va_start(ap, arg0);
  collect(arg0, ap, argv, NULL);
  va_end(ap);
  return execve(path, argv, environ);
}

RT_EXPORT int execlp(const char *file, const char *arg0, ...) {
  char *argv[MAX_LIST_ARGS];
  va_list ap;
  va_start(ap, arg0);
  collect(arg0, ap, argv, NULL);
  va_end(ap);
  return execvpe(file, argv, environ);
}

RT_EXPORT int execle(const char *path, const char *arg0, ...) {
  char *argv[MAX_LIST_ARGS], **envp;
  va_list ap;
  va_start(ap, arg0);
  collect(arg0, ap, argv, &envp);
  va_end(ap);
  return execve(path, argv, envp);
}

/* _exit and _Exit (a forked child's usual way out) may be called from a
 * signal handler: the profile is written without waiting for a lock, then
 * the process ends as glibc's _exit ends it, without a call that could
 * take the dynamic loader's lock. In a static program exit() ends through
 * this _exit too, after the profile was written. */
static _Noreturn void write_then_exit(int status) {
  if (!rt_exiting)
    rt_write_profile(RT_WRITE_NOW);
  for (;;)
    syscall(SYS_exit_group, status);
}

RT_EXPORT void _exit(int status) { write_then_exit(status); }

RT_EXPORT void _Exit(int status) { write_then_exit(status); }
