/* export_callgrind.c - `lineprof export --format=callgrind`: the profile in
 * Callgrind's format (docs/export-formats.md), which KCachegrind and
 * callgrind_annotate read. Events: Time_ns first (so that
 * callgrind_annotate sorts by it), then Hits, plus Alloc_bytes and
 * Freed_bytes when the profile has memory. Each executed source line costs
 * its own time (the profile's Self time: callgrind's costs are exclusive,
 * so the file's total is the run's profiled time), and each call arc
 * between profiled functions (the CALL records) is written with cfi=,
 * cfn= and calls=, with the inclusive time of those calls: the calling
 * line's time less its self time, shared among the functions it called in
 * proportion to calls x the callee's average time per call. A function's
 * calls of itself carry no time (it is in the arc that entered it). The
 * time the arcs into a function carry beyond its lines and its own arcs
 * (its calls' time before their first line) is its first line's. */
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "lprof_format.h"

/* What the arcs need of the whole profile. */
struct callgraph {
  const struct lprof_profile *p;
  size_t *by_name;  /* function indices sorted by name */
  double *per_call; /* each function's time per counted call into it */
  /* Per function: the time of the arcs into it (its calls of itself
   * aside) and out of it, and the time of its calls that none of its lines
   * has (before the first line event), written on its first line. */
  uint64_t *arcs_in, *arcs_out, *entry_ns;
  uint64_t entry_total;
};

/* The header: what ran, the events, and their totals (the lines' self
 * times and the functions' entry times). */
static void put_header(FILE *out, const struct lprof_profile *p,
                       uint64_t entry_ns, int memory) {
  struct export_totals t = export_profile_totals(p);
  fprintf(out,
          "# callgrind format\n"
          "version: 1\n"
          "creator: lineprof\n"
          "pid: %s\n"
          "cmd: %s\n"
          "part: 1\n"
          "positions: line\n"
          "events: Time_ns Hits%s\n"
          "summary: %s %s",
          export_u64(p->pid).s, p->program,
          memory ? " Alloc_bytes Freed_bytes" : "",
          export_u64(t.self_ns + entry_ns).s, export_u64(t.hits).s);
  if (memory)
    fprintf(out, " %s %s", export_u64(t.alloc).s, export_u64(t.freed).s);
  fputc('\n', out);
}

static const struct lprof_profile *sort_profile; /* for by_name_cmp */

static int by_name_cmp(const void *a, const void *b) {
  const struct lprof_function *f = sort_profile->functions;
  return strcmp(f[*(const size_t *)a].name, f[*(const size_t *)b].name);
}

static int name_key_cmp(const void *key, const void *elem) {
  return strcmp(key, sort_profile->functions[*(const size_t *)elem].name);
}

/* The profiled function `name` that `caller` calls: the one in the
 * caller's file if there is one, else the first of that name; NULL if
 * none is profiled. */
static const struct lprof_function *
callee_of(const struct callgraph *g, const struct lprof_function *caller,
          const char *name) {
  const struct lprof_function *f = g->p->functions;
  size_t n = g->p->nfunctions;
  sort_profile = g->p;
  const size_t *hit = bsearch(name, g->by_name, n, sizeof *hit, name_key_cmp);
  if (!hit)
    return NULL;
  while (hit > g->by_name && !strcmp(f[hit[-1]].name, name))
    hit--; /* the first of the name */
  const size_t *end = g->by_name + n;
  for (const size_t *k = hit; k < end && !strcmp(f[*k].name, name); k++)
    if (!strcmp(f[*k].path, caller->path))
      return &f[*k];
  return &f[*hit];
}

/* Fills g->per_call: each function's line times over the calls into it. */
static void count_calls(struct callgraph *g, uint64_t *calls_in) {
  const struct lprof_profile *p = g->p;
  for (size_t i = 0; i < p->nfunctions; i++)
    for (size_t k = 0; k < p->functions[i].ncalls; k++) {
      const struct lprof_call *c = &p->functions[i].calls[k];
      const struct lprof_function *callee =
          callee_of(g, &p->functions[i], c->callee);
      if (callee)
        calls_in[callee - p->functions] += c->count;
    }
  for (size_t i = 0; i < p->nfunctions; i++) {
    struct export_totals t = export_function_totals(&p->functions[i]);
    g->per_call[i] = calls_in[i] ? (double)t.time_ns / (double)calls_in[i] : 0;
  }
}

static int callgraph_init(struct callgraph *g, const struct lprof_profile *p) {
  size_t n = p->nfunctions ? p->nfunctions : 1;
  uint64_t *calls_in = calloc(n, sizeof *calls_in);
  *g = (struct callgraph){p,
                         malloc(n * sizeof *g->by_name),
                         malloc(n * sizeof *g->per_call),
                         calloc(n, sizeof *g->arcs_in),
                         calloc(n, sizeof *g->arcs_out),
                         calloc(n, sizeof *g->entry_ns),
                         0};
  if (!calls_in || !g->by_name || !g->per_call || !g->arcs_in ||
      !g->arcs_out || !g->entry_ns) {
    free(calls_in);
    return -1;
  }
  for (size_t i = 0; i < p->nfunctions; i++)
    g->by_name[i] = i;
  sort_profile = p;
  qsort(g->by_name, p->nfunctions, sizeof *g->by_name, by_name_cmp);
  count_calls(g, calls_in);
  free(calls_in);
  return 0;
}

/* The weight of call c from f in the split of its line's callee time:
 * calls x the callee's time per call, or the calls alone (by_count). */
