/* rt_mem_lines.c - what a timed call does for memory: at each line
 * event, charge the line that ends with the bytes allocated and freed since
 * the call's previous event (callees included), the memory in use after it
 * and the peak reached while on it; and, under `lineprof mprof run`, append
 * one FUNC record per profiled call to the side file (docs/mprof.md).
 *
 * A call's state lives in the probes' frame (RT_MEM_CALL_WORDS u64, part
 * of the timed call's state, rt_timed.c).
 * Peaks reached inside callees reach the caller's line through a small
 * per-thread array indexed by call depth, never through pointers into other
 * frames, so a longjmp past profiled frames leaves nothing dangling. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lprof_format.h"
#include "rt_base.h"
#include "rt_clock.h"
#include "rt_heap.h"
#include "rt_registry.h"
#include "rt_settings.h"

struct mem_call {
  uint64_t alloc, freed; /* thread's figures (heap) or RSS at the last event */
  uint64_t t0_ns, m0;    /* for the FUNC record: entry time and RSS */
  uint32_t depth, function;
  const struct lineprof_module *module;
};
_Static_assert(sizeof(struct mem_call) <= 8 * RT_MEM_CALL_WORDS,
               "a timed call holds RT_MEM_CALL_WORDS words for memory");

#define MAX_DEPTH 256
static RT_TLS uint64_t pending_peak[MAX_DEPTH]; /* from callees, per depth */
static RT_TLS uint32_t depth;                   /* profiled calls active */
static int func_fd = -1;                        /* mprof's side file */

void rt_mem_lines_init(void) {
  rt_heap_counting = rt_settings.memory == LPROF_MEMORY_HEAP ||
                     rt_settings.memory == LPROF_MEMORY_SAMPLED;
  if (rt_settings.memory != LPROF_MEMORY_OFF || rt_settings.mprof_func_file)
    rt_rss_open();
  if (rt_settings.mprof_func_file)
    func_fd = open(rt_settings.mprof_func_file,
                   O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW);
}

static uint64_t in_use(void) {
  int64_t n = atomic_load_explicit(&rt_heap_in_use, memory_order_relaxed);
  return n > 0 ? (uint64_t)n : 0;
}

static uint64_t max_u64(uint64_t a, uint64_t b) { return a > b ? a : b; }

static void take_figures(struct mem_call *c) {
  if (rt_settings.memory == LPROF_MEMORY_RSS) {
    c->alloc = rt_rss_bytes();
    c->freed = 0;
  } else {
    c->alloc = rt_heap_thread.alloc;
    c->freed = rt_heap_thread.freed;
  }
}

void rt_mem_enter(const struct lineprof_module *m, uint32_t function,
                  uint64_t *call) {
  struct mem_call *c = (struct mem_call *)call;
  c->depth = depth < MAX_DEPTH ? depth : MAX_DEPTH - 1;
  depth = c->depth + 1;
  pending_peak[c->depth] = 0;
  c->function = function;
  c->module = m;
  take_figures(c);
  if (func_fd >= 0) {
    c->t0_ns = rt_realtime_ns();
    c->m0 = rt_rss_bytes();
  }
}

/* The heap's peak since the call's last event: the thread's own figure
 * and what callees passed up; the caller's line gets it too. */
static uint64_t heap_peak(const struct mem_call *c, uint64_t now) {
  uint64_t peak = max_u64(max_u64(rt_heap_thread.peak, now),
                          pending_peak[c->depth]);
  pending_peak[c->depth] = 0;
  if (c->depth)
    pending_peak[c->depth - 1] = max_u64(pending_peak[c->depth - 1], peak);
  rt_heap_thread.peak = now;
  return peak;
}

