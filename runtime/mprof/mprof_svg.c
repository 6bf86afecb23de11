/* mprof_svg.c - the `lineprof mprof plot` chart: a self-contained SVG in the
 * layout of mprof's matplotlib plot (title = command line, "time (in
 * seconds)" against "memory used (in MiB)", the main process as a black line
 * with + markers, children as coloured lines, the peak marked by red dashed
 * lines, each function call as a pair of brackets plus a shaded span labelled
 * with the function's name, a legend on the right). Long runs are thinned to
 * a min/max envelope per pixel column so the file stays small. */
#define _POSIX_C_SOURCE 200809L
#include "mprof_svg.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Geometry, in SVG user units (pixels), close to mprof's 14x6in at 90 dpi. */
enum {
  WIDTH = 1260,
  HEIGHT = 560,
  PLOT_X = 90,
  PLOT_Y = 60,
  PLOT_W = 820,
  PLOT_H = 420,
  LEGEND_X = PLOT_X + PLOT_W + 20,
  FONT = 12,
  MAX_MARKERS = 400,   /* + markers only on short runs */
  MAX_CALLS = 2000,    /* FUNC records drawn */
  MAX_LEGEND = 14,     /* legend rows for children or functions */
  TITLE_CHARS = 100,   /* shown; the <title> element keeps more */
  MAX_LEVELS = 12,     /* nesting levels given their own name band */
  BAND = 16,           /* height of a function-name band */
  LABEL_CHARS = 40,
};

static const char *const child_colors[] = {"#1f3fff", "#d62728", "#2ca02c",
                                           "#00a0a0", "#b0a000", "#c000c0"};
static const char *const func_colors[] = {"#17becf", "#bcbd22", "#2ca02c",
                                          "#9467bd", "#ff7f0e", "#8c564b",
                                          "#e377c2", "#1f77b4"};
#define NCOLORS(a) (sizeof a / sizeof *a)

struct scale {
  double t0;         /* unix time of x = 0 */
  double xlo, ylo;   /* axis starts: a small margin below 0 */
  double xmax, ymax; /* axis ends (seconds, MiB) */
  double xstep, ystep;
};

static double sx(const struct scale *s, double t) {
  return PLOT_X + (t - s->t0 - s->xlo) / (s->xmax - s->xlo) * PLOT_W;
}
static double sy(const struct scale *s, double mib) {
  return PLOT_Y + PLOT_H - (mib - s->ylo) / (s->ymax - s->ylo) * PLOT_H;
}

/* A "nice" tick step (1, 2, 2.5 or 5 times a power of ten) giving about
 * target ticks over range. */
static double nice_step(double range, int target) {
  double raw = range / target;
  double mag = pow(10, floor(log10(raw)));
  double norm = raw / mag;
  double f = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10;
  return f * mag;
}

/* Decimals needed to print multiples of step exactly. */
static int step_decimals(double step) {
  for (int d = 0; d < 6; d++) {
    double v = step * pow(10, d);
    if (fabs(v - round(v)) < 1e-6 * v)
      return d;
  }
  return 6;
}

/* A tick's label: fixed decimals as the step needs; %g for very large or
 * very small values. Returns its length. */
static size_t tick_label(char *buf, size_t len, double v, double step) {
  int d = step_decimals(step);
  int n;
  if (fabs(v) >= 1e7 || d > 5)
    n = snprintf(buf, len, "%.4g", v);
  else
    n = snprintf(buf, len, "%.*f", d, v);
  return n < 0 ? 0 : (size_t)n;
}

/* XML text: escaped, control characters and invalid UTF-8 replaced by
 * U+FFFD, cut to at most max characters (with an ellipsis). */
