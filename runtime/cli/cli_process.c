/* cli_process.c - running other programs for the lineprof command: clang
 * to build, the user's program to profile. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

int cli_run_program(char *const argv[], const char *const env[]) {
  pid_t pid = fork();
  if (pid < 0)
    return -1;
  if (pid == 0) {
    for (int i = 0; env && env[i]; i += 2)
      setenv(env[i], env[i + 1], 1);
    execvp(argv[0], argv);
    fprintf(stderr, "lineprof: cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
  }
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      return -1;
  return status;
}

int cli_exit_status(int wait_status) {
  if (WIFSIGNALED(wait_status))
    return 128 + WTERMSIG(wait_status);
  return WEXITSTATUS(wait_status);
}
