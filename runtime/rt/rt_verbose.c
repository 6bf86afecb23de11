#define _GNU_SOURCE /* dladdr */
/* rt_verbose.c - LINEPROF_VERBOSE=1: the report at exit, like kernprof -l
 * -v. The runtime does not render it: it runs `lineprof show` on the file
 * it has just written, the command found beside this library (bin/ next to
 * lib/, in the build tree and under an install prefix alike), so that the
 * report code, its source file reader and their mallocs stay out of the
 * program (docs/architecture.md). */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rt_output.h"

extern char **environ;

/* The lineprof command: LINEPROF_LIB_TO_BIN from this library's directory
 * (the install layout), else ../bin (the build tree). */
static int find_command(char *out, size_t size) {
  static const char *const to_bin[] = {LINEPROF_LIB_TO_BIN, "../bin"};
  Dl_info info;
  char dir[PATH_MAX];
  if (!dladdr((void *)find_command, &info) || !info.dli_fname)
    return -1;
  snprintf(dir, sizeof dir, "%s", info.dli_fname);
  char *slash = strrchr(dir, '/');
  if (!slash)
    return -1;
  *slash = '\0';
  for (size_t i = 0; i < sizeof to_bin / sizeof *to_bin; i++) {
    if (snprintf(out, size, "%s/%s/lineprof", dir, to_bin[i]) < (int)size &&
        access(out, X_OK) == 0)
      return 0;
  }
  return -1;
}

void rt_verbose_report(const char *path) {
  char command[PATH_MAX];
  if (find_command(command, sizeof command)) {
    fprintf(stderr, "lineprof: no lineprof command beside the runtime to "
                    "print the report of %s (LINEPROF_VERBOSE)\n", path);
    return;
  }
  char *argv[] = {command, "show", "--color=never", "--", (char *)path, NULL};
  fflush(stdout); /* the program's output comes first */
  fflush(stderr);
  pid_t pid;
  int err = posix_spawn(&pid, command, NULL, NULL, argv, environ);
  if (err) {
    fprintf(stderr, "lineprof: cannot run %s: %s\n", command, strerror(err));
    return;
  }
  int status;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    continue;
}
