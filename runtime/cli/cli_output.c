#define _GNU_SOURCE /* mkostemp */
/* cli_output.c - output files of the lineprof command: written under a
 * temporary name beside the target and renamed into place when complete,
 * so a reader never sees half a file and a symlink planted at the target is
 * replaced rather than followed. atomic_* is the mechanism (`mprof` uses it
 * directly), output_* the outputs of `export` and `merge` on top of it:
 * "-" for standard output, devices and FIFOs written in place, and the
 * messages. */
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

char *cli_sibling_template(const char *path, const char *tag) {
  const char *slash = strrchr(path, '/');
  size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
  const char *base = path + dirlen;
  size_t n = dirlen + strlen(base) + strlen(tag) + 16;
  char *t = malloc(n);
  if (t)
    snprintf(t, n, "%.*s.%s%s.XXXXXX", (int)dirlen, path, base, tag);
  return t;
}

int atomic_open(struct atomic_file *a, const char *path) {
  memset(a, 0, sizeof *a);
  a->path = path;
  if (!(a->tmp = cli_sibling_template(path, ""))) {
    errno = ENOMEM;
    return -1;
  }
  int fd = cli_create_temp(a->tmp);
  if (fd >= 0 && (a->f = fdopen(fd, "wb")))
    return 0;
  int err = errno;
  if (fd >= 0) {
    close(fd);
    unlink(a->tmp);
  }
  free(a->tmp);
  a->tmp = NULL;
  errno = err;
  return -1;
}

int atomic_commit(struct atomic_file *a) {
  int failed = fflush(a->f) != 0 || ferror(a->f);
  int err = failed ? errno : 0;
  if (fclose(a->f) && !failed)
    failed = 1, err = errno;
  a->f = NULL;
  if (!failed && rename(a->tmp, a->path))
    failed = 1, err = errno;
  if (failed)
    unlink(a->tmp);
  free(a->tmp);
  a->tmp = NULL;
  errno = err ? err : EIO;
  return failed ? -1 : 0;
}

void atomic_abort(struct atomic_file *a) {
  if (a->f)
    fclose(a->f);
  a->f = NULL;
  if (a->tmp)
    unlink(a->tmp);
  free(a->tmp);
  a->tmp = NULL;
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
  if (atomic_open(&o->file, path)) {
    cli_error("cannot write %s: %s", path, strerror(errno));
    return -1;
  }
  o->f = o->file.f;
  return 0;
}

int output_commit(struct output *o) {
  const char *name = o->file.path ? o->file.path
                     : o->in_place ? o->in_place
                                   : "standard output";
  int failed;
  if (o->file.path) {
    failed = atomic_commit(&o->file);
  } else {
    failed = fflush(o->f) != 0 || ferror(o->f);
    int err = errno;
    if (o->in_place && fclose(o->f) && !failed)
      failed = 1, err = errno;
    errno = err;
  }
  o->f = NULL;
  if (failed)
    cli_error("cannot write %s: %s", name, strerror(errno ? errno : EIO));
  return failed ? -1 : 0;
}

void output_abort(struct output *o) {
  if (o->file.path)
    atomic_abort(&o->file);
  else if (o->in_place && o->f)
    fclose(o->f);
  o->f = NULL;
}
