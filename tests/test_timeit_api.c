/* test_timeit_api.c - unit test of the timeit C API in
 * include/lineprof_timeit.h (reached through lineprof.h, as users do): the
 * barriers pass values through unchanged, LINEPROF_TIMEIT runs the body
 * NUMBER x REPEAT times and fills the statistics, autorange follows
 * Python's 1, 2, 5, 10, ... rule, the statistics and the resolution are
 * computed right, code of known relative cost comes out in order, an empty
 * body is near zero, and jumping out of the timing loop is reported as a
 * failure. */
#include <lineprof.h>

#include <math.h>
#include <stdio.h>

#include "unit.h"

struct pair {
  int a;
  short b;
};
struct big {
  long v[4];
};

static void test_barriers(void) {
  int i = 41;
  CHECK(lineprof_opaque(i + 1) == 42);
  CHECK(lineprof_opaque(2.5) == 2.5);
  CHECK(lineprof_opaque(1.5f) == 1.5f);
  CHECK(lineprof_opaque((long double)3.25) == 3.25L);
  CHECK(lineprof_opaque((char)'x') == 'x');
  CHECK(lineprof_opaque((unsigned long long)-1) == (unsigned long long)-1);
  struct pair p = {7, 8};
  struct pair q = lineprof_opaque(p);
  CHECK(q.a == 7 && q.b == 8);
  struct big b = {{1, 2, 3, 4}};
  CHECK(lineprof_opaque(b).v[3] == 4);
  char buf[] = "abc";
  char *s = lineprof_opaque(buf);
  CHECK(s == buf);
  /* Every kind of value can be kept; these must compile and do nothing
   * visible. */
  lineprof_keep(i);
  lineprof_keep(i * 3);
  lineprof_keep(2.5 * i);
  lineprof_keep(p);
  lineprof_keep(b);
  lineprof_keep(buf);
  lineprof_keep((long double)1);
  lineprof_keep("literal");
  lineprof_clobber();
  CHECK(buf[0] == 'a' && i == 41);
}

static void test_counts(void) {
  struct lineprof_timeit_stats st;
  long runs = 0;
  LINEPROF_TIMEIT(&st, 100, 3, { runs++; });
  CHECK_EQ_U64(runs, 300);
  CHECK_EQ_U64(st.loops, 100);
  CHECK_EQ_U64(st.repeats, 3);
  CHECK(st.best_ns >= 0);
  CHECK(st.best_ns <= st.median_ns && st.median_ns <= st.worst_ns);
  CHECK(st.best_ns <= st.mean_ns && st.mean_ns <= st.worst_ns);
  CHECK(st.stddev_ns >= 0);
  CHECK(st.overhead_ns >= 0);

  /* repeat 0 means Python's default of 5; commas in the body are fine. */
  runs = 0;
  LINEPROF_TIMEIT(&st, 10, 0, { int a = 1, b = 2; runs += a + b - 2; });
  CHECK_EQ_U64(runs, 50);
  CHECK_EQ_U64(st.repeats, 5);
}

/* Python's Timer.autorange: 1, 2, 5, 10, 20, 50, ... until one run takes
 * at least 0.2 s; then the repeats use that count. */
static void test_autorange(void) {
  struct lineprof_timeit t;
  struct lineprof_timeit_stats st;
  int setups = 0;
  double x = lineprof_opaque(1.0);
  lineprof_timeit_init(&t, 0, 2);
  while (lineprof_timeit_next(&t)) {
    LINEPROF_TIMEIT_EMPTY_LOOP(&t);
    setups++;
    LINEPROF_TIMEIT_LOOP(&t) {
      for (int i = 0; i < 100; i++) /* ~100 ns: a few thousand loops */
        x = lineprof_opaque(x * 1.0000001);
    }
  }
  lineprof_keep(x);
  lineprof_timeit_stats(&t, &st);
  CHECK(t.ntrials >= 2);
  CHECK_EQ_U64(setups, t.ntrials + 2);
  long expect = 1;
  for (int i = 0; i < t.ntrials; i++) {
    static const int steps[3] = {1, 2, 5};
    CHECK_EQ_U64(t.trial_loops[i], expect * steps[i % 3]);
    if (i % 3 == 2)
      expect *= 10;
    if (i < t.ntrials - 1)
      CHECK(t.trial_ns[i] < LINEPROF_TIMEIT_MIN_NS);
  }
  CHECK(t.trial_ns[t.ntrials - 1] >= LINEPROF_TIMEIT_MIN_NS);
  CHECK_EQ_U64(st.loops, t.trial_loops[t.ntrials - 1]);
  CHECK_EQ_U64(st.repeats, 2);
  lineprof_timeit_free(&t);
}

/* The statistics of known raw times: 10 loops per repeat, empty loop 50 ns
 * per repeat, so per loop (raw - 50) / 10. */