static void put_text(FILE *f, const char *s, size_t max) {
  const unsigned char *p = (const unsigned char *)s;
  size_t chars = 0;
  while (*p) {
    if (chars == max) {
      fputs("\xe2\x80\xa6", f);
      return;
    }
    unsigned c = *p;
    size_t n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3
                            : (c & 0xf8) == 0xf0 ? 4 : 0;
    int ok = n > 0;
    for (size_t i = 1; ok && i < n; i++)
      ok = (p[i] & 0xc0) == 0x80;
    if (ok && n == 2)
      ok = c >= 0xc2;
    if (ok && n == 3) {
      unsigned cp = ((c & 0x0f) << 12) | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f);
      ok = cp >= 0x800 && (cp < 0xd800 || cp > 0xdfff) && cp != 0xfffe &&
           cp != 0xffff;
    }
    if (ok && n == 4) {
      unsigned cp = ((c & 0x07) << 18) | ((p[1] & 0x3f) << 12) |
                    ((p[2] & 0x3f) << 6) | (p[3] & 0x3f);
      ok = cp >= 0x10000 && cp <= 0x10ffff;
    }
    if (!ok || (n == 1 && (c < 0x20 || c == 0x7f))) {
      fputs("\xef\xbf\xbd", f);
      p += ok ? n : 1;
    } else if (c == '&') {
      fputs("&amp;", f), p++;
    } else if (c == '<') {
      fputs("&lt;", f), p++;
    } else if (c == '>') {
      fputs("&gt;", f), p++;
    } else if (c == '"') {
      fputs("&quot;", f), p++;
    } else {
      fwrite(p, 1, n, f);
      p += n;
    }
    chars++;
  }
}

static int cmp_sample(const void *a, const void *b) {
  const struct mprof_sample *x = a, *y = b;
  return (x->t > y->t) - (x->t < y->t);
}

/* A series as an SVG polyline, sorted by time; many samples are reduced to
 * the first, minimum, maximum and last point of each pixel column. */
static void put_series(FILE *f, const struct scale *s,
                       const struct mprof_sample *in, size_t n,
                       const char *color, double width) {
  if (n == 0)
    return;
  struct mprof_sample *v = malloc(n * sizeof *v);
  if (!v)
    return;
  memcpy(v, in, n * sizeof *v);
  qsort(v, n, sizeof *v, cmp_sample);
  fprintf(f,
          "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" "
          "stroke-linejoin=\"round\" points=\"",
          color, width);
  if (n <= 4 * (size_t)PLOT_W) {
    for (size_t i = 0; i < n; i++)
      fprintf(f, "%s%.1f,%.1f", i ? " " : "", sx(s, v[i].t), sy(s, v[i].mem));
  } else {
    size_t i = 0;
    int first = 1;
    while (i < n) {
      long col = lround(sx(s, v[i].t));
      size_t j = i, lo = i, hi = i;
      while (j < n && lround(sx(s, v[j].t)) == col) {
        if (v[j].mem < v[lo].mem)
          lo = j;
        if (v[j].mem > v[hi].mem)
          hi = j;
        j++;
      }
      size_t pts[4] = {i, lo < hi ? lo : hi, lo < hi ? hi : lo, j - 1};
      for (int k = 0; k < 4; k++) {
        if (k && pts[k] == pts[k - 1])
          continue;
        fprintf(f, "%s%.1f,%.1f", first ? "" : " ", sx(s, v[pts[k]].t),
                sy(s, v[pts[k]].mem));
        first = 0;
      }
      i = j;
    }
  }
  fputs("\"/>\n", f);
  if (n <= MAX_MARKERS) {
    fprintf(f, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"1\" d=\"",
            color);
    for (size_t i = 0; i < n; i++) {
      double x = sx(s, v[i].t), y = sy(s, v[i].mem);
      fprintf(f, "M%.1f %.1fh8M%.1f %.1fv8", x - 4, y, x, y - 4);
    }
    fputs("\"/>\n", f);
  }
  free(v);
}

/* The name shown for a function: its last dotted component, like mprof. */
static const char *short_name(const char *name) {
  const char *dot = strrchr(name, '.');
  return dot && dot[1] ? dot + 1 : name;
}

/* What a legend row shows before its text. */
enum legend_mark {
  MARK_SAMPLES, /* a line with a sample marker: a series */
  MARK_LINE,    /* a line: a note (drawn in white) */
  MARK_DASHED,  /* a dashed line: the peak */
  MARK_BRACKET, /* a bracket and a shaded box: a function */
};

