/* rt_rss.c - the process's resident set size, for LINEPROF_MEMORY=rss and
 * mprof's FUNC records: /proc/self/statm stays open and is read with pread,
 * so a reading costs one system call and no allocation. A forked child
 * reopens it (the parent's descriptor names the parent). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "rt_heap.h"

static int statm_fd = -1;
static uint64_t page_size;

void rt_rss_open(void) {
  if (statm_fd >= 0)
    close(statm_fd);
  statm_fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  page_size = (uint64_t)sysconf(_SC_PAGESIZE);
}

uint64_t rt_rss_bytes(void) {
  char buf[128];
  ssize_t n = statm_fd >= 0 ? pread(statm_fd, buf, sizeof buf - 1, 0) : -1;
  if (n <= 0)
    return 0;
  buf[n] = '\0';
  char *p; /* "size resident shared ...", in pages */
  strtoull(buf, &p, 10);
  return strtoull(p, NULL, 10) * page_size;
}
