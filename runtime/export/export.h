/* export.h - `lineprof export`: the writers of each output format
 * (export_<format>.c) and the few helpers they share (export_common.c). */
#ifndef EXPORT_H
#define EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "lprof_reader.h"

/* Each writer puts the whole profile on out. Returns 0, or -1 if memory ran
 * out or writing failed. */
int export_callgrind(FILE *out, const struct lprof_profile *p);
int export_xml(FILE *out, const struct lprof_profile *p);
int export_json(FILE *out, const struct lprof_profile *p);
int export_pprof(FILE *out, const struct lprof_profile *p);
int export_lcov(FILE *out, const struct lprof_profile *p);
/* These name source files relative to root (export_root_resolve). */
int export_cobertura(FILE *out, const struct lprof_profile *p,
                     const char *root);
int export_html(FILE *out, const struct lprof_profile *p, const char *root);

/* ---- Shared helpers (export_common.c) ---- */

/* A number as text, returned by value: export_u64(n).s */
struct export_num {
  char s[40];
};
struct export_num export_u64(uint64_t v);
/* v with `decimals` digits after the point ("12.5"). */
struct export_num export_fixed(double v, int decimals);

/* The function's source as an absolute path (its file as compiled when the
 * profile has no path). */
const char *export_source_path(const struct lprof_function *f);
/* End of the run of functions from i with the same export_source_path
 * (the profile's functions are sorted by path). */
size_t export_source_end(const struct lprof_profile *p, size_t i);

/* Sums over one function's line entries (they saturate, never wrap). */
struct export_totals {
  uint64_t hits, time_ns;
  uint64_t self_ns;      /* time less that of the profiled calls made */
  uint64_t alloc, freed; /* bytes allocated and freed (memory profiles) */
  size_t lines, covered; /* statement lines; those with hits */
};
struct export_totals export_function_totals(const struct lprof_function *f);
/* Adds the sums of b to a. */
void export_add_totals(struct export_totals *a, const struct export_totals *b);
/* The same over every function of the profile. */
struct export_totals export_profile_totals(const struct lprof_profile *p);

/* "off", "exact", "sample" or "auto": PROG.timer_mode and the timing of
 * PROG.flags as a word. */
const char *export_timer_name(const struct lprof_profile *p);
/* "none", "perf", "perf-user" or "timer": PROG.sample_source as a word. */
const char *export_sample_source_name(const struct lprof_profile *p);
/* "off", "heap", "rss" or "sampled": lprof_memory_mode(p) as a word. */
const char *export_memory_name(const struct lprof_profile *p);

/* ---- File names relative to --root (export_root.c) ---- */

/* dir as an absolute path with symbolic links resolved (malloc'd), or NULL
 * with errno set when it is missing or not a directory. */
char *export_root_resolve(const char *dir);
/* Each function's source file by the name a report gives it (names[i] for
 * p->functions[i]): relative to root when the file is under it, else its
 * absolute path, which, when warn_for (a format's name) is not NULL, a
 * warning on stderr names once. NULL when out of memory. */
char **export_file_names(const struct lprof_profile *p, const char *root,
                         const char *warn_for);
void export_free_names(char **names, size_t n);

/* An XML document written with libxml2's xmlTextWriter (export_xml.c).
 * The first failure sets `failed`; later calls do nothing. */
struct xml_out {
  void *writer; /* xmlTextWriterPtr */
  int failed;
};
/* Starts the document on out. */
void xml_begin(struct xml_out *x, FILE *out);
void xml_start(struct xml_out *x, const char *element);
void xml_end(struct xml_out *x);
void xml_attr(struct xml_out *x, const char *name, const char *value);
void xml_attr_u64(struct xml_out *x, const char *name, uint64_t value);
/* <element>text</element> */
void xml_text_element(struct xml_out *x, const char *element,
                      const char *text);
/* Ends every open element and frees the writer. Returns 0, or -1 if any
 * step failed. */
int xml_finish(struct xml_out *x);

/* A gzip stream written to a FILE with zlib (export_gzip.c). The first
 * failure sets `failed`; later writes do nothing. */
struct export_gzip {
  void *z; /* z_stream */
  FILE *out;
  int failed;
};
/* Returns 0, or -1 if memory ran out. */
int export_gzip_begin(struct export_gzip *g, FILE *out);
void export_gzip_write(struct export_gzip *g, const void *data, size_t len);
/* Ends the stream and frees it. Returns 0, or -1 if any step failed. */
int export_gzip_finish(struct export_gzip *g);

#endif
