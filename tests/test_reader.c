/* test_reader.c - unit tests of the .lprof reader (lprof_reader.c): round
 * trips through the writer, merging of records of the same function, and
 * every kind of damaged or malformed input it must reject. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lineprof_counters.h"
#include "lprof_format.h"
#include "lprof_reader.h"
#include "lprof_writer.h"
#include "unit.h"

/* ---- Building inputs ---- */

/* One byte (the writer only has whole fields): its low byte comes first. */
static void put_byte(struct lprof_buf *b, unsigned char c) {
  lprof_put_u32(b, c);
  b->len -= 3;
}

static void put_prog_fields(struct lprof_buf *b, uint32_t timer_mode) {
  lprof_put_str(b, "/usr/bin/prog");
  lprof_put_str(b, "host");
  lprof_put_u64(b, 1234);
  lprof_put_u64(b, 1700000000000000000ull);
  lprof_put_u64(b, 5000000);
  lprof_put_u32(b, timer_mode);
  lprof_put_u32(b, LPROF_FLAG_PROBE_COST |
                       LPROF_MEMORY_HEAP << LPROF_FLAG_MEMORY_SHIFT);
  lprof_put_u64(b, 3000000000ull);
  lprof_put_u64(b, 10000000);
  lprof_put_u64(b, 2500);
}

static void put_prog(struct lprof_buf *b, uint32_t timer_mode) {
  size_t m = lprof_begin_record(b, LPROF_TAG_PROG);
  put_prog_fields(b, timer_mode);
  lprof_end_record(b, m);
}

struct func_spec {
  const char *name, *file, *path;
  uint32_t first, last;
  uint32_t nlines_field; /* written as nlines; entries written: nlines */
  size_t nlines;
  const struct lprof_line *lines;
};

static void line_of(const void *ctx, uint32_t i, struct lprof_line *l) {
  *l = ((const struct lprof_line *)ctx)[i];
}

static void put_func(struct lprof_buf *b, const struct func_spec *f) {
  size_t m = lprof_begin_function(b, f->name, f->file, f->path, f->first,
                                  f->last, f->nlines_field);
  lprof_put_function_lines(b, m, (uint32_t)f->nlines, line_of, f->lines, 0, 0);
}

#define FUNC(name, file, path, first, last, lines)                             \
  (&(struct func_spec){name, file, path, first, last,                          \
                       sizeof(lines) / sizeof *(lines),                        \
                       sizeof(lines) / sizeof *(lines), lines})

static const struct lprof_line primes_lines[] = {
    {5, 1, 485, 100, 0, 100, 100},
    {7, 1, 2570, 0, 0, 100, 100},
    {12, 5, 773, 5000, 4000, 1100, 2000},
    {21, 1, 5609, 0, 1100, 0, 1100}};

/* The MEMF record of f's lines (their alloc, freed, usage, peak). */
static void put_memf(struct lprof_buf *b, const struct lprof_line *l,
                     uint32_t n) {
  lprof_put_companion(b, LPROF_TAG_MEMF, n, line_of, l);
}
static const struct lprof_line helper_lines[] = {{41, 3, 100}, {42, 0, 0}};

/* A valid two-function profile (two files); the caller frees b. */
static void build_valid(struct lprof_buf *b) {
  lprof_buf_init(b);
  put_prog(b, LPROF_TIMER_EXACT);
  put_func(b, FUNC("primes", "src/primes.c", "/abs/src/primes.c", 3, 21,
                   primes_lines));
  put_memf(b, primes_lines, 4);
  put_func(b, FUNC("helper", "lib/helper.h", "/abs/lib/helper.h", 40, 43,
                   helper_lines));
  CHECK(lprof_buf_finish(b) == 0);
}

/* ---- Checking results ---- */

/* Parses a private, exactly sized copy so any overread is an error. */
static int parse_copy(const void *data, size_t len, struct lprof_profile *p,
                      char *err, size_t errlen) {
  void *copy = malloc(len ? len : 1);
  memcpy(copy, data, len);
  int rc = lprof_parse(copy, len, p, err, errlen);
  free(copy);
  return rc;
}

static void expect_error_at(const char *file, int line, const void *data,
                            size_t len, const char *want) {
  struct lprof_profile p;
  char err[256] = "";
  unit_checks++;
  if (parse_copy(data, len, &p, err, sizeof err) == 0) {
    unit_fail(file, line, want);
    lprof_profile_free(&p);
    return;
  }
  if (want && strcmp(err, want)) {
    char what[600];
    snprintf(what, sizeof what, "error '%s', expected '%s'", err, want);
    unit_fail(file, line, what);
  }
  CHECK(p.nfunctions == 0 && p.functions == NULL && p.program == NULL);
}
#define EXPECT_ERROR(data, len, want)                                          \
  expect_error_at(__FILE__, __LINE__, data, len, want)

