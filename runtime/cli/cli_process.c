#define _GNU_SOURCE /* pipe2 */
/* cli_process.c - the lineprof command's one way of running another
 * program (clang, the user's program, timeit's timing program, mprof's
 * command): fork, set up the child, exec, and learn in the parent whether
 * the exec worked (its errno comes back through a close-on-exec pipe). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

/* In the child: set it up as `how` says and exec argv; on failure its
 * errno goes to report. */
static void exec_child(char *const argv[], const struct cli_child *how,
                       int report) {
  if (how && how->out_fd > 0) {
    dup2(how->out_fd, STDOUT_FILENO);
    dup2(how->out_fd, STDERR_FILENO);
  }
  for (int i = 0; how && how->env && how->env[i]; i += 2)
    setenv(how->env[i], how->env[i + 1], 1);
  if (how && how->in_child)
    how->in_child(how->ctx);
  execvp(argv[0], argv);
  int err = errno;
  ssize_t ignored = write(report, &err, sizeof err);
  (void)ignored;
  _exit(127);
}

pid_t cli_spawn(char *const argv[], const struct cli_child *how) {
  int report[2];
  if (pipe2(report, O_CLOEXEC))
    return -1;
  pid_t pid = fork();
  if (pid == 0)
    exec_child(argv, how, report[1]);
  close(report[1]);
  int err = 0;
  ssize_t got = 0;
  if (pid > 0)
    do
      got = read(report[0], &err, sizeof err);
    while (got < 0 && errno == EINTR);
  else
    err = errno;
  close(report[0]);
  if (pid > 0 && got > 0) /* the exec failed: the child is gone */
    cli_wait(pid);
  errno = err;
  return pid < 0 ? -1 : got > 0 ? -2 : pid;
}

int cli_wait(pid_t pid) {
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      return -1;
  return status;
}

int cli_run_program(char *const argv[], const char *const env[]) {
  struct cli_child how = {.env = env};
  pid_t pid = cli_spawn(argv, &how);
  if (pid == -2) { /* as a shell says it, and with its status */
    cli_error("cannot run %s: %s", argv[0], strerror(errno));
    return 127 << 8;
  }
  return pid < 0 ? -1 : cli_wait(pid);
}

int cli_exit_status(int wait_status) {
  if (WIFSIGNALED(wait_status))
    return 128 + WTERMSIG(wait_status);
  return WEXITSTATUS(wait_status);
}
