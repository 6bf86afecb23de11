/* export_pprof.c - `lineprof export --format=pprof`: the profile as pprof's
 * perftools.profiles.Profile (profile.proto), packed by protobuf-c and
 * gzip-compressed (export_gzip.c), which `go tool pprof`, Speedscope and
 * continuous-profiling services read. Every executed statement line is a
 * Location of one Line (function and line number) and a Sample on it alone,
 * with the values hits/count, time/nanoseconds (callees included),
 * self/nanoseconds (the default: it adds up), and alloc/bytes and
 * freed/bytes when the profile has memory. The program is the one Mapping;
 * the header's start, duration and sampling interval are the run's. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "lprof_format.h"
#include "profile.pb-c.h"

typedef Perftools__Profiles__Profile Profile;
typedef Perftools__Profiles__ValueType ValueType;
typedef Perftools__Profiles__Mapping Mapping;
typedef Perftools__Profiles__Function Function;
typedef Perftools__Profiles__Location Location;
typedef Perftools__Profiles__Line Line;
typedef Perftools__Profiles__Sample Sample;

enum { HITS, TIME, SELF, ALLOC, FREED, NVALUES_MAX };
static const char *const value_types[NVALUES_MAX][2] = {
    {"hits", "count"},  {"time", "nanoseconds"}, {"self", "nanoseconds"},
    {"alloc", "bytes"}, {"freed", "bytes"},
};

/* The message and the arrays it points into. */
struct pprof {
  Profile profile;
  size_t nvalues; /* per sample: 3, or NVALUES_MAX with memory */
  ValueType types[NVALUES_MAX], *type_ptrs[NVALUES_MAX], period_type;
  Mapping program, *program_ptr;
  Function *functions, **function_ptrs;
  Location *locations, **location_ptrs;
  Line *lines, **line_ptrs;
  Sample *samples, **sample_ptrs;
  int64_t *values;
  uint64_t *location_ids;
  char **strings;
};

static int executed(const struct lprof_line *l) {
  return l->hits || l->time_ns || l->self_ns;
}

static int64_t clamp(uint64_t v) { return v > INT64_MAX ? INT64_MAX : (int64_t)v; }

/* Appends s to the string table (it has room); returns its index. */
static int64_t add_string(struct pprof *pp, const char *s) {
  Profile *m = &pp->profile;
  m->string_table[m->n_string_table] = (char *)s;
  return (int64_t)m->n_string_table++;
}

/* The index of s, added unless the table has it: for the few fixed words. */
static int64_t intern(struct pprof *pp, const char *s) {
  for (size_t i = 0; i < pp->profile.n_string_table; i++)
    if (!strcmp(pp->profile.string_table[i], s))
      return (int64_t)i;
  return add_string(pp, s);
}

static void free_arrays(struct pprof *pp) {
  free(pp->functions), free(pp->function_ptrs);
  free(pp->locations), free(pp->location_ptrs);
  free(pp->lines), free(pp->line_ptrs);
  free(pp->samples), free(pp->sample_ptrs);
  free(pp->values), free(pp->location_ids);
  free(pp->strings);
}

/* Room for nf functions and n executed lines. Returns 0, or -1. */
static int alloc_arrays(struct pprof *pp, size_t nf, size_t n) {
  pp->functions = calloc(nf + 1, sizeof *pp->functions);
  pp->function_ptrs = calloc(nf + 1, sizeof *pp->function_ptrs);
  pp->locations = calloc(n + 1, sizeof *pp->locations);
  pp->location_ptrs = calloc(n + 1, sizeof *pp->location_ptrs);
  pp->lines = calloc(n + 1, sizeof *pp->lines);
  pp->line_ptrs = calloc(n + 1, sizeof *pp->line_ptrs);
  pp->samples = calloc(n + 1, sizeof *pp->samples);
  pp->sample_ptrs = calloc(n + 1, sizeof *pp->sample_ptrs);
  pp->values = calloc(n * pp->nvalues + 1, sizeof *pp->values);
  pp->location_ids = calloc(n + 1, sizeof *pp->location_ids);
  /* "", the value types' words, "cpu", the program, and each function's
   * name and path */
  pp->strings = calloc(2 * NVALUES_MAX + 3 + 2 * nf, sizeof *pp->strings);
  pp->profile.string_table = pp->strings;
  return pp->functions && pp->function_ptrs && pp->locations &&
                 pp->location_ptrs && pp->lines && pp->line_ptrs &&
                 pp->samples && pp->sample_ptrs && pp->values &&
                 pp->location_ids && pp->strings
             ? 0
             : -1;
}

/* The string table's "", then sample_type and the default (self). */
static void put_sample_types(struct pprof *pp) {
  Profile *m = &pp->profile;
  add_string(pp, "");
  for (size_t i = 0; i < pp->nvalues; i++) {
    perftools__profiles__value_type__init(&pp->types[i]);
    pp->types[i].type = intern(pp, value_types[i][0]);
    pp->types[i].unit = intern(pp, value_types[i][1]);
    pp->type_ptrs[i] = &pp->types[i];
  }
  m->sample_type = pp->type_ptrs;
  m->n_sample_type = pp->nvalues;
  m->default_sample_type = pp->types[SELF].type;
}

/* The one Mapping, the program, with its functions, files and lines all
 * given (pprof then looks for no binary to find them in), and the start,
 * duration and sampling period of the run. */