/* Builds b: header, PROG, the given FUNCs, END!; expects want. */
static void expect_funcs_error_at(const char *file, int line,
                                  const struct func_spec *f, size_t n,
                                  const char *want) {
  struct lprof_buf b;
  lprof_buf_init(&b);
  put_prog(&b, LPROF_TIMER_EXACT);
  for (size_t i = 0; i < n; i++)
    put_func(&b, &f[i]);
  lprof_buf_finish(&b);
  expect_error_at(file, line, b.data, b.len, want);
  lprof_buf_free(&b);
}
#define EXPECT_FUNC_ERROR(spec, want)                                          \
  expect_funcs_error_at(__FILE__, __LINE__, spec, 1, want)

static void check_lines(const struct lprof_function *f,
                        const struct lprof_line *want, size_t n) {
  CHECK_EQ_U64(f->nlines, n);
  for (size_t i = 0; i < n && i < f->nlines; i++) {
    CHECK_EQ_U64(f->lines[i].line, want[i].line);
    CHECK_EQ_U64(f->lines[i].hits, want[i].hits);
    CHECK_EQ_U64(f->lines[i].time_ns, want[i].time_ns);
    CHECK_EQ_U64(f->lines[i].alloc, want[i].alloc);
    CHECK_EQ_U64(f->lines[i].freed, want[i].freed);
    CHECK_EQ_U64(f->lines[i].usage, want[i].usage);
    CHECK_EQ_U64(f->lines[i].peak, want[i].peak);
  }
}

/* ---- Tests ---- */

static void test_round_trip(void) {
  struct lprof_buf b;
  struct lprof_profile p;
  char err[256] = "";
  build_valid(&b);
  CHECK(parse_copy(b.data, b.len, &p, err, sizeof err) == 0);
  CHECK(!strcmp(p.program, "/usr/bin/prog") && !strcmp(p.hostname, "host"));
  CHECK_EQ_U64(p.pid, 1234);
  CHECK_EQ_U64(p.start_unix_ns, 1700000000000000000ull);
  CHECK_EQ_U64(p.duration_ns, 5000000);
  CHECK_EQ_U64(p.timer_mode, LPROF_TIMER_EXACT);
  CHECK_EQ_U64(p.flags, 3);
  CHECK_EQ_U64(lprof_memory_mode(&p), LPROF_MEMORY_HEAP);
  CHECK_EQ_U64(p.cycles_per_second, 3000000000ull);
  CHECK_EQ_U64(p.calibration_ns, 10000000);
  CHECK_EQ_U64(p.probe_cost_ps, 2500);
  CHECK_EQ_U64(p.nfunctions, 2);
  if (p.nfunctions == 2) {
    /* Sorted by path: /abs/lib/helper.h first. */
    const struct lprof_function *h = &p.functions[0], *f = &p.functions[1];
    CHECK(!strcmp(h->name, "helper") && !strcmp(h->file, "lib/helper.h") &&
          !strcmp(h->path, "/abs/lib/helper.h"));
    CHECK_EQ_U64(h->first_line, 40);
    CHECK_EQ_U64(h->last_line, 43);
    check_lines(h, helper_lines, 2);
    CHECK(!strcmp(f->name, "primes") && !strcmp(f->file, "src/primes.c") &&
          !strcmp(f->path, "/abs/src/primes.c"));
    CHECK_EQ_U64(f->first_line, 3);
    CHECK_EQ_U64(f->last_line, 21);
    check_lines(f, primes_lines, 4);
  }
  lprof_profile_free(&p);
  CHECK(p.functions == NULL && p.nfunctions == 0 && p.program == NULL);
  lprof_buf_free(&b);
}

