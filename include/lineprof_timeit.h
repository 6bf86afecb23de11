/* lineprof_timeit.h - timeit for C: time a small piece of code the way
 * Python's timeit does, without letting the optimiser delete or hoist the
 * work. Header-only (static inline functions and macros on top of
 * clock_gettime(CLOCK_MONOTONIC)), so unit tests and benchmarks need no
 * library. `lineprof timeit` generates a program that uses this same header,
 * so the command and the API share one implementation of the timing loop.
 *
 *     #include <lineprof.h>
 *
 *     struct lineprof_timeit_stats st;
 *     double x = lineprof_opaque(2.0);
 *     LINEPROF_TIMEIT(&st, 0, 5, { lineprof_keep(sqrt(x)); });
 *     printf("%ld loops, best of %d: %.3g ns per loop\n",
 *            st.loops, st.repeats, st.best_ns);
 *
 * The barriers:
 *   lineprof_keep(x)    the value of x is used: the code computing it stays.
 *                       If x is a pointer (or an array), the memory it points
 *                       to escapes and is considered read.
 *   lineprof_opaque(x)  x's value, which the compiler can no longer see
 *                       through: no constant folding, and inside the loop no
 *                       hoisting of what is computed from it.
 *   lineprof_clobber()  all memory the compiler cannot prove private may have
 *                       been read and written.
 * Every iteration of a timed loop passes the loop counter through an opaque
 * barrier and clobbers memory, so the loop is neither removed nor collapsed
 * and stores to escaped memory happen every time. Values that live only in
 * registers are the user's business: keep results with lineprof_keep().
 *
 * GNU C (GCC or Clang) only: it uses __auto_type, statement expressions and
 * inline asm. See docs/timeit.md. */
#ifndef LINEPROF_TIMEIT_H
#define LINEPROF_TIMEIT_H

#if defined(__GNUC__) && !defined(__cplusplus)

#include <time.h>

/* ---- Barriers ---------------------------------------------------------- */

/* How a value of type T best passes through an empty asm: 1 = general
 * register (integers, pointers, enums up to a word), 2 = floating-point
 * register (float, double), 0 = memory (everything else). Integer constant
 * expression, so the unused branches below are never compiled. */
#define LINEPROF_KIND_(v)                                                      \
  ((__builtin_classify_type(v) >= 1 && __builtin_classify_type(v) <= 5 &&      \
    sizeof(v) <= sizeof(void *))                                               \
       ? 1                                                                     \
   : (__builtin_classify_type(v) == 8 && sizeof(v) <= 8) ? 2                   \
                                                         : 0)
#if defined(__x86_64__) || defined(__i386__)
#define LINEPROF_FPREG_ "x"
#elif defined(__aarch64__) || defined(__arm__)
#define LINEPROF_FPREG_ "w"
#else
#define LINEPROF_FPREG_ "m"
#endif

/* The value of x is used (Google Benchmark's DoNotOptimize on a const
 * value): its computation cannot be removed. A statement. Not for
 * bit-fields (write lineprof_keep(s.bits + 0)). */
#define lineprof_keep(x)                                                       \
  __extension__({                                                              \
    __auto_type lineprof_k_ = (x);                                             \
    long lineprof_kl_ = 0;                                                     \
    double lineprof_kd_ = 0;                                                   \
    if (LINEPROF_KIND_(lineprof_k_) == 1) {                                    \
      __asm__ __volatile__(                                                    \
          ""                                                                   \
          :                                                                    \
          : "r"(__builtin_choose_expr(LINEPROF_KIND_(lineprof_k_) == 1,        \
                                      lineprof_k_, lineprof_kl_))              \
          : "memory");                                                         \
    } else if (LINEPROF_KIND_(lineprof_k_) == 2) {                             \
      __asm__ __volatile__(                                                    \
          ""                                                                   \
          :                                                                    \
          : LINEPROF_FPREG_(__builtin_choose_expr(                             \
              LINEPROF_KIND_(lineprof_k_) == 2, lineprof_k_, lineprof_kd_))    \
          : "memory");                                                         \
    } else {                                                                   \
      __asm__ __volatile__("" : : "m"(lineprof_k_) : "memory");                \
    }                                                                          \
    (void)lineprof_kl_;                                                        \
    (void)lineprof_kd_;                                                        \
  })

/* x's value, as something the compiler knows nothing about (each time the
 * expression runs). An expression of x's type (arrays decay to pointers). */
