#define _GNU_SOURCE /* dl_iterate_phdr, process_vm_readv, gettid */
/* rt_objects_roots.c - where the program can hold pointers, for the object
 * analyses' conservative scans: the writable segments of every loaded
 * object but the runtime (globals, found with dl_iterate_phdr), and the
 * private anonymous mappings of /proc/self/maps (thread stacks with their
 * TLS, the main stack, memory the program or libc mapped itself), less the
 * heap's own mappings and a sanitizer's shadow memory. The calling
 * thread's stack is scanned from the caller's frame up (its registers were
 * spilled there), another thread's from its stack pointer when
 * /proc/self/task/TID/syscall tells it (the thread is blocked or
 * stopped), else whole. Roots are read
 * with process_vm_readv, so a mapping unmapped meanwhile is skipped rather
 * than fatal; blocks of the table found in a root are not scanned as
 * roots. Nothing here allocates: the lists live in static arrays (one
 * analysis at a time, rt_objects_analysis_lock). */
#include <fcntl.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "rt_heap.h"
#include "rt_objects_table.h"

#define MAX_ROOTS 8192
#define MAX_SEGMENTS 1024
#define MAX_THREADS 1024
#define ARENA_ALIGN (64u << 20) /* glibc's HEAP_MAX_SIZE on 64-bit */

static struct rt_root roots[MAX_ROOTS];
static struct rt_range segments[MAX_SEGMENTS]; /* every object's writable PT_LOADs */
static size_t nroots, nsegments;
static struct {
  long tid;
  uintptr_t sp;
} threads[MAX_THREADS];
static size_t nthreads;
static char text[1 << 16];     /* /proc files being read */
static uintptr_t words[8192];  /* a piece of a root being scanned */

static void add_root(uintptr_t start, uintptr_t end, enum rt_root_kind kind,
                     long tid) {
  start = (start + 7) & ~(uintptr_t)7;
  if (start < end && nroots < MAX_ROOTS)
    roots[nroots++] = (struct rt_root){start, end, kind, tid};
}

static int runtime_marker; /* its address tells the runtime's own segment */

static int add_object(struct dl_phdr_info *info, size_t size, void *unused) {
  (void)size, (void)unused;
  int own = 0;
  size_t first = nsegments;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_W) ||
        nsegments == MAX_SEGMENTS)
      continue;
    uintptr_t a = info->dlpi_addr + ph->p_vaddr;
    segments[nsegments++] = (struct rt_range){a, a + ph->p_memsz};
    own |= (uintptr_t)&runtime_marker - a < ph->p_memsz;
  }
  for (size_t i = first; i < nsegments && !own; i++)
    add_root(segments[i].start, segments[i].end, RT_ROOT_GLOBAL, 0);
  return 0;
}

/* Adds [a, b) less the objects' segments (a loader-made bss is anonymous). */
static void add_unless_segment(uintptr_t a, uintptr_t b, enum rt_root_kind kind,
                               long tid) {
  for (size_t i = 0; i < nsegments && a < b; i++) {
    const struct rt_range *s = &segments[i];
    if (s->end <= a || s->start >= b)
      continue;
    if (s->start > a)
      add_unless_segment(a, s->start, kind, tid);
    a = s->end;
  }
  if (a < b)
    add_root(a, b, kind, tid);
}

/* Each line of the file at path, in turn, to fn (lines of up to 4 KiB). */
static void each_line(const char *path, void (*fn)(char *line, void *ctx),
                      void *ctx) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return;
  size_t have = 0;
  for (;;) {
    ssize_t got = read(fd, text + have, sizeof text - 1 - have);
    if (got <= 0)
      break;
    have += (size_t)got;
    text[have] = '\0';
    char *line = text, *nl;
    while ((nl = strchr(line, '\n'))) {
      *nl = '\0';
      fn(line, ctx);
      line = nl + 1;
    }
    have = (size_t)(text + have - line);
    memmove(text, line, have);
    if (have > 4096)
      have = 0; /* an absurd line: drop it */
  }
  close(fd);
}

/* The stack pointer of a thread blocked in a system call or stopped
 * (/proc/self/task/TID/syscall: "nr args... sp pc"). */
static void task_sp(char *line, void *ctx) {
  char *last = strrchr(line, ' ');
  if (!last || !strncmp(line, "running", 7))
    return;
  *last = '\0';
  char *sp = strrchr(line, ' ');
  if (sp && nthreads < MAX_THREADS) {
    threads[nthreads].tid = *(long *)ctx;
    threads[nthreads++].sp = (uintptr_t)strtoull(sp + 1, NULL, 16);
  }
}

static void find_thread_sps(void) {
  char buf[4096], path[64];
  nthreads = 0;
  int fd = open("/proc/self/task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return;
  long n;
  while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0)
    for (long off = 0; off < n;) {
      struct {
        uint64_t ino;
        int64_t off;
        unsigned short reclen;
        unsigned char type;
        char name[];
      } *d = (void *)(buf + off);
      long tid = atol(d->name);
      off += d->reclen;
      if (tid <= 0)
        continue;
      snprintf(path, sizeof path, "/proc/self/task/%ld/syscall", tid);
      each_line(path, task_sp, &tid);
    }
  close(fd);
}

/* The thread whose stack pointer is in [a, b), or 0; *from: where its
 * live stack starts (the red zone below the stack pointer included). */