static void test_merge_records(void) {
  static const struct lprof_line a[] = {{3, 1, 10}, {5, 2, 20}};
  static const struct lprof_line b2[] = {{5, 1, 5}, {7, 4, 40}};
  static const struct lprof_line sat[] = {{3, UINT64_MAX, UINT64_MAX}};
  static const struct lprof_line none[] = {{4, 0, 0}};
  static const struct lprof_line want[] = {
      {3, UINT64_MAX, UINT64_MAX}, {4, 0, 0}, {5, 3, 25}, {7, 4, 40}};
  struct lprof_buf b;
  struct lprof_profile p;
  char err[256] = "";
  lprof_buf_init(&b);
  put_prog(&b, LPROF_TIMER_EXACT);
  put_func(&b, FUNC("f", "f.h", "/f.h", 2, 7, a));
  put_func(&b, FUNC("g", "f.h", "/f.h", 2, 9, b2)); /* other name */
  put_func(&b, FUNC("f", "f.h", "/f.h", 2, 8, b2)); /* longer: last 8 */
  put_func(&b, FUNC("f", "f.h", "/f.h", 2, 7, sat));
  put_func(&b, FUNC("f", "f.h", "/f.h", 2, 7, none));
  put_func(&b, FUNC("f", "f.h", "/other/f.h", 2, 7, a)); /* other path */
  lprof_buf_finish(&b);
  CHECK(parse_copy(b.data, b.len, &p, err, sizeof err) == 0);
  CHECK_EQ_U64(p.nfunctions, 3);
  if (p.nfunctions == 3) {
    CHECK(!strcmp(p.functions[0].name, "f") &&
          !strcmp(p.functions[0].path, "/f.h"));
    CHECK_EQ_U64(p.functions[0].last_line, 8);
    check_lines(&p.functions[0], want, 4);
    CHECK(!strcmp(p.functions[1].name, "g"));
    check_lines(&p.functions[1], b2, 2);
    CHECK(!strcmp(p.functions[2].path, "/other/f.h"));
    check_lines(&p.functions[2], a, 2);
  }
  lprof_profile_free(&p);
  lprof_buf_free(&b);
}

/* lprof_profile_merge: two parsed profiles add up; PROG stays the first's. */
static void test_merge_profiles(void) {
  /* Counts add up; memory in use and peaks keep the larger value. */
  static const struct lprof_line twice_primes[] = {
      {5, 2, 970, 200, 0, 100, 100},
      {7, 2, 5140, 0, 0, 100, 100},
      {12, 10, 1546, 10000, 8000, 1100, 2000},
      {21, 2, 11218, 0, 2200, 0, 1100}};
  struct lprof_buf b;
  struct lprof_profile p, q;
  char err[256] = "";
  build_valid(&b);
  CHECK(parse_copy(b.data, b.len, &p, err, sizeof err) == 0);
  CHECK(parse_copy(b.data, b.len, &q, err, sizeof err) == 0);
  CHECK(lprof_profile_merge(&p, &q, err, sizeof err) == 0);
  CHECK(q.functions == NULL && q.program == NULL);
  CHECK_EQ_U64(p.nfunctions, 2);
  CHECK_EQ_U64(p.pid, 1234);
  if (p.nfunctions == 2)
    check_lines(&p.functions[1], twice_primes, 4);
  lprof_profile_free(&p);
  lprof_buf_free(&b);
}

static void test_unknown_records_skipped(void) {
  struct lprof_buf b;
  struct lprof_profile p;
  char err[256] = "";
  lprof_buf_init(&b);
  put_prog(&b, LPROF_TIMER_OFF);
  size_t m = lprof_begin_record(&b, LPROF_TAG('X', 'T', 'R', 'A'));
  lprof_put_u32(&b, 0xFFFFFFFFu); /* would be a huge string in a FUNC */
  lprof_end_record(&b, m);
  m = lprof_begin_record(&b, LPROF_TAG('N', 'O', 'N', 'E'));
  lprof_end_record(&b, m); /* empty payload */
  put_func(&b, FUNC("primes", "p.c", "/p.c", 3, 21, primes_lines));
  lprof_buf_finish(&b);
  CHECK(parse_copy(b.data, b.len, &p, err, sizeof err) == 0);
  CHECK_EQ_U64(p.nfunctions, 1);
  CHECK_EQ_U64(p.timer_mode, LPROF_TIMER_OFF);
  lprof_profile_free(&p);
  lprof_buf_free(&b);
}

/* A profile with no FUNC record at all is valid (nothing was profiled). */
static void test_no_functions(void) {
  struct lprof_buf b;
  struct lprof_profile p;
  char err[256] = "";
  lprof_buf_init(&b);
  put_prog(&b, LPROF_TIMER_EXACT);
  lprof_buf_finish(&b);
  CHECK(parse_copy(b.data, b.len, &p, err, sizeof err) == 0);
  CHECK(p.nfunctions == 0 && p.program != NULL);
  lprof_profile_free(&p);
  lprof_buf_free(&b);
}

static void put_miss(struct lprof_buf *b, uint32_t count,
                     const char *const *names, size_t n) {
  size_t m = lprof_begin_record(b, LPROF_TAG_MISS);
  lprof_put_u32(b, count);
  for (size_t i = 0; i < n; i++)
    lprof_put_str(b, names[i]);
  lprof_end_record(b, m);
}