struct legend_row {
  const char *color;
  enum legend_mark mark;
  char text[160];
};

static void put_legend(FILE *f, const struct legend_row *rows, size_t n) {
  if (!n)
    return;
  const int row_h = 20;
  double y0 = PLOT_Y + PLOT_H / 2.0 - n * row_h / 2.0 - 6;
  if (y0 < 8)
    y0 = 8;
  double w = WIDTH - LEGEND_X - 10;
  fprintf(f,
          "<g class=\"legend\">\n<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" "
          "height=\"%.1f\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.9\" "
          "stroke=\"#cccccc\"/>\n",
          LEGEND_X, y0, w, n * row_h + 12.0);
  for (size_t i = 0; i < n; i++) {
    double y = y0 + 6 + row_h * i + row_h / 2.0;
    double x = LEGEND_X + 8;
    const struct legend_row *r = &rows[i];
    if (r->mark == MARK_BRACKET) {
      fprintf(f,
              "<path d=\"M%.1f %.1fh-6v10h6\" fill=\"none\" stroke=\"%s\" "
              "stroke-width=\"2\"/><rect x=\"%.1f\" y=\"%.1f\" width=\"18\" "
              "height=\"10\" fill=\"%s\" fill-opacity=\"0.25\"/>\n",
              x + 8, y - 5, r->color, x + 10, y - 5, r->color);
    } else {
      fprintf(f,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
              "stroke=\"%s\" stroke-width=\"1.5\"%s/>\n",
              x, y, x + 28, y, r->color,
              r->mark == MARK_DASHED ? " stroke-dasharray=\"6,4\"" : "");
      if (r->mark == MARK_SAMPLES)
        fprintf(f,
                "<path d=\"M%.1f %.1fh8M%.1f %.1fv8\" stroke=\"%s\" "
                "fill=\"none\"/>\n",
                x + 10, y, x + 14, y - 4, r->color);
    }
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">", x + 36, y + 4);
    put_text(f, r->text, 44);
    fputs("</text>\n", f);
  }
  fputs("</g>\n", f);
}

/* The legend's date of unix time t, or "" when t is beyond a (64-bit)
 * time_t. */
static void start_date(char *buf, size_t len, double t) {
  struct tm tm;
  buf[0] = '\0';
  if (t >= 0x1p63)
    return;
  time_t whole = (time_t)t;
  if (localtime_r(&whole, &tm))
    strftime(buf, len, "%d / %m / %Y - start at %H:%M:%S", &tm);
}

/* A call's nesting level, as drawn (deeper ones share the last band). */
static int band_level(const struct mprof_func *fn) {
  int level = fn->level < 0 ? 0 : fn->level;
  return level >= MAX_LEVELS ? MAX_LEVELS - 1 : level;
}

/* The end of the data (the latest time, the most memory) from t0 on. */
static void data_extent(const struct mprof_dat *dat, double *tend,
                        double *ytop) {
#define SEE(t, m)                                                              \
  do {                                                                         \
    if ((t) > *tend)                                                           \
      *tend = (t);                                                             \
    if ((m) > *ytop)                                                           \
      *ytop = (m);                                                             \
  } while (0)
  for (size_t i = 0; i < dat->n_mem; i++)
    SEE(dat->mem[i].t, dat->mem[i].mem);
  for (size_t c = 0; c < dat->n_children; c++)
    for (size_t i = 0; i < dat->children[c].n; i++)
      SEE(dat->children[c].samples[i].t, dat->children[c].samples[i].mem);
  for (size_t i = 0; i < dat->n_funcs; i++) {
    SEE(dat->funcs[i].t0, dat->funcs[i].m0);
    SEE(dat->funcs[i].t1, dat->funcs[i].m1);
  }
#undef SEE
}

/* span, or 1 when it is below min (or not a number), or 1e300 when above:
 * nice_step and the tick counts stay finite. */
static double axis_span(double span, double min) {
  if (!(span >= min))
    return 1;
  return span < 1e300 ? span : 1e300;
}