static void test_stats(void) {
  struct lineprof_timeit t;
  struct lineprof_timeit_stats st;
  lineprof_timeit_init(&t, 10, 4);
  t.state = LINEPROF_TIMEIT_DONE_;
  t.done = 4;
  t.empty_ns = 50;
  double raw[4] = {300, 100, 400, 200}; /* 25, 5, 35, 15 ns per loop */
  for (int i = 0; i < 4; i++)
    t.raw_ns[i] = raw[i];
  lineprof_timeit_stats(&t, &st);
  CHECK(st.best_ns == 5 && st.worst_ns == 35);
  CHECK(st.median_ns == 20 && st.mean_ns == 20);
  /* sqrt((15^2 + 5^2 + 5^2 + 15^2) / 3) = sqrt(500 / 3) */
  CHECK(st.stddev_ns > 12.9099 && st.stddev_ns < 12.9100);
  CHECK(st.overhead_ns == 5);
  CHECK_EQ_U64(st.repeats, 4);
  /* Resolution: (2 ticks + the gap 200 - 100 + the empty loop's, 0,
   * + 0.5 % of the two bests, 100 and 0) / 10; a tick is 1 ns to 1 us. */
  CHECK(st.resolution_ns >= 10.25 && st.resolution_ns < 10.05 + 200);
  /* The empty loop's gap counts; the statement's, scaled to the empty
   * loop's time (50 / 100), counts half; 0.5 % of the bests 100 and 50
   * for the resolution, of twice the empty loop's for distinct_ns. */
  double empty[4] = {80, 50, 70, 60};
  for (int i = 0; i < 4; i++)
    t.empty_raw_ns[i] = empty[i];
  double tick = lineprof_timeit_tick_ns();
  CHECK(tick >= 1 && tick < 1000);
  lineprof_timeit_stats(&t, &st);
  CHECK(st.resolution_ns >= 11.275 && st.resolution_ns < 11.075 + 200);
  CHECK(st.distinct_ns >= 12.5 && st.distinct_ns < 12.1 + 400);
  /* One repeat: no gaps, only the clock and 0.5 % of the bests 300 and 80:
   * resolution (2 ticks + 1.9) / 10, distinct 2 (2 ticks + 0.8) / 10. */
  t.done = 1;
  lineprof_timeit_stats(&t, &st);
  CHECK(st.resolution_ns >= 0.39 && st.resolution_ns < 200.19);
  CHECK(fabs(st.distinct_ns - (2 * st.resolution_ns - 0.22)) < 1e-9);
  t.done = 4;
  /* Faster than the empty loop: clamped at 0. */
  t.raw_ns[1] = 20;
  lineprof_timeit_stats(&t, &st);
  CHECK(st.best_ns == 0);
  /* An odd count has a middle value. */
  t.done = 3;
  lineprof_timeit_stats(&t, &st);
  CHECK(st.median_ns == 25);
  lineprof_timeit_free(&t);
}

/* A loop of 10 additions against one of 1000: right order, ratio between
 * 10 and 1000 (very generous; the machine may be busy). */
static void test_relative_cost(void) {
  struct lineprof_timeit_stats s10, s1000;
  int ten = lineprof_opaque(10), thousand = lineprof_opaque(1000);
  LINEPROF_TIMEIT(&s10, 20000, 5, {
    int s = 0;
    for (int i = 0; i < ten; i++) {
      s += i;
      lineprof_keep(s);
    }
  });
  LINEPROF_TIMEIT(&s1000, 20000, 5, {
    int s = 0;
    for (int i = 0; i < thousand; i++) {
      s += i;
      lineprof_keep(s);
    }
  });
  printf("10 additions: %.3g ns, 1000 additions: %.3g ns\n", s10.best_ns,
         s1000.best_ns);
  CHECK(s10.best_ns > 0);
  CHECK(s1000.best_ns > 10 * s10.best_ns);
  CHECK(s1000.best_ns < 1000 * s10.best_ns);
}

static void test_empty(void) {
  struct lineprof_timeit_stats st;
  LINEPROF_TIMEIT(&st, 1000000, 5, {});
  printf("empty body: %.3g ns (loop overhead %.3g ns)\n", st.best_ns,
         st.overhead_ns);
  CHECK(st.best_ns < 1.0);
  CHECK(st.overhead_ns < 20.0);
}

static void test_break_fails(void) {
  struct lineprof_timeit_stats st;
  LINEPROF_TIMEIT(&st, 10, 2, { break; });
  CHECK_EQ_U64(st.repeats, 0);
  CHECK_EQ_U64(st.loops, 0);

  struct lineprof_timeit t;
  lineprof_timeit_init(&t, 10, 2);
  while (lineprof_timeit_next(&t)) {
    /* no timed loop at all */
  }
  CHECK(t.state == LINEPROF_TIMEIT_FAILED_ && t.error);
  lineprof_timeit_free(&t);
}

int main(void) {
  test_barriers();
  test_counts();
  test_stats();
  test_autorange();
  test_relative_cost();
  test_empty();
  test_break_fails();
  return unit_finish();
}
