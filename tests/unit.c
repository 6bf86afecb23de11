/* unit.c - the harness behind unit.h. */
#include "unit.h"

#include <inttypes.h>
#include <stdio.h>

int unit_failures, unit_checks;

void unit_fail(const char *file, int line, const char *what) {
  unit_failures++;
  fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
}

void unit_fail_u64(const char *file, int line, const char *what, uint64_t a,
                   uint64_t b) {
  unit_failures++;
  fprintf(stderr, "%s:%d: check failed: %s (%" PRIu64 " vs %" PRIu64 ")\n",
          file, line, what, a, b);
}

int unit_finish(void) {
  printf("%d passed, %d failed\n", unit_checks - unit_failures, unit_failures);
  return unit_failures ? 1 : 0;
}
