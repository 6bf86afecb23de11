/* unit.h - a minimal unit-test harness for lineprof's C tests: CHECK
 * records a failure with its location and goes on; unit_finish() prints the
 * totals and returns the exit status. */
#ifndef UNIT_H
#define UNIT_H

#include <stdint.h>

extern int unit_failures, unit_checks;
void unit_fail(const char *file, int line, const char *what);

#define CHECK(cond)                                                            \
  do {                                                                         \
    unit_checks++;                                                             \
    if (!(cond))                                                               \
      unit_fail(__FILE__, __LINE__, #cond);                                    \
  } while (0)
#define CHECK_EQ_U64(a, b)                                                     \
  do {                                                                         \
    unit_checks++;                                                             \
    uint64_t a_ = (a), b_ = (b);                                               \
    if (a_ != b_)                                                              \
      unit_fail_u64(__FILE__, __LINE__, #a " == " #b, a_, b_);                 \
  } while (0)
void unit_fail_u64(const char *file, int line, const char *what, uint64_t a,
                   uint64_t b);
int unit_finish(void);

#endif
