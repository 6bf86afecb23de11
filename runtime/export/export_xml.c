/* export_xml.c - `lineprof export --format=xml`: the whole profile in
 * lineprof's own XML vocabulary (schema: docs/lineprof.rng); and the small
 * layer over libxml2's xmlTextWriter that it shares with the Cobertura
 * writer (export_cobertura.c). */
#include "export.h"

#include <libxml/xmlwriter.h>

#include "lprof_format.h"

/* ---- The writer layer ---- */

static xmlTextWriterPtr writer(struct xml_out *x) {
  return x->failed ? NULL : (xmlTextWriterPtr)x->writer;
}

static void check(struct xml_out *x, int rc) {
  if (rc < 0)
    x->failed = 1;
}

static const xmlChar *xs(const char *s) { return (const xmlChar *)s; }

void xml_begin(struct xml_out *x, FILE *out) {
  x->failed = 0;
  x->writer = NULL;
  xmlOutputBufferPtr buf = xmlOutputBufferCreateFile(out, NULL);
  xmlTextWriterPtr w = buf ? xmlNewTextWriter(buf) : NULL;
  if (!w) {
    if (buf)
      xmlOutputBufferClose(buf);
    x->failed = 1;
    return;
  }
  x->writer = w;
  check(x, xmlTextWriterSetIndent(w, 1));
  check(x, xmlTextWriterSetIndentString(w, xs("  ")));
  check(x, xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
}

void xml_start(struct xml_out *x, const char *element) {
  if (writer(x))
    check(x, xmlTextWriterStartElement(writer(x), xs(element)));
}

void xml_end(struct xml_out *x) {
  if (writer(x))
    check(x, xmlTextWriterEndElement(writer(x)));
}

void xml_attr(struct xml_out *x, const char *name, const char *value) {
  if (writer(x))
    check(x, xmlTextWriterWriteAttribute(writer(x), xs(name), xs(value)));
}

void xml_attr_u64(struct xml_out *x, const char *name, uint64_t value) {
  xml_attr(x, name, export_u64(value).s);
}

void xml_text_element(struct xml_out *x, const char *element,
                      const char *text) {
  if (writer(x))
    check(x, xmlTextWriterWriteElement(writer(x), xs(element), xs(text)));
}

int xml_finish(struct xml_out *x) {
  if (writer(x))
    check(x, xmlTextWriterEndDocument(writer(x)));
  if (x->writer)
    xmlFreeTextWriter(x->writer); /* flushes; does not close the FILE */
  x->writer = NULL;
  return x->failed ? -1 : 0;
}

/* ---- The lineprof vocabulary ---- */

static void put_program(struct xml_out *x, const struct lprof_profile *p) {
  xml_start(x, "program");
  xml_attr(x, "path", p->program);
  xml_attr(x, "hostname", p->hostname);
  xml_attr_u64(x, "pid", p->pid);
  xml_attr_u64(x, "start-unix-ns", p->start_unix_ns);
  xml_attr_u64(x, "duration-ns", p->duration_ns);
  xml_end(x);
}

static void put_timer(struct xml_out *x, const struct lprof_profile *p) {
  xml_start(x, "timer");
  xml_attr(x, "mode", export_timer_name(p));
  xml_attr_u64(x, "cycles-per-second", p->cycles_per_second);
  xml_attr_u64(x, "calibration-ns", p->calibration_ns);
  xml_attr_u64(x, "probe-cost-ps", p->probe_cost_ps);
  xml_attr(x, "probe-cost-subtracted", p->flags & LPROF_FLAG_PROBE_COST ? "true" : "false");
  xml_attr_u64(x, "sample-us", p->sample_us);
  xml_attr_u64(x, "auto-ms", p->auto_ms);
  xml_attr(x, "auto-switched", p->flags & LPROF_FLAG_SWITCHED ? "true" : "false");
  xml_attr_u64(x, "samples", p->samples);
  xml_attr(x, "sample-source", export_sample_source_name(p));
  xml_attr_u64(x, "sample-mean-ns", p->sample_mean_ns);
  xml_end(x);
}

/* What the memory figures measure: heap, rss or off (none). */
static void put_memory(struct xml_out *x, const struct lprof_profile *p) {
  xml_start(x, "memory");
  xml_attr(x, "mode", export_memory_name(p));
  xml_end(x);
}

static void put_line(struct xml_out *x, const struct lprof_line *l,
                     int memory) {
  xml_start(x, "line");
  xml_attr_u64(x, "number", l->line);
  xml_attr_u64(x, "hits", l->hits);
  xml_attr_u64(x, "time-ns", l->time_ns);
  xml_attr_u64(x, "self-ns", l->self_ns);
  xml_attr_u64(x, "samples", l->samples);
  if (memory) {
    xml_attr_u64(x, "alloc-bytes", l->alloc);
    xml_attr_u64(x, "freed-bytes", l->freed);
    xml_attr_u64(x, "usage-bytes", l->usage);
    xml_attr_u64(x, "peak-bytes", l->peak);
  }
  xml_end(x);
}

static void put_function(struct xml_out *x, const struct lprof_function *f,
                         int memory) {
  struct export_totals t = export_function_totals(f);
  xml_start(x, "function");
  xml_attr(x, "name", f->name);
  xml_attr(x, "file", f->file);
  xml_attr(x, "path", f->path);
  xml_attr_u64(x, "first-line", f->first_line);
  xml_attr_u64(x, "last-line", f->last_line);
  xml_attr_u64(x, "hits", t.hits);
  xml_attr_u64(x, "time-ns", t.time_ns);
  xml_attr_u64(x, "self-ns", t.self_ns);
  if (memory) {
    xml_attr_u64(x, "alloc-bytes", t.alloc);
    xml_attr_u64(x, "freed-bytes", t.freed);
  }
  for (size_t i = 0; i < f->nlines; i++)
    put_line(x, &f->lines[i], memory);
  xml_end(x);
}

int export_xml(FILE *out, const struct lprof_profile *p) {
  struct xml_out x;
  xml_begin(&x, out);
  xml_start(&x, "lineprof");
  xml_attr(&x, "version", "1");
  put_program(&x, p);
  put_timer(&x, p);
  put_memory(&x, p);
  int memory = lprof_memory_mode(p) != LPROF_MEMORY_OFF;
  for (size_t i = 0; i < p->nfunctions; i++)
    put_function(&x, &p->functions[i], memory);
  return xml_finish(&x) || ferror(out) ? -1 : 0;
}
