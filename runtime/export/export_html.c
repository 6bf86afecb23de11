/* export_html.c - `lineprof export --format=html`: one self-contained page
 * (inline CSS and a few lines of JS, nothing fetched): a summary table of
 * the functions, hottest (most self time) first, then every function's
 * source in the same order, with each line's background shaded by its
 * share of the function's time (of its hits when the timer was off) and
 * Hits, Time, Self, Per Hit and % Time beside it (Self: the time less the
 * profiled calls'). With memory, also Mem usage and Increment, and a switch
 * to shade lines by their Increment instead. Every table sorts by the
 * column whose header is clicked; files are named relative to --root. */
#include "export.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lprof_format.h"
#include "report_memory.h"
#include "source_file.h"

static const char style[] =
    "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}"
    "h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 4px}"
    "h2 small,.meta{color:#666;font-weight:normal}"
    "table{border-collapse:collapse}"
    "th,td{padding:1px 8px;text-align:right;white-space:nowrap}"
    "th{background:#eee;border-bottom:1px solid #bbb;font-weight:600}"
    "#summary td{border-bottom:1px solid #eee}"
    "thead th{cursor:pointer;user-select:none}"
    "thead th:hover{background:#ddd}"
    "#summary td.l,#summary th.l{text-align:left}"
    "th[data-dir=asc]::after{content:' \\25B2'}"
    "th[data-dir=desc]::after{content:' \\25BC'}"
    ".src{font:13px/1.35 ui-monospace,monospace;min-width:900px}"
    ".src td.code{text-align:left;white-space:pre;width:100%}"
    ".src td{border-right:1px solid #e4e4e4}"
    ".src th:last-child{text-align:left}"
    ".src td.ln{color:#555}"
    ".src tr.zero td{color:#aaa}"
    ".missing{color:#a33}"
    "a{color:#0645ad;text-decoration:none}";

/* Sorts a table by the clicked column: numbers (data-type=num) by data-v,
 * else by their text; cells without a number last. The first click sorts
 * ascending, or descending (hottest first) where data-first=desc; the next
 * reverses. */
static const char script[] =
    "document.querySelectorAll('thead th').forEach(function(th){"
    "th.addEventListener('click',function(){"
    "var i=th.cellIndex,b=th.closest('table').tBodies[0],"
    "rows=[].slice.call(b.rows),num=th.dataset.type==='num',"
    "asc=th.dataset.dir?th.dataset.dir!=='asc':th.dataset.first!=='desc';"
    "th.parentNode.querySelectorAll('th').forEach(function(h){"
    "h.removeAttribute('data-dir')});"
    "th.dataset.dir=asc?'asc':'desc';"
    "function key(r){var c=r.cells[i];"
    "return num?parseFloat(c.dataset.v||c.textContent):c.textContent}"
    "rows.sort(function(x,y){var a=key(x),c=key(y);"
    "if(num&&(isNaN(a)||isNaN(c)))return isNaN(a)-isNaN(c);"
    "var d=num?a-c:a.localeCompare(c);return asc?d:-d});"
    "rows.forEach(function(r){b.appendChild(r)})})});";

/* With memory: the shading switch puts class bymem on the body, and then
 * each row takes its Increment's colour (--m) instead of its time's. */
static const char memory_style[] =
    "body.bymem .src tbody tr{background:var(--m,transparent)!important}";
static const char memory_script[] =
    "document.querySelectorAll('input[name=shade]').forEach(function(r){"
    "r.addEventListener('change',function(){document.body.classList.toggle("
    "'bymem',document.getElementById('bymem').checked)})});";

/* The one escaping helper: len bytes of text for HTML content or a quoted
 * attribute (NUL bytes dropped). */
static void put_escaped(FILE *out, const char *s, size_t len) {
  for (size_t i = 0; i < len; i++) {
    switch (s[i]) {
    case '&': fputs("&amp;", out); break;
    case '<': fputs("&lt;", out); break;
    case '>': fputs("&gt;", out); break;
    case '"': fputs("&quot;", out); break;
    case '\'': fputs("&#39;", out); break;
    case '\0': break;
    default: fputc(s[i], out);
    }
  }
}

static void put_text(FILE *out, const char *s) { put_escaped(out, s, strlen(s)); }

