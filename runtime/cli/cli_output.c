#define _GNU_SOURCE /* mkostemp */
/* cli_output.c - output files of the lineprof command: written under a
 * temporary name beside the target and renamed into place when complete,
 * so a reader never sees half a file and a symlink planted at the target is
 * replaced rather than followed. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

int cli_create_temp(char *template) {
  int fd = mkostemp(template, O_CLOEXEC);
  if (fd < 0)
    return -1;
  /* mkostemp makes the file 0600; give it the mode a new file gets. */
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  return fd;
}

/* A target that exists and is not a regular file (a device, a FIFO) is
 * written as it is: renaming over it would replace it. */
static int open_in_place(struct output *o, const char *path,
                         const struct stat *st) {
  errno = S_ISDIR(st->st_mode) ? EISDIR : 0;
  if (!errno)
    o->f = fopen(path, "wb");
  if (!o->f) {
    cli_error("cannot write %s: %s", path, strerror(errno));
    return -1;
  }
  o->in_place = path;
  return 0;
}

int output_open(struct output *o, const char *path) {
  memset(o, 0, sizeof *o);
  if (!path || !strcmp(path, "-")) {
    o->f = stdout;
    return 0;
  }
  struct stat st;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
    return open_in_place(o, path, &st);
  o->path = path;
  size_t n = strlen(path);
  o->tmp = malloc(n + sizeof ".tmpXXXXXX");
  if (!o->tmp) {
    cli_error("out of memory");
    return -1;
  }
  memcpy(o->tmp, path, n);
  memcpy(o->tmp + n, ".tmpXXXXXX", sizeof ".tmpXXXXXX");
  int fd = cli_create_temp(o->tmp);
  if (fd < 0 || !(o->f = fdopen(fd, "wb"))) {
    cli_error("cannot write %s: %s", path, strerror(errno));
    if (fd >= 0) {
      close(fd);
      unlink(o->tmp);
    }
    free(o->tmp);
    o->tmp = NULL;
    return -1;
  }
  return 0;
}

int output_commit(struct output *o) {
  const char *name = o->path      ? o->path
                     : o->in_place ? o->in_place
                                   : "standard output";
  int failed = fflush(o->f) != 0 || ferror(o->f);
  int err = failed ? errno : 0;
  if (o->path || o->in_place) {
    FILE *f = o->f;
    o->f = NULL;
    if (fclose(f) && !failed)
      failed = 1, err = errno;
    if (!failed && o->path && rename(o->tmp, o->path))
      failed = 1, err = errno;
  }
  if (failed) {
    cli_error("cannot write %s: %s", name, strerror(err ? err : EIO));
    output_abort(o);
    return -1;
  }
  free(o->tmp);
  o->tmp = NULL;
  return 0;
}

void output_abort(struct output *o) {
  if ((o->path || o->in_place) && o->f)
    fclose(o->f);
  o->f = NULL;
  if (o->tmp)
    unlink(o->tmp);
  free(o->tmp);
  o->tmp = NULL;
}

