/* rt_continuous.c - continuous mode (LINEPROF_FILE with %c, like LLVM's
 * profile runtime): the counters live in a file mapped MAP_SHARED, so the
 * kernel keeps every count even if the process is killed with SIGKILL. The
 * file is the "raw" form of a profile (docs/lprof-format.md, lprof_raw.h):
 * a header, a PROG chunk, then one MODL chunk per module (its tables) and
 * one BLCK chunk per thread and module (its counters, which the probes
 * update in place). Every chunk starts on a page boundary. A normal exit
 * replaces the raw file by the ordinary .lprof. */
#define _GNU_SOURCE /* mremap */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lprof_format.h"
#include "lprof_raw.h"
#include "lprof_writer.h"
#include "rt_base.h"
#include "rt_clock.h"
#include "rt_output.h"
#include "rt_registry.h"
#include "rt_settings.h"

static int raw_fd = -1;
static struct stat raw_file; /* what raw_fd was opened on */
static uint64_t raw_end; /* file size: where the next chunk goes */
static uint32_t nmodules;
static size_t page;

/* Whether raw_fd is still the file: a program that closed it may have
 * opened one of its own under that number. If not, continuous mode ends
 * (new counters stay in memory) and the fd is left alone. */
static int raw_fd_ours(void) {
  if (raw_fd >= 0 && rt_fd_is(raw_fd, &raw_file))
    return 1;
  raw_fd = -1;
  rt_registry_hook(NULL);
  return 0;
}

/* Appends a chunk holding b's bytes (a chunk header is prepended); returns
 * its offset or -1. Called with rt_lock held (or before threads exist). */
static int64_t append_chunk(uint32_t tag, const void *data, size_t len,
                            size_t room) {
  size_t size = LPROF_RAW_CHUNK_HEAD + (len > room ? len : room);
  size = (size + page - 1) / page * page;
  struct lprof_raw_chunk head = {tag, 0, size};
  uint64_t at = raw_end;
  if (!raw_fd_ours() || ftruncate(raw_fd, (off_t)(at + size)) ||
      pwrite(raw_fd, &head, sizeof head, (off_t)at) != (ssize_t)sizeof head ||
      (len && pwrite(raw_fd, data, len, (off_t)(at + sizeof head)) !=
                  (ssize_t)len))
    return -1;
  raw_end = at + size;
  return (int64_t)at;
}

/* The PROG chunk: the PROG record's fields, the clock calibrated now. */
static int write_prog(void) {
  uint64_t calib_ns = 0;
  uint64_t hz = rt_timer_on() ? rt_cycles_per_second(&calib_ns) : 0;
  struct lprof_buf b;
  lprof_buf_init(&b);
  rt_put_program(&b, hz, calib_ns, 0); /* the run's length is not known */
  int rc = -1;
  size_t head = LPROF_HEADER_LEN + LPROF_RECORD_HEAD_LEN; /* payload only */
  if (!b.failed &&
      append_chunk(LPROF_RAW_PROG, b.data + head, b.len - head, 0) >= 0)
    rc = 0;
  lprof_buf_free(&b);
  return rc;
}

static void module_chunk(struct rt_module *m);

int rt_continuous_open(const char *path) {
  page = (size_t)sysconf(_SC_PAGESIZE);
  raw_fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
                0644);
  struct lprof_raw_header h = {LPROF_RAW_MAGIC, LPROF_RAW_VERSION,
                               (uint32_t)page};
  if (raw_fd < 0 || fstat(raw_fd, &raw_file) ||
      ftruncate(raw_fd, (off_t)page) ||
      pwrite(raw_fd, &h, sizeof h, 0) != (ssize_t)sizeof h) {
    int err = errno;
    rt_continuous_close();
    return err;
  }
  raw_end = page;
  if (write_prog()) {
    rt_continuous_close();
    return EIO;
  }
  rt_registry_hook(module_chunk);
  return 0;
}

