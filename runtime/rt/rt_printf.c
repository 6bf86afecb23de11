/* rt_printf.c - the runtime's messages and reports when it may be called
 * from anywhere (a debugger's `call`, a signal's writer thread): printf
 * into an mmap-grown buffer (lprof_writer.c's), then one write(2), so that
 * printing never calls malloc nor waits for a stdio lock. Nothing goes to
 * a standard error that is no longer the one the program started with: a
 * program that closed it may have opened a file of its own there. */
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "lprof_writer.h"
#include "rt_base.h"

static struct stat start_stderr;
static int stderr_open; /* at start */

void rt_text_init(void) {
  stderr_open = !fstat(STDERR_FILENO, &start_stderr);
}

static int stderr_as_at_start(void) {
  return stderr_open && rt_fd_is(STDERR_FILENO, &start_stderr);
}

/* Lines longer than 4 KiB are cut. */
static void put_text(struct lprof_buf *b, const char *fmt, va_list ap) {
  char piece[4096];
  int n = vsnprintf(piece, sizeof piece, fmt, ap);
  if (n > 0)
    lprof_put_bytes(b, piece, (size_t)n < sizeof piece ? (size_t)n
                                                       : sizeof piece - 1);
}

void rt_printf(struct lprof_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  put_text(b, fmt, ap);
  va_end(ap);
}

void rt_say(const char *fmt, ...) {
  struct lprof_buf b = {0};
  va_list ap;
  va_start(ap, fmt);
  put_text(&b, fmt, ap);
  va_end(ap);
  rt_text_write(&b, STDERR_FILENO);
}

void rt_text_write(struct lprof_buf *b, int fd) {
  /* What the program printed before comes first, if stdout is free. */
  if (fd == STDOUT_FILENO && !ftrylockfile(stdout)) {
    fflush_unlocked(stdout);
    funlockfile(stdout);
  }
  if (fd == STDERR_FILENO && !stderr_as_at_start())
    b->failed = 1;
  for (size_t done = 0; !b->failed && done < b->len;) {
    ssize_t w = write(fd, b->data + done, b->len - done);
    if (w <= 0)
      break;
    done += (size_t)w;
  }
  lprof_buf_free(b);
}
