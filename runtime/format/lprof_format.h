/* lprof_format.h - the .lprof file format: the contract between the runtime
 * (which writes it) and the lineprof command (which reads it).
 *
 * Everything here is documented for users in docs/lprof-format.md; change
 * both together and bump LPROF_VERSION on any incompatible change.
 *
 * Layout: a 16-byte header, then records { u32 tag, u32 length, payload },
 * the last of which is LPROF_TAG_END carrying a CRC-32 of all bytes before
 * it. All integers are little-endian; strings are u32 length + bytes (no
 * NUL). Readers skip records whose tag they do not know.
 */
#ifndef LPROF_FORMAT_H
#define LPROF_FORMAT_H

#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>

#define LPROF_MAGIC "\x89LPROF\r\n" /* 8 bytes, PNG-style */
#define LPROF_MAGIC_LEN 8
#define LPROF_VERSION 1u
#define LPROF_HEADER_LEN 16 /* magic, u32 version, u32 reserved (0) */
#define LPROF_RECORD_HEAD_LEN 8

/* PROG.sample_source: what the sampling timer ran on. */
enum lprof_sample_source {
  LPROF_SAMPLE_NONE = 0,      /* no samples were taken */
  LPROF_SAMPLE_PERF = 1,      /* perf task-clock events, kernel time too */
  LPROF_SAMPLE_PERF_USER = 2, /* perf task-clock events, user time only */
  LPROF_SAMPLE_TIMER = 3,     /* POSIX CPU-time timers (scheduler tick) */
};

/* One line of a function, as the records carry it (FUNC, TIMF, MEMF). */
struct lprof_line {
  uint32_t line;
  uint64_t hits;
  uint64_t time_ns;
  /* Memory (MEMF records; 0 without): bytes allocated and freed while on
   * the line, callees included; most memory in use after it; peak while on
   * it. Bytes of heap or of RSS, as lprof_memory_mode() says. */
  uint64_t alloc, freed, usage, peak;
  /* Timing (TIMF records; 0 without): the line's time less that of the
   * profiled calls it made; the samples that saw the line on the stack. */
  uint64_t self_ns, samples;
};

/* One call arc of a function (CALL records): the calls made from one of
 * its lines to one function, by name. */
struct lprof_call {
  uint32_t line;
  uint64_t count;
  char *callee;
};

/* Record tags: four ASCII characters read as a little-endian u32. */
#define LPROF_TAG(a, b, c, d)                                                  \
  ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 |                 \
   (uint32_t)(d) << 24)
#define LPROF_TAG_PROG LPROF_TAG('P', 'R', 'O', 'G') /* program and timer */
#define LPROF_TAG_FUNC LPROF_TAG('F', 'U', 'N', 'C') /* one profiled function */
#define LPROF_TAG_MISS LPROF_TAG('M', 'I', 'S', 'S') /* names matching nothing */
#define LPROF_TAG_TIMF LPROF_TAG('T', 'I', 'M', 'F') /* self times, samples */
#define LPROF_TAG_MEMF LPROF_TAG('M', 'E', 'M', 'F') /* memory of the FUNC before */
#define LPROF_TAG_LEAK LPROF_TAG('L', 'E', 'A', 'K') /* the leak report */
#define LPROF_TAG_CALL LPROF_TAG('C', 'A', 'L', 'L') /* calls of the FUNC before */
#define LPROF_TAG_END LPROF_TAG('E', 'N', 'D', '!')  /* crc32, record count */

/* Limits a reader enforces; a writer never exceeds them. */
#define LPROF_MAX_STRING 65536u
#define LPROF_MAX_FUNCTION_LINES 10000000u

/* PROG.timer_mode */
enum lprof_timer_mode {
  LPROF_TIMER_OFF = 0,   /* hits only */
  LPROF_TIMER_EXACT = 1, /* line times measured, as PROG.flags' timing says */
};

/* PROG.flags */
#define LPROF_FLAG_PROBE_COST 1u /* probe cost subtracted from line times */
#define LPROF_FLAG_MEMORY_SHIFT 1 /* bits 1-2: the lprof_memory_mode */
#define LPROF_FLAG_MEMORY_MASK (3u << LPROF_FLAG_MEMORY_SHIFT)
#define LPROF_FLAG_TIMING_SHIFT 3 /* bits 3-4: the lprof_timing */
#define LPROF_FLAG_TIMING_MASK (3u << LPROF_FLAG_TIMING_SHIFT)
#define LPROF_FLAG_SWITCHED (1u << 5) /* auto timing began sampling */
/* Some profiled functions were built without exact probes: whenever the
 * timer was on, their times were sampled (every sample_us). With no
 * function built with exact probes (LPROF_FLAG_NO_EXACT_PROBES too), all
 * times were sampled. */
#define LPROF_FLAG_SAMPLED_PROBES (1u << 6)
#define LPROF_FLAG_NO_EXACT_PROBES (1u << 7)
/* Every profiled function was built with hit counters alone
 * (-fplugin-arg-lineprof-hits): no times, whatever the timer (timer_mode
 * is then off). */
#define LPROF_FLAG_HITS_BUILD (1u << 8)
/* Some profiled functions, not all, were built so: their lines have no
 * times. */
#define LPROF_FLAG_SOME_HITS_BUILD (1u << 9)

/* How line times were measured (timer_mode 1; 0 in older files). */
enum lprof_timing {
  LPROF_TIMING_EXACT = 0,   /* cycle counter read at every line event */
  LPROF_TIMING_SAMPLED = 1, /* CPU-time samples of the calls in progress */
  LPROF_TIMING_AUTO = 2,    /* exact for PROG.auto_ms of CPU time, then
                               sampled */
};

enum lprof_memory_mode {
  LPROF_MEMORY_OFF = 0,
  LPROF_MEMORY_HEAP = 1, /* bytes in use on the heap, counted exactly */
  LPROF_MEMORY_RSS = 2,  /* resident set size of the process */
  LPROF_MEMORY_SAMPLED = 3, /* heap bytes estimated from sampled blocks */
};

/* Per-line entry inside a FUNC record (fixed 24 bytes). */
#define LPROF_LINE_ENTRY_LEN 24
/* Per-line entry inside a TIMF record (fixed 16 bytes). */
#define LPROF_TIMING_ENTRY_LEN 16
/* Per-line entry inside a MEMF record (fixed 32 bytes). */
#define LPROF_MEMORY_ENTRY_LEN 32

/* The leak report's lines (docs/objects.md), printed by the runtime and by
 * `lineprof show --leaks`: title (blocks, bytes); head (type column
 * width, "Type"); one row per group (count, bytes, width, type or "-",
 * where it was allocated). */
#define LPROF_LEAK_TITLE                                                       \
  "Leaked blocks: %" PRIu64 " (%" PRIu64 " bytes), unreachable from "           \
  "globals, stacks and registers\n"
#define LPROF_LEAK_HEAD "   Count      Bytes  %-*s  Allocated at\n"
#define LPROF_LEAK_ROW "%8" PRIu64 " %10" PRIu64 "  %-*s  %s"

uint32_t lprof_crc32(uint32_t crc, const void *data, size_t len);

#endif
