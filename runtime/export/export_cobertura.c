/* export_cobertura.c - `lineprof export --format=cobertura`: per-line hits
 * as Cobertura XML (docs/coverage-04.dtd), which GitLab, Jenkins and other
 * CI coverage views read. One <class> per source file, one <method> per
 * profiled function; statement lines are the "valid" lines, those with hits
 * the covered ones. There are no branches: branch rates are 0. The one
 * <source> is --root; filenames are relative to it, but for files outside
 * it, named by their absolute paths (export_root.c). */
#include "export.h"

#include <string.h>

static const char *basename_of(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

static struct export_num rate(size_t covered, size_t valid) {
  return export_fixed(valid ? (double)covered / (double)valid : 0, 4);
}

/* The attributes every level carries: line-rate, branch-rate, complexity. */
static void put_rates(struct xml_out *x, struct export_totals t) {
  xml_attr(x, "line-rate", rate(t.covered, t.lines).s);
  xml_attr(x, "branch-rate", "0");
  xml_attr(x, "complexity", "0");
}

static void put_lines(struct xml_out *x, const struct lprof_function *f) {
  for (size_t i = 0; i < f->nlines; i++) {
    xml_start(x, "line");
    xml_attr_u64(x, "number", f->lines[i].line);
    xml_attr_u64(x, "hits", f->lines[i].hits);
    xml_attr(x, "branch", "false");
    xml_end(x);
  }
}

/* Functions [first, end) share one file: their class. */
static void put_class(struct xml_out *x, const struct lprof_function *first,
                      const struct lprof_function *end, const char *filename) {
  struct export_totals t = {0};
  for (const struct lprof_function *f = first; f < end; f++) {
    struct export_totals ft = export_function_totals(f);
    export_add_totals(&t, &ft);
  }
  xml_start(x, "class");
  xml_attr(x, "name", basename_of(filename));
  xml_attr(x, "filename", filename);
  put_rates(x, t);
  xml_start(x, "methods");
  for (const struct lprof_function *f = first; f < end; f++) {
    xml_start(x, "method");
    xml_attr(x, "name", f->name);
    xml_attr(x, "signature", "");
    put_rates(x, export_function_totals(f));
    xml_start(x, "lines");
    put_lines(x, f);
    xml_end(x);
    xml_end(x);
  }
  xml_end(x);
  xml_start(x, "lines");
  for (const struct lprof_function *f = first; f < end; f++)
    put_lines(x, f);
  xml_end(x);
  xml_end(x);
}

/* End of the run of functions from i whose files have the same name. */
static size_t class_end(const struct lprof_profile *p, char **names,
                        size_t i) {
  size_t j = i + 1;
  while (j < p->nfunctions && !strcmp(names[j], names[i]))
    j++;
  return j;
}

static void put_coverage_attrs(struct xml_out *x,
                               const struct lprof_profile *p) {
  struct export_totals t = export_profile_totals(p);
  xml_attr(x, "line-rate", rate(t.covered, t.lines).s);
  xml_attr(x, "branch-rate", "0");
  xml_attr_u64(x, "lines-covered", t.covered);
  xml_attr_u64(x, "lines-valid", t.lines);
  xml_attr(x, "branches-covered", "0");
  xml_attr(x, "branches-valid", "0");
  xml_attr(x, "complexity", "0");
  xml_attr(x, "version", "lineprof");
  xml_attr_u64(x, "timestamp", p->start_unix_ns / 1000000);
}

int export_cobertura(FILE *out, const struct lprof_profile *p,
                     const char *root) {
  char **names = export_file_names(p, root, "cobertura");
  if (!names)
    return -1;
  struct xml_out x;
  xml_begin(&x, out);
  xml_start(&x, "coverage");
  put_coverage_attrs(&x, p);
  xml_start(&x, "sources");
  xml_text_element(&x, "source", root);
  xml_end(&x);
  xml_start(&x, "packages");
  xml_start(&x, "package");
  xml_attr(&x, "name", basename_of(p->program));
  put_rates(&x, export_profile_totals(p));
  xml_start(&x, "classes");
  for (size_t i = 0, end; i < p->nfunctions; i = end) {
    end = class_end(p, names, i);
    put_class(&x, &p->functions[i], &p->functions[end], names[i]);
  }
  int rc = xml_finish(&x);
  export_free_names(names, p->nfunctions);
  return rc || ferror(out) ? -1 : 0;
}
