/* report_memory.c - the memory report of `lineprof show --memory`, laid out
 * exactly like memory_profiler's (show_results): per function "Filename:",
 * a blank line, the header, a rule of '=', one row per source line with
 * Mem usage, Increment and Occurrences (blank for lines never run), and
 * two blank lines. --detail adds the bytes allocated and freed on the line
 * and the peak reached while on it. Mem usage and Peak are blank where no
 * memory in use was seen: the lines that neither allocate nor free, in
 * modules whose memory is charged at each allocation (rt_mem_stack.c). */
#include "report_memory.h"

#include <inttypes.h>
#include <string.h>

#include "lprof_format.h"
#include "report_text.h"
#include "source_file.h"

#define MIB 1048576.0

void memory_mib(char *buf, size_t size, double bytes, int width,
                int precision) {
  snprintf(buf, size, "%*.*f MiB", width, precision, bytes / MIB);
}

/* memory_profiler: '{0:%d.%df} MiB' % (precision + 4, precision). */
static void mib(char *buf, size_t size, double bytes, int precision) {
  memory_mib(buf, size, bytes, precision + 4, precision);
}

double memory_increment(const struct lprof_line *l) {
  return (double)l->alloc - (double)l->freed;
}

int memory_seen(const struct lprof_line *l) { return l->peak != 0; }

static void print_row(FILE *out, const char *line, const char *usage,
                      const char *increment, const char *occurrences,
                      const char *const detail[3], const char *text,
                      size_t len) {
  fprintf(out, "%6s %12s %12s  %10s", line, usage, increment, occurrences);
  if (detail)
    fprintf(out, " %12s %12s %12s", detail[0], detail[1], detail[2]);
  fputs("   ", out);
  fwrite(text, 1, len, out);
  fputc('\n', out);
}

static void print_header(FILE *out, int detail) {
  static const char *const names[3] = {"Allocated", "Freed", "Peak"};
  print_row(out, "Line #", "Mem usage", "Increment", "Occurrences",
            detail ? names : NULL, "Line Contents", strlen("Line Contents"));
  int width = 61 + (detail ? 39 : 0);
  for (int i = 0; i < width; i++)
    fputc('=', out);
  fputc('\n', out);
}

/* The row of source line `line`; entry is its line entry or NULL. */
static void print_line(FILE *out, uint32_t line, const struct lprof_line *l,
                       const char *text, size_t len,
                       const struct memory_options *o) {
  char num[16], usage[32] = "", inc[32] = "", occ[32] = "";
  char alloc[32] = "", freed[32] = "", peak[32] = "";
  const char *const detail[3] = {alloc, freed, peak};
  snprintf(num, sizeof num, "%" PRIu32, line);
  if (l && l->hits) {
    int p = o->precision;
    if (memory_seen(l)) {
      mib(usage, sizeof usage, (double)l->usage, p);
      mib(peak, sizeof peak, (double)l->peak, p);
    }
    mib(inc, sizeof inc, memory_increment(l), p);
    snprintf(occ, sizeof occ, "%" PRIu64, l->hits);
    mib(alloc, sizeof alloc, (double)l->alloc, p);
    mib(freed, sizeof freed, (double)l->freed, p);
  }
  print_row(out, num, usage, inc, occ, o->detail ? detail : NULL, text, len);
}

static int executed(const struct lprof_function *f) {
  for (size_t i = 0; i < f->nlines; i++)
    if (f->lines[i].hits)
      return 1;
  return 0;
}

static void print_function(FILE *out, const struct lprof_function *f,
                           const struct memory_options *o,
                           struct source_cache *sc) {
  const struct source_file *src = source_cache_get(sc, f->path, f->file);
  if (!src)
    report_missing_source_note(out, f->file);
  fprintf(out, "Filename: %s\n\n", f->file);
  print_header(out, o->detail);
  struct source_walk w;
  struct source_row r;
  source_walk_start(&w, f, src);
  while (source_walk_next(&w, &r))
    print_line(out, r.line, r.entry, r.text, r.len, o);
  fputs("\n\n", out);
}

int report_memory(FILE *out, const struct lprof_profile *p,
                  const struct memory_options *o) {
  struct source_cache sc = {0};
  if (lprof_memory_mode(p) == LPROF_MEMORY_SAMPLED) /* not the exact bytes */
    fprintf(out, "Memory: %s (LINEPROF_MEMORY=sampled)\n\n",
            lprof_memory_words(p));
  for (size_t i = 0; i < p->nfunctions; i++)
    if (!o->skip_zero || executed(&p->functions[i]))
      print_function(out, &p->functions[i], o, &sc);
  source_cache_free(&sc);
  return ferror(out) ? -1 : 0;
}
