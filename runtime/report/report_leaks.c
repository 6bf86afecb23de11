/* report_leaks.c - `lineprof show --leaks`: the leak report stored in a
 * .lprof (LEAK record), as the runtime printed it at exit, with the source
 * line that allocated each group (source_file.c). */
#include "report_leaks.h"

#include <string.h>

#include "lprof_format.h"
#include "lprof_reader.h"
#include "source_file.h"

static const char *type_of(const struct lprof_leak *l) {
  return *l->type ? l->type : "-";
}

/* The allocating line's text, leading blanks dropped; "" if unknown. */
static const char *line_text(struct source_cache *sc, const struct lprof_leak *l,
                             size_t *len) {
  const struct source_file *src =
      *l->file ? source_cache_get(sc, l->file, l->file) : NULL;
  const char *t = src ? source_file_line(src, l->line, len) : NULL;
  if (!t)
    return *len = 0, "";
  while (*len && (*t == ' ' || *t == '\t'))
    t++, (*len)--;
  return t;
}

int report_leaks(FILE *out, const struct lprof_profile *p) {
  uint64_t count = 0, bytes = 0;
  int width = 4;
  for (size_t i = 0; i < p->nleaks; i++) {
    count += p->leaks[i].count, bytes += p->leaks[i].bytes;
    int w = (int)strlen(type_of(&p->leaks[i]));
    width = w > width ? w : width;
  }
  fprintf(out, LPROF_LEAK_TITLE, count, bytes);
  if (p->nleaks)
    fprintf(out, LPROF_LEAK_HEAD, width, "Type");
  struct source_cache sc = {0};
  for (size_t i = 0; i < p->nleaks; i++) {
    const struct lprof_leak *l = &p->leaks[i];
    size_t len;
    const char *text = line_text(&sc, l, &len);
    fprintf(out, LPROF_LEAK_ROW "%s%.*s\n", l->count, l->bytes, width,
            type_of(l), l->where, len ? "  " : "", (int)len, text);
  }
  source_cache_free(&sc);
  return ferror(out) ? -1 : 0;
}
