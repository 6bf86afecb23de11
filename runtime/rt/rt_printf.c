/* rt_printf.c - the runtime's messages and reports when it may be called
 * from anywhere (a debugger's `call`, a signal's writer thread): printf
 * into an mmap-grown buffer (lprof_writer.c's), then one write(2), so that
 * printing never calls malloc nor waits for a stdio lock. */
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "lprof_writer.h"
#include "rt_base.h"

/* Lines longer than 4 KiB are cut. */
void rt_printf(struct lprof_buf *b, const char *fmt, ...) {
  char piece[4096];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(piece, sizeof piece, fmt, ap);
  va_end(ap);
  if (n > 0)
    lprof_put_bytes(b, piece, (size_t)n < sizeof piece ? (size_t)n
                                                       : sizeof piece - 1);
}

void rt_text_write(struct lprof_buf *b, int fd) {
  /* What the program printed before comes first, if stdout is free. */
  if (fd == STDOUT_FILENO && !ftrylockfile(stdout)) {
    fflush_unlocked(stdout);
    funlockfile(stdout);
  }
  for (size_t done = 0; !b->failed && done < b->len;) {
    ssize_t w = write(fd, b->data + done, b->len - done);
    if (w <= 0)
      break;
    done += (size_t)w;
  }
  lprof_buf_free(b);
}