/* MISS lists the names that matched nothing; duplicates are dropped, and a
 * merge drops the names a function of the other profile matches. */
static void test_not_found(void) {
  static const char *const names[] = {"nosuch", "prim*", "nosuch"};
  struct lprof_buf b;
  struct lprof_profile p, q;
  char err[256] = "";
  lprof_buf_init(&b);
  put_prog(&b, LPROF_TIMER_OFF);
  put_miss(&b, 3, names, 3);
  lprof_buf_finish(&b);
  CHECK(parse_copy(b.data, b.len, &p, err, sizeof err) == 0);
  CHECK_EQ_U64(p.nnot_found, 2);
  CHECK(p.nnot_found == 2 && !strcmp(p.not_found[0], "nosuch") &&
        !strcmp(p.not_found[1], "prim*"));
  lprof_buf_free(&b);

  lprof_buf_init(&b);
  put_prog(&b, LPROF_TIMER_OFF);
  put_func(&b, FUNC("primes", "p.c", "/p.c", 3, 21, primes_lines));
  lprof_buf_finish(&b);
  CHECK(parse_copy(b.data, b.len, &q, err, sizeof err) == 0);
  CHECK(lprof_profile_merge(&p, &q, err, sizeof err) == 0);
  CHECK(p.nnot_found == 1 && !strcmp(p.not_found[0], "nosuch"));
  lprof_profile_free(&p);
  lprof_buf_free(&b);

  lprof_buf_init(&b); /* a count that cannot fit the record */
  put_prog(&b, LPROF_TIMER_OFF);
  put_miss(&b, 1000, names, 1);
  lprof_buf_finish(&b);
  CHECK(parse_copy(b.data, b.len, &p, err, sizeof err) == -1);
  CHECK(strstr(err, "bad MISS record") != NULL);
  lprof_buf_free(&b);
}

/* MEMF belongs right after its FUNC and has one entry per line; each of
 * the memory mode's four values (its two bits) is a mode: 3 is sampled. */
static void test_bad_memory(void) {
  struct lprof_buf b;
  struct lprof_profile p;
  char err[256] = "";
  lprof_buf_init(&b);
  put_prog(&b, LPROF_TIMER_EXACT);
  put_memf(&b, primes_lines, 4);
  lprof_buf_finish(&b);
  EXPECT_ERROR(b.data, b.len, "MEMF record not right after its FUNC record");
  lprof_buf_free(&b);

  lprof_buf_init(&b);
  put_prog(&b, LPROF_TIMER_EXACT);
  put_func(&b, FUNC("p", "p.c", "/p.c", 3, 21, primes_lines));
  put_memf(&b, primes_lines, 3);
  lprof_buf_finish(&b);
  EXPECT_ERROR(b.data, b.len,
               "bad MEMF record (3 entries for a function of 4 lines)");
  lprof_buf_free(&b);

  lprof_buf_init(&b);
  size_t m = lprof_begin_record(&b, LPROF_TAG_PROG);
  put_prog_fields(&b, LPROF_TIMER_EXACT);
  b.len -= 28; /* back to flags */
  lprof_put_u32(&b, 3u << LPROF_FLAG_MEMORY_SHIFT);
  b.len += 24;
  lprof_end_record(&b, m);
  lprof_buf_finish(&b);
  CHECK(parse_copy(b.data, b.len, &p, err, sizeof err) == 0);
  CHECK(lprof_memory_mode(&p) == LPROF_MEMORY_SAMPLED);
  CHECK(!strcmp(lprof_memory_words(&p), "heap bytes, estimated from a sample of the blocks"));
  lprof_profile_free(&p);
  lprof_buf_free(&b);
}

static void test_every_truncation(void) {
  struct lprof_buf b;
  build_valid(&b);
  for (size_t len = 0; len < b.len; len++)
    EXPECT_ERROR(b.data, len, "truncated");
  lprof_buf_free(&b);
}

/* Every single-bit flip is rejected; past the header and before the
 * trailer, by the checksum. */
static void test_every_bit_flip(void) {
  struct lprof_buf b;
  build_valid(&b);
  unsigned char *copy = malloc(b.len);
  for (size_t i = 0; i < b.len; i++) {
    for (int bit = 0; bit < 8; bit++) {
      memcpy(copy, b.data, b.len);
      copy[i] ^= (unsigned char)(1u << bit);
      const char *want = NULL; /* any error */
      if (i < LPROF_MAGIC_LEN)
        want = "not a .lprof file";
      else if (i >= 12 && i < b.len - 16)
        want = "corrupted (checksum mismatch)";
      else if (i >= b.len - 8 && i < b.len - 4)
        want = "corrupted (checksum mismatch)";
      else if (i >= b.len - 4)
        want = "corrupted (record count mismatch)";
      EXPECT_ERROR(copy, b.len, want);
    }
  }
  free(copy);
  lprof_buf_free(&b);
}

