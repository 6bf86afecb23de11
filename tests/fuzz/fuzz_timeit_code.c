/* fuzz_timeit_code.c - libFuzzer target for the check `lineprof timeit`
 * makes on the user's C snippets before pasting them into the timing
 * program (timeit_check_code): a problem must be located inside the
 * snippet; a snippet that passes is written into the program, as setup
 * and as two statements. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "timeit_harness.h"

/* Where the text after the snippet's last character would be. */
static void end_position(const char *s, int *line, int *col) {
  *line = 1, *col = 1;
  for (; *s; s++) {
    if (*s == '\n')
      ++*line, *col = 1;
    else
      ++*col;
  }
}

static void check_snippet(const char *code) {
  int line = 0, col = 0, last_line, end_col;
  const char *problem = timeit_check_code(code, &line, &col);
  if (problem) {
    end_position(code, &last_line, &end_col);
    FUZZ_CHECK(*problem && line >= 1 && col >= 1 && line <= last_line);
    FUZZ_CHECK(line < last_line || col < end_col);
    return;
  }
  const char *stmts[] = {code, code};
  const char *includes[] = {"<stdio.h>"};
  struct timeit_spec spec = {code, stmts, 2, includes, 1, 0, 3};
  FUZZ_CHECK(timeit_write_source(fuzz_sink(), &spec) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *code = malloc(size + 1);
  FUZZ_CHECK(code);
  memcpy(code, data, size);
  code[size] = '\0'; /* a NUL byte inside ends the snippet early, as in argv */
  check_snippet(code);
  free(code);
  return 0;
}