/* A duration for people: "12.3 ms". */
static struct export_num duration(double ns) {
  static const struct {
    double scale;
    const char *unit;
  } units[] = {{1e9, "s"}, {1e6, "ms"}, {1e3, "\xc2\xb5s"}, {1, "ns"}};
  size_t i = 0;
  while (i < 3 && ns < units[i].scale)
    i++;
  struct export_num n = export_fixed(ns / units[i].scale, i == 3 ? 0 : 2);
  size_t len = strlen(n.s);
  snprintf(n.s + len, sizeof n.s - len, " %s", units[i].unit);
  return n;
}

static double share(uint64_t part, uint64_t whole) {
  return whole ? (double)part / (double)whole : 0;
}

/* Bytes in MiB, as `show --memory` prints them: "152.588 MiB". */
static struct export_num mib(double bytes) {
  struct export_num n;
  memory_mib(n.s, sizeof n.s, bytes, 0, 3);
  return n;
}

/* ---- Page ---- */

static void put_head(FILE *out, const struct lprof_profile *p, int memory) {
  fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>lineprof: ",
        out);
  put_text(out, p->program);
  fprintf(out, "</title>\n<style>%s%s</style>\n</head>\n<body>\n", style,
          memory ? memory_style : "");
}

static void put_title(FILE *out, const struct lprof_profile *p) {
  char when[64] = "";
  time_t t = (time_t)(p->start_unix_ns / 1000000000u);
  struct tm tm;
  if (gmtime_r(&t, &tm))
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm);
  fputs("<h1>Line profile of <code>", out);
  put_text(out, p->program);
  fputs("</code></h1>\n<p class=\"meta\">host ", out);
  put_text(out, p->hostname);
  fprintf(out, ", pid %s, started %s, ran %s; ", export_u64(p->pid).s, when,
          duration((double)p->duration_ns).s);
  if (p->timer_mode)
    fprintf(out, "timer: cycle counter at %s GHz.", 
            export_fixed((double)p->cycles_per_second * 1e-9, 3).s);
  else
    fputs("timer off: Hits only, shading by Hits.", out);
  fputs("</p>\n", out);
}

/* With memory: what it measured, and the shading switch. */
static void put_memory_switch(FILE *out, const struct lprof_profile *p) {
  fprintf(out,
          "<p class=\"meta\">Memory: %s. Shade lines by "
          "<label><input type=\"radio\" name=\"shade\" checked> %s</label> "
          "<label><input type=\"radio\" name=\"shade\" id=\"bymem\"> memory "
          "Increment</label> (red: grows, blue: shrinks).</p>\n",
          lprof_memory_words(p),
          p->timer_mode ? "time" : "hits");
}

static void put_summary_row(FILE *out, size_t i, const struct lprof_function *f,
                            const char *file, uint64_t all_self_ns) {
  struct export_totals t = export_function_totals(f);
  fprintf(out, "<tr><td class=\"l\"><a href=\"#f%zu\">", i);
  put_text(out, f->name);
  fputs("</a></td><td class=\"l\">", out);
  put_text(out, file);
  fprintf(out, "</td><td data-v=\"%s\">%s</td>", export_u64(f->first_line).s,
          export_u64(f->first_line).s);
  fprintf(out, "<td data-v=\"%s\">%s</td>", export_u64(t.hits).s,
          export_u64(t.hits).s);
  fprintf(out, "<td data-v=\"%s\">%s</td>", export_u64(t.time_ns).s,
          duration((double)t.time_ns).s);
  fprintf(out, "<td data-v=\"%s\">%s</td>", export_u64(t.self_ns).s,
          duration((double)t.self_ns).s);
  fprintf(out, "<td data-v=\"%s\">%s</td></tr>\n",
          export_u64(t.self_ns).s,
          export_fixed(100 * share(t.self_ns, all_self_ns), 1).s);
}

/* A numeric column's header: sorted largest first on the first click. */
#define HOT_TH(name) "<th data-type=\"num\" data-first=\"desc\">" name "</th>"

/* The functions in order[], with their % Time of the whole profile's self
 * time: each nanosecond counts once, so the shares add up to 100. */