/* The scale of the plot; *levels: the function-name bands above the data. */
static void plot_scale(const struct mprof_dat *dat, struct scale *sc,
                       int *levels) {
  sc->t0 = mprof_dat_start_time(dat);
  double tend = sc->t0, ytop = 0;
  data_extent(dat, &tend, &ytop);
  /* Axes the arithmetic below keeps finite: a span under a nanosecond or
   * a byte is drawn over 1 (s or MiB), one beyond 1e300 is cut there (the
   * data beyond is clipped). */
  double tspan = axis_span(tend - sc->t0, 1e-9);
  ytop = axis_span(ytop, 1.0 / (1 << 20));
  /* As many x ticks as fit (up to 10) with their labels side by side. */
  for (int target = 10;; target--) {
    sc->xstep = nice_step(tspan * 1.03, target);
    sc->xmax = tspan * 1.03; /* the axis need not end on a tick */
    char buf[64];
    long n = (long)floor(sc->xmax / sc->xstep + 1e-9);
    size_t len = tick_label(buf, sizeof buf, sc->xmax, sc->xstep);
    if (target == 2 || (n + 1) * (len * 7.5 + 12) <= PLOT_W)
      break;
  }
  /* Headroom above the data for the function-name bands. */
  *levels = 0;
  for (size_t i = 0; i < dat->n_funcs; i++)
    if (band_level(&dat->funcs[i]) + 1 > *levels)
      *levels = band_level(&dat->funcs[i]) + 1;
  double head = 1.08 + *levels * (BAND + 2.0) / PLOT_H;
  sc->ystep = nice_step(ytop * head, 8);
  sc->ymax = ytop * head;
  sc->xlo = -0.02 * sc->xmax;
  sc->ylo = -0.04 * sc->ymax;
}

/* The document's start and the chart's title (the command line unless
 * given). Returns -1 if memory ran out. */
static int put_head(FILE *f, const struct mprof_dat *dat, const char *title) {
  if (!title)
    title = dat->cmdline && dat->cmdline[0] ? dat->cmdline : "memory usage";
  /* CMDLINE values keep no newline, but a title might. */
  char *t = strdup(title);
  if (!t)
    return -1;
  t[strcspn(t, "\r\n")] = '\0';
  fprintf(f,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
          "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, "
          "Verdana, Arial, sans-serif\" font-size=\"%d\">\n",
          WIDTH, HEIGHT, WIDTH, HEIGHT, FONT);
  fputs("<title>", f);
  put_text(f, t, 4 * TITLE_CHARS);
  fputs("</title>\n<desc>Memory used over time, drawn by lineprof mprof "
        "plot</desc>\n",
        f);
  fprintf(f,
          "<defs><clipPath id=\"plotarea\"><rect x=\"%d\" y=\"%d\" "
          "width=\"%d\" height=\"%d\"/></clipPath></defs>\n"
          "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n",
          PLOT_X, PLOT_Y, PLOT_W, PLOT_H);
  fprintf(f, "<text class=\"title\" x=\"%d\" y=\"%d\" font-size=\"15\" "
             "text-anchor=\"middle\">",
          PLOT_X + PLOT_W / 2, PLOT_Y - 24);
  put_text(f, t, TITLE_CHARS);
  fputs("</text>\n", f);
  free(t);
  return 0;
}

/* The axis labels, the y label clear of the widest tick label. */
static void put_axis_labels(FILE *f, const struct scale *sc, long ny) {
  char label[64];
  size_t ylen = 0;
  for (long i = 0; i <= ny; i++) {
    size_t len = tick_label(label, sizeof label, i * sc->ystep, sc->ystep);
    if (len > ylen)
      ylen = len;
  }
  double ylabel_x = PLOT_X - 8 - 7.0 * ylen - 14;
  fprintf(f,
          "<text class=\"xlabel\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
          "time (in seconds)</text>\n"
          "<text class=\"ylabel\" transform=\"translate(%.0f %d) "
          "rotate(-90)\" text-anchor=\"middle\">memory used (in MiB)</text>\n",
          PLOT_X + PLOT_W / 2, PLOT_Y + PLOT_H + 42,
          ylabel_x < 14 ? 14 : ylabel_x, PLOT_Y + PLOT_H / 2);
}