static double arc_weight(const struct callgraph *g,
                         const struct lprof_function *f,
                         const struct lprof_call *c, int by_count) {
  const struct lprof_function *callee = callee_of(g, f, c->callee);
  if (!callee || !c->count)
    return 0;
  return (double)c->count * (by_count ? 1 : g->per_call[callee - g->p->functions]);
}

static double arcs_weight(const struct callgraph *g,
                          const struct lprof_function *f,
                          const struct lprof_call *c, size_t n, int by_count) {
  double total = 0;
  for (size_t k = 0; k < n; k++)
    total += arc_weight(g, f, &c[k], by_count);
  return total;
}

/* fraction (0 to 1, give or take rounding) of ns, rounded, never more than
 * ns: near 2^64 a double rounds past what a uint64_t holds. */
static uint64_t share_of(uint64_t ns, double fraction) {
  double share = (double)ns * fraction + 0.5;
  return share >= (double)ns ? ns : (uint64_t)share;
}

/* The arcs of line l of f: its calls c[0..n), the line's callee time
 * shared by weight (by calls alone when the callees took no time), the
 * shares rounded so that they add up exactly. Without out, adds their
 * times up in g instead. */
static void put_arcs(FILE *out, const struct callgraph *g,
                     const struct lprof_function *f, const struct lprof_line *l,
                     const struct lprof_call *c, size_t n, int memory) {
  int by_count = 0;
  double total = arcs_weight(g, f, c, n, 0), done = 0;
  if (total == 0)
    total = arcs_weight(g, f, c, n, by_count = 1);
  uint64_t callee_ns = l->time_ns > l->self_ns ? l->time_ns - l->self_ns : 0;
  uint64_t given = 0;
  for (size_t k = 0; k < n && total > 0; k++) {
    double w = arc_weight(g, f, &c[k], by_count);
    if (w == 0)
      continue;
    done += w;
    uint64_t upto = share_of(callee_ns, done / total);
    const struct lprof_function *callee = callee_of(g, f, c[k].callee);
    uint64_t ns = callee == f ? 0 : upto - given;
    given = upto;
    if (!out) {
      g->arcs_in[callee - g->p->functions] += ns;
      g->arcs_out[f - g->p->functions] += ns;
      continue;
    }
    if (strcmp(callee->path, f->path)) /* else the caller's file */
      fprintf(out, "cfi=%s\n", export_source_path(callee));
    fprintf(out, "cfn=%s\ncalls=%s %s\n%s %s 0%s\n", callee->name,
            export_u64(c[k].count).s, export_u64(callee->first_line).s,
            export_u64(l->line).s, export_u64(ns).s, memory ? " 0 0" : "");
  }
}

/* f's lines, each with its own costs and then its calls' arcs (without
 * out, adds the arcs' times up in g). */
static void put_function(FILE *out, const struct callgraph *g,
                         const struct lprof_function *f, int memory) {
  uint64_t entry_ns = g->entry_ns[f - g->p->functions];
  if (out)
    fprintf(out, "\nfl=%s\nfn=%s\n", export_source_path(f), f->name);
  if (out && entry_ns)
    fprintf(out, "%s %s 0%s\n", export_u64(f->first_line).s,
            export_u64(entry_ns).s, memory ? " 0 0" : "");
  size_t k = 0;
  for (size_t i = 0; i < f->nlines; i++) {
    const struct lprof_line *l = &f->lines[i];
    size_t first = k;
    while (k < f->ncalls && f->calls[k].line <= l->line)
      k++;
    while (first < k && f->calls[first].line < l->line)
      first++; /* calls on a line without an entry: none in a valid file */
    if (!l->hits && !l->time_ns)
      continue;
    if (out) {
      fprintf(out, "%s %s %s", export_u64(l->line).s,
              export_u64(l->self_ns).s, export_u64(l->hits).s);
      if (memory)
        fprintf(out, " %s %s", export_u64(l->alloc).s, export_u64(l->freed).s);
      fputc('\n', out);
    }
    if (k > first)
      put_arcs(out, g, f, l, f->calls + first, k - first, memory);
  }
}

/* Each function's entry time: what the arcs into it carry beyond its
 * lines' self times and the arcs out of it (0 if they carry less). */
static void measure_entries(struct callgraph *g) {
  for (size_t i = 0; i < g->p->nfunctions; i++)
    put_function(NULL, g, &g->p->functions[i], 0);
  for (size_t i = 0; i < g->p->nfunctions; i++) {
    struct export_totals t = export_function_totals(&g->p->functions[i]);
    uint64_t own = t.self_ns + g->arcs_out[i];
    g->entry_ns[i] = g->arcs_in[i] > own ? g->arcs_in[i] - own : 0;
    g->entry_total += g->entry_ns[i];
  }
}

static void callgraph_free(struct callgraph *g) {
  free(g->by_name);
  free(g->per_call);
  free(g->arcs_in);
  free(g->arcs_out);
  free(g->entry_ns);
}

int export_callgrind(FILE *out, const struct lprof_profile *p) {
  int memory = lprof_memory_mode(p) != LPROF_MEMORY_OFF;
  struct callgraph g;
  if (callgraph_init(&g, p)) {
    callgraph_free(&g);
    return -1;
  }
  measure_entries(&g);
  put_header(out, p, g.entry_total, memory);
  for (size_t i = 0; i < p->nfunctions; i++)
    put_function(out, &g, &p->functions[i], memory);
  callgraph_free(&g);
  return ferror(out) ? -1 : 0;
}
