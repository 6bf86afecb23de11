/* export_json.c - `lineprof export --format=json`: the whole profile as one
 * JSON object, for scripts (layout in docs/export-formats.md). Strings are
 * the file's bytes with JSON's escapes; numbers are exact integers. */
#include "export.h"
#include "lprof_format.h"

/* s as a JSON string: quotes, backslashes and control characters escaped;
 * other bytes (UTF-8) as they are. */
static void put_string(FILE *out, const char *s) {
  fputc('"', out);
  for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
    if (*c == '"' || *c == '\\')
      fprintf(out, "\\%c", *c);
    else if (*c < 0x20)
      fprintf(out, "\\u%04x", *c);
    else
      fputc(*c, out);
  }
  fputc('"', out);
}

/* `"key": "value"` and `"key": number`, after `sep`. */
static void put_str_member(FILE *out, const char *sep, const char *key,
                           const char *value) {
  fprintf(out, "%s\"%s\": ", sep, key);
  put_string(out, value);
}

static void put_num_member(FILE *out, const char *sep, const char *key,
                           uint64_t value) {
  fprintf(out, "%s\"%s\": %s", sep, key, export_u64(value).s);
}

static void put_program(FILE *out, const struct lprof_profile *p) {
  put_str_member(out, "  \"program\": {", "path", p->program);
  put_str_member(out, ", ", "hostname", p->hostname);
  put_num_member(out, ", ", "pid", p->pid);
  put_num_member(out, ", ", "start_unix_ns", p->start_unix_ns);
  put_num_member(out, ", ", "duration_ns", p->duration_ns);
  fputs("},\n", out);
}

static void put_timer(FILE *out, const struct lprof_profile *p) {
  put_str_member(out, "  \"timer\": {", "mode", export_timer_name(p));
  put_num_member(out, ", ", "cycles_per_second", p->cycles_per_second);
  put_num_member(out, ", ", "calibration_ns", p->calibration_ns);
  put_num_member(out, ", ", "probe_cost_ps", p->probe_cost_ps);
  fprintf(out, ", \"probe_cost_subtracted\": %s",
          p->flags & LPROF_FLAG_PROBE_COST ? "true" : "false");
  put_num_member(out, ", ", "sample_us", p->sample_us);
  put_num_member(out, ", ", "auto_ms", p->auto_ms);
  put_num_member(out, ", ", "samples", p->samples);
  put_str_member(out, ", ", "sample_source", export_sample_source_name(p));
  put_num_member(out, ", ", "sample_mean_ns", p->sample_mean_ns);
  fprintf(out, ", \"auto_switched\": %s},\n",
          p->flags & LPROF_FLAG_SWITCHED ? "true" : "false");
}

/* What the memory figures measure: heap, rss or off (none). */
static void put_memory(FILE *out, const struct lprof_profile *p) {
  put_str_member(out, "  \"memory\": {", "mode", export_memory_name(p));
  fputs("},\n", out);
}

static void put_alloc_freed(FILE *out, uint64_t alloc, uint64_t freed) {
  put_num_member(out, ", ", "alloc_bytes", alloc);
  put_num_member(out, ", ", "freed_bytes", freed);
}

static void put_line(FILE *out, const struct lprof_line *l, const char *sep,
                     int memory) {
  put_num_member(out, sep, "line", l->line);
  put_num_member(out, ", ", "hits", l->hits);
  put_num_member(out, ", ", "time_ns", l->time_ns);
  put_num_member(out, ", ", "self_ns", l->self_ns);
  put_num_member(out, ", ", "samples", l->samples);
  if (memory) {
    put_alloc_freed(out, l->alloc, l->freed);
    put_num_member(out, ", ", "usage_bytes", l->usage);
    put_num_member(out, ", ", "peak_bytes", l->peak);
  }
  fputc('}', out);
}

static void put_function(FILE *out, const struct lprof_function *f,
                         int memory) {
  struct export_totals t = export_function_totals(f);
  put_str_member(out, "    {", "name", f->name);
  put_str_member(out, ", ", "file", f->file);
  put_str_member(out, ", ", "path", f->path);
  put_num_member(out, ",\n     ", "first_line", f->first_line);
  put_num_member(out, ", ", "last_line", f->last_line);
  put_num_member(out, ", ", "hits", t.hits);
  put_num_member(out, ", ", "time_ns", t.time_ns);
  put_num_member(out, ", ", "self_ns", t.self_ns);
  if (memory)
    put_alloc_freed(out, t.alloc, t.freed);
  fputs(",\n     \"lines\": [", out);
  for (size_t i = 0; i < f->nlines; i++)
    put_line(out, &f->lines[i], i ? ",\n       {" : "\n       {", memory);
  fputs("]}", out);
}

int export_json(FILE *out, const struct lprof_profile *p) {
  fputs("{\n  \"format\": \"lineprof\", \"version\": 1,\n", out);
  put_program(out, p);
  put_timer(out, p);
  put_memory(out, p);
  int memory = lprof_memory_mode(p) != LPROF_MEMORY_OFF;
  fputs("  \"functions\": [", out);
  for (size_t i = 0; i < p->nfunctions; i++) {
    fputs(i ? ",\n" : "\n", out);
    put_function(out, &p->functions[i], memory);
  }
  fputs("\n  ]\n}\n", out);
  return ferror(out) ? -1 : 0;
}
