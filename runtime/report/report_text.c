/* report_text.c - the text report of `lineprof show`, laid out exactly like
 * line_profiler's (show_text/show_func, 4.1+ semantics): per function a
 * header, then one row per source line with Hits, Time, Per Hit and % Time;
 * columns widen and numbers switch to %g when they do not fit, as in
 * line_profiler 4.1+. Asked for, a Self column follows Time and a Samples
 * column precedes % Time; without Samples, a % Time that rests on fewer
 * than REPORT_FEW_SAMPLES samples is marked with a `~`. The lines above
 * the tables are report_preamble.c's. */
#include "report_text.h"

#include "lprof_format.h"

#include <float.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "report_color.h"
#include "report_preamble.h"
#include "source_file.h"

/* One function as reported: its record and totals. */
struct view {
  const struct lprof_function *f;
  int executed;   /* some line has hits */
  double time_ns; /* sum of the line times (a double cannot overflow) */
  double self_ns; /* sum of the lines' self times */
};

/* Minimum widths of the number columns (line_profiler's defaults). */
enum {
  W_LINE = 6, W_HITS = 9, W_TIME = 12, W_SELF = 12, W_PERHIT = 8,
  W_SAMPLES = 8, W_PERCENT = 8
};

/* The table's columns: which are shown, how wide, and how cells read. */
struct widths {
  int hits, time, self, perhit, samples; /* self, samples: 0 when hidden */
  int color;  /* report_options.color: escape sequences in the rows */
  int marked; /* mark a % Time resting on few samples */
  double scalar; /* nanoseconds to output units */
};

/* The number cells of one row (all empty for a line never executed). */
struct cells {
  char hits[32], time[32], self[32], perhit[32], samples[32], percent[32];
  const char *tone; /* colour of % Time (hot lines), or NULL */
  int dim;          /* a statement line that never ran */
};

static double seconds(double ns) { return ns / 1e9; }

