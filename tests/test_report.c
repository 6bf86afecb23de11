/* test_report.c - unit tests of the text report (report_text.c) and of
 * source_file.c: profiles built in memory are rendered to a memory stream
 * and compared with line_profiler's exact layout. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lprof_reader.h"
#include "report_text.h"
#include "source_file.h"
#include "unit.h"

#define OFF_LINE "Timer: off (LINEPROF_TIMER=off): Hits only\n"

static char dir[] = "/tmp/test_report.XXXXXX";
static char a_path[64], nul_path[64];

/* a.c: trailing blanks on line 2, CRLF on line 3, no final newline. */
static const char a_source[] = "int add(int a, int b) {\n"
                               "  int s = a + b;   \n"
                               "  return s;\r\n"
                               "}\n"
                               "\n"
                               "void idle(void) {\n"
                               "  return;\n"
                               "}";

static void write_file(const char *path, const char *text, size_t len) {
  FILE *f = fopen(path, "wb");
  CHECK(f && fwrite(text, 1, len, f) == len);
  if (f)
    fclose(f);
}

/* ---- Profiles ---- */

static struct lprof_line add_lines[] = {{2, 3, 1500}, {3, 3, 300}, {4, 0, 0}};
static struct lprof_line idle_lines[] = {{7, 0, 0}};
static struct lprof_line far_lines[] = {{10, 2, 2000000000},
                                        {12, 1, 500000000}};

#define LINES(a) sizeof(a) / sizeof *(a), a

static struct lprof_function fn_add(void) {
  return (struct lprof_function){"add", "a.c", a_path, 1, 4, LINES(add_lines)};
}
static struct lprof_function fn_idle(void) {
  return (struct lprof_function){"idle", "a.c", a_path, 6, 8,
                                 LINES(idle_lines)};
}
static struct lprof_function fn_far(void) {
  return (struct lprof_function){"far", "gone.c", "/nonexistent/x/gone.c",
                                 10, 12, LINES(far_lines)};
}

/* Renders functions fs[0..n) with options o; returns a malloc'd text. */
static char *render(const struct lprof_function *fs, size_t n,
                    const struct report_options *o, size_t *len) {
  struct lprof_function copy[8];
  struct lprof_profile p = {0};
  if (n)
    memcpy(copy, fs, n * sizeof *fs);
  p.functions = copy;
  p.nfunctions = n;
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&text, &size);
  CHECK(report_text(out, &p, o) == 0);
  fclose(out);
  if (len)
    *len = size;
  return text;
}

static void expect_text_at(const char *file, int line, char *got,
                           const char *want) {
  unit_checks++;
  if (strcmp(got, want)) {
    unit_fail(file, line, "report text");
    fprintf(stderr, "--- got:\n%s--- expected:\n%s---\n", got, want);
  }
  free(got);
}
#define EXPECT_TEXT(got, want) expect_text_at(__FILE__, __LINE__, got, want)

static const struct report_options defaults = {.unit = 1e-9};

/* ---- Expected pieces ---- */

#define HEADER                                                                 \
  "Line #      Hits         Time  Per Hit   % Time  Line Contents\n"          \
  "==============================================================\n"

#define ADD_TABLE                                                              \
  "Total time: 0.000002 s\n"                                                   \
  "File: a.c\n"                                                                \
  "Function: add at line 1\n"                                                  \
  "\n" HEADER                                                                  \
  "     1                                           int add(int a, int b) {\n" \
  "     2         3       1500.0    500.0     83.3    int s = a + b;   \n"    \
  "     3         3        300.0    100.0     16.7    return s;\n"            \
  "     4                                           }\n"                      \
  "\n"

#define IDLE_TABLE                                                             \
  "Total time: 0.000000 s\n"                                                   \
  "File: a.c\n"                                                                \
  "Function: idle at line 6\n"                                                 \
  "\n" HEADER                                                                  \
  "     6                                           void idle(void) {\n"      \
  "     7                                             return;\n"              \
  "     8                                           }\n"                      \
  "\n"

#define FAR_TABLE                                                              \
  "Total time: 2.500000 s\n"                                                   \
  "\n"                                                                         \
  "Could not find file gone.c\n"                                               \
  "Are you sure you are running this program from the same directory\n"       \
  "that you ran the profiler from?\n"                                          \
  "Continuing without the function's contents.\n"                              \
  "\n" HEADER                                                                  \
  "    10         2 2000000000.0    1e+09     80.0  \n"                        \
  "    12         1  500000000.0    5e+08     20.0  \n"                        \
  "\n"