/* A parsed profile keeps the format's invariants. */
static void check_invariants(const struct lprof_profile *p) {
  for (size_t i = 0; i < p->nfunctions; i++) {
    const struct lprof_function *f = &p->functions[i];
    CHECK(f->name && f->file && f->path && f->first_line >= 1 &&
          f->first_line <= f->last_line);
    for (size_t j = 0; j < f->nlines; j++)
      CHECK(f->lines[j].line >= f->first_line &&
            f->lines[j].line <= f->last_line &&
            (j == 0 || f->lines[j].line > f->lines[j - 1].line));
  }
}

/* Damage that the checksum does not catch (it is recomputed): every byte
 * set to a few values must parse or be rejected, never crash. */
static void test_every_byte_with_valid_crc(void) {
  static const unsigned char values[] = {0x00, 0x01, 0x7F, 0x80, 0xFF};
  struct lprof_buf b;
  build_valid(&b);
  size_t body = b.len - 16; /* the END! record starts here */
  unsigned char *copy = malloc(b.len);
  for (size_t i = LPROF_HEADER_LEN; i < body; i++) {
    for (size_t v = 0; v < sizeof values; v++) {
      memcpy(copy, b.data, b.len);
      copy[i] = values[v];
      uint32_t crc = lprof_crc32(0, copy, body);
      for (int k = 0; k < 4; k++)
        copy[body + 8 + k] = (unsigned char)(crc >> (8 * k));
      struct lprof_profile p;
      char err[256];
      if (parse_copy(copy, b.len, &p, err, sizeof err) == 0)
        check_invariants(&p);
      else
        CHECK(err[0] != '\0');
      lprof_profile_free(&p);
    }
  }
  free(copy);
  lprof_buf_free(&b);
}

static void test_header(void) {
  static const char text[] = "int main(void) { return 0; }\n";
  struct lprof_buf b;
  build_valid(&b);
  EXPECT_ERROR(text, sizeof text - 1, "not a .lprof file");
  EXPECT_ERROR("\x89LPX", 4, "not a .lprof file");
  EXPECT_ERROR("\x89LPR", 4, "truncated");
  b.data[1] = 'l';
  EXPECT_ERROR(b.data, b.len, "not a .lprof file");
  b.data[1] = 'L';
  b.data[8] = 2;
  EXPECT_ERROR(b.data, b.len,
               "unsupported .lprof version 2 (this lineprof reads version 1)");
  b.data[8] = 0;
  b.data[11] = 0x80;
  EXPECT_ERROR(b.data, b.len,
               "unsupported .lprof version 2147483648 (this "
               "lineprof reads version 1)");
  lprof_buf_free(&b);
}

static void test_trailing_garbage(void) {
  struct lprof_buf b;
  build_valid(&b);
  size_t len = b.len;
  lprof_put_u32(&b, 0);
  EXPECT_ERROR(b.data, len + 1,
               "1 bytes of trailing data after the END! "
               "record");
  EXPECT_ERROR(b.data, len + 4,
               "4 bytes of trailing data after the END! "
               "record");
  lprof_buf_finish(&b); /* a second END!, with a right checksum */
  EXPECT_ERROR(b.data, b.len,
               "20 bytes of trailing data after the END! "
               "record");
  lprof_buf_free(&b);
}

/* An END! record with the right CRC but a wrong record count. */
static void test_record_count(void) {
  struct lprof_buf b;
  lprof_buf_init(&b);
  put_prog(&b, LPROF_TIMER_EXACT);
  uint32_t crc = lprof_crc32(0, b.data, b.len);
  size_t m = lprof_begin_record(&b, LPROF_TAG_END);
  lprof_put_u32(&b, crc);
  lprof_put_u32(&b, 2);
  lprof_end_record(&b, m);
  EXPECT_ERROR(b.data, b.len, "corrupted (record count mismatch)");
  lprof_buf_free(&b);
}

/* An END! record whose length is not 8. */
static void test_bad_end_record(void) {
  struct lprof_buf b;
  lprof_buf_init(&b);
  put_prog(&b, LPROF_TIMER_EXACT);
  size_t m = lprof_begin_record(&b, LPROF_TAG_END);
  lprof_put_u32(&b, 0);
  lprof_end_record(&b, m);
  EXPECT_ERROR(b.data, b.len, "bad END! record (length 4)");
  lprof_buf_free(&b);
}