/* Axis labels, grid and ticks. */
static void put_axes(FILE *f, const struct scale *sc) {
  long nx = (long)floor(sc->xmax / sc->xstep + 1e-9);
  long ny = (long)floor(sc->ymax / sc->ystep + 1e-9);
  char label[64];
  put_axis_labels(f, sc, ny);
  fputs("<g class=\"grid\" stroke=\"#d0d0d0\" stroke-width=\"1\">\n", f);
  for (long i = 0; i <= nx; i++) {
    double x = sx(sc, sc->t0 + i * sc->xstep);
    fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n", x,
            PLOT_Y, x, PLOT_Y + PLOT_H);
  }
  for (long i = 0; i <= ny; i++) {
    double y = sy(sc, i * sc->ystep);
    fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>\n", PLOT_X,
            y, PLOT_X + PLOT_W, y);
  }
  fputs("</g>\n<g class=\"ticks\" stroke=\"#000000\">\n", f);
  for (long i = 0; i <= nx; i++) {
    double x = sx(sc, sc->t0 + i * sc->xstep);
    fprintf(f,
            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/><text "
            "x=\"%.1f\" y=\"%d\" stroke=\"none\" text-anchor=\"middle\">"
            "%s</text>\n",
            x, PLOT_Y + PLOT_H, x, PLOT_Y + PLOT_H + 5, x, PLOT_Y + PLOT_H + 19,
            (tick_label(label, sizeof label, i * sc->xstep, sc->xstep), label));
  }
  for (long i = 0; i <= ny; i++) {
    double y = sy(sc, i * sc->ystep);
    fprintf(f,
            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/><text "
            "x=\"%d\" y=\"%.1f\" stroke=\"none\" text-anchor=\"end\">"
            "%s</text>\n",
            PLOT_X - 5, y, PLOT_X, y, PLOT_X - 8, y + 4,
            (tick_label(label, sizeof label, i * sc->ystep, sc->ystep), label));
  }
  fputs("</g>\n", f);
}

/* The distinct functions of the calls, in order of first appearance: how
 * often each was called and for how long; index[i] is call i's function. */
struct functions {
  size_t n;
  const char **name;
  size_t *count, *index;
  double *time;
};

static void functions_free(struct functions *fs) {
  free(fs->name), free(fs->count), free(fs->time), free(fs->index);
}

/* Finds the distinct names through a small open-addressing hash table.
 * Returns -1 if memory ran out. */
static int functions_of(const struct mprof_dat *dat, struct functions *fs) {
  size_t n = dat->n_funcs + 1, hcap = 16;
  while (hcap < 2 * dat->n_funcs)
    hcap *= 2;
  fs->n = 0;
  fs->name = calloc(n, sizeof *fs->name);
  fs->count = calloc(n, sizeof *fs->count);
  fs->time = calloc(n, sizeof *fs->time);
  fs->index = calloc(n, sizeof *fs->index);
  size_t *slot = calloc(hcap, sizeof *slot); /* function index + 1, 0 free */
  if (!fs->name || !fs->count || !fs->time || !fs->index || !slot) {
    free(slot);
    return -1;
  }
  for (size_t i = 0; i < dat->n_funcs; i++) {
    uint64_t h = 1469598103934665603u;
    for (const char *p = dat->funcs[i].name; *p; p++)
      h = (h ^ (unsigned char)*p) * 1099511628211u;
    size_t j = (size_t)h & (hcap - 1);
    while (slot[j] && strcmp(fs->name[slot[j] - 1], dat->funcs[i].name))
      j = (j + 1) & (hcap - 1);
    if (!slot[j]) {
      fs->name[fs->n++] = dat->funcs[i].name;
      slot[j] = fs->n;
    }
    size_t k = slot[j] - 1;
    fs->index[i] = k;
    fs->count[k]++;
    fs->time[k] += dat->funcs[i].t1 - dat->funcs[i].t0;
  }
  free(slot);
  return 0;
}