static long thread_of(uintptr_t a, uintptr_t b, uintptr_t *from) {
  *from = a;
  for (size_t i = 0; i < nthreads; i++)
    if (threads[i].sp >= a && threads[i].sp < b) {
      *from = threads[i].sp - 128 > a ? threads[i].sp - 128 : a;
      return threads[i].tid;
    }
  return 0;
}

/* One line of /proc/self/maps. */
static void add_mapping(char *line, void *ctx) {
  uintptr_t floor = *(uintptr_t *)ctx;
  unsigned long long a, b, inode;
  char perms[8];
  int path_at = 0;
  if (sscanf(line, "%llx-%llx %7s %*s %*s %llu %n", &a, &b, perms, &inode,
             &path_at) < 4 ||
      strncmp(perms, "rw", 2) || perms[3] != 'p' || inode)
    return;
  const char *path = path_at ? line + path_at : "";
  int main_stack = !strcmp(path, "[stack]");
  if ((*path && !main_stack && strncmp(path, "[anon:", 6)) ||
      rt_heap_sanitizer_shadow(a, b))
    return; /* [heap], [vvar]... */
  uintptr_t from;
  long tid = thread_of(a, b, &from);
  if (floor >= a && floor < b) /* the calling thread: from its caller up */
    add_root(floor, b, RT_ROOT_STACK, (long)gettid());
  else if (tid || main_stack) /* a thread stopped or in a system call */
    add_unless_segment(from, b, RT_ROOT_STACK, tid ? tid : (long)getpid());
  else /* running threads' stacks too: whole */
    add_unless_segment(a, b, RT_ROOT_ANON, 0);
}

void rt_roots_collect(uintptr_t floor) {
  nroots = nsegments = 0;
  dl_iterate_phdr(add_object, NULL);
  find_thread_sps();
  each_line("/proc/self/maps", add_mapping, &floor);
}

/* ---- Scanning ---- */

/* Whether root r is one of glibc's arena heaps (aligned like one, and
 * holding blocks), or of a sanitizer's allocator (holding blocks): those
 * are reached block by block, never as roots. */
static int arena(const struct rt_objects *s, const struct rt_root *r) {
  if (r->kind != RT_ROOT_ANON ||
      (r->start % ARENA_ALIGN && !rt_heap_sanitizer))
    return 0;
  size_t i = rt_objects_find(s, r->start);
  for (i = i == SIZE_MAX ? 0 : i; i < s->n && s->v[i].start < r->end; i++)
    if (s->v[i].start >= r->start)
      return 1;
  return 0;
}

/* The first block that ends after a, or s->n. */
static size_t block_after(const struct rt_objects *s, uintptr_t a) {
  size_t lo = 0, hi = s->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (s->v[mid].end <= a)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Scans the words of [a, b), read safely, for pointers into blocks. */
static void scan_words(const struct rt_objects *s, const struct rt_root *r,
                       uintptr_t a, uintptr_t b, rt_visit visit, void *ctx) {
  while (a + sizeof(uintptr_t) <= b) {
    size_t n = (b - a) / sizeof(uintptr_t);
    n = n < sizeof words / sizeof *words ? n : sizeof words / sizeof *words;
    struct iovec local = {words, n * sizeof *words},
                 remote = {(void *)a, n * sizeof *words};
    ssize_t got = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
    if (got <= 0) {
      a = (a | 4095) + 1; /* an unreadable page: skip it */
      continue;
    }
    for (size_t i = 0; i < (size_t)got / sizeof *words; i++) {
      size_t to = rt_objects_find(s, words[i]);
      if (to != SIZE_MAX)
        visit(ctx, r, SIZE_MAX, a + i * sizeof *words, to);
    }
    a += (size_t)got & ~(sizeof(uintptr_t) - 1);
  }
}

/* Scans root r, skipping the blocks in it and the analyses' own pages. */
static void scan_root(const struct rt_objects *s, const struct rt_root *r,
                      rt_visit visit, void *ctx) {
  uintptr_t a = r->start;
  for (size_t i = block_after(s, a); a < r->end; i++) {
    uintptr_t b = i < s->n && s->v[i].start < r->end ? s->v[i].start : r->end;
    uintptr_t from = a;
    for (uintptr_t p = a; p < b; p += 4096) { /* page by page: own pages */
      uintptr_t page_end = (p | 4095) + 1 < b ? (p | 4095) + 1 : b;
      if (rt_objects_own(p)) {
        scan_words(s, r, from, p, visit, ctx);
        from = page_end;
      }
      p = page_end - 4096; /* p += 4096 lands on page_end */
    }
    scan_words(s, r, from, b, visit, ctx);
    if (i >= s->n || b == r->end)
      break;
    a = (s->v[i].start + s->v[i].size + 7) & ~(uintptr_t)7;
  }
}

void rt_roots_scan(const struct rt_objects *s, rt_visit visit, void *ctx) {
  for (size_t i = 0; i < nroots; i++)
    if (!arena(s, &roots[i]))
      scan_root(s, &roots[i], visit, ctx);
}

void rt_block_scan(const struct rt_objects *s, size_t from, rt_visit visit,
                   void *ctx) {
  const struct rt_object *o = &s->v[from];
  const uintptr_t *w = (const uintptr_t *)o->start;
  for (size_t i = 0; i < o->size / sizeof *w; i++) {
    size_t to = rt_objects_find(s, w[i]);
    if (to != SIZE_MAX)
      visit(ctx, NULL, from, (uintptr_t)&w[i], to);
  }
}