#define lineprof_opaque(x)                                                     \
  __extension__({                                                              \
    __auto_type lineprof_o_ = (x);                                             \
    long lineprof_ol_ = 0;                                                     \
    double lineprof_od_ = 0;                                                   \
    if (LINEPROF_KIND_(lineprof_o_) == 1) {                                    \
      __asm__ __volatile__(""                                                  \
                           : "+r"(__builtin_choose_expr(                       \
                               LINEPROF_KIND_(lineprof_o_) == 1, lineprof_o_,  \
                               lineprof_ol_)));                                \
    } else if (LINEPROF_KIND_(lineprof_o_) == 2) {                             \
      __asm__ __volatile__(""                                                  \
                           : "+" LINEPROF_FPREG_(__builtin_choose_expr(        \
                               LINEPROF_KIND_(lineprof_o_) == 2, lineprof_o_,  \
                               lineprof_od_)));                                \
    } else {                                                                   \
      __asm__ __volatile__("" : "+m"(lineprof_o_));                            \
    }                                                                          \
    (void)lineprof_ol_;                                                        \
    (void)lineprof_od_;                                                        \
    lineprof_o_;                                                               \
  })

/* Any memory the compiler cannot prove private may have been read and
 * written (Google Benchmark's ClobberMemory). */
#define lineprof_clobber() __asm__ __volatile__("" : : : "memory")

/* ---- Statistics -------------------------------------------------------- */

/* The result of a measurement. Times are nanoseconds per loop (one
 * execution of the statement), with the cost of the empty timing loop
 * (overhead_ns) already subtracted and clamped at 0. repeats == 0 means the
 * measurement failed (out of memory, or the statement jumped out of the
 * timing loop with break, return or goto).
 *
 * resolution_ns is how finely best_ns, the difference of two bests, is
 * known, per loop: each best is uncertain by its gap to the second best
 * repeat (how reproducible it is) plus LINEPROF_TIMEIT_SYSTEMATIC of
 * itself (the statement's loop and the empty loop are different code at
 * different addresses: their bests differ by a few tenths of a per cent
 * even when each is reproducible to a hundredth of one), and each clocked
 * time by a clock tick (lineprof_timeit_tick_ns), so (2 ticks + both gaps
 * + both shares) / loops; best_ns has digits down to resolution_ns's
 * first. distinct_ns is the smallest best_ns that tells the statement from
 * the empty loop: twice the resolution a statement as fast as the empty
 * loop would have, its runs being as short (its gap scaled down to the
 * empty loop's time: interruptions grow with a run's length). A best_ns of
 * at most distinct_ns is indistinguishable from the empty loop. With one
 * repeat there are no gaps: only the clock counts. */
struct lineprof_timeit_stats {
  double best_ns, median_ns, worst_ns, mean_ns, stddev_ns;
  long loops;  /* loops per repeat */
  int repeats; /* repeats measured */
  double overhead_ns; /* empty-loop cost per loop, subtracted above */
  double resolution_ns, distinct_ns; /* see above */
};

/* ---- The timing loop --------------------------------------------------- */

#define LINEPROF_TIMEIT_DEFAULT_REPEAT 5
/* Autorange stops at the first loop count (1, 2, 5, 10, 20, 50, ...) whose
 * single run takes at least this long: Python's 0.2 s. */
#define LINEPROF_TIMEIT_MIN_NS 2e8
#define LINEPROF_TIMEIT_MAX_TRIALS 64
/* How much of itself each best may be off by beyond its gap (see
 * struct lineprof_timeit_stats): 0.5 %, about the largest offset seen
 * between the bests of two loops of identical code whose gaps were small,
 * and 8 times the one that printed a false 0.00016 nsec (docs/timeit.md). */
#define LINEPROF_TIMEIT_SYSTEMATIC 0.005

enum {
  LINEPROF_TIMEIT_AUTORANGE_,
  LINEPROF_TIMEIT_MEASURE_,
  LINEPROF_TIMEIT_DONE_,
  LINEPROF_TIMEIT_FAILED_
};

/* The state of one measurement. Fields are read-only for users; the
 * autorange trials and raw repeat times are there for reporting. */
