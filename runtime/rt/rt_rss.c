/* rt_rss.c - resident set sizes from /proc/PID/statm: the process's own,
 * for LINEPROF_MEMORY=rss and mprof's FUNC records, and any process's, for
 * lineprof_memory_usage (rt_memory_usage.c). A statm file stays open and is
 * read with pread, so a reading costs one system call and no allocation.
 * A forked child reopens its own (the parent's descriptor names the
 * parent). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "rt_heap.h"

static int statm_fd = -1;

int rt_statm_open(int pid) {
  char path[40] = "/proc/self/statm";
  if (pid > 0)
    snprintf(path, sizeof path, "/proc/%d/statm", pid);
  return open(path, O_RDONLY | O_CLOEXEC);
}

int64_t rt_statm_bytes(int fd) {
  char buf[128];
  ssize_t n = fd >= 0 ? pread(fd, buf, sizeof buf - 1, 0) : -1;
  if (n <= 0)
    return -1; /* reaped: the read fails */
  buf[n] = '\0';
  char *p; /* "size resident shared ...", in pages */
  unsigned long long size = strtoull(buf, &p, 10);
  if (!size)
    return -1; /* a zombie has no memory map */
  return (int64_t)(strtoull(p, NULL, 10) * (uint64_t)sysconf(_SC_PAGESIZE));
}

void rt_rss_open(void) {
  if (statm_fd >= 0)
    close(statm_fd);
  statm_fd = rt_statm_open(0);
}

uint64_t rt_rss_bytes(void) {
  int64_t n = rt_statm_bytes(statm_fd);
  return n > 0 ? (uint64_t)n : 0;
}
