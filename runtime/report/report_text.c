/* report_text.c - the text report of `lineprof show`, laid out exactly like
 * line_profiler's (show_text/show_func, 4.1+ semantics): per function a
 * header, then one row per source line with Hits, Time, Per Hit and % Time;
 * columns widen and numbers switch to %g when they do not fit, as in
 * line_profiler 4.1+. */
#include "report_text.h"

#include "lprof_format.h"

#include <float.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "report_color.h"
#include "source_file.h"

/* One function as reported: its record and totals. */
struct view {
  const struct lprof_function *f;
  int executed;   /* some line has hits */
  double time_ns; /* sum of the line times (a double cannot overflow) */
};

/* Minimum widths of the number columns (line_profiler's defaults). */
enum { W_LINE = 6, W_HITS = 9, W_TIME = 12, W_PERHIT = 8, W_PERCENT = 8 };

struct widths {
  int hits, time, perhit;
  int color; /* report_options.color: escape sequences in the rows */
};

/* The number cells of one row (all empty for a line never executed). */
struct cells {
  char hits[32], time[32], perhit[32], percent[32];
  const char *tone; /* colour of % Time (hot lines), or NULL */
  int dim;          /* a statement line that never ran */
};

static double seconds(double ns) { return ns / 1e9; }

static struct view make_view(const struct lprof_function *f) {
  struct view v = {f, 0, 0};
  for (size_t i = 0; i < f->nlines; i++) {
    v.executed |= f->lines[i].hits != 0;
    v.time_ns += (double)f->lines[i].time_ns;
  }
  return v;
}

/* ---- Order ---- */

static int default_cmp(const void *a, const void *b) {
  const struct lprof_function *x = ((const struct view *)a)->f;
  const struct lprof_function *y = ((const struct view *)b)->f;
  int c = strcmp(x->file, y->file);
  if (c)
    return c;
  if (x->first_line != y->first_line)
    return x->first_line < y->first_line ? -1 : 1;
  if ((c = strcmp(x->name, y->name)))
    return c;
  return strcmp(x->path, y->path);
}

static int time_cmp(const void *a, const void *b) {
  double x = ((const struct view *)a)->time_ns;
  double y = ((const struct view *)b)->time_ns;
  if (x != y)
    return x < y ? -1 : 1;
  return default_cmp(a, b);
}

/* ---- Cells ---- */

/* line_profiler: '%5.1f', or '%5.3g' when that is wider than the column. */
static void format_number(char *buf, size_t size, double v, int width) {
  if (snprintf(buf, size, "%5.1f", v) > width)
    snprintf(buf, size, "%5.3g", v);
}

static void format_cells(struct cells *c, const struct lprof_line *l,
                         double total_ns, double scalar) {
  memset(c, 0, sizeof *c);
  c->dim = l && !l->hits;
  if (!l || !l->hits)
    return;
  if (snprintf(c->hits, sizeof c->hits, "%" PRIu64, l->hits) > W_HITS)
    snprintf(c->hits, sizeof c->hits, "%g", (double)l->hits);
  format_number(c->time, sizeof c->time, (double)l->time_ns * scalar, W_TIME);
  format_number(c->perhit, sizeof c->perhit,
                (double)l->time_ns * scalar / (double)l->hits, W_PERHIT);
  double percent = total_ns > 0 ? 100.0 * (double)l->time_ns / total_ns : 0;
  if (total_ns > 0)
    snprintf(c->percent, sizeof c->percent, "%5.1f", percent);
  c->tone = percent >= 20 ? COLOR_RED : percent >= 5 ? COLOR_YELLOW : NULL;
}

static int max_int(int a, size_t b) { return (size_t)a > b ? a : (int)b; }