struct lineprof_timeit {
  long number;    /* loops per repeat: given, or picked by autorange */
  int repeat;     /* repeats wanted */
  int state;      /* LINEPROF_TIMEIT_*_ */
  int done;       /* repeats measured so far */
  int pending;    /* next() said "run the loop" and the loop has not ended */
  int running;    /* between the start and the end of a timed loop */
  int timing_empty; /* the running loop is the empty one */
  long n;         /* loops in the current round */
  unsigned long long t0;
  double *raw_ns; /* per repeat: total ns of `number` loops, unsubtracted */
  double *empty_raw_ns; /* per repeat: total ns of the empty loop before it */
  double empty_ns; /* best time of the empty loop with `number` loops */
  int have_empty;
  int ntrials;    /* autorange: loop counts tried and their total ns */
  long trial_loops[LINEPROF_TIMEIT_MAX_TRIALS];
  double trial_ns[LINEPROF_TIMEIT_MAX_TRIALS];
  const char *error; /* why the state is FAILED */
};

static inline unsigned long long lineprof_timeit_now_ns(void) {
#if defined(CLOCK_MONOTONIC) ||                                                \
    (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L)
  struct timespec ts;
#ifdef CLOCK_MONOTONIC
  clock_gettime(CLOCK_MONOTONIC, &ts);
#else /* strict ISO C11 without POSIX: the C11 wall clock */
  timespec_get(&ts, TIME_UTC);
#endif
  return (unsigned long long)ts.tv_sec * 1000000000ull +
         (unsigned long long)ts.tv_nsec;
#else /* strict C99 without POSIX: processor time */
  return (unsigned long long)((double)clock() * (1e9 / CLOCKS_PER_SEC));
#endif
}

/* The resolution of lineprof_timeit_now_ns's clock, in ns: the larger of
 * what the system says (clock_getres) and the smallest step seen between
 * two consecutive readings (reading the clock takes time too). */