/* One call: a shaded span with the name in its level's band, and mprof's
 * brackets at the entry and exit points. */
static void put_call(FILE *f, const struct scale *sc,
                     const struct mprof_func *fn, const char *col) {
  const double vsize = PLOT_H / 20.0, hsize = PLOT_W / 60.0;
  double x0 = sx(sc, fn->t0), x1 = sx(sc, fn->t1);
  double w = x1 - x0 < 1 ? 1 : x1 - x0;
  double by = PLOT_Y + 2 + band_level(fn) * (BAND + 2);
  fprintf(f,
          "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
          "fill=\"%s\" fill-opacity=\"0.08\"/>\n"
          "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" "
          "fill=\"%s\" fill-opacity=\"0.35\"><title>",
          x0, PLOT_Y, w, PLOT_H, col, x0, by, w, BAND, col);
  put_text(f, fn->name, 200);
  fprintf(f, " %.3fs, %.3f to %.3f MiB</title></rect>\n", fn->t1 - fn->t0,
          fn->m0, fn->m1);
  const char *label = short_name(fn->name);
  size_t ll = strlen(label) > LABEL_CHARS ? LABEL_CHARS : strlen(label);
  if (w > 7.0 * ll + 6) {
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">", x0 + 3,
            by + 12);
    put_text(f, label, LABEL_CHARS);
    fputs("</text>\n", f);
  }
  fprintf(f,
          "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
          "d=\"M%.1f %.1fh-%.1fv%.1fh%.1fM%.1f %.1fh%.1fv%.1fh-%.1f\"/>\n",
          col, x0 + hsize, sy(sc, fn->m0) - vsize, hsize, 2 * vsize, hsize,
          x1 - hsize, sy(sc, fn->m1) - vsize, hsize, 2 * vsize, hsize);
}

/* The first MAX_CALLS calls, outer ones first so that inner calls'
 * brackets show on top. */
static void put_calls(FILE *f, const struct scale *sc,
                      const struct mprof_dat *dat, const struct functions *fs,
                      int levels) {
  if (!dat->n_funcs)
    return;
  fputs("<g class=\"functions\" clip-path=\"url(#plotarea)\">\n", f);
  size_t ncalls = dat->n_funcs < MAX_CALLS ? dat->n_funcs : MAX_CALLS;
  for (int lv = 0; lv < levels; lv++)
    for (size_t i = 0; i < ncalls; i++)
      if (band_level(&dat->funcs[i]) == lv)
        put_call(f, sc, &dat->funcs[i],
                 func_colors[fs->index[i] % NCOLORS(func_colors)]);
  fputs("</g>\n", f);
}

/* The peak: red dashed lines through the highest MEM sample, labelled. */
static void put_peak(FILE *f, const struct scale *sc,
                     const struct mprof_dat *dat) {
  size_t pk = mprof_dat_peak_index(dat);
  double px = sx(sc, dat->mem[pk].t), py = sy(sc, dat->mem[pk].mem);
  fprintf(f,
          "<g class=\"peak\" stroke=\"#e00000\" stroke-width=\"1.5\" "
          "stroke-dasharray=\"6,4\">\n"
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>\n"
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n</g>\n"
          "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#e00000\"/>\n",
          PLOT_X, py, PLOT_X + PLOT_W, py, px, PLOT_Y, px, PLOT_Y + PLOT_H, px,
          py);
  int right = px > PLOT_X + PLOT_W * 0.7;
  fprintf(f,
          "<text class=\"peak-label\" x=\"%.1f\" y=\"%.1f\" fill=\"#e00000\" "
          "text-anchor=\"%s\">peak %.3f MiB at %.2f s</text>\n",
          right ? px - 8 : px + 8, py - 8 < PLOT_Y + 12 ? py + 18 : py - 8,
          right ? "end" : "start", dat->mem[pk].mem, dat->mem[pk].t - sc->t0);
}