/* ---- Report tests ---- */

static void test_default(void) {
  struct lprof_function fs[] = {fn_far(), fn_idle(), fn_add()};
  EXPECT_TEXT(render(fs, 3, &defaults, NULL),
              "Timer unit: 1e-09 s\n" OFF_LINE "\n" ADD_TABLE IDLE_TABLE FAR_TABLE);
}

static void test_empty_profile(void) {
  EXPECT_TEXT(render(NULL, 0, &defaults, NULL), "Timer unit: 1e-09 s\n" OFF_LINE "\n");
  EXPECT_TEXT(render(NULL, 0, NULL, NULL), "Timer unit: 1e-09 s\n" OFF_LINE "\n");
}

static void test_unit(void) {
  struct lprof_function fs[] = {fn_add()};
  struct report_options o = {.unit = 1e-6};
  EXPECT_TEXT(
      render(fs, 1, &o, NULL),
      "Timer unit: 1e-06 s\n" OFF_LINE "\n"
      "Total time: 0.000002 s\n"
      "File: a.c\n"
      "Function: add at line 1\n"
      "\n" HEADER
      "     1                                           int add(int a, int "
      "b) {\n"
      "     2         3          1.5      0.5     83.3    int s = a + b;   \n"
      "     3         3          0.3      0.1     16.7    return s;\n"
      "     4                                           }\n"
      "\n");
}

static void test_skip_zero(void) {
  struct lprof_function fs[] = {fn_far(), fn_idle(), fn_add()};
  struct report_options o = {.unit = 1e-9, .skip_zero = 1, .summary = 1};
  EXPECT_TEXT(render(fs, 3, &o, NULL),
              "Timer unit: 1e-09 s\n" OFF_LINE "\n" ADD_TABLE FAR_TABLE
              "  0.00 seconds - a.c:1 - add\n"
              "  2.50 seconds - gone.c:10 - far\n");
}

static void test_sort_and_summary(void) {
  struct lprof_function fs[] = {fn_far(), fn_add(), fn_idle()};
  struct report_options o = {.unit = 1e-9, .sort_by_time = 1, .summary = 1};
  EXPECT_TEXT(render(fs, 3, &o, NULL),
              "Timer unit: 1e-09 s\n" OFF_LINE "\n" IDLE_TABLE ADD_TABLE FAR_TABLE
              "  0.00 seconds - a.c:6 - idle\n"
              "  0.00 seconds - a.c:1 - add\n"
              "  2.50 seconds - gone.c:10 - far\n");
  /* Equal times keep the default order: file, first line, name. */
  struct lprof_function ties[] = {fn_idle(), fn_idle(), fn_idle()};
  ties[0].name = "zeta";
  ties[1].file = "0.c";
  o.summary = 1;
  char *text = render(ties, 3, &o, NULL);
  const char *sum = strstr(text, "  0.00 seconds - 0.c:6");
  CHECK(sum && !strcmp(sum, "  0.00 seconds - 0.c:6 - idle\n"
                            "  0.00 seconds - a.c:6 - idle\n"
                            "  0.00 seconds - a.c:6 - zeta\n"));
  free(text);
}

/* line_profiler 4.1+: cells too wide switch to %g and widen the column. */
static void test_wide_cells(void) {
  struct lprof_line big[] = {{2, 12345678901ull, 12345678901ull}};
  struct lprof_function fs[] = {fn_add()};
  fs[0].last_line = 2;
  fs[0].lines = big;
  fs[0].nlines = 1;
  EXPECT_TEXT(render(fs, 1, &defaults, NULL),
              "Timer unit: 1e-09 s\n" OFF_LINE "\n"
              "Total time: 12.345679 s\n"
              "File: a.c\n"
              "Function: add at line 1\n"
              "\n"
              "Line #        Hits         Time  Per Hit   % Time  Line "
              "Contents\n"
              "================================================================"
              "\n"
              "     1                                             int add(int "
              "a, int b) {\n"
              "     2 1.23457e+10     1.23e+10      1.0    100.0    int s = a "
              "+ b;   \n"
              "\n");
}

/* The source is looked up by path, then by file; lines past its end and a
 * line with a NUL byte are shown as they are. */
