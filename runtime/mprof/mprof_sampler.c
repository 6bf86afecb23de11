/* mprof_sampler.c - samples the resident set size of a process and of its
 * descendants for `lineprof mprof run`. Cheap by construction: each watched
 * process's /proc/PID/statm stays open and is re-read with one pread per
 * sample; descendants are found by re-reading the /proc directory (kept
 * open) and reading /proc/PID/stat only for processes not seen at the
 * previous sample. */
#define _GNU_SOURCE
#include "mprof_sampler.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct member {
  pid_t pid;
  int fd; /* open /proc/PID/statm, or -1 when out of descriptors */
};

struct mprof_sampler {
  pid_t root;
  int root_fd;
  int descendants;
  double page_mib; /* page size in MiB */
  DIR *proc;
  struct member *members;
  size_t n_members, cap_members;
  pid_t *prev, *cur; /* sorted pids of the previous and current scans */
  size_t n_prev, cap_prev, n_cur, cap_cur;
  struct mprof_proc_rss *out;
  size_t cap_out;
};

static int grow(void **p, size_t *cap, size_t n, size_t sz) {
  if (n < *cap)
    return 0;
  size_t ncap = *cap ? *cap * 2 : 64;
  while (ncap <= n)
    ncap *= 2;
  if (ncap > SIZE_MAX / sz)
    return -1;
  void *q = realloc(*p, ncap * sz);
  if (!q)
    return -1;
  *p = q;
  *cap = ncap;
  return 0;
}

static int open_proc_file(pid_t pid, const char *what) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%ld/%s", (long)pid, what);
  return open(path, O_RDONLY | O_CLOEXEC);
}

long long mprof_statm_rss(int fd) {
  char buf[160];
  ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  if (n <= 0)
    return -1;
  buf[n] = '\0';
  /* "size resident shared text lib data dt", in pages. */
  char *end;
  unsigned long long size = strtoull(buf, &end, 10);
  if (end == buf)
    return -1;
  char *p = end;
  unsigned long long resident = strtoull(p, &end, 10);
  if (end == p || size == 0) /* a zombie has no memory map */
    return -1;
  if (resident > (unsigned long long)(LLONG_MAX / 65536))
    return -1;
  return (long long)resident;
}

/* Resident pages of a member, or -1 if it is gone. */
static long long member_rss(struct member *m) {
  if (m->fd >= 0)
    return mprof_statm_rss(m->fd);
  int fd = open_proc_file(m->pid, "statm");
  if (fd < 0)
    return -1;
  long long r = mprof_statm_rss(fd);
  close(fd);
  return r;
}

struct mprof_sampler *mprof_sampler_new(pid_t root, int descendants) {
  struct mprof_sampler *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->root = root;
  s->descendants = descendants;
  long page = sysconf(_SC_PAGESIZE);
  s->page_mib = (double)(page > 0 ? page : 4096) / (1024.0 * 1024.0);
  s->root_fd = open_proc_file(root, "statm");
  if (s->root_fd < 0) {
    int e = errno;
    free(s);
    errno = e;
    return NULL;
  }
  return s;
}

void mprof_sampler_free(struct mprof_sampler *s) {
  if (!s)
    return;
  close(s->root_fd);
  for (size_t i = 0; i < s->n_members; i++)
    if (s->members[i].fd >= 0)
      close(s->members[i].fd);
  if (s->proc)
    closedir(s->proc);
  free(s->members);
  free(s->prev);
  free(s->cur);
  free(s->out);
  free(s);
}

static int cmp_pid(const void *a, const void *b) {
  pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
  return (x > y) - (x < y);
}

static int cmp_rss(const void *a, const void *b) {
  return cmp_pid(&((const struct mprof_proc_rss *)a)->pid,
                 &((const struct mprof_proc_rss *)b)->pid);
}

static int sorted_has(const pid_t *v, size_t n, pid_t pid) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid] == pid)
      return 1;
    if (v[mid] < pid)
      lo = mid + 1;
    else
      hi = mid;
  }
  return 0;
}

static int in_tree(const struct mprof_sampler *s, pid_t pid) {
  if (pid == s->root)
    return 1;
  for (size_t i = 0; i < s->n_members; i++)
    if (s->members[i].pid == pid)
      return 1;
  return 0;
}

