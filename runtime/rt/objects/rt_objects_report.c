/* rt_objects_report.c - objgraph's counting functions for C, exported by
 * the runtime (include/lineprof.h, docs/objects.md): the most common
 * types, their growth between calls, and the leak report (blocks that no
 * root reaches, by a conservative mark). Each entry point spills the
 * caller's registers onto the stack (__builtin_unwind_init) and scans the
 * calling thread's stack from its own frame up; the runtime's own work is
 * marked busy so that nothing it allocates is tracked or counted. */
#include <inttypes.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "lprof_format.h"
#include "lprof_writer.h"
#include "rt_abi.h"
#include "rt_base.h"
#include "rt_heap.h"
#include "rt_objects.h"
#include "rt_objects_table.h"

/* Live blocks by type. */
static int live_groups(struct rt_groups *g, uintptr_t floor,
                       struct lprof_buf *out) {
  struct rt_objects s;
  if (rt_objects_acquire(&s, floor, out))
    return -1;
  *g = rt_groups_of(&s, NULL, 1);
  rt_objects_release(&s);
  rt_groups_name(g, 0);
  return 0;
}

static size_t shown(const struct rt_groups *g, int limit) {
  return limit > 0 && (size_t)limit < g->n ? (size_t)limit : g->n;
}

static int digits(uint64_t v) {
  int n = 1;
  while (v >= 10)
    v /= 10, n++;
  return n;
}

static void most_common_types(int limit, uintptr_t floor) {
  struct lprof_buf out = {0};
  struct rt_groups g;
  if (!live_groups(&g, floor, &out)) {
    size_t n = shown(&g, limit);
    int width = 0, cw = 0, bw = 0;
    for (size_t i = 0; i < n; i++) {
      int w = (int)strlen(g.v[i].name);
      width = w > width ? w : width;
      cw = digits(g.v[i].count) > cw ? digits(g.v[i].count) : cw;
      bw = digits(g.v[i].bytes) > bw ? digits(g.v[i].bytes) : bw;
    }
    for (size_t i = 0; i < n; i++)
      rt_printf(&out, "%-*s %-*" PRIu64 " %*" PRIu64 " bytes\n", width,
                g.v[i].name, cw, g.v[i].count, bw, g.v[i].bytes);
    rt_groups_free(&g);
  }
  rt_text_write(&out, STDOUT_FILENO);
}

RT_EXPORT __attribute__((noinline)) void
lineprof_show_most_common_types(int limit) {
  __builtin_unwind_init();
  rt_heap_thread.busy++;
  most_common_types(limit, RT_STACK_FLOOR());
  rt_heap_thread.busy--;
}

/* ---- Growth: objgraph compares with the largest count seen so far ---- */

struct peak {
  char name[256];
  uint64_t count;
};
static struct peak *peaks;
static size_t npeaks, peaks_capacity;

static struct peak *peak_of(const char *name) {
  for (size_t i = 0; i < npeaks; i++)
    if (!strcmp(peaks[i].name, name))
      return &peaks[i];
  if (!rt_grow(&peaks, npeaks, &peaks_capacity, sizeof *peaks))
    return NULL;
  struct peak *p = &peaks[npeaks++];
  memcpy(p->name, name, sizeof p->name);
  return p;
}

static int by_delta(const void *a, const void *b) {
  const struct rt_group *x = a, *y = b; /* delta kept in bytes' place */
  if (x->bytes != y->bytes)
    return x->bytes > y->bytes ? -1 : 1;
  return strcmp(x->name, y->name);
}

