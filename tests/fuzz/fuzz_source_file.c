/* fuzz_source_file.c - libFuzzer target for the source file reader of the
 * reports (source_file_load), which takes a path: the input is put in a
 * memory file opened through /proc/self/fd. The lines must cover the input
 * exactly, each followed by one line ending ("\n", "\r\n" or "\r") but the
 * last, which may have none. */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "source_file.h"

/* The memory file's path, created on first use and rewritten each time. */
static const char *put_in_file(const uint8_t *data, size_t size) {
  static int fd = -1;
  static char path[64];
  if (fd < 0) {
    FUZZ_CHECK((fd = memfd_create("source", 0)) >= 0);
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  }
  FUZZ_CHECK(ftruncate(fd, 0) == 0);
  FUZZ_CHECK(pwrite(fd, data, size, 0) == (ssize_t)size);
  return path;
}

/* The length of the line ending at data[pos], or 0 if there is none. */
static size_t ending(const uint8_t *data, size_t size, size_t pos) {
  if (pos < size && data[pos] == '\r')
    return pos + 1 < size && data[pos + 1] == '\n' ? 2 : 1;
  return pos < size && data[pos] == '\n';
}

static void check_lines(const struct source_file *sf, const uint8_t *data,
                        size_t size) {
  size_t pos = 0, len;
  for (size_t n = 1; n <= sf->nlines; n++) {
    const char *line = source_file_line(sf, n, &len);
    FUZZ_CHECK(line && len <= size - pos && line[len] == '\0');
    FUZZ_CHECK(memcmp(line, data + pos, len) == 0);
    FUZZ_CHECK(!memchr(line, '\n', len) && !memchr(line, '\r', len));
    pos += len;
    size_t end = ending(data, size, pos);
    FUZZ_CHECK(end || (n == sf->nlines && pos == size));
    pos += end;
  }
  FUZZ_CHECK(pos == size);
  FUZZ_CHECK(!source_file_line(sf, 0, &len));
  FUZZ_CHECK(!source_file_line(sf, sf->nlines + 1, &len));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct source_file sf;
  FUZZ_CHECK(source_file_load(&sf, put_in_file(data, size)) == 0);
  check_lines(&sf, data, size);
  source_file_free(&sf);
  return 0;
}