static void charge(uint64_t *block, uint32_t slot, struct mem_call *c) {
  const struct lineprof_module *m = c->module;
  depth = c->depth + 1; /* right again after a longjmp skipped leaves */
  uint64_t alloc, freed, now, peak;
  if (rt_settings.memory == LPROF_MEMORY_RSS) {
    now = peak = rt_rss_bytes();
    alloc = now > c->alloc ? now - c->alloc : 0;
    freed = now < c->alloc ? c->alloc - now : 0;
  } else {
    now = in_use();
    peak = heap_peak(c, now);
    alloc = rt_heap_thread.alloc - c->alloc;
    freed = rt_heap_thread.freed - c->freed;
  }
  rt_array(m, block, RT_ALLOC)[slot] += alloc;
  rt_array(m, block, RT_FREED)[slot] += freed;
  uint64_t *usage = &rt_array(m, block, RT_USAGE)[slot];
  uint64_t *high = &rt_array(m, block, RT_PEAK)[slot];
  *usage = max_u64(*usage, now);
  *high = max_u64(*high, peak);
  take_figures(c);
}

void rt_mem_line(uint64_t *block, uint32_t slot, uint64_t *call) {
  if (rt_settings.memory != LPROF_MEMORY_OFF)
    charge(block, slot, (struct mem_call *)call);
}

#define CHARGES_PER_BATCH 256
#define BATCHES 9

uint64_t rt_mem_line_cycles(void) {
  if (!rt_heap_counting)
    return 0;
  static const struct lineprof_module scratch = {
      .abi_version = LINEPROF_ABI_VERSION}; /* no lines: slot 0, the sink */
  static void (*volatile line)(uint64_t *, uint32_t, uint64_t *) = rt_mem_line;
  uint64_t block[LINEPROF_BLOCK_ARRAYS] = {0}, least = UINT64_MAX;
  struct mem_call c = {.depth = depth, .module = &scratch};
  uint32_t was_depth = depth; /* < MAX_DEPTH: no timed call runs yet */
  uint64_t was_peak = rt_heap_thread.peak, was_pending = pending_peak[depth];
  take_figures(&c);
  for (int b = 0; b < BATCHES; b++) {
    uint64_t first = rt_cycles_in_order();
    for (int i = 0; i < CHARGES_PER_BATCH; i++)
      line(block, 0, (uint64_t *)&c);
    uint64_t cost = (rt_cycles_in_order() - first) / CHARGES_PER_BATCH;
    least = cost < least ? cost : least;
  }
  depth = was_depth;
  rt_heap_thread.peak = was_peak;
  pending_peak[was_depth] = was_pending;
  return least;
}

/* mprof's name for a function: "<source file stem>.<name>", no blanks. */
static void func_name(const struct lineprof_function *f, char *out,
                      size_t size) {
  const char *base = strrchr(f->file, '/');
  base = base ? base + 1 : f->file;
  size_t stem = strcspn(base, ".");
  snprintf(out, size, "%.*s.%s", (int)stem, base, f->name);
  for (char *p = out; *p; p++)
    if ((unsigned char)*p <= ' ' || *p == 0x7f)
      *p = '_';
}

static void write_func_record(const struct mem_call *c) {
  char name[512], line[700];
  func_name(&c->module->functions[c->function], name, sizeof name);
  uint64_t t1 = rt_realtime_ns(), m1 = rt_rss_bytes();
  int n = snprintf(line, sizeof line, "FUNC %s %.4f %.4f %.4f %.4f %u\n",
                   name, (double)c->m0 / 1048576.0, (double)c->t0_ns / 1e9,
                   (double)m1 / 1048576.0, (double)t1 / 1e9, c->depth);
  if (n > 0 && (size_t)n < sizeof line)
    (void)!write(func_fd, line, (size_t)n); /* best effort: mprof's extra */
}

void rt_mem_leave(uint64_t *block, uint32_t slot, uint64_t *call) {
  struct mem_call *c = (struct mem_call *)call;
  rt_mem_line(block, slot, call);
  depth = c->depth;
  if (func_fd >= 0) {
    rt_heap_thread.busy++;
    write_func_record(c);
    rt_heap_thread.busy--;
  }
}