static void growth(int limit, uintptr_t floor) {
  static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
  struct lprof_buf out = {0};
  struct rt_groups g;
  if (pthread_mutex_trylock(&lock)) {
    rt_printf(&out, "lineprof: the object table is busy (another "
                    "lineprof_show_growth is running); try again\n");
  } else {
    if (!live_groups(&g, floor, &out)) {
      size_t grew = 0; /* the groups that grew, first, delta in bytes */
      for (size_t i = 0; i < g.n; i++) {
        struct peak *p = peak_of(g.v[i].name);
        if (p && g.v[i].count > p->count) {
          g.v[i].bytes = g.v[i].count - p->count;
          p->count = g.v[i].count;
          g.v[grew++] = g.v[i];
        }
      }
      rt_sort(g.v, grew, sizeof *g.v, by_delta);
      g.n = grew;
      size_t n = shown(&g, limit);
      int width = 0;
      for (size_t i = 0; i < n; i++)
        width = (int)strlen(g.v[i].name) > width ? (int)strlen(g.v[i].name)
                                                 : width;
      for (size_t i = 0; i < n; i++)
        rt_printf(&out, "%-*s%9" PRIu64 " %+9" PRId64 "\n", width,
                  g.v[i].name, g.v[i].count, (int64_t)g.v[i].bytes);
      rt_groups_free(&g);
    }
    pthread_mutex_unlock(&lock);
  }
  rt_text_write(&out, STDOUT_FILENO);
}

RT_EXPORT __attribute__((noinline)) void lineprof_show_growth(int limit) {
  __builtin_unwind_init();
  rt_heap_thread.busy++;
  growth(limit, RT_STACK_FLOOR());
  rt_heap_thread.busy--;
}

/* ---- Leaks ---- */

struct marker {
  uint8_t *marked;
  size_t *stack, top;
};

static void mark(void *ctx, const struct rt_root *root, size_t from,
                 uintptr_t where, size_t to) {
  (void)root, (void)from, (void)where;
  struct marker *m = ctx;
  if (!m->marked[to]) {
    m->marked[to] = 1;
    m->stack[m->top++] = to;
  }
}

int rt_leaks_find(struct rt_groups *leaks, uintptr_t floor,
                  struct lprof_buf *out) {
  struct rt_objects s;
  memset(leaks, 0, sizeof *leaks);
  if (rt_objects_acquire(&s, floor, out))
    return -1;
  struct marker m = {rt_objects_scratch(s.n + 1),
                     rt_objects_scratch((s.n + 1) * sizeof(size_t)), 0};
  if (m.marked && m.stack) {
    rt_roots_scan(&s, mark, &m);
    while (m.top)
      rt_block_scan(&s, m.stack[--m.top], mark, &m);
    for (size_t i = 0; i < s.n; i++)
      m.marked[i] = !m.marked[i]; /* now: leaked */
    *leaks = rt_groups_of(&s, m.marked, 0);
  }
  rt_objects_release(&s);
  rt_groups_name(leaks, 1);
  return 0;
}

void rt_leaks_print(const struct rt_groups *leaks, struct lprof_buf *out) {
  uint64_t count = 0, bytes = 0;
  int width = 4;
  for (size_t i = 0; i < leaks->n; i++) {
    count += leaks->v[i].count, bytes += leaks->v[i].bytes;
    const char *type = leaks->v[i].type ? leaks->v[i].name : "-";
    width = (int)strlen(type) > width ? (int)strlen(type) : width;
  }
  rt_printf(out, LPROF_LEAK_TITLE, count, bytes);
  if (!leaks->n)
    return;
  rt_printf(out, LPROF_LEAK_HEAD, width, "Type");
  for (size_t i = 0; i < leaks->n; i++)
    rt_printf(out, LPROF_LEAK_ROW "\n", leaks->v[i].count, leaks->v[i].bytes,
              width, leaks->v[i].type ? leaks->v[i].name : "-",
              leaks->v[i].where);
}

static void leaking_objects(uintptr_t floor) {
  struct lprof_buf out = {0};
  struct rt_groups leaks;
  if (!rt_leaks_find(&leaks, floor, &out)) {
    rt_leaks_print(&leaks, &out);
    rt_groups_free(&leaks);
  }
  rt_text_write(&out, STDOUT_FILENO);
}

RT_EXPORT __attribute__((noinline)) void lineprof_get_leaking_objects(void) {
  __builtin_unwind_init();
  rt_heap_thread.busy++;
  leaking_objects(RT_STACK_FLOOR());
  rt_heap_thread.busy--;
}