static void put_summary(FILE *out, const struct lprof_profile *p,
                        const size_t *order, char **files) {
  uint64_t all_self_ns = export_profile_totals(p).self_ns;
  fputs("<h2>Functions</h2>\n<table id=\"summary\">\n<thead><tr>"
        "<th class=\"l\">Function</th><th class=\"l\">File</th>"
        "<th data-type=\"num\">Line</th>" HOT_TH("Hits") HOT_TH("Time")
        HOT_TH("Self") HOT_TH("% Time") "</tr></thead>\n<tbody>\n",
        out);
  for (size_t k = 0; k < p->nfunctions; k++)
    put_summary_row(out, order[k], &p->functions[order[k]], files[order[k]],
                    all_self_ns);
  fputs("</tbody>\n</table>\n", out);
}

/* A function's totals and its index in the profile, to sort by. */
struct rank {
  struct export_totals t;
  size_t index;
};

static int by_heat(const void *pa, const void *pb) {
  const struct rank *a = pa, *b = pb;
  if (a->t.self_ns != b->t.self_ns)
    return a->t.self_ns > b->t.self_ns ? -1 : 1;
  if (a->t.time_ns != b->t.time_ns)
    return a->t.time_ns > b->t.time_ns ? -1 : 1;
  if (a->t.hits != b->t.hits)
    return a->t.hits > b->t.hits ? -1 : 1;
  return a->index < b->index ? -1 : a->index > b->index;
}

/* The functions' indexes, most self time first (then most time, most
 * hits, profile order). malloc'd; NULL when out of memory. */
static size_t *hottest_first(const struct lprof_profile *p) {
  struct rank *r = malloc((p->nfunctions + 1) * sizeof *r);
  size_t *order = malloc((p->nfunctions + 1) * sizeof *order);
  if (r && order) {
    for (size_t i = 0; i < p->nfunctions; i++)
      r[i] = (struct rank){export_function_totals(&p->functions[i]), i};
    qsort(r, p->nfunctions, sizeof *r, by_heat);
    for (size_t i = 0; i < p->nfunctions; i++)
      order[i] = r[i].index;
  } else {
    free(order);
    order = NULL;
  }
  free(r);
  return order;
}

/* ---- One function ---- */

/* How a row is shaded: its share of the function's time, or of its hits
 * (relative to the busiest line) when there is no time; with memory, also
 * its Increment relative to the largest (in size) of the function. */
struct shading {
  uint64_t total_ns, max_hits;
  int memory;           /* Mem usage and Increment columns */
  double max_increment; /* largest |Increment| of a line */
};

/* The colour of a share s in (0, 1]: pale yellow to red, or pale cyan to
 * blue; small shares stay visible, large ones stand out. */
static void put_colour(FILE *out, double s, int blue) {
  double t = sqrt(s);
  if (blue)
    fprintf(out, "rgba(0,%d,255,", (int)(220 - 100 * t));
  else
    fprintf(out, "rgba(255,%d,0,", (int)(200 - 160 * t));
  fprintf(out, "%s)", export_fixed(0.08 + 0.6 * t, 3).s);
}

/* The row's start: dimmed when never run; shaded by time (background) and
 * by Increment (--m, used when the page shades by memory). */
static void put_row_start(FILE *out, const struct lprof_line *l, double s,
                          const struct shading *sh) {
  double inc = l && sh->memory ? memory_increment(l) : 0;
  fputs(l && !l->hits ? "<tr class=\"zero\"" : "<tr", out);
  if (s > 0 || inc != 0)
    fputs(" style=\"", out);
  if (s > 0) {
    fputs("background:", out);
    put_colour(out, s, 0);
  }
  if (inc != 0) {
    fputs(s > 0 ? ";--m:" : "--m:", out);
    put_colour(out, fabs(inc) / sh->max_increment, inc < 0);
  }
  fputs(s > 0 || inc != 0 ? "\">" : ">", out);
}

