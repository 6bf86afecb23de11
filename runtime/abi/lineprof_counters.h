/* lineprof_counters.h - the counter arrays of a thread's block (rt_abi.h),
 * declared once, and the one rule for adding two counts of the same line:
 * counts sum (saturating), but memory in use and its peak take the larger,
 * and times sum as signed numbers: a timed interval less its probes' cost
 * (rt/rt_timed.c) may be below 0, and so, for a while, may a line's sum.
 * Expanded by the runtime (rt/rt_registry.h's enum rt_array, and folding a
 * thread's block into the totals), by the raw file of continuous mode
 * (format/lprof_raw.c) and by the profile merge (format/lprof_reader.c),
 * whose lines carry the same counts (cycles become nanoseconds, a time
 * below 0 becomes 0); and how the hits of derived slots are computed
 * from the counted ones, by the runtime and the raw file's reader alike. */
#ifndef LINEPROF_COUNTERS_H
#define LINEPROF_COUNTERS_H

#include <stdint.h>

#include "rt_abi.h"

/* X(ARRAY, line_field, FOLD): the arrays in block order, the field of
 * struct lprof_line it becomes, and how two counts add up. */
#define LINEPROF_COUNTERS(X)                                                   \
  X(HITS, hits, SUM)                                                           \
  X(CYCLES, time_ns, SIGNED)                                                   \
  X(SELF, self_ns, SIGNED)                                                     \
  X(SAMPLES, samples, SUM)                                                     \
  X(ALLOC, alloc, SUM)                                                         \
  X(FREED, freed, SUM)                                                         \
  X(USAGE, usage, MAX)                                                         \
  X(PEAK, peak, MAX)

enum lineprof_fold { LINEPROF_FOLD_SUM, LINEPROF_FOLD_MAX, LINEPROF_FOLD_SIGNED };

/* a and b added up by rule `fold` (SIGNED: as int64_t, saturating). */
static inline uint64_t lineprof_fold(enum lineprof_fold fold, uint64_t a,
                                     uint64_t b) {
  if (fold == LINEPROF_FOLD_MAX)
    return a > b ? a : b;
  if (fold == LINEPROF_FOLD_SIGNED) {
    int64_t x = (int64_t)a, y = (int64_t)b, sum;
    if (__builtin_add_overflow(x, y, &sum))
      sum = x > 0 ? INT64_MAX : INT64_MIN;
    return (uint64_t)sum;
  }
  return a + b < a ? UINT64_MAX : a + b;
}

/* The rule for two lines of profiles, whose times are nanoseconds, never
 * below 0 (lprof_line_from_counts): they sum as counts do. */
static inline enum lineprof_fold lineprof_line_fold(enum lineprof_fold fold) {
  return fold == LINEPROF_FOLD_SIGNED ? LINEPROF_FOLD_SUM : fold;
}

/* The rule of block array `array` (0 to LINEPROF_BLOCK_ARRAYS - 1). */
static inline enum lineprof_fold lineprof_array_fold(size_t array) {
#define LINEPROF_COUNTER_FOLD(array, field, fold) LINEPROF_FOLD_##fold,
  static const enum lineprof_fold folds[] = {
      LINEPROF_COUNTERS(LINEPROF_COUNTER_FOLD)};
#undef LINEPROF_COUNTER_FOLD
  _Static_assert(sizeof folds / sizeof *folds == LINEPROF_BLOCK_ARRAYS,
                 "one entry per block array");
  return folds[array];
}

/* Adds the counters `from` into `into`, both laid out as a block is:
 * LINEPROF_BLOCK_ARRAYS arrays of per_array counts. */
static inline void lineprof_fold_block(uint64_t *into, const uint64_t *from,
                                       size_t per_array) {
  for (size_t a = 0; a < LINEPROF_BLOCK_ARRAYS; a++) {
    enum lineprof_fold fold = lineprof_array_fold(a);
    for (size_t i = a * per_array; i < (a + 1) * per_array; i++)
      into[i] = lineprof_fold(fold, into[i], from[i]);
  }
}

/* The hits of the derived slots (lineprof_abi_tables.inc) from those of
 * the slots they are derived from; hits has nslots entries. An entry
 * naming a slot out of range (from a damaged file) is skipped: its slot
 * keeps its count, 0. An entry whose second term is its own slot is a
 * copy of the first (applied twice, it stays one). */
static inline void lineprof_derive_hits(uint64_t *hits, size_t nslots,
                                        const struct lineprof_derived *d,
                                        size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (d[i].slot >= nslots || d[i].first >= nslots || d[i].second >= nslots)
      continue;
    uint64_t second = d[i].second == d[i].slot ? 0 : hits[d[i].second];
    hits[d[i].slot] =
        lineprof_fold(LINEPROF_FOLD_SUM, hits[d[i].first], second);
  }
}

#endif
