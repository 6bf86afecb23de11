/* rt_pc_lines.c - per module built with the default or the -memory probes
 * (the others take no samples, or store every line in their frames), the
 * address ranges of its profiled functions' code and the slot of each
 * one's line, read once from the DWARF line table of the object that holds
 * the module (the unit whose main file is the module's source): a range of
 * line L of function f is the slot of f's last line at or before L (the
 * statement that holds it), or the sink slot before f's first statement
 * (its prologue). From the unit's .debug_info too, the calls on profiled
 * lines whose callee was inlined, and where its code is (rt_inline_map.c):
 * the line table gives that code the callee's lines only. The sampler
 * looks the interrupted program counter and the native stack's return
 * addresses up here, lock-free: tables are complete before they are
 * linked, and never freed. */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "rt_base.h"
#include "rt_dwarf_inlines.h"
#include "rt_dwarf_lines.h"
#include "rt_inline_map.h"
#include "rt_pc_lines.h"
#include "rt_registry.h"

struct pc_range {
  uintptr_t lo, hi;
  uint32_t slot;
  uint32_t function; /* its index in the module */
};

struct pc_table {
  struct rt_module *module;
  uintptr_t lo, hi; /* of all its ranges */
  size_t n;
  struct pc_range *ranges; /* by address, not overlapping */
  struct rt_inline_map inlined;
  struct pc_table *next;
};

static _Atomic(struct pc_table *) tables;
static struct rt_module *seen; /* the newest module looked at: modules
                                  are only ever prepended */

/* ---- Building a module's table ---- */

#define MAX_PATHS 256 /* distinct files of a module's functions */

struct build {
  const struct lineprof_module *d;
  uintptr_t bias;
  const char *paths[MAX_PATHS]; /* the functions' files; a tag is 1 + index */
  uint32_t npaths;
  uint32_t *path_of;  /* per function: its tag, 0 if none */
  uint32_t *by_line;  /* function indices by first line */
  struct pc_range *r; /* the ranges found */
  size_t n, cap;
  struct rt_inline_range *calls; /* the inlined calls found */
  size_t ncalls, calls_cap;
};

/* Whether a path of the line table names file: the same, or (relative,
 * the compilation directory unknown) its end. */
static int same_file(const char *table_path, const char *file) {
  if (!strcmp(table_path, file))
    return 1;
  size_t a = strlen(table_path), b = strlen(file);
  return table_path[0] != '/' && a < b && file[b - a - 1] == '/' &&
         !strcmp(file + b - a, table_path);
}

static int want_unit(void *ctx, const char *path) {
  const struct build *b = ctx;
  return b->d->source && b->d->source[0] && same_file(path, b->d->source);
}

static uint32_t file_tag(void *ctx, const char *path) {
  const struct build *b = ctx;
  for (uint32_t i = 0; i < b->npaths; i++)
    if (same_file(path, b->paths[i]))
      return i + 1;
  return 0;
}

/* The number of the n leading entries for which before(ctx, i) holds
 * (it holds for a prefix of them): a binary search. */
static size_t count_before(size_t n, int (*before)(const void *ctx, size_t i),
                           const void *ctx) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (before(ctx, mid))
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* A line and where to look for it. */
struct line_query {
  const struct build *b;
  const struct lineprof_function *f;
  uint32_t line;
};

static int slot_before(const void *ctx, size_t i) {
  const struct line_query *q = ctx;
  return q->b->d->lines[q->f->first_slot + i] <= q->line;
}

/* The slot of line in function f: its last statement at or before line,
 * or the sink before the first. */
static uint32_t slot_of(const struct build *b, const struct lineprof_function *f,
                        uint32_t line) {
  struct line_query q = {b, f, line};
  size_t n = count_before(f->nslots, slot_before, &q);
  return n ? f->first_slot + (uint32_t)n - 1 : b->d->nslots;
}

static int function_before(const void *ctx, size_t i) {
  const struct line_query *q = ctx;
  return q->b->d->functions[q->b->by_line[i]].first_line <= q->line;
}

/* The function of file tag holding line, or NULL: the last to start at
 * or before it among that file's functions, if it ends after it. */
static const struct lineprof_function *function_at(const struct build *b,
                                                   uint32_t tag,
                                                   uint32_t line) {
  struct line_query q = {b, NULL, line};
  size_t n = count_before(b->d->nfunctions, function_before, &q);
  while (n-- > 0) {
    uint32_t i = b->by_line[n];
    if (b->path_of[i] == tag)
      return b->d->functions[i].last_line >= line ? &b->d->functions[i] : NULL;
  }
  return NULL;
}

