/* mprof_dat.c - the mprof .dat parser and model: reads CMDLINE, MEM, CHLD
 * and FUNC records (mprof's format, as mprof.py's read_mprofile_file reads
 * them, but strict: every malformed line is an error with its location),
 * computes the summary figures `peak` and `plot` need, and formats records
 * for the writer in `lineprof mprof run`. */
#define _POSIX_C_SOURCE 200809L
#include "mprof_dat.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...) {
  if (err && errlen) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
  }
  return -1;
}

/* Grow *p (an array of *cap elements of size sz) to hold at least n+1. */
static int grow(void **p, size_t *cap, size_t n, size_t sz) {
  if (n < *cap)
    return 0;
  size_t ncap = *cap ? *cap : 64;
  while (ncap <= n) {
    if (ncap > SIZE_MAX / 2 / sz)
      return -1;
    ncap *= 2;
  }
  void *q = realloc(*p, ncap * sz);
  if (!q)
    return -1;
  *p = q;
  *cap = ncap;
  return 0;
}

/* A token of the line, for messages: printable, shortened. */
static const char *show_token(const char *s, size_t len, char *buf,
                              size_t buflen) {
  size_t o = 0;
  for (size_t i = 0; i < len && o + 4 < buflen; i++) {
    unsigned char c = (unsigned char)s[i];
    buf[o++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
  }
  if (o + 4 >= buflen && len > o) {
    buf[o++] = '.';
    buf[o++] = '.';
    buf[o++] = '.';
  }
  buf[o] = '\0';
  return buf;
}

/* A decimal number as Python's float() accepts it from mprof's writers:
 * [+-]digits[.digits][(e|E)[+-]digits] (at least one digit before the
 * exponent). No hex, no inf/nan, no surrounding space. */
static int parse_number(const char *s, size_t len, double *out,
                        const char *what, char *err, size_t errlen) {
  char tok[48];
  size_t i = 0, digits = 0;
  if (len == 0)
    return fail(err, errlen, "empty %s field", what);
  if (i < len && (s[i] == '+' || s[i] == '-'))
    i++;
  while (i < len && isdigit((unsigned char)s[i]))
    i++, digits++;
  if (i < len && s[i] == '.') {
    i++;
    while (i < len && isdigit((unsigned char)s[i]))
      i++, digits++;
  }
  if (digits && i < len && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1, ed = 0;
    if (j < len && (s[j] == '+' || s[j] == '-'))
      j++;
    while (j < len && isdigit((unsigned char)s[j]))
      j++, ed++;
    if (ed)
      i = j;
  }
  if (!digits || i != len || len >= sizeof tok)
    return fail(err, errlen, "%s is not a number: '%s'", what,
                show_token(s, len, tok, sizeof tok));
  memcpy(tok, s, len);
  tok[len] = '\0';
  errno = 0;
  double v = strtod(tok, NULL);
  if (!isfinite(v))
    return fail(err, errlen, "%s out of range: '%s'", what, tok);
  if (v < 0)
    return fail(err, errlen, "negative %s: %s", what, tok);
  *out = v;
  return 0;
}

static int parse_level(const char *s, size_t len, int *out, char *err,
                       size_t errlen) {
  char tok[48];
  long v = 0;
  if (len == 0)
    return fail(err, errlen, "empty stack level field");
  for (size_t i = 0; i < len; i++) {
    if (!isdigit((unsigned char)s[i]) || v > (INT_MAX - 9) / 10)
      return fail(err, errlen,
                  "stack level is not a non-negative integer: '%s'",
                  show_token(s, len, tok, sizeof tok));
    v = v * 10 + (s[i] - '0');
  }
  *out = (int)v;
  return 0;
}

/* Split the fields after the record name on single spaces. */
#define MAX_FIELDS 8
struct fields {
  const char *p[MAX_FIELDS];
  size_t len[MAX_FIELDS];
  size_t n; /* fields found; > MAX_FIELDS means "too many" */
};

static void split_fields(const char *s, size_t len, struct fields *f) {
  f->n = 0;
  size_t start = 0;
  for (size_t i = 0; i <= len; i++) {
    if (i == len || s[i] == ' ') {
      if (f->n < MAX_FIELDS) {
        f->p[f->n] = s + start;
        f->len[f->n] = i - start;
      }
      f->n++;
      start = i + 1;
    }
  }
}

/* A name or id token: non-empty, no control characters. */
static int check_name(const char *s, size_t len, const char *what, char *err,
                      size_t errlen) {
  if (len == 0)
    return fail(err, errlen, "empty %s (fields are separated by one space)",
                what);
  for (size_t i = 0; i < len; i++)
    if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
      return fail(err, errlen, "control character in %s", what);
  return 0;
}

static char *dup_range(const char *s, size_t len) {
  char *d = malloc(len + 1);
  if (d) {
    memcpy(d, s, len);
    d[len] = '\0';
  }
  return d;
}

static int check_count(const char *rec, const struct fields *f, size_t min,
                       size_t max, char *err, size_t errlen) {
  if (f->n >= min && f->n <= max)
    return 0;
  if (min == max)
    return fail(err, errlen, "%s record needs %zu fields, found %zu%s", rec,
                min, f->n, f->n < min ? " (truncated line?)" : "");
  return fail(err, errlen, "%s record needs %zu to %zu fields, found %zu%s",
              rec, min, max, f->n, f->n < min ? " (truncated line?)" : "");
}

static struct mprof_child *find_child(struct mprof_dat *dat, const char *id,
                                      size_t len) {
  /* CHLD lines come in the same order sample after sample: start looking
   * after the last hit. */
  size_t n = dat->n_children;
  for (size_t k = 0; k < n; k++) {
    size_t i = (dat->last_child + 1 + k) % n;
    struct mprof_child *c = &dat->children[i];
    if (strlen(c->id) == len && !memcmp(c->id, id, len)) {
      dat->last_child = i;
      return c;
    }
  }
  return NULL;
}

/* MEM <mem> <time> */
static int parse_mem(struct mprof_dat *dat, const struct fields *f, char *err,
                     size_t errlen) {
  struct mprof_sample s;
  if (check_count("MEM", f, 2, 2, err, errlen) ||
      parse_number(f->p[0], f->len[0], &s.mem, "memory", err, errlen) ||
      parse_number(f->p[1], f->len[1], &s.t, "time", err, errlen))
    return -1;
  if (grow((void **)&dat->mem, &dat->cap_mem, dat->n_mem, sizeof s))
    return fail(err, errlen, "out of memory");
  dat->mem[dat->n_mem++] = s;
  return 0;
}

/* CHLD <id> <mem> <time>: a sample of child id, known or new. */
static int parse_chld(struct mprof_dat *dat, const struct fields *f,
                      char *err, size_t errlen) {
  struct mprof_sample s;
  if (check_count("CHLD", f, 3, 3, err, errlen) ||
      check_name(f->p[0], f->len[0], "child id", err, errlen) ||
      parse_number(f->p[1], f->len[1], &s.mem, "memory", err, errlen) ||
      parse_number(f->p[2], f->len[2], &s.t, "time", err, errlen))
    return -1;
  struct mprof_child *c = find_child(dat, f->p[0], f->len[0]);
  if (!c) {
    if (grow((void **)&dat->children, &dat->cap_children, dat->n_children,
             sizeof *c))
      return fail(err, errlen, "out of memory");
    c = &dat->children[dat->n_children];
    memset(c, 0, sizeof *c);
    if (!(c->id = dup_range(f->p[0], f->len[0])))
      return fail(err, errlen, "out of memory");
    dat->n_children++;
  }
  if (grow((void **)&c->samples, &c->cap, c->n, sizeof s))
    return fail(err, errlen, "out of memory");
  c->samples[c->n++] = s;
  return 0;
}

/* FUNC <name> <m0> <t0> <m1> <t1> [<level>] */
static int parse_func(struct mprof_dat *dat, const struct fields *f,
                      char *err, size_t errlen) {
  struct mprof_func fn;
  fn.level = -1;
  if (check_count("FUNC", f, 5, 6, err, errlen) ||
      check_name(f->p[0], f->len[0], "function name", err, errlen) ||
      parse_number(f->p[1], f->len[1], &fn.m0, "memory", err, errlen) ||
      parse_number(f->p[2], f->len[2], &fn.t0, "time", err, errlen) ||
      parse_number(f->p[3], f->len[3], &fn.m1, "memory", err, errlen) ||
      parse_number(f->p[4], f->len[4], &fn.t1, "time", err, errlen) ||
      (f->n == 6 && parse_level(f->p[5], f->len[5], &fn.level, err, errlen)))
    return -1;
  if (fn.t1 < fn.t0)
    return fail(err, errlen, "FUNC record ends (%.4f) before it starts (%.4f)",
                fn.t1, fn.t0);
  if (grow((void **)&dat->funcs, &dat->cap_funcs, dat->n_funcs, sizeof fn) ||
      !(fn.name = dup_range(f->p[0], f->len[0])))
    return fail(err, errlen, "out of memory");
  dat->funcs[dat->n_funcs++] = fn;
  return 0;
}

int mprof_dat_parse_line(struct mprof_dat *dat, const char *line, size_t len,
                         char *err, size_t errlen) {
  char tok[40];
  if (len && line[len - 1] == '\r')
    len--;
  if (len == 0)
    return fail(err, errlen, "blank line (mprof rejects it too)");
  if (memchr(line, '\0', len))
    return fail(err, errlen, "binary data (NUL byte)");
  const char *sp = memchr(line, ' ', len);
  size_t nlen = sp ? (size_t)(sp - line) : len;
  const char *rest = sp ? sp + 1 : line + len;
  size_t rlen = sp ? len - nlen - 1 : 0;
#define IS(name) (nlen == sizeof name - 1 && !memcmp(line, name, nlen))
  if (!IS("CMDLINE") && !IS("MEM") && !IS("CHLD") && !IS("FUNC"))
    return fail(err, errlen,
                "unknown record '%s' (expected CMDLINE, MEM, CHLD or FUNC)",
                show_token(line, nlen, tok, sizeof tok));
  if (!sp)
    return fail(err, errlen, "%s record without fields (truncated line?)",
                show_token(line, nlen, tok, sizeof tok));
  if (IS("CMDLINE")) {
    char *c = dup_range(rest, rlen);
    if (!c)
      return fail(err, errlen, "out of memory");
    free(dat->cmdline);
    dat->cmdline = c;
    return 0;
  }
  struct fields f;
  split_fields(rest, rlen, &f);
  for (size_t i = 0; i < f.n && i < MAX_FIELDS; i++)
    if (f.len[i] == 0)
      return fail(err, errlen,
                  "empty field %zu in %s record (fields are separated by one "
                  "space)",
                  i + 1, show_token(line, nlen, tok, sizeof tok));
  return IS("MEM")    ? parse_mem(dat, &f, err, errlen)
         : IS("CHLD") ? parse_chld(dat, &f, err, errlen)
                      : parse_func(dat, &f, err, errlen);
#undef IS
}

/* Parse the complete lines of buf[0..len); with final, the last line may lack
 * its newline. Returns the bytes consumed, or -1. */
static long parse_lines(const char *name, const char *buf, size_t len,
                        int final, unsigned long *lineno,
                        struct mprof_dat *dat, char *err, size_t errlen) {
  size_t pos = 0;
  char msg[512];
  while (pos < len) {
    const char *nl = memchr(buf + pos, '\n', len - pos);
    if (!nl && !final)
      break;
    size_t llen = nl ? (size_t)(nl - (buf + pos)) : len - pos;
    ++*lineno;
    if (llen > MPROF_DAT_MAX_LINE)
      return fail(err, errlen, "%s:%lu: line too long (over %d bytes)", name,
                  *lineno, MPROF_DAT_MAX_LINE);
    if (mprof_dat_parse_line(dat, buf + pos, llen, msg, sizeof msg))
      return fail(err, errlen, "%s:%lu: %s", name, *lineno, msg);
    pos += llen + (nl ? 1 : 0);
  }
  return (long)pos;
}

static int finish(const char *name, struct mprof_dat *dat, char *err,
                  size_t errlen) {
  if (dat->n_mem == 0)
    return fail(err, errlen,
                "%s: no MEM records: not an mprof .dat file, or empty", name);
  return 0;
}

int mprof_dat_parse_buffer(const char *name, const char *buf, size_t len,
                           struct mprof_dat *dat, char *err, size_t errlen) {
  unsigned long lineno = 0;
  memset(dat, 0, sizeof *dat);
  if (parse_lines(name, buf, len, 1, &lineno, dat, err, errlen) < 0 ||
      finish(name, dat, err, errlen)) {
    mprof_dat_free(dat);
    return -1;
  }
  return 0;
}

int mprof_dat_load(const char *path, struct mprof_dat *dat, char *err,
                   size_t errlen) {
  memset(dat, 0, sizeof *dat);
  FILE *f = fopen(path, "rb");
  if (!f)
    return fail(err, errlen, "%s: %s", path, strerror(errno));
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
    fclose(f);
    return fail(err, errlen, "%s: is a directory", path);
  }
  const size_t bufsz = MPROF_DAT_MAX_LINE + 2 + 65536;
  char *buf = malloc(bufsz);
  if (!buf) {
    fclose(f);
    return fail(err, errlen, "%s: out of memory", path);
  }
  size_t have = 0;
  unsigned long lineno = 0;
  int rc = 0;
  for (;;) {
    size_t n = fread(buf + have, 1, bufsz - have, f);
    have += n;
    int eof = n == 0;
    if (eof && ferror(f)) {
      rc = fail(err, errlen, "%s: read error: %s", path, strerror(errno));
      break;
    }
    long used = parse_lines(path, buf, have, eof, &lineno, dat, err, errlen);
    if (used < 0) {
      rc = -1;
      break;
    }
    memmove(buf, buf + used, have - (size_t)used);
    have -= (size_t)used;
    if (eof)
      break;
    if (have > MPROF_DAT_MAX_LINE) {
      rc = fail(err, errlen, "%s:%lu: line too long (over %d bytes)", path,
                lineno + 1, MPROF_DAT_MAX_LINE);
      break;
    }
  }
  free(buf);
  fclose(f);
  if (rc == 0)
    rc = finish(path, dat, err, errlen);
  if (rc)
    mprof_dat_free(dat);
  return rc;
}

