/* fuzz.h - what the libFuzzer targets in tests/fuzz/ share: an output
 * stream that discards what the renderers write, and a check that aborts
 * (so that libFuzzer keeps the input) whatever NDEBUG says. */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdio.h>

/* /dev/null, opened on first use and kept open. */
FILE *fuzz_sink(void);

/* Report the broken invariant and abort. */
_Noreturn void fuzz_fail(const char *file, int line, const char *what);

#define FUZZ_CHECK(cond)                                                       \
  do {                                                                         \
    if (!(cond))                                                               \
      fuzz_fail(__FILE__, __LINE__, #cond);                                    \
  } while (0)

#endif