/* The parent pid from /proc/PID/stat ("pid (comm) state ppid ..."; comm
 * may contain spaces and parentheses, so parse after the last ')'). */
static pid_t read_ppid(pid_t pid) {
  int fd = open_proc_file(pid, "stat");
  if (fd < 0)
    return -1;
  char buf[512];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0)
    return -1;
  buf[n] = '\0';
  char *p = strrchr(buf, ')');
  if (!p || p[1] != ' ' || !p[2] || p[3] != ' ')
    return -1;
  return (pid_t)strtol(p + 4, NULL, 10);
}

static void add_member(struct mprof_sampler *s, pid_t pid) {
  if (grow((void **)&s->members, &s->cap_members, s->n_members,
           sizeof *s->members))
    return;
  int fd = open_proc_file(pid, "statm");
  if (fd < 0 && errno != EMFILE && errno != ENFILE)
    return; /* already gone */
  s->members[s->n_members++] = (struct member){pid, fd};
}

/* Find the processes that appeared since the previous scan and adopt those
 * whose parent is in the tree. */
static void scan(struct mprof_sampler *s) {
  if (!s->proc) {
    s->proc = opendir("/proc");
    if (!s->proc)
      return;
  } else {
    rewinddir(s->proc);
  }
  s->n_cur = 0;
  struct dirent *e;
  while ((e = readdir(s->proc))) {
    if (!isdigit((unsigned char)e->d_name[0]))
      continue;
    long pid = strtol(e->d_name, NULL, 10);
    if (pid <= 0 || grow((void **)&s->cur, &s->cap_cur, s->n_cur, sizeof(pid_t)))
      continue;
    s->cur[s->n_cur++] = (pid_t)pid;
  }
  if (s->n_cur > 1)
    qsort(s->cur, s->n_cur, sizeof(pid_t), cmp_pid);

  /* New processes and their parents; a parent may itself be new, and pids
   * wrap, so repeat until nothing more joins the tree. */
  size_t n_new = 0;
  pid_t(*fresh)[2] = NULL;
  size_t cap_fresh = 0;
  for (size_t i = 0; i < s->n_cur; i++) {
    pid_t pid = s->cur[i];
    if (pid == s->root || sorted_has(s->prev, s->n_prev, pid))
      continue;
    pid_t ppid = read_ppid(pid);
    if (ppid <= 0 || grow((void **)&fresh, &cap_fresh, n_new, sizeof *fresh))
      continue;
    fresh[n_new][0] = pid;
    fresh[n_new][1] = ppid;
    n_new++;
  }
  for (int changed = 1; changed && n_new;) {
    changed = 0;
    for (size_t i = 0; i < n_new; i++) {
      if (fresh[i][0] > 0 && in_tree(s, fresh[i][1])) {
        add_member(s, fresh[i][0]);
        fresh[i][0] = 0;
        changed = 1;
      }
    }
  }
  free(fresh);

  pid_t *t = s->prev;
  size_t tc = s->cap_prev;
  s->prev = s->cur;
  s->cap_prev = s->cap_cur;
  s->n_prev = s->n_cur;
  s->cur = t;
  s->cap_cur = tc;
}

int mprof_sampler_sample(struct mprof_sampler *s, double *root_mib,
                         const struct mprof_proc_rss **kids, size_t *n_kids) {
  *kids = NULL;
  *n_kids = 0;
  long long pages = mprof_statm_rss(s->root_fd);
  if (pages < 0)
    return -1;
  *root_mib = (double)pages * s->page_mib;
  if (!s->descendants)
    return 0;
  scan(s);
  size_t n = 0;
  for (size_t i = 0; i < s->n_members; i++) {
    long long p = member_rss(&s->members[i]);
    if (p < 0) { /* exited: forget it */
      if (s->members[i].fd >= 0)
        close(s->members[i].fd);
      s->members[i--] = s->members[--s->n_members];
      continue;
    }
    if (grow((void **)&s->out, &s->cap_out, n, sizeof *s->out))
      break;
    s->out[n++] = (struct mprof_proc_rss){s->members[i].pid,
                                          (double)p * s->page_mib};
  }
  /* Report in pid order, stable from sample to sample. */
  if (n > 1)
    qsort(s->out, n, sizeof *s->out, cmp_rss);
  *kids = s->out;
  *n_kids = n;
  return 0;
}