static inline double lineprof_timeit_tick_ns(void) {
  double res = 1; /* timespec_get's is not known before C23 */
#if defined(CLOCK_MONOTONIC)
  struct timespec ts;
  if (clock_getres(CLOCK_MONOTONIC, &ts) == 0)
    res = (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
#elif !(defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L)
  res = 1e9 / CLOCKS_PER_SEC;
#endif
  unsigned long long a = lineprof_timeit_now_ns(), step = 0;
  for (int i = 0; i < 16; i++) {
    unsigned long long b = lineprof_timeit_now_ns();
    if (b > a && (!step || b - a < step))
      step = b - a;
    a = b;
  }
  return (double)step > res ? (double)step : res;
}

/* number <= 0: pick it automatically; repeat <= 0: 5. */
static inline void lineprof_timeit_init(struct lineprof_timeit *t, long number,
                                        int repeat) {
  __builtin_memset(t, 0, sizeof *t);
  t->number = number > 0 ? number : 0;
  t->repeat = repeat > 0 ? repeat : LINEPROF_TIMEIT_DEFAULT_REPEAT;
  t->state =
      t->number ? LINEPROF_TIMEIT_MEASURE_ : LINEPROF_TIMEIT_AUTORANGE_;
  t->raw_ns = (double *)__builtin_calloc(2 * (unsigned)t->repeat,
                                         sizeof(double));
  t->empty_raw_ns = t->raw_ns ? t->raw_ns + t->repeat : 0;
  if (!t->raw_ns) {
    t->state = LINEPROF_TIMEIT_FAILED_;
    t->error = "out of memory";
  }
}

static inline void lineprof_timeit_free(struct lineprof_timeit *t) {
  __builtin_free(t->raw_ns);
  t->raw_ns = t->empty_raw_ns = 0;
}

static inline void lineprof_timeit_fail_(struct lineprof_timeit *t,
                                         const char *why) {
  t->state = LINEPROF_TIMEIT_FAILED_;
  t->error = why;
}

/* Before each round (an autorange trial or a repeat): 1 if the round's loop
 * should run, 0 when the measurement is over. */
static inline int lineprof_timeit_next(struct lineprof_timeit *t) {
  if (t->running) {
    lineprof_timeit_fail_(t, "the statement jumped out of the timing loop "
                             "(break, return or goto)");
    return 0;
  }
  if (t->pending) {
    lineprof_timeit_fail_(t, "a round ended without running the timed loop");
    return 0;
  }
  if (t->state == LINEPROF_TIMEIT_AUTORANGE_) {
    if (t->ntrials > 0 &&
        t->trial_ns[t->ntrials - 1] >= LINEPROF_TIMEIT_MIN_NS) {
      t->number = t->trial_loops[t->ntrials - 1];
      t->state = LINEPROF_TIMEIT_MEASURE_;
    } else if (t->ntrials == LINEPROF_TIMEIT_MAX_TRIALS ||
               (t->ntrials > 0 &&
                t->trial_loops[t->ntrials - 1] > __LONG_MAX__ / 5)) {
      t->number = t->trial_loops[t->ntrials - 1];
      t->state = LINEPROF_TIMEIT_MEASURE_;
    } else {
      /* 1, 2, 5, 10, 20, 50, ... like Python's Timer.autorange. */
      static const int steps[3] = {1, 2, 5};
      long n = 1;
      for (int i = 0; i < t->ntrials / 3; i++)
        n *= 10;
      t->n = n * steps[t->ntrials % 3];
      t->pending = 1;
      return 1;
    }
  }
  if (t->state == LINEPROF_TIMEIT_MEASURE_) {
    if (t->done == t->repeat) {
      t->state = LINEPROF_TIMEIT_DONE_;
      return 0;
    }
    t->n = t->number;
    t->pending = 1;
    return 1;
  }
  return 0;
}

/* Start a timed loop: returns its loop count. Not inlined, so the code
 * around the empty and the real loop is the same. */
static __attribute__((noinline, unused)) long
lineprof_timeit_start_(struct lineprof_timeit *t, int empty) {
  t->running = 1;
  t->timing_empty = empty;
  t->t0 = lineprof_timeit_now_ns();
  /* The empty loop runs as long as the real one: on a busy machine a
   * shorter one would be interrupted less often and subtract too little. */
  return t->n;
}

static __attribute__((noinline, unused)) void
lineprof_timeit_stop_(struct lineprof_timeit *t) {
  unsigned long long t1 = lineprof_timeit_now_ns();
  double ns = (double)(t1 - t->t0);
  t->running = 0;
  if (t->timing_empty) {
    if (!t->have_empty || ns < t->empty_ns)
      t->empty_ns = ns;
    t->have_empty = 1;
    if (t->done < t->repeat)
      t->empty_raw_ns[t->done] = ns;
    return;
  }
  t->pending = 0;
  if (t->state == LINEPROF_TIMEIT_AUTORANGE_) {
    t->trial_loops[t->ntrials] = t->n;
    t->trial_ns[t->ntrials] = ns;
    t->ntrials++;
  } else if (t->state == LINEPROF_TIMEIT_MEASURE_) {
    t->raw_ns[t->done++] = ns;
  }
}

/* The loop condition: the counter goes through an opaque barrier that also
 * clobbers memory, so the compiler knows neither the trip count nor what the
 * previous iteration left in memory. */
static inline __attribute__((always_inline)) int
lineprof_timeit_more_(struct lineprof_timeit *t, long *i) {
  long v = *i;
  __asm__ __volatile__("" : "+r"(v) : : "memory");
  if (__builtin_expect(v > 0, 1)) {
    *i = v - 1;
    return 1;
  }
  lineprof_timeit_stop_(t);
  return 0;
}

static inline int lineprof_timeit_wants_empty_(struct lineprof_timeit *t) {
  return t->state == LINEPROF_TIMEIT_MEASURE_;
}

/* The timed loop of the current round: `LINEPROF_TIMEIT_LOOP(t) { stmt }`
 * runs stmt t->n times between two clock readings. */
#define LINEPROF_TIMEIT_LOOP(t)                                                \
  for (long lineprof_i_ = lineprof_timeit_start_((t), 0);                      \
       lineprof_timeit_more_((t), &lineprof_i_);)

/* The same loop with nothing in it, timed to subtract its cost: put it in
 * each round before LINEPROF_TIMEIT_LOOP, in the same function. */
#define LINEPROF_TIMEIT_EMPTY_LOOP(t)                                          \
  do {                                                                         \
    if (lineprof_timeit_wants_empty_(t))                                       \
      for (long lineprof_i_ = lineprof_timeit_start_((t), 1);                  \
           lineprof_timeit_more_((t), &lineprof_i_);) {                        \
      }                                                                        \
  } while (0)

static inline double lineprof_timeit_sqrt_(double x) {
  /* Newton's method: no libm needed (__builtin_sqrt may call sqrt()). */
  if (!(x > 0))
    return 0;
  double y = x > 1 ? x : 1;
  for (int i = 0; i < 200; i++) {
    double z = (y + x / y) / 2;
    if (z >= y)
      break;
    y = z;
  }
  return y;
}

/* x[0..n-1] sorted into out (insertion sort: n is the repeat count). */
static inline void lineprof_timeit_sort_(const double *x, int n, double *out) {
  for (int i = 0; i < n; i++) {
    int j = i;
    for (; j > 0 && out[j - 1] > x[i]; j--)
      out[j] = out[j - 1];
    out[j] = x[i];
  }
}

static inline double lineprof_timeit_median_(const double *sorted, int n) {
  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/* resolution_ns and distinct_ns (struct lineprof_timeit_stats) from the
 * sorted repeat totals raw and empty. */
static inline void lineprof_timeit_resolution_(const double *raw,
                                               const double *empty, int n,
                                               double loops,
                                               struct lineprof_timeit_stats *s) {
  double clock = 2 * lineprof_timeit_tick_ns();
  double gap = n > 1 ? raw[1] - raw[0] : 0;
  double empty_gap = n > 1 ? empty[1] - empty[0] : 0;
  double scaled = raw[0] > empty[0] ? gap * empty[0] / raw[0] : gap;
  double code = LINEPROF_TIMEIT_SYSTEMATIC * (raw[0] + empty[0]);
  double empty_code = LINEPROF_TIMEIT_SYSTEMATIC * 2 * empty[0];
  s->resolution_ns = (clock + gap + empty_gap + code) / loops;
  s->distinct_ns = 2 * (clock + scaled + empty_gap + empty_code) / loops;
}

/* The statistics of a finished measurement (see struct
 * lineprof_timeit_stats). */
static inline void lineprof_timeit_stats(const struct lineprof_timeit *t,
                                         struct lineprof_timeit_stats *s) {
  __builtin_memset(s, 0, sizeof *s);
  if (t->state != LINEPROF_TIMEIT_DONE_ || t->done == 0)
    return;
  int n = t->done;
  double loops = (double)t->number;
  double overhead = t->empty_ns / loops;
  double *raw = (double *)__builtin_calloc(3 * (unsigned)n, sizeof(double));
  if (!raw)
    return;
  double *empty = raw + n, *v = raw + 2 * n;
  lineprof_timeit_sort_(t->raw_ns, n, raw);
  lineprof_timeit_sort_(t->empty_raw_ns, n, empty);
  double sum = 0, sq = 0;
  for (int i = 0; i < n; i++) { /* per loop, in order */
    v[i] = raw[i] / loops - overhead;
    v[i] = v[i] > 0 ? v[i] : 0;
    sum += v[i];
  }
  double mean = sum / n;
  for (int i = 0; i < n; i++)
    sq += (v[i] - mean) * (v[i] - mean);
  s->best_ns = v[0];
  s->worst_ns = v[n - 1];
  s->median_ns = lineprof_timeit_median_(v, n);
  s->mean_ns = mean;
  s->stddev_ns = n > 1 ? lineprof_timeit_sqrt_(sq / (n - 1)) : 0;
  s->loops = t->number;
  s->repeats = n;
  s->overhead_ns = overhead;
  lineprof_timeit_resolution_(raw, empty, n, loops, s);
  __builtin_free(raw);
}

/* Time the statement(s) in the variadic argument: number loops per repeat
 * (0: pick like Python's autorange, so that one repeat takes >= 0.2 s),
 * repeat repeats (0: 5), and store the statistics in *stats.
 *
 *     LINEPROF_TIMEIT(&st, 1000, 5, { lineprof_keep(f(x)); });
 *
 * For work that must be redone before each repeat, write the loop yourself
 * with the pieces above:
 *
 *     struct lineprof_timeit t;
 *     lineprof_timeit_init(&t, 0, 5);
 *     while (lineprof_timeit_next(&t)) {
 *       LINEPROF_TIMEIT_EMPTY_LOOP(&t);
 *       fill(buf);
 *       LINEPROF_TIMEIT_LOOP(&t) { sort(buf); }
 *     }
 *     lineprof_timeit_stats(&t, &st);
 *     lineprof_timeit_free(&t); */
#define LINEPROF_TIMEIT(stats, number, repeat, ...)                            \
  do {                                                                         \
    struct lineprof_timeit lineprof_t_;                                        \
    lineprof_timeit_init(&lineprof_t_, (number), (repeat));                    \
    while (lineprof_timeit_next(&lineprof_t_)) {                               \
      LINEPROF_TIMEIT_EMPTY_LOOP(&lineprof_t_);                                \
      LINEPROF_TIMEIT_LOOP(&lineprof_t_) { __VA_ARGS__ }                       \
    }                                                                          \
    lineprof_timeit_stats(&lineprof_t_, (stats));                              \
    lineprof_timeit_free(&lineprof_t_);                                        \
  } while (0)

#endif /* __GNUC__ && !__cplusplus */
#endif