static void add_range(void *ctx, uint32_t tag, uint32_t line, uint64_t lo,
                      uint64_t hi) {
  struct build *b = ctx;
  const struct lineprof_function *f = function_at(b, tag, line);
  if (!f || !rt_grow(&b->r, b->n, &b->cap, sizeof *b->r))
    return;
  b->r[b->n++] =
      (struct pc_range){(uintptr_t)lo + b->bias, (uintptr_t)hi + b->bias,
                        slot_of(b, f, line), (uint32_t)(f - b->d->functions)};
}

/* An inlined call: kept when its line is a profiled function's. */
static void add_call(void *ctx, uint32_t depth, uint32_t tag, uint32_t line,
                     uint64_t lo, uint64_t hi) {
  struct build *b = ctx;
  const struct lineprof_function *f = tag ? function_at(b, tag, line) : NULL;
  if (!f ||
      !rt_grow(&b->calls, b->ncalls, &b->calls_cap, sizeof *b->calls))
    return;
  b->calls[b->ncalls++] =
      (struct rt_inline_range){(uintptr_t)lo + b->bias, (uintptr_t)hi + b->bias,
                               depth, slot_of(b, f, line)};
}

static const struct lineprof_module *sorting; /* rt_sort has no context */

static int by_first_line(const void *a, const void *b) {
  uint32_t x = sorting->functions[*(const uint32_t *)a].first_line,
           y = sorting->functions[*(const uint32_t *)b].first_line;
  return (x > y) - (x < y);
}

static int by_address(const void *a, const void *b) {
  uintptr_t x = ((const struct pc_range *)a)->lo,
            y = ((const struct pc_range *)b)->lo;
  return (x > y) - (x < y);
}

/* The files and the line order of d's functions; -1 out of memory. */
static int index_functions(struct build *b) {
  const struct lineprof_module *d = b->d;
  b->path_of = rt_alloc(d->nfunctions * sizeof *b->path_of + 1);
  b->by_line = rt_alloc(d->nfunctions * sizeof *b->by_line + 1);
  if (!b->path_of || !b->by_line)
    return -1;
  for (uint32_t i = 0; i < d->nfunctions; i++) {
    const char *p = d->functions[i].path;
    uint32_t tag = 0;
    for (uint32_t k = 0; k < b->npaths && !tag; k++)
      tag = strcmp(b->paths[k], p) ? 0 : k + 1;
    if (!tag && b->npaths < MAX_PATHS)
      b->paths[b->npaths++] = p, tag = b->npaths;
    b->path_of[i] = tag;
    b->by_line[i] = i;
  }
  sorting = d;
  rt_sort(b->by_line, d->nfunctions, sizeof *b->by_line, by_first_line);
  return 0;
}

/* Sorts the ranges and joins neighbours of one slot. */
static void merge_ranges(struct build *b) {
  rt_sort(b->r, b->n, sizeof *b->r, by_address);
  size_t k = 0;
  for (size_t i = 0; i < b->n; i++)
    if (k && b->r[k - 1].slot == b->r[i].slot && b->r[k - 1].hi == b->r[i].lo)
      b->r[k - 1].hi = b->r[i].hi;
    else
      b->r[k++] = b->r[i];
  b->n = k;
}

static void link_table(struct rt_module *m, struct build *b) {
  struct pc_table *t = rt_alloc(sizeof *t);
  if (!t)
    return;
  *t = (struct pc_table){.module = m,
                         .lo = b->r[0].lo,
                         .hi = b->r[b->n - 1].hi,
                         .n = b->n,
                         .ranges = b->r};
  if (!rt_inline_map_build(&t->inlined, b->calls, b->ncalls) && t->inlined.n) {
    t->lo = t->lo < t->inlined.lo ? t->lo : t->inlined.lo;
    t->hi = t->hi > t->inlined.hi ? t->hi : t->inlined.hi;
  }
  t->next = atomic_load(&tables);
  atomic_store_explicit(&tables, t, memory_order_release);
}

static void say_no_table(const struct lineprof_module *d, const char *object) {
  static int said;
  if (!d->source || !d->source[0] || said++)
    return; /* no source: not the plugin's (a test's own tables) */
  fprintf(stderr,
          "lineprof: no DWARF line table for %s in %s (stripped, or its "
          "debug sections compressed?): %s\n",
          d->source, object,
          d->flags & LINEPROF_MODULE_UNWOUND
              ? "its lines get no sampled times (a build with frames, "
                "`lineprof cflags --memory`, gives their calls' lines)"
              : "sampled times of its lines without calls go to the line of "
                "the call before them");
}

