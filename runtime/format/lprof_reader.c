/* lprof_reader.c - the .lprof reader: checks the header, the record chain
 * and the END! checksum, then decodes PROG, FUNC (and its TIMF, MEMF and
 * CALL), MISS and LEAK records into a
 * struct lprof_profile, rejecting every field out of range (see "What a
 * reader rejects" in docs/lprof-format.md). Never reads outside the input;
 * every allocation is bounded by the input's size. */
#include "lprof_reader.h"
#include "lprof_raw.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lineprof_counters.h"
#include "lprof_format.h"
#include "lprof_records.inc"

/* Where error messages go. */
struct errbuf {
  char *text;
  size_t len;
};

__attribute__((format(printf, 2, 3))) static int fail(struct errbuf *e,
                                                      const char *fmt, ...) {
  if (e->len) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->text, e->len, fmt, ap);
    va_end(ap);
  }
  return -1;
}

static uint32_t load_u32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

/* ---- Bounded decoding of one record's payload ---- */

struct cursor {
  const unsigned char *p;
  size_t left;
  const char *record; /* "PROG", "FUNC": for messages */
};

static int get_u32(struct cursor *c, uint32_t *v, struct errbuf *e) {
  *v = 0; /* defined on failure too: callers need not be proven careful */
  if (c->left < 4)
    return fail(e, "bad %s record (shorter than its fields)", c->record);
  *v = load_u32(c->p);
  c->p += 4;
  c->left -= 4;
  return 0;
}

static int get_u64(struct cursor *c, uint64_t *v, struct errbuf *e) {
  uint32_t lo = 0, hi = 0;
  if (get_u32(c, &lo, e) || get_u32(c, &hi, e))
    return -1;
  *v = (uint64_t)hi << 32 | lo;
  return 0;
}

static int get_str(struct cursor *c, char **out, struct errbuf *e) {
  uint32_t n;
  if (get_u32(c, &n, e))
    return -1;
  if (n > LPROF_MAX_STRING)
    return fail(e, "bad %s record (string of %u bytes, the limit is %u)",
                c->record, n, LPROF_MAX_STRING);
  if (n > c->left)
    return fail(e, "bad %s record (string runs past the record)", c->record);
  if (memchr(c->p, '\0', n))
    return fail(e, "bad %s record (string contains a NUL byte)", c->record);
  if (!(*out = malloc((size_t)n + 1)))
    return fail(e, "out of memory");
  memcpy(*out, c->p, n);
  (*out)[n] = '\0';
  c->p += n;
  c->left -= n;
  return 0;
}

/* A u32 that must be read but means nothing yet (written as 0). */
static int skip_u32(struct cursor *c, struct errbuf *e) {
  uint32_t v;
  return get_u32(c, &v, e);
}

/* The fields of lprof_records.inc, read into to->name: each expansion is
 * "get(...) ||", so a list reads as `if (LIST(GET_FIELD) 0)`. */
#define GET_str(name) get_str(c, &to->name, e)
#define GET_u32(name) get_u32(c, &to->name, e)
#define GET_u64(name) get_u64(c, &to->name, e)
#define GET_zero32(name) skip_u32(c, e)
#define GET_FIELD(type, name) GET_##type(name) ||

static int get_leak(struct cursor *c, struct lprof_leak *to, struct errbuf *e) {
  return LPROF_LEAK_FIELDS(GET_FIELD) 0;
}

static int get_call(struct cursor *c, struct lprof_call *to, struct errbuf *e) {
  return LPROF_CALL_FIELDS(GET_FIELD) 0;
}

static int expect_end(const struct cursor *c, struct errbuf *e) {
  if (c->left)
    return fail(e, "bad %s record (%zu bytes more than its fields)", c->record,
                c->left);
  return 0;
}

/* ---- Functions: freeing, ordering, merging ---- */

static void calls_free(struct lprof_call *calls, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(calls[i].callee);
  free(calls);
}

static void function_free(struct lprof_function *f) {
  calls_free(f->calls, f->ncalls);
  free(f->name);
  free(f->file);
  free(f->path);
  free(f->lines);
  memset(f, 0, sizeof *f);
}