static void test_record_order(void) {
  struct lprof_buf b;
  lprof_buf_init(&b); /* no records but END! */
  lprof_buf_finish(&b);
  EXPECT_ERROR(b.data, b.len, "no PROG record");
  lprof_buf_free(&b);

  lprof_buf_init(&b);
  put_func(&b, FUNC("primes", "p.c", "/p.c", 3, 21, primes_lines));
  put_prog(&b, LPROF_TIMER_EXACT);
  lprof_buf_finish(&b);
  EXPECT_ERROR(b.data, b.len, "first record is not PROG");
  lprof_buf_free(&b);

  lprof_buf_init(&b);
  put_prog(&b, LPROF_TIMER_EXACT);
  put_prog(&b, LPROF_TIMER_EXACT);
  lprof_buf_finish(&b);
  EXPECT_ERROR(b.data, b.len, "more than one PROG record");
  lprof_buf_free(&b);
}

static void test_bad_prog(void) {
  struct lprof_buf b;
  lprof_buf_init(&b);
  put_prog(&b, 2);
  lprof_buf_finish(&b);
  EXPECT_ERROR(b.data, b.len, "bad PROG record (unknown timer mode 2)");
  lprof_buf_free(&b);

  lprof_buf_init(&b); /* a PROG record one field short */
  size_t m = lprof_begin_record(&b, LPROF_TAG_PROG);
  lprof_put_str(&b, "p");
  lprof_put_str(&b, "h");
  lprof_put_u64(&b, 1);
  lprof_end_record(&b, m);
  lprof_buf_finish(&b);
  EXPECT_ERROR(b.data, b.len, "bad PROG record (shorter than its fields)");
  lprof_buf_free(&b);

  lprof_buf_init(&b); /* one byte after the older files' fields */
  m = lprof_begin_record(&b, LPROF_TAG_PROG);
  put_prog_fields(&b, LPROF_TIMER_EXACT);
  put_byte(&b, 0);
  lprof_end_record(&b, m);
  lprof_buf_finish(&b);
  EXPECT_ERROR(b.data, b.len, "bad PROG record (shorter than its fields)");
  lprof_buf_free(&b);

  lprof_buf_init(&b); /* one byte too many */
  m = lprof_begin_record(&b, LPROF_TAG_PROG);
  put_prog_fields(&b, LPROF_TIMER_EXACT);
  lprof_put_u32(&b, 1000);
  lprof_put_u32(&b, 20);
  lprof_put_u64(&b, 400); /* samples */
  lprof_put_u32(&b, LPROF_SAMPLE_PERF);
  lprof_put_u32(&b, 0);
  lprof_put_u64(&b, 1000000); /* sample_mean_ns */
  put_byte(&b, 0);
  lprof_end_record(&b, m);
  lprof_buf_finish(&b);
  EXPECT_ERROR(b.data, b.len, "bad PROG record (1 bytes more than its fields)");
  lprof_buf_free(&b);
}

/* A PROG record of the timer modes: the older fields (with these flags),
 * then sample_us and auto_ms; a FUNC-less file. */
static void put_timed_prog(struct lprof_buf *b, uint32_t flags) {
  lprof_buf_init(b);
  struct lprof_program_info info = {.program = "p", .hostname = "h",
                                    .timer_mode = LPROF_TIMER_EXACT,
                                    .flags = flags, .sample_us = 250,
                                    .auto_ms = 20};
  lprof_put_program(b, &info);
  lprof_buf_finish(b);
}

/* The timer modes' fields follow the older fields, which still read as
 * exact timing (the other tests' files). */
static void test_timing(void) {
  struct lprof_buf b;
  struct lprof_profile p;
  char err[256];
  put_timed_prog(&b, LPROF_TIMING_AUTO << LPROF_FLAG_TIMING_SHIFT |
                         LPROF_FLAG_SWITCHED);
  CHECK(lprof_parse(b.data, b.len, &p, err, sizeof err) == 0);
  CHECK_EQ_U64(lprof_timing(&p), LPROF_TIMING_AUTO);
  CHECK_EQ_U64(p.flags & LPROF_FLAG_SWITCHED, LPROF_FLAG_SWITCHED);
  CHECK_EQ_U64(p.sample_us, 250);
  CHECK_EQ_U64(p.auto_ms, 20);
  lprof_profile_free(&p);
  lprof_buf_free(&b);
  put_timed_prog(&b, 3u << LPROF_FLAG_TIMING_SHIFT);
  EXPECT_ERROR(b.data, b.len, "bad PROG record (unknown timing 3)");
  lprof_buf_free(&b);
  lprof_buf_init(&b);
  put_prog(&b, LPROF_TIMER_EXACT);
  lprof_buf_finish(&b);
  CHECK(lprof_parse(b.data, b.len, &p, err, sizeof err) == 0);
  CHECK_EQ_U64(lprof_timing(&p), LPROF_TIMING_EXACT);
  CHECK_EQ_U64(p.sample_us, 0);
  lprof_profile_free(&p);
  lprof_buf_free(&b);
}

