/* fuzz_lprof.c - libFuzzer target for the .lprof reader (lprof_parse). An
 * input that parses must give a profile with the invariants lprof_reader.h
 * promises; it is then rendered as `lineprof show` (two option sets) and
 * every `lineprof export` format would, and merged with itself as
 * `lineprof merge` does, which must double every count. An input ending in
 * an END! record is tried a second time with its checksum made right, so
 * that mutations get past the checksum to the records. A raw file of
 * continuous mode (lprof_raw.h) is turned into an image as the reader does
 * (its derived hits computed), and the image goes the same way. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export.h"
#include "fuzz.h"
#include "lprof_format.h"
#include "lprof_raw.h"
#include "lprof_reader.h"
#include "report_leaks.h"
#include "report_text.h"

/* Functions in (path, first_line, name) order, one per key; lines strictly
 * increasing inside the function's range. */
static void check_profile(const struct lprof_profile *p) {
  for (size_t i = 0; i < p->nfunctions; i++) {
    const struct lprof_function *f = &p->functions[i];
    FUZZ_CHECK(f->name && f->file && f->path);
    FUZZ_CHECK(f->first_line >= 1 && f->first_line <= f->last_line);
    FUZZ_CHECK(i == 0 || lprof_function_cmp(&f[-1], f) < 0);
    for (size_t k = 0; k < f->nlines; k++) {
      FUZZ_CHECK(f->lines[k].line >= f->first_line);
      FUZZ_CHECK(f->lines[k].line <= f->last_line);
      FUZZ_CHECK(k == 0 || f->lines[k - 1].line < f->lines[k].line);
    }
  }
}

static void render(const struct lprof_profile *p) {
  static const struct report_options plain = {.unit = 1e-9};
  static const struct report_options every = {1e-3, 1, 1, 1, 1, 1, 1};
  static int (*const exporters[])(FILE *, const struct lprof_profile *) = {
      export_callgrind, export_xml,   export_json,
      export_pprof,     export_lcov};
  FUZZ_CHECK(report_text(fuzz_sink(), p, &plain) == 0);
  FUZZ_CHECK(report_text(fuzz_sink(), p, &every) == 0);
  FUZZ_CHECK(report_leaks(fuzz_sink(), p) == 0);
  for (size_t i = 0; i < sizeof exporters / sizeof *exporters; i++)
    FUZZ_CHECK(exporters[i](fuzz_sink(), p) == 0);
  FUZZ_CHECK(export_cobertura(fuzz_sink(), p, "/") == 0);
  FUZZ_CHECK(export_html(fuzz_sink(), p, "/") == 0);
}

static uint64_t twice(uint64_t v) {
  return v > UINT64_MAX / 2 ? UINT64_MAX : 2 * v;
}

/* sum is one copy of the profile merged with another: every function and
 * line of one is there, with counts doubled (saturating). */
static void check_doubled(const struct lprof_profile *one,
                          const struct lprof_profile *sum) {
  FUZZ_CHECK(sum->nfunctions == one->nfunctions);
  for (size_t i = 0; i < one->nfunctions; i++) {
    const struct lprof_function *a = &one->functions[i],
                                *b = &sum->functions[i];
    FUZZ_CHECK(lprof_function_cmp(a, b) == 0 && a->nlines == b->nlines);
    for (size_t k = 0; k < a->nlines; k++) {
      FUZZ_CHECK(b->lines[k].line == a->lines[k].line);
      FUZZ_CHECK(b->lines[k].hits == twice(a->lines[k].hits));
      FUZZ_CHECK(b->lines[k].time_ns == twice(a->lines[k].time_ns));
    }
  }
}

static void exercise(const uint8_t *data, size_t size) {
  struct lprof_profile one, sum, other;
  char err[256];
  if (lprof_parse(data, size, &one, err, sizeof err))
    return;
  check_profile(&one);
  render(&one);
  FUZZ_CHECK(lprof_parse(data, size, &sum, err, sizeof err) == 0);
  FUZZ_CHECK(lprof_parse(data, size, &other, err, sizeof err) == 0);
  FUZZ_CHECK(lprof_profile_merge(&sum, &other, err, sizeof err) == 0);
  check_profile(&sum);
  check_doubled(&one, &sum);
  lprof_profile_free(&sum);
  lprof_profile_free(&one);
}

/* The END! record: tag, length 8, crc32 of what precedes it, record count. */
enum { END_LEN = LPROF_RECORD_HEAD_LEN + 8 };

static uint32_t load_u32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

static void store_u32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; i++)
    p[i] = (uint8_t)(v >> 8 * i);
}

/* Runs exercise on a copy of data whose END! checksum is right, if data
 * ends in an END! record whose checksum is wrong. */
static void exercise_with_valid_crc(const uint8_t *data, size_t size) {
  if (size < LPROF_HEADER_LEN + END_LEN)
    return;
  const uint8_t *end = data + size - END_LEN;
  uint32_t crc = lprof_crc32(0, data, size - END_LEN);
  if (load_u32(end) != LPROF_TAG_END || load_u32(end + 4) != 8 ||
      load_u32(end + 8) == crc)
    return;
  uint8_t *copy = malloc(size);
  FUZZ_CHECK(copy);
  memcpy(copy, data, size);
  store_u32(copy + size - END_LEN + 8, crc);
  exercise(copy, size);
  free(copy);
}

/* A raw file: its image, as lprof_read_file makes it, exercised. */
static void exercise_raw(const uint8_t *data, size_t size) {
  struct lprof_buf image;
  char err[256];
  if (!lprof_is_raw(data, size) ||
      lprof_raw_to_lprof(data, size, &image, err, sizeof err))
    return;
  exercise(image.data, image.len);
  lprof_buf_free(&image);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  exercise(data, size);
  exercise_with_valid_crc(data, size);
  exercise_raw(data, size);
  return 0;
}