int rt_continuous_active(void) { return raw_fd >= 0; }

/* The MODL chunk of a module being registered (the registry's hook): its
 * derived slots and its tables, as the FUNC records without counts, each
 * with its call sites (lprof_raw.h); sets m->raw_index. */
static void module_chunk(struct rt_module *m) {
  const struct lineprof_module *d = m->desc;
  struct lprof_buf b;
  lprof_buf_init(&b);
  lprof_put_u32(&b, nmodules);
  lprof_put_u32(&b, d->nslots);
  lprof_put_u32(&b, d->nfunctions);
  lprof_put_u32(&b, d->nderived);
  for (uint32_t i = 0; i < d->nderived; i++) {
    lprof_put_u32(&b, d->derived[i].slot);
    lprof_put_u32(&b, d->derived[i].first);
    lprof_put_u32(&b, d->derived[i].second);
  }
  uint32_t site = 0; /* the call sites of the functions so far */
  for (uint32_t i = 0; i < d->nfunctions; i++) {
    const struct lineprof_function *f = &d->functions[i];
    size_t mark = lprof_begin_function(&b, f->name, f->file, f->path,
                                       f->first_line, f->last_line, f->nslots);
    lprof_put_u32(&b, f->first_slot);
    for (uint32_t s = f->first_slot; s < f->first_slot + f->nslots; s++)
      lprof_put_u32(&b, d->lines[s]);
    uint32_t first = site;
    site = rt_call_sites_end(d, i, first);
    lprof_put_u32(&b, site - first);
    for (; first < site; first++) {
      lprof_put_u32(&b, d->call_sites[first].slot);
      lprof_put_u32(&b, d->call_sites[first].line);
      lprof_put_str(&b, d->call_sites[first].callee);
    }
    lprof_end_record(&b, mark);
  }
  if (!b.failed && append_chunk(LPROF_RAW_MODL, b.data + LPROF_HEADER_LEN,
                                b.len - LPROF_HEADER_LEN, 0) >= 0)
    m->raw_index = nmodules++;
  else
    m->raw_index = UINT32_MAX; /* its blocks stay in memory */
  lprof_buf_free(&b);
}

/* Counters for a new thread block of m, mapped from a new BLCK chunk, or
 * NULL (the caller then keeps them in memory). Called with rt_lock held. */
uint64_t *rt_continuous_block(const struct rt_module *m, size_t n) {
  if (raw_fd < 0 || m->raw_index == UINT32_MAX)
    return NULL;
  struct {
    uint32_t module, count;
  } id = {m->raw_index, (uint32_t)n};
  size_t bytes = n * sizeof(uint64_t);
  int64_t at = append_chunk(LPROF_RAW_BLCK, &id, sizeof id, sizeof id + bytes);
  if (at < 0)
    return NULL;
  size_t size = LPROF_RAW_CHUNK_HEAD + sizeof id + bytes;
  char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, raw_fd, at);
  return p == MAP_FAILED ? NULL
                         : (uint64_t *)(p + LPROF_RAW_CHUNK_HEAD + sizeof id);
}

/* A forked child keeps its blocks private (copy on write of what the file
 * holds now) and writes an ordinary .lprof at exit. */
void rt_continuous_detach(struct rt_block *blocks_of_module) {
  for (struct rt_block *b = blocks_of_module; b; b = b->next_in_module) {
    if (!b->mapped)
      continue;
    char *start = (char *)((uintptr_t)b->counters & ~(uintptr_t)(page - 1));
    size_t len = (size_t)((char *)(b->counters + rt_counter_count(
                                                     b->module->desc)) -
                          start);
    void *copy = rt_alloc(len);
    if (copy) {
      memcpy(copy, start, len);
      mremap(copy, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, start);
    }
    b->mapped = 0;
  }
}

void rt_continuous_close(void) {
  if (raw_fd_ours())
    close(raw_fd);
  rt_registry_hook(NULL);
  raw_fd = -1;
}