static void test_source_lookup(void) {
  struct lprof_line l[] = {{9, 1, 10}};
  struct lprof_function fs[] = {fn_idle()};
  fs[0].path = "/nonexistent/a.c";
  fs[0].file = a_path;
  fs[0].last_line = 9;
  fs[0].lines = l;
  fs[0].nlines = 1;
  char *text = render(fs, 1, &defaults, NULL);
  char want[1024];
  snprintf(want, sizeof want,
           "Timer unit: 1e-09 s\n" OFF_LINE "\n"
           "Total time: 0.000000 s\n"
           "File: %s\n"
           "Function: idle at line 6\n"
           "\n%s"
           "     6                                           void idle(void) "
           "{\n"
           "     7                                             return;\n"
           "     8                                           }\n"
           "     9         1         10.0     10.0    100.0  \n"
           "\n",
           a_path, HEADER);
  EXPECT_TEXT(text, want);

  static const char row[] = "     1                                           "
                            "x\0y\n";
  struct lprof_function n = {"n", "n.c", nul_path, 1, 1, 0, NULL};
  size_t len;
  text = render(&n, 1, &defaults, &len);
  const char *at = strstr(text, "=\n");
  CHECK(at && (size_t)(text + len - (at + 2)) == sizeof row - 1 + 1 &&
        !memcmp(at + 2, row, sizeof row - 1));
  free(text);
}

/* ---- source_file ---- */

static void check_source(const char *text, size_t len, size_t nlines,
                         const char *const *want) {
  char path[64];
  struct source_file sf;
  snprintf(path, sizeof path, "%s/src", dir);
  write_file(path, text, len);
  CHECK(source_file_load(&sf, path) == 0);
  CHECK_EQ_U64(sf.nlines, nlines);
  for (size_t i = 0; i < nlines && i < sf.nlines; i++) {
    size_t n;
    const char *line = source_file_line(&sf, i + 1, &n);
    CHECK(line && n == strlen(want[i]) && !memcmp(line, want[i], n));
  }
  CHECK(source_file_line(&sf, 0, NULL) == NULL);
  CHECK(source_file_line(&sf, nlines + 1, NULL) == NULL);
  source_file_free(&sf);
  unlink(path);
}

static void test_source_file(void) {
  static const char *const lines[] = {"a", "b", "", "c", "d  "};
  check_source("a\nb\r\n\nc\rd  ", 11, 5, lines);
  check_source("a\nb\r\n\nc\rd  \n", 12, 5, lines);
  check_source("", 0, 0, NULL);
  static const char *const one_empty[] = {""};
  check_source("\n", 1, 1, one_empty);
  check_source("\r\n", 2, 1, one_empty);

  size_t big = 3u << 20; /* a 3 MiB line, then a short one */
  char *text = malloc(big + 4);
  memset(text, 'x', big);
  memcpy(text + big, "\ny\n", 4);
  char path[64];
  struct source_file sf;
  snprintf(path, sizeof path, "%s/big", dir);
  write_file(path, text, big + 3);
  CHECK(source_file_load(&sf, path) == 0);
  size_t n = 0;
  const char *l1 = source_file_line(&sf, 1, &n);
  CHECK(sf.nlines == 2 && l1 && n == big && l1[big - 1] == 'x');
  CHECK(!strcmp(source_file_line(&sf, 2, NULL), "y"));
  source_file_free(&sf);
  unlink(path);
  free(text);

  errno = 0;
  CHECK(source_file_load(&sf, "/nonexistent/src.c") == -1 && errno == ENOENT);
  CHECK(sf.nlines == 0 && sf.lines == NULL);
  CHECK(source_file_load(&sf, dir) == -1); /* a directory */
}

int main(void) {
  if (!mkdtemp(dir))
    return perror("mkdtemp"), 1;
  snprintf(a_path, sizeof a_path, "%s/a.c", dir);
  snprintf(nul_path, sizeof nul_path, "%s/n.c", dir);
  write_file(a_path, a_source, sizeof a_source - 1);
  write_file(nul_path, "x\0y\n", 4);
  test_default();
  test_empty_profile();
  test_unit();
  test_skip_zero();
  test_sort_and_summary();
  test_wide_cells();
  test_source_lookup();
  test_source_file();
  unlink(a_path);
  unlink(nul_path);
  rmdir(dir);
  return unit_finish();
}