static void leaks_free(struct lprof_leak *l, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(l[i].type);
    free(l[i].where);
    free(l[i].file);
  }
  free(l);
}

void lprof_profile_free(struct lprof_profile *p) {
  leaks_free(p->leaks, p->nleaks);
  for (size_t i = 0; i < p->nfunctions; i++)
    function_free(&p->functions[i]);
  free(p->functions);
  for (size_t i = 0; i < p->nnot_found; i++)
    free(p->not_found[i]);
  free(p->not_found);
  free(p->program);
  free(p->hostname);
  memset(p, 0, sizeof *p);
}

size_t lprof_profile_keep_function(struct lprof_profile *p,
                                   const char *name) {
  size_t kept = 0;
  for (size_t i = 0; i < p->nfunctions; i++) {
    if (strcmp(p->functions[i].name, name))
      function_free(&p->functions[i]);
    else
      p->functions[kept++] = p->functions[i];
  }
  p->nfunctions = kept;
  return kept;
}

int lprof_function_cmp(const struct lprof_function *a,
                       const struct lprof_function *b) {
  int c = strcmp(a->path, b->path);
  if (c)
    return c;
  if (a->first_line != b->first_line)
    return a->first_line < b->first_line ? -1 : 1;
  return strcmp(a->name, b->name);
}

static int key_cmp(const void *a, const void *b) {
  return lprof_function_cmp(a, b);
}

/* Adds b's lines to a's (union of lines; each count by the rule of
 * lineprof_counters.h). */