void mprof_dat_free(struct mprof_dat *dat) {
  free(dat->cmdline);
  free(dat->mem);
  for (size_t i = 0; i < dat->n_funcs; i++)
    free(dat->funcs[i].name);
  free(dat->funcs);
  for (size_t i = 0; i < dat->n_children; i++) {
    free(dat->children[i].id);
    free(dat->children[i].samples);
  }
  free(dat->children);
  memset(dat, 0, sizeof *dat);
}

size_t mprof_dat_peak_index(const struct mprof_dat *dat) {
  size_t best = 0;
  for (size_t i = 1; i < dat->n_mem; i++)
    if (dat->mem[i].mem > dat->mem[best].mem)
      best = i;
  return best;
}

double mprof_child_peak(const struct mprof_child *child) {
  double m = 0;
  for (size_t i = 0; i < child->n; i++)
    if (child->samples[i].mem > m)
      m = child->samples[i].mem;
  return m;
}

double mprof_dat_start_time(const struct mprof_dat *dat) {
  double t = INFINITY;
  for (size_t i = 0; i < dat->n_mem; i++)
    if (dat->mem[i].t < t)
      t = dat->mem[i].t;
  for (size_t c = 0; c < dat->n_children; c++)
    for (size_t i = 0; i < dat->children[c].n; i++)
      if (dat->children[c].samples[i].t < t)
        t = dat->children[c].samples[i].t;
  for (size_t i = 0; i < dat->n_funcs; i++)
    if (dat->funcs[i].t0 < t)
      t = dat->funcs[i].t0;
  return isfinite(t) ? t : 0;
}

