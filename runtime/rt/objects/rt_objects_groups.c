/* rt_objects_groups.c - live or leaked blocks grouped for the reports: by
 * type (untyped blocks by allocating site: `file:line`, else the caller of
 * malloc as `function+0xoff` or `binary+0xoff`), counted and summed. Keys
 * are gathered with the table locked; names (rt_symbol_name, which asks the
 * dynamic loader) come after, since the loader's lock may be held by a
 * thread waiting for the table. */
#include <stdio.h>
#include <string.h>

#include "rt_base.h"
#include "rt_objects.h"
#include "rt_objects_table.h"

static int key_cmp(const void *a, const void *b) {
  const struct rt_group *x = a, *y = b;
  if (x->type != y->type)
    return x->type < y->type ? -1 : 1;
  if (x->file != y->file)
    return x->file < y->file ? -1 : 1;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->caller < y->caller ? -1 : x->caller > y->caller;
}

static int name_cmp(const void *a, const void *b) {
  const struct rt_group *x = a, *y = b;
  int c = strcmp(x->name, y->name);
  return c ? c : strcmp(x->where, y->where);
}

/* Sorted groups[0..n) with equal keys (cmp) summed; returns the count. */
static size_t collapse(struct rt_group *g, size_t n,
                       int (*cmp)(const void *, const void *)) {
  rt_sort(g, n, sizeof *g, cmp);
  size_t out = 0;
  for (size_t i = 0; i < n; i++) {
    if (out && !cmp(&g[out - 1], &g[i])) {
      g[out - 1].count += g[i].count;
      g[out - 1].bytes += g[i].bytes;
    } else {
      g[out++] = g[i];
    }
  }
  return out;
}

static void name_caller(void *caller, char *out, size_t size) {
  char name[200];
  uintptr_t offset;
  if (caller && !rt_symbol_name((uintptr_t)caller, name, sizeof name, &offset))
    snprintf(out, size, "%s+0x%lx", name, (unsigned long)offset);
  else
    snprintf(out, size, "%p", caller);
}

static void where(const char *file, uint32_t line, void *caller, char *out,
                  size_t size) {
  if (file)
    snprintf(out, size, "%s:%u", file, line);
  else
    name_caller(caller, out, size);
}

void rt_objects_where(const struct rt_object *o, char *out, size_t size) {
  int site = o->site && o->site->file;
  where(site ? o->site->file : NULL, site ? o->site->line : 0, o->caller, out,
        size);
}

static void name(struct rt_group *g) {
  where(g->file, g->line, g->caller, g->where, sizeof g->where);
  snprintf(g->name, sizeof g->name, "%s", g->type ? g->type : g->where);
}

struct rt_groups rt_groups_of(const struct rt_objects *s, const uint8_t *only,
                              int by_type) {
  struct rt_groups r = {0};
  struct rt_group *keys = rt_objects_scratch((s->n + 1) * sizeof *keys);
  if (!keys)
    return r;
  size_t n = 0;
  for (size_t i = 0; i < s->n; i++) {
    const struct rt_object *o = &s->v[i];
    if (only && !only[i])
      continue;
    struct rt_group *g = &keys[n++];
    g->type = o->type;
    g->file = o->site && o->site->file ? o->site->file : NULL;
    g->line = g->file ? o->site->line : 0;
    g->caller = g->file ? NULL : o->caller;
    if (by_type && g->type)
      g->file = NULL, g->line = 0, g->caller = NULL;
    g->count = 1;
    g->bytes = o->size;
  }
  n = collapse(keys, n, key_cmp);
  r.bytes = (n + 1) * sizeof *r.v;
  r.v = rt_alloc(r.bytes); /* outlives the scratch pages */
  if (r.v)
    memcpy(r.v, keys, n * sizeof *keys), r.n = n;
  return r;
}

static int by_bytes(const void *a, const void *b) {
  const struct rt_group *x = a, *y = b;
  if (x->bytes != y->bytes)
    return x->bytes > y->bytes ? -1 : 1;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return name_cmp(a, b);
}

static int by_count(const void *a, const void *b) {
  const struct rt_group *x = a, *y = b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return name_cmp(a, b);
}

void rt_groups_name(struct rt_groups *r, int by_bytes_first) {
  for (size_t i = 0; i < r->n; i++)
    name(&r->v[i]);
  r->n = collapse(r->v, r->n, name_cmp);
  rt_sort(r->v, r->n, sizeof *r->v, by_bytes_first ? by_bytes : by_count);
}

void rt_groups_free(struct rt_groups *r) {
  rt_free(r->v, r->bytes);
  memset(r, 0, sizeof *r);
}