/* m's table, when its object's line table has its unit. */
static void build_table(struct rt_module *m) {
  const struct lineprof_module *d = m->desc;
  struct build b = {.d = d};
  struct rt_elf o;
  if (!d->nfunctions || index_functions(&b))
    goto done;
  if (rt_elf_open((uintptr_t)d, &o)) {
    say_no_table(d, "its object");
    goto done;
  }
  b.bias = o.bias;
  struct rt_line_visitor v = {&b, want_unit, file_tag, add_range};
  if (rt_dwarf_lines(&o, &v) || !b.n)
    say_no_table(d, o.path);
  struct rt_inline_visitor iv = {&b, want_unit, file_tag, add_call};
  if (b.n)
    rt_dwarf_inlines(&o, &iv); /* none read: no inlined calls known */
  rt_elf_close(&o);
  if (b.n) {
    merge_ranges(&b);
    link_table(m, &b);
  }
done:
  rt_free(b.calls, b.calls_cap * sizeof *b.calls);
  rt_free(b.path_of, d->nfunctions * sizeof *b.path_of + 1);
  rt_free(b.by_line, d->nfunctions * sizeof *b.by_line + 1);
}

void rt_pc_lines_update(void) {
  pthread_mutex_lock(&rt_lock);
  struct rt_module *head = rt_modules();
  for (struct rt_module *m = head; m && m != seen; m = m->next) /* new ones */
    if (!(m->desc->flags & (LINEPROF_MODULE_HITS | LINEPROF_MODULE_EXACT)))
      build_table(m);
  seen = head;
  pthread_mutex_unlock(&rt_lock);
}

/* ---- The look-up (signal handlers) ---- */

struct pc_query {
  const struct pc_table *t;
  uintptr_t pc;
};

static int range_before(const void *ctx, size_t i) {
  const struct pc_query *q = ctx;
  return q->t->ranges[i].lo <= q->pc;
}

static const struct pc_range *range_of(const struct pc_table *t, uintptr_t pc) {
  struct pc_query q = {t, pc};
  size_t n = count_before(t->n, range_before, &q);
  return n && pc < t->ranges[n - 1].hi ? &t->ranges[n - 1] : NULL;
}

/* The calling thread's cycles array of m, or NULL. */
static uint64_t *thread_cycles(const struct rt_module *m) {
  for (const struct rt_block *b = rt_thread_blocks; b; b = b->next_in_thread)
    if (b->module == m)
      return b->orphaned ? NULL : rt_array(m->desc, b->counters, RT_CYCLES);
  return NULL;
}

/* The first table after t (from the first, t NULL) whose bounds hold pc. */
static const struct pc_table *table_after(const struct pc_table *t,
                                          uintptr_t pc) {
  t = t ? t->next : atomic_load_explicit(&tables, memory_order_acquire);
  while (t && (pc < t->lo || pc >= t->hi))
    t = t->next;
  return t;
}

/* at's module: the calling thread's cycles array and its stride. */
static int module_of(const struct pc_table *t, struct rt_pc_line *at) {
  const struct lineprof_module *d = t->module->desc;
  at->cycles = thread_cycles(t->module);
  at->stride = d->nslots + 1;
  at->unwound = (d->flags & LINEPROF_MODULE_UNWOUND) != 0;
  return at->cycles != NULL;
}

int rt_pc_line(uintptr_t pc, struct rt_pc_line *at) {
  for (const struct pc_table *t = table_after(NULL, pc); t;
       t = table_after(t, pc)) {
    const struct pc_range *r = range_of(t, pc);
    if (!r)
      continue;
    const struct lineprof_function *f =
        &t->module->desc->functions[r->function];
    at->slot = r->slot;
    at->first = f->first_slot;
    at->end = f->first_slot + f->nslots;
    return module_of(t, at);
  }
  return 0;
}

size_t rt_pc_inlined(uintptr_t pc, struct rt_pc_line *at,
                     const uint32_t **slots) {
  for (const struct pc_table *t = table_after(NULL, pc); t;
       t = table_after(t, pc)) {
    size_t n = rt_inline_map_find(&t->inlined, pc, slots);
    if (n)
      return module_of(t, at) ? n : 0;
  }
  return 0;
}

int rt_pc_unwound_lines(uintptr_t pc, int inlined_only, rt_pc_line_fn fn,
                        void *ctx) {
  struct rt_pc_line at;
  const uint32_t *slots;
  int offered = 0;
  if (!inlined_only && rt_pc_line(pc, &at) && at.unwound)
    offered |= fn(ctx, at.cycles, at.stride, at.slot);
  size_t n = rt_pc_inlined(pc, &at, &slots);
  for (size_t i = 0; n && at.unwound && i < n; i++)
    offered |= fn(ctx, at.cycles, at.stride, slots[i]);
  return offered;
}
