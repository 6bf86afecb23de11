/* rt_exec.c - flush before exec: the exec family replaces the process
 * image without running atexit handlers, so the runtime interposes it (as
 * gcov's instrumentation does) and writes the profile first. If the exec
 * fails the program goes on, and the profile is written again at exit. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <unistd.h>

#include "rt_base.h"
#include "rt_output.h"
#include "rt_sample.h"

extern char **environ;

typedef int execve_fn(const char *, char *const[], char *const[]);
typedef int execvpe_fn(const char *, char *const[], char *const[]);

/* The sampling timer stops too: a signal pending at exec would kill the
 * new program. Returns whether to restart it if the exec fails. */
static int flush_before_exec(void) {
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
  if (!real)
    real = (execve_fn *)dlsym(RTLD_NEXT, "execve");
  int sampling = flush_before_exec();
  return after_failed_exec(real(path, argv, envp), sampling);
}

RT_EXPORT int execvpe(const char *file, char *const argv[],
                      char *const envp[]) {
  static execvpe_fn *real;
  if (!real)
    real = (execvpe_fn *)dlsym(RTLD_NEXT, "execvpe");
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