/* Appends a legend row. */
static void add_row(struct legend_row *rows, size_t *n, const char *color,
                    enum legend_mark mark, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void add_row(struct legend_row *rows, size_t *n, const char *color,
                    enum legend_mark mark, const char *fmt, ...) {
  struct legend_row *r = &rows[(*n)++];
  va_list ap;
  va_start(ap, fmt);
  r->color = color;
  r->mark = mark;
  vsnprintf(r->text, sizeof r->text, fmt, ap);
  va_end(ap);
}

/* The legend's rows: the start, the peak, the children, the functions. */
static size_t legend_rows(struct legend_row *rows, const struct scale *sc,
                          const struct mprof_dat *dat,
                          const struct functions *fs) {
  size_t n = 0;
  char when[64];
  start_date(when, sizeof when, sc->t0);
  add_row(rows, &n, "#000000", MARK_SAMPLES, "%s.%03d", when,
          (int)lround((sc->t0 - floor(sc->t0)) * 1000) % 1000);
  add_row(rows, &n, "#e00000", MARK_DASHED, "peak %.3f MiB",
          dat->mem[mprof_dat_peak_index(dat)].mem);
  for (size_t c = 0; c < dat->n_children && c < MAX_LEGEND; c++)
    add_row(rows, &n, child_colors[c % NCOLORS(child_colors)], MARK_SAMPLES,
            "child %.20s, peak %.3f MiB", dat->children[c].id,
            mprof_child_peak(&dat->children[c]));
  if (dat->n_children > MAX_LEGEND)
    add_row(rows, &n, "#ffffff", MARK_LINE, "... %zu more children",
            dat->n_children - MAX_LEGEND);
  for (size_t k = 0; k < fs->n && k < MAX_LEGEND; k++) {
    const char *col = func_colors[k % NCOLORS(func_colors)];
    if (fs->count[k] == 1)
      add_row(rows, &n, col, MARK_BRACKET, "%.24s %.3fs",
              short_name(fs->name[k]), fs->time[k]);
    else
      add_row(rows, &n, col, MARK_BRACKET, "%.24s %zu calls, %.3fs",
              short_name(fs->name[k]), fs->count[k], fs->time[k]);
  }
  if (fs->n > MAX_LEGEND)
    add_row(rows, &n, "#ffffff", MARK_LINE, "... %zu more functions",
            fs->n - MAX_LEGEND);
  if (dat->n_funcs > MAX_CALLS)
    add_row(rows, &n, "#ffffff", MARK_LINE, "(first %d of %zu calls drawn)",
            MAX_CALLS, dat->n_funcs);
  return n;
}

int mprof_svg_write(FILE *f, const struct mprof_dat *dat, const char *title) {
  struct scale sc;
  int levels;
  plot_scale(dat, &sc, &levels);
  struct functions fs = {0};
  struct legend_row *legend = calloc(3 + 2 * MAX_LEGEND + 2, sizeof *legend);
  if (!legend || functions_of(dat, &fs) || put_head(f, dat, title)) {
    functions_free(&fs);
    free(legend);
    return -1;
  }
  put_axes(f, &sc);
  put_calls(f, &sc, dat, &fs, levels);
  /* Children, then the main process on top. */
  fputs("<g class=\"series\" clip-path=\"url(#plotarea)\">\n", f);
  for (size_t c = 0; c < dat->n_children; c++)
    put_series(f, &sc, dat->children[c].samples, dat->children[c].n,
               child_colors[c % NCOLORS(child_colors)], 1.5);
  put_series(f, &sc, dat->mem, dat->n_mem, "#000000", 1.5);
  fputs("</g>\n", f);
  put_peak(f, &sc, dat);
  /* Axes box on top. */
  fprintf(f,
          "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
          "stroke=\"#000000\"/>\n",
          PLOT_X, PLOT_Y, PLOT_W, PLOT_H);
  put_legend(f, legend, legend_rows(legend, &sc, dat, &fs));
  fputs("</svg>\n", f);
  functions_free(&fs);
  free(legend);
  return ferror(f) ? -1 : 0;
}