static struct view make_view(const struct lprof_function *f) {
  struct view v = {f, 0, 0, 0};
  for (size_t i = 0; i < f->nlines; i++) {
    v.executed |= f->lines[i].hits != 0;
    v.time_ns += (double)f->lines[i].time_ns;
    v.self_ns += (double)f->lines[i].self_ns;
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

/* A count, as %g when wider than the column. */
static void format_count(char *buf, size_t size, uint64_t v, int width) {
  if (snprintf(buf, size, "%" PRIu64, v) > width)
    snprintf(buf, size, "%g", (double)v);
}

/* Whether a line's time rests on few samples (0 < samples < threshold):
 * its share is then marked `~` when the Samples column is not shown. */
static int few_samples(const struct lprof_line *l) {
  return l->samples > 0 && l->samples < REPORT_FEW_SAMPLES;
}

static void format_cells(struct cells *c, const struct lprof_line *l,
                         double total_ns, const struct widths *w) {
  memset(c, 0, sizeof *c);
  c->dim = l && !l->hits;
  if (!l || !l->hits)
    return;
  double scalar = w->scalar;
  format_count(c->hits, sizeof c->hits, l->hits, W_HITS);
  format_number(c->time, sizeof c->time, (double)l->time_ns * scalar, W_TIME);
  if (w->self)
    format_number(c->self, sizeof c->self, (double)l->self_ns * scalar,
                  W_SELF);
  format_number(c->perhit, sizeof c->perhit,
                (double)l->time_ns * scalar / (double)l->hits, W_PERHIT);
  if (w->samples)
    format_count(c->samples, sizeof c->samples, l->samples, W_SAMPLES);
  double percent = total_ns > 0 ? 100.0 * (double)l->time_ns / total_ns : 0;
  if (total_ns > 0) /* "~20.3", "~1.5": the mark is the number's */
    snprintf(c->percent, sizeof c->percent,
             w->marked && few_samples(l) ? "~%.1f" : "%5.1f", percent);
  c->tone = percent >= 20 ? COLOR_RED : percent >= 5 ? COLOR_YELLOW : NULL;
}

static int max_int(int a, size_t b) { return (size_t)a > b ? a : (int)b; }

/* Column widths: the defaults, widened to the widest cell. */
static void fit_columns(struct widths *w, const struct view *v) {
  struct cells c;
  for (size_t i = 0; i < v->f->nlines; i++) {
    format_cells(&c, &v->f->lines[i], v->time_ns, w);
    w->hits = max_int(w->hits, strlen(c.hits));
    w->time = max_int(w->time, strlen(c.time));
    if (w->self)
      w->self = max_int(w->self, strlen(c.self));
    w->perhit = max_int(w->perhit, strlen(c.perhit));
    if (w->samples)
      w->samples = max_int(w->samples, strlen(c.samples));
  }
}

/* ---- Rows ---- */

/* The row's number cells up to Per Hit, or with samples the Samples cell:
 * each right-aligned after a space (optional columns only when shown).
 * Returns the characters written. */
static int print_cells(FILE *out, const struct widths *w, const char *hits,
                       const char *time, const char *self, const char *perhit,
                       const char *samples) {
  int n = fprintf(out, " %*s %*s", w->hits, hits, w->time, time);
  if (w->self)
    n += fprintf(out, " %*s", w->self, self);
  n += fprintf(out, " %*s", w->perhit, perhit);
  if (w->samples)
    n += fprintf(out, " %*s", w->samples, samples);
  return n;
}

static void print_row(FILE *out, const struct widths *w, uint32_t line,
                      const struct cells *c, const char *text, size_t len) {
  const char *row = w->color && c->dim ? COLOR_DIM : "";
  const char *tone = w->color && c->tone ? c->tone : "";
  fprintf(out, "%s%*" PRIu32, row, W_LINE, line);
  print_cells(out, w, c->hits, c->time, c->self, c->perhit, c->samples);
  fprintf(out, " %s%*s%s  ", tone, W_PERCENT, c->percent,
          *tone ? COLOR_RESET : "");
  fwrite(text, 1, len, out);
  fputs(*row ? COLOR_RESET "\n" : "\n", out);
}

static void print_header(FILE *out, const struct widths *w) {
  int n = fprintf(out, "%*s", W_LINE, "Line #");
  n += print_cells(out, w, "Hits", "Time", "Self", "Per Hit", "Samples");
  n += fprintf(out, " %*s  %s", W_PERCENT, "% Time", "Line Contents");
  fputc('\n', out);
  for (int i = 0; i < n; i++)
    fputc('=', out);
  fputc('\n', out);
}

/* The function's rows (source_walk: every line, or without the source
 * only those that have an entry). */
static void print_rows(FILE *out, const struct view *v, const struct widths *w,
                       const struct source_file *src) {
  struct source_walk walk;
  struct source_row r;
  source_walk_start(&walk, v->f, src);
  while (source_walk_next(&walk, &r)) {
    struct cells c;
    format_cells(&c, r.entry, v->time_ns, w);
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

static void print_function(FILE *out, const struct view *v,
                           const struct widths *columns,
                           struct source_cache *sc) {
  const struct lprof_function *f = v->f;
  const struct source_file *src = source_cache_get(sc, f->path, f->file);
  struct widths w = *columns;
  fit_columns(&w, v);
  fprintf(out, "Total time: %f s\n", seconds(v->time_ns));
  if (w.self)
    fprintf(out, "Self time: %f s\n", seconds(v->self_ns));
  if (src)
    fprintf(out, "File: %s\nFunction: %s at line %" PRIu32 "\n", f->file,
            f->name, f->first_line);
  else
    report_missing_source_note(out, f->file);
  fputc('\n', out);
  print_header(out, &w);
  print_rows(out, v, &w, src);
  fputc('\n', out);
}

static void print_summary(FILE *out, const struct view *v, size_t n) {
  for (size_t i = 0; i < n; i++)
    fprintf(out, "%6.2f seconds - %s:%" PRIu32 " - %s\n", seconds(v[i].time_ns),
            v[i].f->file, v[i].f->first_line, v[i].f->name);
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
  static const struct report_options defaults = {.unit = 1e-9};
  if (!o)
    o = &defaults;
  double unit = o->unit > 0 && o->unit <= DBL_MAX ? o->unit : 1e-9;
  size_t n;
  struct view *v = select_functions(p, o, &n);
  if (!v)
    return -1;
  struct source_cache sc = {0};
  struct widths columns = {
      .hits = W_HITS, .time = W_TIME, .self = o->self ? W_SELF : 0,
      .perhit = W_PERHIT, .samples = o->samples ? W_SAMPLES : 0,
      .color = o->color,
      .marked = !o->samples && report_profile_sampled(p),
      .scalar = 1e-9 / unit};
  report_preamble(out, p, unit);
  fputc('\n', out);
  for (size_t i = 0; i < n; i++)
    print_function(out, &v[i], &columns, &sc);
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
