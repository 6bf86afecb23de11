/* export_common.c - the helpers the export writers share (export.h):
 * numbers as text, a function's source path and the runs of functions
 * that share it, a function's and a profile's totals, and the timer and
 * memory modes as words. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "export.h"
#include "lprof_format.h"

struct export_num export_u64(uint64_t v) {
  struct export_num n;
  snprintf(n.s, sizeof n.s, "%llu", (unsigned long long)v);
  return n;
}

struct export_num export_fixed(double v, int decimals) {
  struct export_num n;
  snprintf(n.s, sizeof n.s, "%.*f", decimals, v);
  return n;
}

const char *export_source_path(const struct lprof_function *f) {
  return *f->path ? f->path : f->file;
}

size_t export_source_end(const struct lprof_profile *p, size_t i) {
  const char *path = export_source_path(&p->functions[i]);
  size_t j = i + 1;
  while (j < p->nfunctions &&
         !strcmp(export_source_path(&p->functions[j]), path))
    j++;
  return j;
}

static uint64_t add_saturating(uint64_t a, uint64_t b) {
  return a + b < a ? UINT64_MAX : a + b;
}

void export_add_totals(struct export_totals *a, const struct export_totals *b) {
  a->hits = add_saturating(a->hits, b->hits);
  a->time_ns = add_saturating(a->time_ns, b->time_ns);
  a->self_ns = add_saturating(a->self_ns, b->self_ns);
  a->alloc = add_saturating(a->alloc, b->alloc);
  a->freed = add_saturating(a->freed, b->freed);
  a->lines += b->lines;
  a->covered += b->covered;
}

struct export_totals export_function_totals(const struct lprof_function *f) {
  struct export_totals t = {0};
  for (size_t i = 0; i < f->nlines; i++) {
    const struct lprof_line *l = &f->lines[i];
    struct export_totals line = {l->hits,  l->time_ns, l->self_ns, l->alloc,
                                 l->freed, 1,          l->hits != 0};
    export_add_totals(&t, &line);
  }
  return t;
}

struct export_totals export_profile_totals(const struct lprof_profile *p) {
  struct export_totals t = {0};
  for (size_t i = 0; i < p->nfunctions; i++) {
    struct export_totals f = export_function_totals(&p->functions[i]);
    export_add_totals(&t, &f);
  }
  return t;
}

const char *export_timer_name(const struct lprof_profile *p) {
  static const char *const timings[] = {"exact", "sample", "auto"};
  unsigned timing = lprof_timing(p);
  if (p->timer_mode != LPROF_TIMER_EXACT)
    return "off";
  return timing < sizeof timings / sizeof *timings ? timings[timing] : "exact";
}

const char *export_sample_source_name(const struct lprof_profile *p) {
  static const char *const names[] = {"none", "perf", "perf-user", "timer"};
  uint32_t source = p->sample_source;
  return source < sizeof names / sizeof *names ? names[source] : "none";
}

const char *export_memory_name(const struct lprof_profile *p) {
  static const char *const names[] = {"off", "heap", "rss", "sampled"};
  unsigned mode = lprof_memory_mode(p);
  return mode < sizeof names / sizeof *names ? names[mode] : "off";
}
