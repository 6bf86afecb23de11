/* rt_inline_map.c - the nested ranges of inlined calls, flattened into
 * disjoint segments: a sweep over the ranges' ends in address order keeps
 * the ranges open at each point (outermost first) and starts a segment
 * wherever that set changes; each segment keeps its open ranges' slots,
 * innermost first, in one shared array. A look-up is a binary search. */
#include <string.h>

#include "rt_base.h"
#include "rt_inline_map.h"

#define MAX_OPEN 32 /* deeper inlining keeps its outermost calls */

struct rt_inline_segment {
  uintptr_t lo, hi;
  uint32_t first, n; /* its slots: slots[first .. first + n) */
};

static int by_start(const void *a, const void *b) {
  const struct rt_inline_range *x = a, *y = b;
  if (x->lo != y->lo)
    return (x->lo > y->lo) - (x->lo < y->lo);
  return (x->depth > y->depth) - (x->depth < y->depth);
}

/* The ranges open at an address, by depth. */
struct sweep {
  const struct rt_inline_range *open[MAX_OPEN];
  uint32_t n;
};

/* Closes the open ranges that end at or before at. */
static void close_before(struct sweep *s, uintptr_t at) {
  uint32_t k = 0;
  for (uint32_t i = 0; i < s->n; i++)
    if (s->open[i]->hi > at)
      s->open[k++] = s->open[i];
  s->n = k;
}

static void open_range(struct sweep *s, const struct rt_inline_range *r) {
  if (s->n == MAX_OPEN)
    return;
  uint32_t i = s->n++;
  for (; i > 0 && s->open[i - 1]->depth > r->depth; i--)
    s->open[i] = s->open[i - 1];
  s->open[i] = r;
}

/* The first end of an open range after at, or hi. */
static uintptr_t next_end(const struct sweep *s, uintptr_t hi) {
  for (uint32_t i = 0; i < s->n; i++)
    if (s->open[i]->hi < hi)
      hi = s->open[i]->hi;
  return hi;
}

/* Appends the segment [lo, hi) of the open ranges, when there are some;
 * only counts it while m has no arrays yet. */
static void emit(struct rt_inline_map *m, const struct sweep *s, uintptr_t lo,
                 uintptr_t hi) {
  if (!s->n || lo >= hi)
    return;
  if (m->segments) {
    m->segments[m->n] =
        (struct rt_inline_segment){lo, hi, (uint32_t)m->nslots, s->n};
    for (uint32_t i = s->n; i-- > 0;)
      m->slots[m->nslots + (s->n - 1 - i)] = s->open[i]->slot;
  }
  m->n++;
  m->nslots += s->n;
}

/* The sweep: between two consecutive range starts, a segment per stretch
 * in which no open range ends. */
static void sweep(struct rt_inline_map *m, const struct rt_inline_range *r,
                  size_t n) {
  struct sweep s = {.n = 0};
  uintptr_t at = 0;
  for (size_t i = 0; i <= n; i++) {
    uintptr_t stop = i < n ? r[i].lo : UINTPTR_MAX;
    while (s.n && at < stop) {
      uintptr_t end = next_end(&s, stop);
      emit(m, &s, at, end);
      at = end;
      close_before(&s, at);
    }
    if (i < n && r[i].lo < r[i].hi) {
      at = r[i].lo;
      open_range(&s, &r[i]);
    }
  }
}

int rt_inline_map_build(struct rt_inline_map *m, struct rt_inline_range *r,
                        size_t n) {
  memset(m, 0, sizeof *m);
  rt_sort(r, n, sizeof *r, by_start);
  sweep(m, r, n); /* counts */
  size_t segments = m->n, slots = m->nslots;
  if (!segments)
    return 0;
  m->segments = rt_alloc(segments * sizeof *m->segments);
  m->slots = rt_alloc(slots * sizeof *m->slots);
  m->n = m->nslots = 0;
  if (!m->segments || !m->slots) {
    rt_free(m->segments, segments * sizeof *m->segments);
    rt_free(m->slots, slots * sizeof *m->slots);
    memset(m, 0, sizeof *m);
    return -1;
  }
  sweep(m, r, n);
  m->lo = m->segments[0].lo, m->hi = m->segments[m->n - 1].hi;
  return 0;
}

static int segment_before(const struct rt_inline_map *m, size_t i,
                          uintptr_t pc) {
  return m->segments[i].lo <= pc;
}

size_t rt_inline_map_find(const struct rt_inline_map *m, uintptr_t pc,
                          const uint32_t **slots) {
  if (pc < m->lo || pc >= m->hi)
    return 0;
  size_t lo = 0, hi = m->n; /* the segments starting at or before pc */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (segment_before(m, mid, pc))
      lo = mid + 1;
    else
      hi = mid;
  }
  if (!lo || pc >= m->segments[lo - 1].hi)
    return 0;
  *slots = &m->slots[m->segments[lo - 1].first];
  return m->segments[lo - 1].n;
}