static void test_bad_lines(void) {
  static const struct lprof_line unordered[] = {{5, 1, 1}, {4, 1, 1}};
  static const struct lprof_line repeated[] = {{5, 1, 1}, {5, 1, 1}};
  static const struct lprof_line below[] = {{2, 1, 1}};
  static const struct lprof_line above[] = {{22, 1, 1}};
  static const struct lprof_line ok[] = {{3, 1, 1}, {21, 1, 1}};
  EXPECT_FUNC_ERROR(FUNC("f", "f.c", "/f.c", 3, 21, unordered),
                    "bad FUNC record (line entries out of order)");
  EXPECT_FUNC_ERROR(FUNC("f", "f.c", "/f.c", 3, 21, repeated),
                    "bad FUNC record (line entries out of order)");
  EXPECT_FUNC_ERROR(FUNC("f", "f.c", "/f.c", 3, 21, below),
                    "bad FUNC record (line 2 outside the function, lines "
                    "3-21)");
  EXPECT_FUNC_ERROR(FUNC("f", "f.c", "/f.c", 3, 21, above),
                    "bad FUNC record (line 22 outside the function, lines "
                    "3-21)");
  EXPECT_FUNC_ERROR(FUNC("f", "f.c", "/f.c", 0, 21, ok),
                    "bad FUNC record (line range 0-21)");
  EXPECT_FUNC_ERROR(FUNC("f", "f.c", "/f.c", 22, 21, ok),
                    "bad FUNC record (line range 22-21)");
  EXPECT_FUNC_ERROR(
      FUNC("f", "f.c", "/f.c", 1, LPROF_MAX_FUNCTION_LINES + 1, ok),
      "bad FUNC record (function longer than 10000000 lines)");
  static const struct {
    uint32_t field;
    const char *want;
  } counts[] = {
      {0, "bad FUNC record (0 line entries do not match its length)"},
      {1, "bad FUNC record (1 line entries do not match its length)"},
      {3, "bad FUNC record (3 line entries do not match its length)"},
      {0xFFFFFFFFu, "bad FUNC record (4294967295 line entries do not match "
                    "its length)"},
  };
  struct func_spec s = *FUNC("f", "f.c", "/f.c", 3, 21, ok); /* 2 entries */
  for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
    s.nlines_field = counts[i].field;
    EXPECT_FUNC_ERROR(&s, counts[i].want);
  }
}

/* A FUNC record whose name has the given length field and then bytes. */
static void expect_name_error_at(const char *file, int line, uint32_t n,
                                 const char *bytes, size_t len,
                                 const char *want) {
  struct lprof_buf b;
  lprof_buf_init(&b);
  put_prog(&b, LPROF_TIMER_EXACT);
  size_t m = lprof_begin_record(&b, LPROF_TAG_FUNC);
  lprof_put_u32(&b, n);
  for (size_t i = 0; i < len; i++)
    put_byte(&b, (unsigned char)bytes[i]);
  lprof_end_record(&b, m);
  lprof_buf_finish(&b);
  expect_error_at(file, line, b.data, b.len, want);
  lprof_buf_free(&b);
}

static void test_bad_strings(void) {
  expect_name_error_at(__FILE__, __LINE__, 0xFFFFFFFFu, "abc", 3,
                       "bad FUNC record (string of 4294967295 bytes, the "
                       "limit is 65536)");
  expect_name_error_at(__FILE__, __LINE__, LPROF_MAX_STRING + 1, "abc", 3,
                       "bad FUNC record (string of 65537 bytes, the limit is "
                       "65536)");
  expect_name_error_at(__FILE__, __LINE__, 4, "abc", 3,
                       "bad FUNC record (string runs past the record)");
  expect_name_error_at(__FILE__, __LINE__, 3, "a\0c", 3,
                       "bad FUNC record (string contains a NUL byte)");
  expect_name_error_at(__FILE__, __LINE__, 3, "abc", 3,
                       "bad FUNC record (shorter than its fields)");
}