/* Column widths: the defaults, widened to the widest cell. */
static struct widths column_widths(const struct view *v, double scalar) {
  struct widths w = {W_HITS, W_TIME, W_PERHIT, 0};
  struct cells c;
  for (size_t i = 0; i < v->f->nlines; i++) {
    format_cells(&c, &v->f->lines[i], v->time_ns, scalar);
    w.hits = max_int(w.hits, strlen(c.hits));
    w.time = max_int(w.time, strlen(c.time));
    w.perhit = max_int(w.perhit, strlen(c.perhit));
  }
  return w;
}

/* ---- Rows ---- */

static void print_row(FILE *out, const struct widths *w, uint32_t line,
                      const struct cells *c, const char *text, size_t len) {
  const char *row = w->color && c->dim ? COLOR_DIM : "";
  const char *tone = w->color && c->tone ? c->tone : "";
  fprintf(out, "%s%*" PRIu32 " %*s %*s %*s %s%*s%s  ", row, W_LINE, line,
          w->hits, c->hits, w->time, c->time, w->perhit, c->perhit, tone,
          W_PERCENT, c->percent, *tone ? COLOR_RESET : "");
  fwrite(text, 1, len, out);
  fputs(*row ? COLOR_RESET "\n" : "\n", out);
}

static void print_header(FILE *out, const struct widths *w) {
  int n = fprintf(out, "%*s %*s %*s %*s %*s  %s", W_LINE, "Line #", w->hits,
                  "Hits", w->time, "Time", w->perhit, "Per Hit", W_PERCENT,
                  "% Time", "Line Contents");
  fputc('\n', out);
  for (int i = 0; i < n; i++)
    fputc('=', out);
  fputc('\n', out);
}

/* The function's rows (source_walk: every line, or without the source
 * only those that have an entry). */
static void print_rows(FILE *out, const struct view *v, const struct widths *w,
                       double scalar, const struct source_file *src) {
  struct source_walk walk;
  struct source_row r;
  source_walk_start(&walk, v->f, src);
  while (source_walk_next(&walk, &r)) {
    struct cells c;
    format_cells(&c, r.entry, v->time_ns, scalar);
    print_row(out, w, r.line, &c, r.text, r.len);
  }
}

/* ---- Functions ---- */

void report_missing_source_note(FILE *out, const char *file) {
  fprintf(out,
          "\n"
          "Could not find file %s\n"
          "Are you sure you are running this program from the same "
          "directory\n"
          "that you ran the profiler from?\n"
          "Continuing without the function's contents.\n",
          file);
}

static void print_function(FILE *out, const struct view *v, double scalar,
                           struct source_cache *sc, int color) {
  const struct lprof_function *f = v->f;
  const struct source_file *src = source_cache_get(sc, f->path, f->file);
  struct widths w = column_widths(v, scalar);
  w.color = color;
  fprintf(out, "Total time: %f s\n", seconds(v->time_ns));
  if (src)
    fprintf(out, "File: %s\nFunction: %s at line %" PRIu32 "\n", f->file,
            f->name, f->first_line);
  else
    report_missing_source_note(out, f->file);
  fputc('\n', out);
  print_header(out, &w);
  print_rows(out, v, &w, scalar, src);
  fputc('\n', out);
}

static void print_summary(FILE *out, const struct view *v, size_t n) {
  for (size_t i = 0; i < n; i++)
    fprintf(out, "%6.2f seconds - %s:%" PRIu32 " - %s\n", seconds(v[i].time_ns),
            v[i].f->file, v[i].f->first_line, v[i].f->name);
}

/* An interval of us microseconds, in words ("1 ms", "250 us"). */
static void print_interval(FILE *out, uint32_t us) {
  if (us % 1000)
    fprintf(out, "%" PRIu32 " us", us);
  else
    fprintf(out, "%" PRIu32 " ms", us / 1000);
}

/* How line times were measured (the timer mode of docs/semantics.md), and
 * where the functions built without exact probes were sampled instead. */