struct range {
  double a, b;
};

static int cmp_range(const void *x, const void *y) {
  const struct range *p = x, *q = y;
  return (p->a > q->a) - (p->a < q->a);
}

int mprof_dat_func_peak(const struct mprof_dat *dat, const char *name,
                        double *peak) {
  size_t n = 0;
  for (size_t i = 0; i < dat->n_funcs; i++)
    n += !strcmp(dat->funcs[i].name, name);
  if (n == 0)
    return -1;
  struct range *r = malloc(n * sizeof *r);
  if (!r)
    return -1;
  size_t k = 0;
  for (size_t i = 0; i < dat->n_funcs; i++)
    if (!strcmp(dat->funcs[i].name, name))
      r[k++] = (struct range){dat->funcs[i].t0, dat->funcs[i].t1};
  qsort(r, n, sizeof *r, cmp_range);
  /* Merge overlapping calls into disjoint, sorted ranges. */
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    if (m && r[i].a <= r[m - 1].b) {
      if (r[i].b > r[m - 1].b)
        r[m - 1].b = r[i].b;
    } else {
      r[m++] = r[i];
    }
  }
  int found = 0;
  double best = 0;
  for (size_t i = 0; i < dat->n_mem; i++) {
    double t = dat->mem[i].t;
    size_t lo = 0, hi = m; /* first range with a > t */
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (r[mid].a <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo > 0 && t <= r[lo - 1].b && (!found || dat->mem[i].mem > best)) {
      best = dat->mem[i].mem;
      found = 1;
    }
  }
  free(r);
  if (!found)
    return -1;
  *peak = best;
  return 0;
}

void mprof_write_mem(FILE *f, double mib, double t) {
  fprintf(f, "MEM %.6f %.4f\n", mib, t);
}

void mprof_write_chld(FILE *f, long pid, double mib, double t) {
  fprintf(f, "CHLD %ld %.6f %.4f\n", pid, mib, t);
}

void mprof_write_func(FILE *f, const struct mprof_func *fn) {
  if (fn->level >= 0)
    fprintf(f, "FUNC %s %.4f %.4f %.4f %.4f %d\n", fn->name, fn->m0, fn->t0,
            fn->m1, fn->t1, fn->level);
  else
    fprintf(f, "FUNC %s %.4f %.4f %.4f %.4f\n", fn->name, fn->m0, fn->t0,
            fn->m1, fn->t1);
}
