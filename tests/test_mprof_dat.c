/* test_mprof_dat.c - unit tests of the mprof .dat parser and model
 * (runtime/mprof/mprof_dat.c): mprof's own files parse, every malformed line is an
 * error naming its line, the summary figures, and write/parse round trips. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mprof_dat.h"
#include "unit.h"

/* The .dat of python-tools.md 1b.7, verbatim. */
static const char mprof_example[] =
    "FUNC __main__.my_func 21.7383 1795238257.0996 29.3711 1795238257.4762 0\n"
    "FUNC __main__.other 21.7383 1795238257.4772 59.8867 1795238257.7903 0\n"
    "CMDLINE /usr/bin/python3 mprof_example.py\n"
    "MEM 6.929688 1795238257.0456\n"
    "MEM 154.027344 1795238257.1459\n"
    "MEM 181.960938 1795238257.2463\n"
    "MEM 181.960938 1795238257.3467\n"
    "MEM 181.960938 1795238257.4471\n"
    "MEM 59.886719 1795238257.5476\n"
    "MEM 59.886719 1795238257.6480\n"
    "MEM 59.886719 1795238257.7485\n"
    "MEM 21.738281 1795238257.8488\n"
    "MEM 21.738281 1795238257.9490\n";

static int parse(const char *text, struct mprof_dat *d, char *err,
                 size_t errlen) {
  return mprof_dat_parse_buffer("t.dat", text, strlen(text), d, err, errlen);
}

static int near(double a, double b) { return fabs(a - b) < 1e-9; }

static void test_mprof_example(void) {
  struct mprof_dat d;
  char err[300] = "";
  CHECK(parse(mprof_example, &d, err, sizeof err) == 0);
  CHECK_EQ_U64(d.n_mem, 10);
  CHECK_EQ_U64(d.n_funcs, 2);
  CHECK_EQ_U64(d.n_children, 0);
  CHECK(d.cmdline && !strcmp(d.cmdline, "/usr/bin/python3 mprof_example.py"));
  CHECK(!strcmp(d.funcs[0].name, "__main__.my_func"));
  CHECK(near(d.funcs[0].m0, 21.7383) && near(d.funcs[0].t1, 1795238257.4762));
  CHECK(d.funcs[1].level == 0);
  size_t pk = mprof_dat_peak_index(&d);
  CHECK_EQ_U64(pk, 2); /* the first of the equal maxima */
  CHECK(near(d.mem[pk].mem, 181.960938));
  CHECK(near(mprof_dat_start_time(&d), 1795238257.0456));
  double p = 0;
  CHECK(mprof_dat_func_peak(&d, "__main__.my_func", &p) == 0);
  CHECK(near(p, 181.960938));
  CHECK(mprof_dat_func_peak(&d, "__main__.other", &p) == 0);
  CHECK(near(p, 59.886719));
  CHECK(mprof_dat_func_peak(&d, "nope", &p) == -1);
  mprof_dat_free(&d);
  CHECK(d.mem == NULL && d.n_mem == 0);
}

static void test_children(void) {
  const char *text = "CMDLINE /usr/bin/python3 mp_children.py\n"
                     "MEM 6.976562 1795238267.6014\n"
                     "MEM 11.003906 1795238267.7027\n"
                     "CHLD 7764 47.769531 1795238267.7037\n"
                     "CHLD 7765 85.917969 1795238267.7037\n"
                     "MEM 11.003906 1795238267.8043\n"
                     "CHLD 7764 49.769531 1795238267.8053\n"
                     "CHLD 7765 85.917969 1795238267.8053\n"
                     "CHLD 7766 1.5 1795238267.8053\n"
                     "MEM 11.003906 1795238267.9058\n";
  struct mprof_dat d;
  char err[300];
  CHECK(parse(text, &d, err, sizeof err) == 0);
  CHECK_EQ_U64(d.n_children, 3);
  CHECK(!strcmp(d.children[0].id, "7764") && d.children[0].n == 2);
  CHECK(!strcmp(d.children[1].id, "7765") && d.children[1].n == 2);
  CHECK(!strcmp(d.children[2].id, "7766") && d.children[2].n == 1);
  CHECK(near(mprof_child_peak(&d.children[0]), 49.769531));
  mprof_dat_free(&d);
}

static void test_lenient_forms(void) {
  struct mprof_dat d;
  char err[300];
  /* Old FUNC records without a level; CRLF; no final newline; an empty
   * CMDLINE; exponents and integers. */
  CHECK(parse("FUNC m.f 1 2 3 4\r\nCMDLINE \nMEM 1e1 100\nMEM 2.5 101", &d,
              err, sizeof err) == 0);
  CHECK_EQ_U64(d.n_funcs, 1);
  CHECK(d.funcs[0].level == -1);
  CHECK(d.cmdline && !strcmp(d.cmdline, ""));
  CHECK_EQ_U64(d.n_mem, 2);
  CHECK(near(d.mem[0].mem, 10));
  mprof_dat_free(&d);
}