static void put_program(struct pprof *pp, const struct lprof_profile *p) {
  Profile *m = &pp->profile;
  perftools__profiles__mapping__init(&pp->program);
  pp->program.id = 1;
  pp->program.filename = add_string(pp, p->program);
  pp->program.has_functions = pp->program.has_filenames =
      pp->program.has_line_numbers = 1;
  pp->program_ptr = &pp->program;
  m->mapping = &pp->program_ptr;
  m->n_mapping = 1;
  m->time_nanos = clamp(p->start_unix_ns);
  m->duration_nanos = clamp(p->duration_ns);
  if (p->timer_mode == LPROF_TIMER_EXACT &&
      lprof_timing(p) != LPROF_TIMING_EXACT && p->sample_us && p->samples) {
    /* times were sampled, every sample_us of CPU time */
    perftools__profiles__value_type__init(&pp->period_type);
    pp->period_type.type = intern(pp, "cpu");
    pp->period_type.unit = intern(pp, "nanoseconds");
    m->period_type = &pp->period_type;
    m->period = (int64_t)p->sample_us * 1000;
  }
}

/* A Function per profiled function, with id i + 1. */
static void put_functions(struct pprof *pp, const struct lprof_profile *p) {
  int64_t path = 0;
  for (size_t i = 0; i < p->nfunctions; i++) {
    const struct lprof_function *f = &p->functions[i];
    Function *fn = &pp->functions[i];
    perftools__profiles__function__init(fn);
    fn->id = i + 1;
    fn->name = fn->system_name = add_string(pp, f->name);
    /* functions are sorted by path: a path is added once */
    if (!i || strcmp(export_source_path(f), export_source_path(f - 1)))
      path = add_string(pp, export_source_path(f));
    fn->filename = path;
    fn->start_line = f->first_line;
    pp->function_ptrs[i] = fn;
  }
  pp->profile.function = pp->function_ptrs;
  pp->profile.n_function = p->nfunctions;
}

/* The line's values, in value_types' order. */
static void put_values(int64_t *v, size_t nvalues, const struct lprof_line *l) {
  const uint64_t all[NVALUES_MAX] = {l->hits, l->time_ns, l->self_ns, l->alloc,
                                     l->freed};
  for (size_t i = 0; i < nvalues; i++)
    v[i] = clamp(all[i]);
}

/* Location and Sample k (id k + 1) for line l of function id fid. */
static void put_line(struct pprof *pp, size_t k, uint64_t fid,
                     const struct lprof_line *l) {
  Line *ln = &pp->lines[k];
  Location *loc = &pp->locations[k];
  Sample *s = &pp->samples[k];
  perftools__profiles__line__init(ln);
  ln->function_id = fid;
  ln->line = l->line;
  pp->line_ptrs[k] = ln;
  perftools__profiles__location__init(loc);
  loc->id = k + 1;
  loc->mapping_id = pp->program.id;
  loc->n_line = 1;
  loc->line = &pp->line_ptrs[k];
  pp->location_ptrs[k] = loc;
  perftools__profiles__sample__init(s);
  pp->location_ids[k] = loc->id;
  s->n_location_id = 1;
  s->location_id = &pp->location_ids[k];
  s->n_value = pp->nvalues;
  s->value = &pp->values[k * pp->nvalues];
  put_values(s->value, pp->nvalues, l);
  pp->sample_ptrs[k] = s;
}

static size_t count_executed(const struct lprof_profile *p) {
  size_t n = 0;
  for (size_t i = 0; i < p->nfunctions; i++)
    for (size_t j = 0; j < p->functions[i].nlines; j++)
      n += executed(&p->functions[i].lines[j]);
  return n;
}

/* A Location and a Sample per executed line. */
static void put_lines(struct pprof *pp, const struct lprof_profile *p) {
  size_t k = 0;
  for (size_t i = 0; i < p->nfunctions; i++)
    for (size_t j = 0; j < p->functions[i].nlines; j++)
      if (executed(&p->functions[i].lines[j]))
        put_line(pp, k++, i + 1, &p->functions[i].lines[j]);
  pp->profile.location = pp->location_ptrs;
  pp->profile.n_location = k;
  pp->profile.sample = pp->sample_ptrs;
  pp->profile.n_sample = k;
}

/* protobuf-c's output, into the gzip stream. */
struct gzip_buffer {
  ProtobufCBuffer base;
  struct export_gzip gz;
};

static void append(ProtobufCBuffer *b, size_t len, const uint8_t *data) {
  export_gzip_write(&((struct gzip_buffer *)b)->gz, data, len);
}

static int write_gzip(FILE *out, const Profile *m) {
  struct gzip_buffer b = {.base = {append}};
  if (export_gzip_begin(&b.gz, out))
    return -1;
  perftools__profiles__profile__pack_to_buffer(m, &b.base);
  return export_gzip_finish(&b.gz);
}

int export_pprof(FILE *out, const struct lprof_profile *p) {
  struct pprof pp = {.nvalues = lprof_memory_mode(p) != LPROF_MEMORY_OFF
                                    ? NVALUES_MAX
                                    : SELF + 1};
  perftools__profiles__profile__init(&pp.profile);
  int rc = alloc_arrays(&pp, p->nfunctions, count_executed(p));
  if (!rc) {
    put_sample_types(&pp);
    put_program(&pp, p);
    put_functions(&pp, p);
    put_lines(&pp, p);
    rc = write_gzip(out, &pp.profile);
  }
  free_arrays(&pp);
  return rc || ferror(out) ? -1 : 0;
}