static int merge_lines(struct lprof_function *a, const struct lprof_function *b,
                       struct errbuf *e) {
  if (b->last_line > a->last_line)
    a->last_line = b->last_line;
  if (!b->nlines)
    return 0;
  struct lprof_line *m = malloc((a->nlines + b->nlines) * sizeof *m);
  if (!m)
    return fail(e, "out of memory");
  size_t i = 0, j = 0, n = 0;
  while (i < a->nlines || j < b->nlines) {
    if (j == b->nlines ||
        (i < a->nlines && a->lines[i].line < b->lines[j].line)) {
      m[n++] = a->lines[i++];
    } else if (i == a->nlines || b->lines[j].line < a->lines[i].line) {
      m[n++] = b->lines[j++];
    } else {
      m[n] = a->lines[i++];
#define FOLD_FIELD(array, field, fold)                                         \
  m[n].field = lineprof_fold(lineprof_line_fold(LINEPROF_FOLD_##fold),       \
                             m[n].field, b->lines[j].field);
      LINEPROF_COUNTERS(FOLD_FIELD)
#undef FOLD_FIELD
      n++, j++;
    }
  }
  free(a->lines);
  a->lines = m;
  a->nlines = n;
  return 0;
}

static int call_cmp(const void *a, const void *b) {
  const struct lprof_call *x = a, *y = b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return strcmp(x->callee, y->callee);
}

/* Sorts f's calls by (line, callee) and sums the counts of equal ones. */
static void normalize_calls(struct lprof_function *f) {
  struct lprof_call *c = f->calls;
  if (f->ncalls > 1)
    qsort(c, f->ncalls, sizeof *c, call_cmp);
  size_t out = 0;
  for (size_t i = 0; i < f->ncalls; i++) {
    if (out && !call_cmp(&c[out - 1], &c[i])) {
      c[out - 1].count =
          lineprof_fold(LINEPROF_FOLD_SUM, c[out - 1].count, c[i].count);
      free(c[i].callee);
    } else {
      c[out++] = c[i];
    }
  }
  f->ncalls = out;
}

/* Appends the *nsrc elements (of `size` bytes) of the array *src to the
 * *ndst of the array *dst, then frees and empties *src; dst and src are
 * the addresses of the two array pointers. */
static int move_array(void *dst, size_t *ndst, void *src, size_t *nsrc,
                      size_t size, struct errbuf *e) {
  char *to, *from;
  memcpy(&to, dst, sizeof to);
  memcpy(&from, src, sizeof from);
  if (!*nsrc)
    return 0;
  char *grown = realloc(to, (*ndst + *nsrc) * size);
  if (!grown)
    return fail(e, "out of memory");
  memcpy(grown + *ndst * size, from, *nsrc * size);
  free(from);
  from = NULL;
  memcpy(dst, &grown, sizeof grown);
  memcpy(src, &from, sizeof from);
  *ndst += *nsrc;
  *nsrc = 0;
  return 0;
}

/* Moves b's calls into a's, summing the same (line, callee). */
static int merge_calls(struct lprof_function *a, struct lprof_function *b,
                       struct errbuf *e) {
  if (move_array(&a->calls, &a->ncalls, &b->calls, &b->ncalls,
                 sizeof *a->calls, e))
    return -1;
  normalize_calls(a);
  return 0;
}

/* Sorts p's functions by key and sums those with equal keys. On failure
 * p stays valid (possibly with some duplicates left). */
static int coalesce(struct lprof_profile *p, struct errbuf *e) {
  struct lprof_function *f = p->functions;
  if (p->nfunctions > 1)
    qsort(f, p->nfunctions, sizeof *f, key_cmp);
  size_t out = 0, i = 0;
  int rc = 0;
  for (; i < p->nfunctions && !rc; i++) {
    if (out && !key_cmp(&f[out - 1], &f[i])) {
      rc = merge_lines(&f[out - 1], &f[i], e);
      if (!rc)
        rc = merge_calls(&f[out - 1], &f[i], e);
      if (!rc)
        function_free(&f[i]);
      else
        f[out++] = f[i];
    } else {
      f[out++] = f[i];
    }
  }
  for (; i < p->nfunctions; i++)
    f[out++] = f[i];
  p->nfunctions = out;
  return rc;
}

static int append_functions(struct lprof_profile *p,
                            const struct lprof_function *f, size_t n,
                            struct errbuf *e) {
  if (n == 0) /* f may be NULL then, which memcpy does not allow */
    return 0;
  if (n > SIZE_MAX / sizeof *f - p->nfunctions)
    return fail(e, "out of memory");
  struct lprof_function *grown =
      realloc(p->functions, (p->nfunctions + n) * sizeof *f);
  if (!grown)
    return fail(e, "out of memory");
  memcpy(grown + p->nfunctions, f, n * sizeof *f);
  p->functions = grown;
  p->nfunctions += n;
  return 0;
}

/* Adds name to p's not-found list unless it is there already; takes it. */
static int add_not_found(struct lprof_profile *p, char *name,
                         struct errbuf *e) {
  for (size_t i = 0; i < p->nnot_found; i++)
    if (!strcmp(p->not_found[i], name)) {
      free(name);
      return 0;
    }
  char **grown = realloc(p->not_found, (p->nnot_found + 1) * sizeof *grown);
  if (!grown) {
    free(name);
    return fail(e, "out of memory");
  }
  grown[p->nnot_found++] = name;
  p->not_found = grown;
  return 0;
}

/* Drops the not-found names that some function of p matches (a profile
 * merged from several programs' parts may have found them after all). */
static void prune_not_found(struct lprof_profile *p) {
  size_t out = 0;
  for (size_t i = 0; i < p->nnot_found; i++) {
    int found = 0;
    for (size_t k = 0; k < p->nfunctions && !found; k++)
      found = !fnmatch(p->not_found[i], p->functions[k].name, 0);
    if (found)
      free(p->not_found[i]);
    else
      p->not_found[out++] = p->not_found[i];
  }
  p->nnot_found = out;
}

static int merge_not_found(struct lprof_profile *dst,
                           struct lprof_profile *src, struct errbuf *e) {
  int rc = 0;
  for (size_t i = 0; i < src->nnot_found; i++) {
    if (!rc)
      rc = add_not_found(dst, src->not_found[i], e);
    else
      free(src->not_found[i]);
  }
  src->nnot_found = 0;
  return rc;
}

/* Appends src's leak groups to dst's (src keeps none). */
static int merge_leaks(struct lprof_profile *dst, struct lprof_profile *src,
                       struct errbuf *e) {
  dst->has_leaks |= src->has_leaks;
  return move_array(&dst->leaks, &dst->nleaks, &src->leaks, &src->nleaks,
                    sizeof *dst->leaks, e);
}

int lprof_profile_merge(struct lprof_profile *dst, struct lprof_profile *src,
                        char *err, size_t errlen) {
  struct errbuf e = {err, errlen};
  dst->samples = lineprof_fold(LINEPROF_FOLD_SUM, dst->samples, src->samples);
  if (!dst->sample_mean_ns)
    dst->sample_mean_ns = src->sample_mean_ns;
  int rc = merge_not_found(dst, src, &e);
  if (!rc)
    rc = merge_leaks(dst, src, &e);
  if (!rc)
    rc = append_functions(dst, src->functions, src->nfunctions, &e);
  if (!rc) {
    free(src->functions); /* the functions themselves now belong to dst */
    src->functions = NULL;
    src->nfunctions = 0;
    rc = coalesce(dst, &e);
  }
  prune_not_found(dst);
  lprof_profile_free(src);
  return rc;
}

/* ---- Records ---- */

static int parse_prog(struct cursor *c, struct lprof_profile *p,
                      struct errbuf *e) {
  struct lprof_profile *to = p;
  if (LPROF_PROG_FIELDS(GET_FIELD) 0)
    return -1;
  /* Files written before the timer modes end here. */
  if (c->left && (LPROF_PROG_LATER_FIELDS(GET_FIELD) 0))
    return -1;
  if (c->left && (LPROF_PROG_SAMPLING_FIELDS(GET_FIELD) 0))
    return -1;
  if (p->sample_source > LPROF_SAMPLE_TIMER)
    return fail(e, "bad PROG record (unknown sample source %u)",
                p->sample_source);
  if (p->timer_mode > LPROF_TIMER_EXACT)
    return fail(e, "bad PROG record (unknown timer mode %u)", p->timer_mode);
  if (lprof_timing(p) > LPROF_TIMING_AUTO)
    return fail(e, "bad PROG record (unknown timing %u)", lprof_timing(p));
  return expect_end(c, e);
}

unsigned lprof_memory_mode(const struct lprof_profile *p) {
  return (p->flags & LPROF_FLAG_MEMORY_MASK) >> LPROF_FLAG_MEMORY_SHIFT;
}

const char *lprof_memory_words(const struct lprof_profile *p) {
  switch (lprof_memory_mode(p)) {
  case LPROF_MEMORY_HEAP:
    return "heap bytes, counted exactly";
  case LPROF_MEMORY_RSS:
    return "resident set size";
  case LPROF_MEMORY_SAMPLED:
    return "heap bytes, estimated from a sample of the blocks";
  default:
    return "not measured";
  }
}

unsigned lprof_timing(const struct lprof_profile *p) {
  return (p->flags & LPROF_FLAG_TIMING_MASK) >> LPROF_FLAG_TIMING_SHIFT;
}

/* TIMF or MEMF (c->record): the timing or memory of the function just read
 * (the last one so far). */
static int parse_companion(struct cursor *c, struct lprof_profile *p,
                           uint32_t tag, struct errbuf *e) {
  struct lprof_function *f = &p->functions[p->nfunctions - 1];
  size_t len = tag == LPROF_TAG_TIMF ? LPROF_TIMING_ENTRY_LEN
                                     : LPROF_MEMORY_ENTRY_LEN;
  uint32_t n, reserved;
  if (get_u32(c, &n, e) || get_u32(c, &reserved, e))
    return -1;
  if (n != f->nlines || c->left / len != n || c->left % len != 0)
    return fail(e, "bad %s record (%u entries for a function of %zu lines)",
                c->record, n, f->nlines);
  for (uint32_t i = 0; i < n; i++) {
    struct lprof_line *to = &f->lines[i];
    if (tag == LPROF_TAG_TIMF ? (LPROF_TIMING_FIELDS(GET_FIELD) 0)
                              : (LPROF_MEMORY_FIELDS(GET_FIELD) 0))
      return -1;
  }
  return 0;
}

static int parse_line_entries(struct cursor *c, struct lprof_function *f,
                              uint32_t n, struct errbuf *e) {
  if (c->left / LPROF_LINE_ENTRY_LEN != n ||
      c->left % LPROF_LINE_ENTRY_LEN != 0)
    return fail(e, "bad FUNC record (%u line entries do not match its length)",
                n);
  if (n && !(f->lines = calloc(n, sizeof *f->lines))) /* no TIMF, MEMF: zeros */
    return fail(e, "out of memory");
  for (uint32_t i = 0; i < n; i++) {
    struct lprof_line *l = &f->lines[i], *to = l;
    if (LPROF_LINE_FIELDS(GET_FIELD) 0)
      return -1;
    f->nlines = i + 1;
    if (l->line < f->first_line || l->line > f->last_line)
      return fail(e,
                  "bad FUNC record (line %u outside the function, lines "
                  "%u-%u)",
                  l->line, f->first_line, f->last_line);
    if (i && l->line <= l[-1].line)
      return fail(e, "bad FUNC record (line entries out of order)");
  }
  return 0;
}

static int parse_func_fields(struct cursor *c, struct lprof_function *f,
                             struct errbuf *e) {
  uint32_t nlines, reserved;
  if (get_str(c, &f->name, e) || get_str(c, &f->file, e) ||
      get_str(c, &f->path, e) || get_u32(c, &f->first_line, e) ||
      get_u32(c, &f->last_line, e) || get_u32(c, &nlines, e) ||
      get_u32(c, &reserved, e))
    return -1;
  if (f->first_line == 0 || f->first_line > f->last_line)
    return fail(e, "bad FUNC record (line range %u-%u)", f->first_line,
                f->last_line);
  if (f->last_line - f->first_line >= LPROF_MAX_FUNCTION_LINES)
    return fail(e, "bad FUNC record (function longer than %u lines)",
                LPROF_MAX_FUNCTION_LINES);
  return parse_line_entries(c, f, nlines, e);
}

static int parse_func(struct cursor *c, struct lprof_profile *p,
                      struct errbuf *e) {
  struct lprof_function f = {0};
  if (parse_func_fields(c, &f, e) || append_functions(p, &f, 1, e)) {
    function_free(&f);
    return -1;
  }
  return 0;
}

static int parse_miss(struct cursor *c, struct lprof_profile *p,
                      struct errbuf *e) {
  uint32_t n;
  if (get_u32(c, &n, e))
    return -1;
  if (n > c->left / 4)
    return fail(e, "bad MISS record (%u names do not fit its length)", n);
  for (uint32_t i = 0; i < n; i++) {
    char *name;
    if (get_str(c, &name, e) || add_not_found(p, name, e))
      return -1;
  }
  return expect_end(c, e);
}

/* CALL: the calls of the function just read (at most one record). */
static int parse_calls(struct cursor *c, struct lprof_profile *p,
                       struct errbuf *e) {
  struct lprof_function *f = &p->functions[p->nfunctions - 1];
  uint32_t n, reserved;
  if (f->calls)
    return fail(e, "more than one CALL record for function %s", f->name);
  if (get_u32(c, &n, e) || get_u32(c, &reserved, e))
    return -1;
  if (n > c->left / 20) /* an empty name and the numbers */
    return fail(e, "bad CALL record (%u calls do not fit its length)", n);
  if (n && !(f->calls = calloc(n, sizeof *f->calls)))
    return fail(e, "out of memory");
  for (uint32_t i = 0; i < n; i++) {
    struct lprof_call *call = &f->calls[i];
    f->ncalls = i + 1;
    if (get_call(c, call, e))
      return -1;
    if (call->line < f->first_line || call->line > f->last_line)
      return fail(e, "bad CALL record (line %u outside the function, lines "
                     "%u-%u)", call->line, f->first_line, f->last_line);
    if (!*call->callee)
      return fail(e, "bad CALL record (a callee without a name)");
  }
  normalize_calls(f);
  return expect_end(c, e);
}

/* LEAK: the leak report (at most one). */
static int parse_leak(struct cursor *c, struct lprof_profile *p,
                      struct errbuf *e) {
  uint32_t n, reserved;
  if (p->has_leaks)
    return fail(e, "more than one LEAK record");
  p->has_leaks = 1;
  if (get_u32(c, &n, e) || get_u32(c, &reserved, e))
    return -1;
  if (n > c->left / 36) /* three empty strings and the numbers */
    return fail(e, "bad LEAK record (%u groups do not fit its length)", n);
  if (n && !(p->leaks = calloc(n, sizeof *p->leaks)))
    return fail(e, "out of memory");
  for (uint32_t i = 0; i < n; i++) {
    p->nleaks = i + 1;
    if (get_leak(c, &p->leaks[i], e))
      return -1;
  }
  return expect_end(c, e);
}

/* Decodes the records in [LPROF_HEADER_LEN, end), whose chain is known to
 * be well formed. */
static int parse_records(const unsigned char *b, size_t end,
                         struct lprof_profile *p, struct errbuf *e) {
  size_t pos = LPROF_HEADER_LEN;
  uint32_t previous = 0;
  for (size_t index = 0; pos < end; index++) {
    uint32_t tag = load_u32(b + pos), len = load_u32(b + pos + 4);
    struct cursor c = {b + pos + LPROF_RECORD_HEAD_LEN, len,
                       tag == LPROF_TAG_PROG   ? "PROG"
                       : tag == LPROF_TAG_MISS ? "MISS"
                       : tag == LPROF_TAG_MEMF ? "MEMF"
                       : tag == LPROF_TAG_TIMF ? "TIMF"
                       : tag == LPROF_TAG_LEAK ? "LEAK"
                       : tag == LPROF_TAG_CALL ? "CALL"
                                               : "FUNC"};
    pos += LPROF_RECORD_HEAD_LEN + (size_t)len;
    if ((tag == LPROF_TAG_PROG) != (index == 0))
      return fail(e, index ? "more than one PROG record"
                           : "first record is not PROG");
    if (tag == LPROF_TAG_PROG && parse_prog(&c, p, e))
      return -1;
    if (tag == LPROF_TAG_FUNC && parse_func(&c, p, e))
      return -1;
    if (tag == LPROF_TAG_MISS && parse_miss(&c, p, e))
      return -1;
    if ((tag == LPROF_TAG_TIMF && previous != LPROF_TAG_FUNC) ||
        (tag == LPROF_TAG_MEMF && previous != LPROF_TAG_FUNC &&
         previous != LPROF_TAG_TIMF))
      return fail(e, "%s record not right after its FUNC record", c.record);
    if ((tag == LPROF_TAG_TIMF || tag == LPROF_TAG_MEMF) &&
        parse_companion(&c, p, tag, e))
      return -1;
    if (tag == LPROF_TAG_CALL && previous != LPROF_TAG_FUNC &&
        previous != LPROF_TAG_TIMF && previous != LPROF_TAG_MEMF)
      return fail(e, "CALL record not right after its FUNC record");
    if (tag == LPROF_TAG_CALL && parse_calls(&c, p, e))
      return -1;
    if (tag == LPROF_TAG_LEAK && parse_leak(&c, p, e))
      return -1;
    previous = tag;
  }
  if (pos == LPROF_HEADER_LEN)
    return fail(e, "no PROG record");
  return 0;
}

/* ---- File structure: header, record chain, END! trailer ---- */

static int check_header(const unsigned char *b, size_t len, struct errbuf *e) {
  size_t n = len < LPROF_MAGIC_LEN ? len : LPROF_MAGIC_LEN;
  if (n && memcmp(b, LPROF_MAGIC, n))
    return fail(e, "not a .lprof file");
  if (len < LPROF_HEADER_LEN)
    return fail(e, "truncated");
  uint32_t version = load_u32(b + LPROF_MAGIC_LEN);
  if (version != LPROF_VERSION)
    return fail(e,
                "unsupported .lprof version %u (this lineprof reads "
                "version %u)",
                version, LPROF_VERSION);
  return 0;
}

#define END_RECORD_LEN (LPROF_RECORD_HEAD_LEN + 8)

/* When the file ends in what looks like an END! record, its checksum is
 * checked before the chain is walked, so that damage anywhere (even in a
 * length field) reads as corruption rather than truncation. */
static int check_trailer_crc(const unsigned char *b, size_t len,
                             struct errbuf *e) {
  if (len < LPROF_HEADER_LEN + END_RECORD_LEN)
    return 0;
  const unsigned char *t = b + len - END_RECORD_LEN;
  if (load_u32(t) != LPROF_TAG_END || load_u32(t + 4) != 8)
    return 0;
  if (lprof_crc32(0, b, len - END_RECORD_LEN) != load_u32(t + 8))
    return fail(e, "corrupted (checksum mismatch)");
  return 0;
}

/* Walks the record chain to END!; sets *end to its offset. */
static int walk_records(const unsigned char *b, size_t len, size_t *end,
                        struct errbuf *e) {
  size_t pos = LPROF_HEADER_LEN;
  uint32_t records = 0;
  for (;;) {
    if (len - pos < LPROF_RECORD_HEAD_LEN)
      return fail(e, "truncated");
    uint32_t tag = load_u32(b + pos), rlen = load_u32(b + pos + 4);
    if (rlen > len - pos - LPROF_RECORD_HEAD_LEN)
      return fail(e, "truncated");
    if (tag == LPROF_TAG_END)
      break;
    pos += LPROF_RECORD_HEAD_LEN + (size_t)rlen;
    records++;
  }
  if (load_u32(b + pos + 4) != 8)
    return fail(e, "bad END! record (length %u)", load_u32(b + pos + 4));
  if (len - pos > END_RECORD_LEN)
    return fail(e, "%zu bytes of trailing data after the END! record",
                len - pos - END_RECORD_LEN);
  if (load_u32(b + pos + 12) != records)
    return fail(e, "corrupted (record count mismatch)");
  *end = pos;
  return 0;
}

int lprof_parse(const void *buf, size_t len, struct lprof_profile *out,
                char *err, size_t errlen) {
  struct errbuf e = {err, errlen};
  const unsigned char *b = buf;
  size_t end = 0;
  memset(out, 0, sizeof *out);
  if (check_header(b, len, &e) || check_trailer_crc(b, len, &e) ||
      walk_records(b, len, &end, &e))
    return -1;
  /* The chain is sound and the checksum matched in check_trailer_crc
   * (a sound chain ends in exactly the trailer it looked at). */
  if (parse_records(b, end, out, &e) || coalesce(out, &e)) {
    lprof_profile_free(out);
    return -1;
  }
  return 0;
}

/* ---- Files ---- */

static int read_all(int fd, unsigned char **buf, size_t *len,
                    struct errbuf *e) {
  size_t cap = 1 << 16, n = 0;
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
      (uint64_t)st.st_size < SIZE_MAX / 2)
    cap = (size_t)st.st_size + 1; /* +1: sees EOF without growing */
  unsigned char *b = malloc(cap);
  for (;;) {
    if (!b)
      return fail(e, "out of memory");
    ssize_t got = read(fd, b + n, cap - n);
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0) {
      free(b);
      return fail(e, "%s", strerror(errno));
    }
    if (got == 0)
      break;
    n += (size_t)got;
    if (n == cap) {
      unsigned char *grown = cap <= SIZE_MAX / 2 ? realloc(b, cap * 2) : NULL;
      if (!grown)
        free(b);
      b = grown;
      cap *= 2;
    }
  }
  *buf = b;
  *len = n;
  return 0;
}

int lprof_read_file(const char *path, struct lprof_profile *out, char *err,
                    size_t errlen) {
  struct errbuf e = {err, errlen};
  unsigned char *buf = NULL;
  size_t len = 0;
  memset(out, 0, sizeof *out);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return fail(&e, "%s", strerror(errno));
  int rc = read_all(fd, &buf, &len, &e);
  close(fd);
  if (rc)
    return -1;
  if (lprof_is_raw(buf, len)) { /* continuous mode's live file */
    struct lprof_buf image;
    rc = lprof_raw_to_lprof(buf, len, &image, err, errlen);
    if (!rc)
      rc = lprof_parse(image.data, image.len, out, err, errlen);
    lprof_buf_free(&image);
  } else {
    rc = lprof_parse(buf, len, out, err, errlen);
  }
  free(buf);
  return rc;
}