/* text must fail with a message starting with prefix and containing what. */
static void expect_error(const char *text, const char *prefix,
                         const char *what) {
  struct mprof_dat d;
  char err[300] = "";
  int rc = parse(text, &d, err, sizeof err);
  CHECK(rc == -1);
  int ok = !strncmp(err, prefix, strlen(prefix)) && strstr(err, what);
  if (!ok)
    fprintf(stderr, "  for %.40s: got '%s', expected '%s...%s'\n", text, err,
            prefix, what);
  CHECK(ok);
  CHECK(d.n_mem == 0 && d.mem == NULL && d.cmdline == NULL);
}

static void test_errors(void) {
  expect_error("", "t.dat: ", "no MEM records");
  expect_error("CMDLINE x\n", "t.dat: ", "no MEM records");
  expect_error("MEM 1 2\n\nMEM 1 2\n", "t.dat:2: ", "blank line");
  expect_error("MEM 1 2\nhello world\n", "t.dat:2: ", "unknown record 'hello'");
  expect_error("\x7f" "ELF\x02\x01", "t.dat:1: ", "unknown record '?ELF?\?'");
  expect_error("MEM\n", "t.dat:1: ", "without fields");
  expect_error("CMDLINE\n", "t.dat:1: ", "without fields");
  expect_error("MEM 1\n", "t.dat:1: ", "needs 2 fields, found 1");
  expect_error("MEM 1 2 3\n", "t.dat:1: ", "needs 2 fields, found 3");
  expect_error("MEM 1  2\n", "t.dat:1: ", "empty field 2 in MEM");
  expect_error("MEM 1 2 \n", "t.dat:1: ", "empty field 3");
  expect_error("MEM nan 2\n", "t.dat:1: ", "not a number: 'nan'");
  expect_error("MEM inf 2\n", "t.dat:1: ", "not a number");
  expect_error("MEM 1e999 2\n", "t.dat:1: ", "out of range");
  expect_error("MEM -1 2\n", "t.dat:1: ", "negative memory");
  expect_error("MEM 1 -2\n", "t.dat:1: ", "negative time");
  expect_error("MEM 0x10 2\n", "t.dat:1: ", "not a number");
  expect_error("MEM 1.2.3 2\n", "t.dat:1: ", "not a number");
  expect_error("MEM . 2\n", "t.dat:1: ", "not a number");
  expect_error("MEM 1 2e\n", "t.dat:1: ", "not a number");
  expect_error("MEM 1 2\nCHLD 12 3\n", "t.dat:2: ", "needs 3 fields");
  expect_error("CHLD  3 4\nMEM 1 2\n", "t.dat:1: ", "empty field 1 in CHLD");
  expect_error("MEM 1 2\nFUNC f 1 2 3\n", "t.dat:2: ", "needs 5 to 6 fields");
  expect_error("FUNC f 1 2 3 4 5 6\n", "t.dat:1: ", "found 7");
  expect_error("FUNC f 1 5 3 4 0\n", "t.dat:1: ", "before it starts");
  expect_error("FUNC f 1 2 3 4 -1\n", "t.dat:1: ", "stack level");
  expect_error("FUNC f 1 2 3 4 1.5\n", "t.dat:1: ", "stack level");
  expect_error("FUNC f 1 2 3 4 99999999999\n", "t.dat:1: ", "stack level");
  expect_error("FUNC f\x01g 1 2 3 4 0\n", "t.dat:1: ", "control character");
  /* The truncated last line of a killed writer. */
  expect_error("MEM 1 2\nMEM 3.5", "t.dat:2: ", "needs 2 fields, found 1");
  expect_error("MEM 1 2\nFUNC a.b 1.0 2.0 3.0 ", "t.dat:2: ", "empty field 5 in FUNC");
}

static void test_nul_byte(void) {
  static const char text[] = "MEM 1 2\nMEM 12.5 17952382\0" "57\n";
  struct mprof_dat d;
  char err[300] = "";
  CHECK(mprof_dat_parse_buffer("t.dat", text, sizeof text - 1, &d, err,
                               sizeof err) == -1);
  CHECK(!strcmp(err, "t.dat:2: binary data (NUL byte)"));
}

static char *write_temp(const char *text, size_t len) {
  char *path = strdup("/tmp/test_mprof_dat.XXXXXX");
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  if (fd >= 0) {
    CHECK(write(fd, text, len) == (ssize_t)len);
    close(fd);
  }
  return path;
}

