/* Unit tests of the runtime's DWARF line-table reader
 * (runtime/rt/rt_dwarf_lines.c): path joining (runtime/format/lprof_path.c,
 * the paths it gives), and this program's own
 * line table (built with -g), where the return address of a call must be
 * in the range of the calling line. */
#include <string.h>

#include "lprof_path.h"
#include "rt_dwarf_lines.h"
#include "unit.h"

static int joins(const char *dir, const char *name, const char *want) {
  char out[64];
  return !lprof_path_join(out, sizeof out, dir, name) && !strcmp(out, want);
}

static void test_join(void) {
  CHECK(joins("/a/b", "c.c", "/a/b/c.c"));
  CHECK(joins("/a/b/", "./c.c", "/a/b/c.c"));
  CHECK(joins("/a/./b", "../c.c", "/a/c.c"));
  CHECK(joins("/a", "/x//y/../z.c", "/x/z.c"));
  CHECK(joins("/", "../c.c", "/c.c"));
  CHECK(joins("", "c.c", "c.c"));
  CHECK(joins("src", "../../c.c", "../c.c"));
  CHECK(joins("..", "c.c", "../c.c"));
  char small[8];
  CHECK(lprof_path_join(small, sizeof small, "/long/dir", "name.c") == -1);
}

/* What the visitor saw: this file's unit, its tag, the calling line's
 * ranges. */
struct seen {
  int units;
  uint32_t tag;
  uint64_t at;        /* link-time address to find */
  uint32_t line_at;   /* the line of the range holding it */
};

static int ends_with(const char *s, const char *end) {
  size_t a = strlen(s), b = strlen(end);
  return a >= b && !strcmp(s + a - b, end);
}

static int unit(void *ctx, const char *path) {
  struct seen *s = ctx;
  int mine = ends_with(path, "/test_dwarf_lines.c");
  s->units += mine;
  return mine;
}

static uint32_t file(void *ctx, const char *path) {
  struct seen *s = ctx;
  if (path[0] == '/' && ends_with(path, "/tests/test_dwarf_lines.c"))
    s->tag = 7;
  return ends_with(path, "/test_dwarf_lines.c") ? 7 : 0;
}

static void range(void *ctx, uint32_t tag, uint32_t line, uint64_t lo,
                  uint64_t hi) {
  struct seen *s = ctx;
  if (tag == 7 && lo <= s->at && s->at < hi)
    s->line_at = line;
}

__attribute__((noinline)) static void *return_address(void) {
  return __builtin_return_address(0);
}

static void test_own_table(void) {
  struct rt_elf o;
  int line = __LINE__; void *ra = return_address();
  CHECK(rt_elf_open((uintptr_t)ra, &o) == 0);
  struct seen s = {0, 0, (uint64_t)((uintptr_t)ra - 1 - o.bias), 0};
  struct rt_line_visitor v = {&s, unit, file, range};
  CHECK(rt_dwarf_lines(&o, &v) == 0);
  rt_elf_close(&o);
  CHECK(s.units == 1);
  CHECK(s.tag == 7); /* an absolute path, as DWARF 5 gives */
  CHECK_EQ_U64(s.line_at, (uint64_t)line);
}

int main(void) {
  test_join();
  test_own_table();
  return unit_finish();
}
