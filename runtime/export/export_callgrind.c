/* export_callgrind.c - `lineprof export --format=callgrind`: the profile in
 * Callgrind's format (docs/export-formats.md), which KCachegrind and
 * callgrind_annotate read: the events Hits, Time_ns and Self_ns, plus
 * Alloc_bytes and Freed_bytes when the profile has memory, one cost line per
 * executed source line, under fl= (the source's absolute path) and fn=.
 * Callgrind's costs are exclusive: Self_ns is the line's own time, which
 * adds up over functions; Time_ns is line_profiler's, callees included
 * (the profile has no call edges to write calls= lines with). */
#include "export.h"
#include "lprof_format.h"

/* The header: what ran, the events, and their totals. */
static void put_header(FILE *out, const struct lprof_profile *p, int memory) {
  struct export_totals t = export_profile_totals(p);
  fprintf(out,
          "# callgrind format\n"
          "version: 1\n"
          "creator: lineprof\n"
          "pid: %s\n"
          "cmd: %s\n"
          "part: 1\n"
          "positions: line\n"
          "events: Hits Time_ns Self_ns%s\n"
          "summary: %s %s %s",
          export_u64(p->pid).s, p->program,
          memory ? " Alloc_bytes Freed_bytes" : "", export_u64(t.hits).s,
          export_u64(t.time_ns).s, export_u64(t.self_ns).s);
  if (memory)
    fprintf(out, " %s %s", export_u64(t.alloc).s, export_u64(t.freed).s);
  fputc('\n', out);
}

static void put_function(FILE *out, const struct lprof_function *f,
                         int memory) {
  fprintf(out, "\nfl=%s\nfn=%s\n", export_source_path(f), f->name);
  for (size_t i = 0; i < f->nlines; i++) {
    const struct lprof_line *l = &f->lines[i];
    if (!l->hits && !l->time_ns)
      continue;
    fprintf(out, "%s %s %s %s", export_u64(l->line).s, export_u64(l->hits).s,
            export_u64(l->time_ns).s, export_u64(l->self_ns).s);
    if (memory)
      fprintf(out, " %s %s", export_u64(l->alloc).s, export_u64(l->freed).s);
    fputc('\n', out);
  }
}

int export_callgrind(FILE *out, const struct lprof_profile *p) {
  int memory = lprof_memory_mode(p) != LPROF_MEMORY_OFF;
  put_header(out, p, memory);
  for (size_t i = 0; i < p->nfunctions; i++)
    put_function(out, &p->functions[i], memory);
  return ferror(out) ? -1 : 0;
}
