/* make_lprof.c - writes a fixed, valid .lprof file for the lit tests of
 * `lineprof show` (lit/show/): the functions of lit/show/Inputs/primes.c
 * plus one whose source file does not exist; with a memory mode, also
 * MEMF records: per line FACTOR x hits MiB allocated and a quarter of that
 * freed (Increment 0.75 x FACTOR x hits MiB), in use after the line as much
 * as allocated, 1 MiB more at the peak. Every function has a TIMF record:
 * a line's self time is its time, but for count_primes' call of is_prime
 * (is_prime's total less); with `sampled`, the timing is sampled (one
 * sample per 100 ns of a line's time, rounded up; perf's, every 1 us),
 * else exact with no samples.
 *
 * usage: make_lprof OUT.lprof SOURCE [heap|rss [FACTOR] | sampled]
 *        (SOURCE: the path of Inputs/primes.c; FACTOR defaults to 1) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lprof_format.h"
#include "lprof_writer.h"

struct entry {
  uint32_t line;
  uint64_t hits, time_ns;
  uint64_t callees_ns; /* time of the profiled calls the line made */
};

#define MIB 1048576u

/* 0 for no MEMF records, else the MiB per hit a line allocates. */
static uint64_t memory_factor;
/* Sampled timing: each line has a sample per 100 ns of its time. */
static int sampled;
#define SAMPLE_NS 100u

/* Entry i as a line, with memory_factor MiB allocated per hit. */
static void line_of(const void *ctx, uint32_t i, struct lprof_line *l) {
  const struct entry *e = (const struct entry *)ctx + i;
  uint64_t alloc = e->hits * memory_factor * MIB;
  *l = (struct lprof_line){.line = e->line, .hits = e->hits,
                           .time_ns = e->time_ns, .alloc = alloc,
                           .freed = alloc / 4, .usage = alloc,
                           .peak = alloc + MIB,
                           .self_ns = e->time_ns - e->callees_ns,
                           .samples = sampled ? (e->time_ns + SAMPLE_NS - 1) /
                                                    SAMPLE_NS
                                              : 0};
}

static void put_func(struct lprof_buf *b, const char *name, const char *file,
                     const char *path, uint32_t first, uint32_t last,
                     const struct entry *e, uint32_t n) {
  size_t m = lprof_begin_function(b, name, file, path, first, last, n);
  lprof_put_function_lines(b, m, n, line_of, e, 1, memory_factor != 0);
}

/* The memory mode named by the command line's third argument, or -1. */
static int memory_mode(int argc, char **argv) {
  if (argc < 4)
    return LPROF_MEMORY_OFF;
  if (argc == 4 && !strcmp(argv[3], "sampled")) {
    sampled = 1;
    return LPROF_MEMORY_OFF;
  }
  if (!strcmp(argv[3], "heap") || !strcmp(argv[3], "rss")) {
    memory_factor = argc > 4 ? strtoull(argv[4], NULL, 10) : 1;
    return !strcmp(argv[3], "heap") ? LPROF_MEMORY_HEAP : LPROF_MEMORY_RSS;
  }
  return -1;
}

static void put_prog(struct lprof_buf *b, unsigned memory) {
  struct lprof_program_info info = {
      .program = "/tmp/primes",
      .hostname = "testhost",
      .pid = 4242,
      .start_unix_ns = 1700000000000000000ull,
      .duration_ns = 1000000,
      .timer_mode = LPROF_TIMER_EXACT,
      .flags = (sampled ? LPROF_TIMING_SAMPLED << LPROF_FLAG_TIMING_SHIFT
                        : LPROF_FLAG_PROBE_COST) |
               memory << LPROF_FLAG_MEMORY_SHIFT,
      .cycles_per_second = 2000000000ull,
      .calibration_ns = 10000000,
      .probe_cost_ps = 3000,
      .sample_us = sampled ? SAMPLE_NS / 100 : 0,
      .samples = sampled ? 30095 : 0, /* count_primes' and gone's */
      .sample_source = sampled ? LPROF_SAMPLE_PERF : LPROF_SAMPLE_NONE,
  };
  lprof_put_program(b, &info);
}

#define N(a) (uint32_t)(sizeof(a) / sizeof *(a))

int main(int argc, char **argv) {
  static const struct entry is_prime[] = {{4, 20, 1200, 0}, {5, 2, 90, 0},
                                          {6, 31, 2100, 0}, {7, 21, 1500, 0},
                                          {8, 10, 610, 0},  {9, 8, 400, 0}};
  static const struct entry count_primes[] = {
      {13, 1, 40, 0}, {14, 21, 900, 0}, {15, 20, 8100, 5900}, {16, 1, 35, 0}};
  static const struct entry unused[] = {{20, 0, 0, 0}};
  static const struct entry gone[] = {{6, 3, 3000000, 0}, {8, 1, 250, 0}};
  int memory = memory_mode(argc, argv);
  if (argc < 3 || argc > 5 || memory < 0 || (memory && !memory_factor)) {
    fprintf(stderr, "usage: make_lprof OUT.lprof SOURCE "
                    "[heap|rss [FACTOR] | sampled]\n");
    return 2;
  }
  struct lprof_buf b;
  lprof_buf_init(&b);
  put_prog(&b, (unsigned)memory);
  put_func(&b, "is_prime", "primes.c", argv[2], 3, 10, is_prime, N(is_prime));
  put_func(&b, "count_primes", "primes.c", argv[2], 12, 17, count_primes,
           N(count_primes));
  put_func(&b, "unused", "primes.c", argv[2], 19, 21, unused, N(unused));
  put_func(&b, "gone", "gone.c", "/nonexistent/lineprof-test/gone.c", 5, 8,
           gone, N(gone));
  FILE *f = fopen(argv[1], "wb");
  int ok =
      lprof_buf_finish(&b) == 0 && f && fwrite(b.data, 1, b.len, f) == b.len;
  ok = f && fclose(f) == 0 && ok;
  lprof_buf_free(&b);
  if (!ok)
    perror(argv[1]);
  return ok ? 0 : 1;
}