static void print_timing(FILE *out, const struct lprof_profile *p) {
  unsigned timing = lprof_timing(p);
  fputs("Timer: ", out);
  if (p->flags & LPROF_FLAG_NO_EXACT_PROBES) {
    fputs("sampled every ", out);
    print_interval(out, p->sample_us);
    fputs(" of CPU time (built without -fplugin-arg-lineprof-exact)\n", out);
    return;
  }
  if (timing == LPROF_TIMING_SAMPLED) {
    fputs("sampled every ", out);
    print_interval(out, p->sample_us);
    fputs(" of CPU time", out);
  } else if (timing == LPROF_TIMING_AUTO && p->flags & LPROF_FLAG_SWITCHED) {
    fprintf(out, "exact for the first %" PRIu32 " ms of CPU time, then sampled every ",
            p->auto_ms);
    print_interval(out, p->sample_us);
  } else if (timing == LPROF_TIMING_AUTO) {
    fprintf(out, "exact (auto: under %" PRIu32 " ms of CPU time, so never sampled)",
            p->auto_ms);
  } else {
    fputs(lprof_memory_mode(p) ? "exact (memory is measured)" : "exact", out);
  }
  if (p->flags & LPROF_FLAG_PROBE_COST)
    fprintf(out, ", probe cost %.1f ns subtracted",
            (double)p->probe_cost_ps * 1e-3);
  if (p->flags & LPROF_FLAG_SAMPLED_PROBES && timing != LPROF_TIMING_SAMPLED) {
    fputs("; sampled every ", out);
    print_interval(out, p->sample_us);
    fputs(" where built without exact probes", out);
  }
  fputc('\n', out);
}

/* The lines above the first function's table (a blank line follows):
 * line_profiler's "Timer unit" line, then how times were measured. */
static void print_preamble(FILE *out, const struct lprof_profile *p,
                           double unit) {
  fprintf(out, "Timer unit: %g s\n", unit);
  if (p->timer_mode != LPROF_TIMER_EXACT) {
    fputs("Timer: off (LINEPROF_TIMER=off): Hits only\n", out);
    return;
  }
  print_timing(out, p);
  fprintf(out,
          "Clock: cycle counter at %.3f GHz, calibrated against "
          "CLOCK_MONOTONIC over %.3f s\n",
          (double)p->cycles_per_second * 1e-9, (double)p->calibration_ns * 1e-9);
}

/* The functions to report, in report order. */
static struct view *select_functions(const struct lprof_profile *p,
                                     const struct report_options *o,
                                     size_t *n) {
  struct view *v = malloc((p->nfunctions ? p->nfunctions : 1) * sizeof *v);
  if (!v)
    return NULL;
  *n = 0;
  for (size_t i = 0; i < p->nfunctions; i++) {
    v[*n] = make_view(&p->functions[i]);
    if (!o->skip_zero || v[*n].executed)
      ++*n;
  }
  qsort(v, *n, sizeof *v, o->sort_by_time ? time_cmp : default_cmp);
  return v;
}

int report_text(FILE *out, const struct lprof_profile *p,
                const struct report_options *o) {
  static const struct report_options defaults = {1e-9, 0, 0, 0, 0};
  if (!o)
    o = &defaults;
  double unit = o->unit > 0 && o->unit <= DBL_MAX ? o->unit : 1e-9;
  size_t n;
  struct view *v = select_functions(p, o, &n);
  if (!v)
    return -1;
  struct source_cache sc = {0};
  print_preamble(out, p, unit);
  fputc('\n', out);
  for (size_t i = 0; i < n; i++)
    print_function(out, &v[i], 1e-9 / unit, &sc, o->color);
  for (size_t i = 0; i < p->nnot_found; i++)
    fprintf(out,
            "Function %s not found: named in -fplugin-arg-lineprof-functions, "
            "it matches no function of the program\n",
            p->not_found[i]);
  if (o->summary)
    print_summary(out, v, n);
  source_cache_free(&sc);
  free(v);
  return ferror(out) ? -1 : 0;
}
