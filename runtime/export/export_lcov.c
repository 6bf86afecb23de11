/* export_lcov.c - `lineprof export --format=lcov`: per-line hits as an lcov
 * tracefile (geninfo(1)'s format), which genhtml, `lcov --summary` and
 * editors' coverage gutters read. One record (SF: the source's absolute
 * path ... end_of_record) per source file, with FN/FNDA for each profiled
 * function and DA for each statement line. */
#include "export.h"

/* A function's "calls": the Hits of its first statement line, which is
 * entered once per call (more often only if that line is a loop header). */
static uint64_t calls(const struct lprof_function *f) {
  return f->nlines ? f->lines[0].hits : 0;
}

/* Functions [first, end) share one source file: its record. */
static void put_record(FILE *out, const struct lprof_function *first,
                       const struct lprof_function *end) {
  const struct lprof_function *f;
  struct export_totals t = {0};
  size_t nhit = 0;
  fprintf(out, "TN:\nSF:%s\n", export_source_path(first));
  for (f = first; f < end; f++)
    fprintf(out, "FN:%s,%s\n", export_u64(f->first_line).s, f->name);
  for (f = first; f < end; f++) {
    fprintf(out, "FNDA:%s,%s\n", export_u64(calls(f)).s, f->name);
    nhit += calls(f) != 0;
  }
  fprintf(out, "FNF:%zu\nFNH:%zu\n", (size_t)(end - first), nhit);
  for (f = first; f < end; f++) {
    struct export_totals ft = export_function_totals(f);
    export_add_totals(&t, &ft);
    for (size_t i = 0; i < f->nlines; i++)
      fprintf(out, "DA:%s,%s\n", export_u64(f->lines[i].line).s,
              export_u64(f->lines[i].hits).s);
  }
  fprintf(out, "LF:%zu\nLH:%zu\nend_of_record\n", t.lines, t.covered);
}

int export_lcov(FILE *out, const struct lprof_profile *p) {
  for (size_t i = 0, end; i < p->nfunctions; i = end) {
    end = export_source_end(p, i);
    put_record(out, &p->functions[i], &p->functions[end]);
  }
  return ferror(out) ? -1 : 0;
}