static void test_files(void) {
  struct mprof_dat d;
  char err[600];
  CHECK(mprof_dat_load("/nonexistent/x.dat", &d, err, sizeof err) == -1);
  CHECK(strstr(err, "/nonexistent/x.dat: No such file") != NULL);
  CHECK(mprof_dat_load("/tmp", &d, err, sizeof err) == -1);
  CHECK(strstr(err, "/tmp: is a directory") != NULL);

  char *p = write_temp(mprof_example, strlen(mprof_example));
  CHECK(mprof_dat_load(p, &d, err, sizeof err) == 0);
  CHECK_EQ_U64(d.n_mem, 10);
  mprof_dat_free(&d);
  unlink(p);
  free(p);

  /* A line longer than the limit, after valid lines. */
  size_t big = MPROF_DAT_MAX_LINE + 100;
  char *text = malloc(big + 64);
  strcpy(text, "MEM 1 2\nCMDLINE ");
  size_t n = strlen(text);
  memset(text + n, 'x', big);
  text[n + big] = '\n';
  p = write_temp(text, n + big + 1);
  CHECK(mprof_dat_load(p, &d, err, sizeof err) == -1);
  CHECK(strstr(err, ":2: line too long") != NULL);
  unlink(p);
  free(p);
  free(text);

  /* Many samples, read in several chunks: line numbers stay right. */
  size_t lines = 200000;
  char *many = malloc(lines * 40);
  size_t len = 0;
  for (size_t i = 0; i < lines; i++)
    len += (size_t)sprintf(many + len, "MEM %.6f %.4f\n", (double)(i % 977),
                           1795238257.0 + i * 0.1);
  len += (size_t)sprintf(many + len, "MEM x 1\n");
  p = write_temp(many, len);
  CHECK(mprof_dat_load(p, &d, err, sizeof err) == -1);
  char want[64];
  snprintf(want, sizeof want, ":%zu: memory is not a number", lines + 1);
  CHECK(strstr(err, want) != NULL);
  len -= strlen("MEM x 1\n");
  unlink(p);
  free(p);
  p = write_temp(many, len);
  CHECK(mprof_dat_load(p, &d, err, sizeof err) == 0);
  CHECK_EQ_U64(d.n_mem, lines);
  CHECK(near(d.mem[mprof_dat_peak_index(&d)].mem, 976));
  mprof_dat_free(&d);
  unlink(p);
  free(p);
  free(many);
}

static void test_round_trip(void) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  fputs("CMDLINE ./a 'b c'\n", f);
  mprof_write_mem(f, 12.3456789, 1795238257.04567);
  mprof_write_chld(f, 4242, 3.25, 1795238257.1);
  struct mprof_func fn = {"alloc.work", 1.5, 1795238257.2, 51.25,
                          1795238257.5, 2};
  mprof_write_func(f, &fn);
  fn.level = -1;
  mprof_write_func(f, &fn);
  fclose(f);
  CHECK(strstr(buf, "MEM 12.345679 1795238257.0457\n") != NULL);
  CHECK(strstr(buf, "CHLD 4242 3.250000 1795238257.1000\n") != NULL);
  CHECK(strstr(buf, "FUNC alloc.work 1.5000 1795238257.2000 51.2500 "
                    "1795238257.5000 2\n") != NULL);
  CHECK(strstr(buf, "1795238257.5000\n") != NULL);
  struct mprof_dat d;
  char err[300];
  CHECK(parse(buf, &d, err, sizeof err) == 0);
  CHECK(!strcmp(d.cmdline, "./a 'b c'"));
  CHECK_EQ_U64(d.n_funcs, 2);
  CHECK(d.funcs[0].level == 2 && d.funcs[1].level == -1);
  CHECK(!strcmp(d.children[0].id, "4242"));
  mprof_dat_free(&d);
  free(buf);
}

static void test_func_peak_ranges(void) {
  /* Overlapping and nested calls; samples on the boundaries count. */
  const char *text = "MEM 1 10\nMEM 5 11\nMEM 9 12\nMEM 3 13\nMEM 7 14\n"
                     "FUNC f 0 10.5 0 11 0\nFUNC f 0 10.8 0 11.5 1\n"
                     "FUNC f 0 13 0 13.5 0\nFUNC g 0 20 0 21 0\n";
  struct mprof_dat d;
  char err[300];
  CHECK(parse(text, &d, err, sizeof err) == 0);
  double p = 0;
  CHECK(mprof_dat_func_peak(&d, "f", &p) == 0);
  CHECK(near(p, 5));
  CHECK(mprof_dat_func_peak(&d, "g", &p) == -1); /* no sample inside */
  mprof_dat_free(&d);
}

int main(void) {
  test_mprof_example();
  test_children();
  test_lenient_forms();
  test_errors();
  test_nul_byte();
  test_files();
  test_round_trip();
  test_func_peak_ranges();
  return unit_finish();
}