static void test_read_file(void) {
  char dir[] = "/tmp/test_reader.XXXXXX", path[64], err[256] = "";
  struct lprof_profile p;
  struct lprof_buf b;
  CHECK(mkdtemp(dir) != NULL);
  snprintf(path, sizeof path, "%s/x.lprof", dir);
  CHECK(lprof_read_file(path, &p, err, sizeof err) == -1);
  CHECK(!strcmp(err, strerror(ENOENT)));
  CHECK(lprof_read_file(dir, &p, err, sizeof err) == -1);
  CHECK(!strcmp(err, strerror(EISDIR)));
  build_valid(&b);
  FILE *f = fopen(path, "wb");
  CHECK(f && fwrite(b.data, 1, b.len, f) == b.len);
  fclose(f);
  CHECK(lprof_read_file(path, &p, err, sizeof err) == 0);
  CHECK_EQ_U64(p.nfunctions, 2);
  lprof_profile_free(&p);
  f = fopen(path, "wb"); /* empty file */
  fclose(f);
  CHECK(lprof_read_file(path, &p, err, sizeof err) == -1);
  CHECK(!strcmp(err, "truncated"));
  /* Tiny error buffers are fine. */
  CHECK(lprof_read_file(path, &p, err, 4) == -1 && !strcmp(err, "tru"));
  CHECK(lprof_read_file(path, &p, NULL, 0) == -1);
  unlink(path);
  rmdir(dir);
  lprof_buf_free(&b);
}

/* Timed lines' cycles are signed sums (lineprof_counters.h): a thread's
 * interval below its probes' cost takes from the line, the sum saturates
 * as a signed number, and a line whose sum stays below 0 reads as 0 ns. */
static void test_signed_times(void) {
  uint64_t minus5 = (uint64_t)-5;
  CHECK_EQ_U64(lineprof_fold(LINEPROF_FOLD_SIGNED, 100, minus5), 95);
  CHECK_EQ_U64(lineprof_fold(LINEPROF_FOLD_SIGNED, 3, minus5), (uint64_t)-2);
  CHECK_EQ_U64(lineprof_fold(LINEPROF_FOLD_SIGNED, INT64_MAX, 1), INT64_MAX);
  CHECK_EQ_U64(lineprof_fold(LINEPROF_FOLD_SUM, UINT64_MAX - 1, 5), UINT64_MAX);
  CHECK_EQ_U64(lineprof_line_fold(LINEPROF_FOLD_SIGNED), LINEPROF_FOLD_SUM);
#define ARRAY_INDEX(array, field, fold) array##_ARRAY,
  enum { LINEPROF_COUNTERS(ARRAY_INDEX) PER_ARRAY = 2 };
#undef ARRAY_INDEX
  uint64_t counts[LINEPROF_BLOCK_ARRAYS * PER_ARRAY] = {0};
  uint64_t thread[LINEPROF_BLOCK_ARRAYS * PER_ARRAY] = {0};
  counts[HITS_ARRAY * PER_ARRAY] = 7;
  counts[CYCLES_ARRAY * PER_ARRAY] = 2000;     /* line 0: 2000 - 500 */
  thread[CYCLES_ARRAY * PER_ARRAY] = (uint64_t)-500;
  thread[CYCLES_ARRAY * PER_ARRAY + 1] = (uint64_t)-40; /* line 1 */
  thread[SELF_ARRAY * PER_ARRAY + 1] = (uint64_t)-40;
  lineprof_fold_block(counts, thread, PER_ARRAY);
  struct lprof_line l;
  lprof_line_from_counts(&l, 10, counts, PER_ARRAY, 0, 1000000000u);
  CHECK_EQ_U64(l.hits, 7);
  CHECK_EQ_U64(l.time_ns, 1500);
  lprof_line_from_counts(&l, 11, counts, PER_ARRAY, 1, 1000000000u);
  CHECK_EQ_U64(l.time_ns, 0);
  CHECK_EQ_U64(l.self_ns, 0);
}

int main(void) {
  test_round_trip();
  test_merge_records();
  test_merge_profiles();
  test_unknown_records_skipped();
  test_no_functions();
  test_not_found();
  test_bad_memory();
  test_every_truncation();
  test_every_bit_flip();
  test_every_byte_with_valid_crc();
  test_header();
  test_trailing_garbage();
  test_record_count();
  test_bad_end_record();
  test_record_order();
  test_bad_prog();
  test_timing();
  test_signed_times();
  test_bad_lines();
  test_bad_strings();
  test_read_file();
  return unit_finish();
}