static void put_row(FILE *out, uint32_t line, const struct lprof_line *l,
                    const struct shading *sh, const char *text, size_t len) {
  double s = !l ? 0
             : sh->total_ns ? share(l->time_ns, sh->total_ns)
                            : share(l->hits, sh->max_hits);
  put_row_start(out, l, s, sh);
  fprintf(out, "<td class=\"ln\">%s</td>", export_u64(line).s);
  if (l && l->hits)
    fprintf(out, "<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>",
            export_u64(l->hits).s, export_fixed((double)l->time_ns, 1).s,
            export_fixed((double)l->self_ns, 1).s,
            export_fixed((double)l->time_ns / (double)l->hits, 1).s,
            sh->total_ns ? export_fixed(100 * s, 1).s : "");
  else
    fputs("<td></td><td></td><td></td><td></td><td></td>", out);
  if (sh->memory && l && l->hits)
    fprintf(out, "<td>%s</td><td>%s</td>",
            memory_seen(l) ? mib((double)l->usage).s : "",
            mib(memory_increment(l)).s);
  else if (sh->memory)
    fputs("<td></td><td></td>", out);
  fputs("<td class=\"code\">", out);
  put_escaped(out, text, len);
  fputs("</td></tr>\n", out);
}

static const struct source_file *load_source(struct source_file *sf,
                                             const struct lprof_function *f) {
  if ((*f->path && source_file_load(sf, f->path) == 0) ||
      (*f->file && source_file_load(sf, f->file) == 0))
    return sf;
  return NULL;
}

static void put_rows(FILE *out, const struct lprof_function *f,
                     const struct shading *sh, const struct source_file *src) {
  struct source_walk w;
  struct source_row r;
  source_walk_start(&w, f, src);
  while (source_walk_next(&w, &r))
    put_row(out, r.line, r.entry, sh, r.text, r.len);
}

static struct shading shading_of(const struct lprof_function *f, int memory) {
  struct shading sh = {export_function_totals(f).time_ns, 0, memory, 0};
  for (size_t k = 0; k < f->nlines; k++) {
    if (f->lines[k].hits > sh.max_hits)
      sh.max_hits = f->lines[k].hits;
    if (fabs(memory_increment(&f->lines[k])) > sh.max_increment)
      sh.max_increment = fabs(memory_increment(&f->lines[k]));
  }
  return sh;
}

static void put_function(FILE *out, size_t i, const struct lprof_function *f,
                         const char *file, int memory) {
  struct export_totals t = export_function_totals(f);
  struct shading sh = shading_of(f, memory);
  struct source_file sf;
  const struct source_file *src = load_source(&sf, f);
  fprintf(out, "<h2 id=\"f%zu\">", i);
  put_text(out, f->name);
  fputs(" <small>", out);
  put_text(out, file);
  fprintf(out, ":%s &middot; total time %s",
          export_u64(f->first_line).s, duration((double)t.time_ns).s);
  fprintf(out, " &middot; self time %s</small></h2>\n",
          duration((double)t.self_ns).s);
  if (!src) {
    fputs("<p class=\"missing\">Source file not found: ", out);
    put_text(out, f->path);
    fputs("</p>\n", out);
  }
  fputs("<table class=\"src\">\n<thead><tr><th data-type=\"num\">Line #</th>"
        HOT_TH("Hits") HOT_TH("Time (ns)") HOT_TH("Self (ns)")
        HOT_TH("Per Hit") HOT_TH("% Time"),
        out);
  if (memory)
    fputs(HOT_TH("Mem usage") HOT_TH("Increment"), out);
  fputs("<th>Line Contents</th></tr></thead>\n<tbody>\n", out);
  put_rows(out, f, &sh, src);
  fputs("</tbody>\n</table>\n", out);
  if (src)
    source_file_free(&sf);
}

int export_html(FILE *out, const struct lprof_profile *p, const char *root) {
  int memory = lprof_memory_mode(p) != LPROF_MEMORY_OFF;
  char **files = export_file_names(p, root, NULL);
  size_t *order = files ? hottest_first(p) : NULL;
  if (!order) {
    export_free_names(files, p->nfunctions);
    return -1;
  }
  put_head(out, p, memory);
  put_title(out, p);
  if (memory)
    put_memory_switch(out, p);
  put_summary(out, p, order, files);
  for (size_t k = 0; k < p->nfunctions; k++)
    put_function(out, order[k], &p->functions[order[k]], files[order[k]],
                 memory);
  fprintf(out, "<script>%s%s</script>\n</body>\n</html>\n", script,
          memory ? memory_script : "");
  free(order);
  export_free_names(files, p->nfunctions);
  return ferror(out) ? -1 : 0;
}
