/* report_preamble.c - the lines the text report prints before its first
 * function: line_profiler's "Timer unit", then lineprof's own "Timer:"
 * (how line times were measured), "Samples:" (when samples were taken) and
 * "Clock:" lines. */
#include "report_preamble.h"

#include <inttypes.h>

#include "lprof_format.h"

/* An interval of us microseconds, in words ("1 ms", "250 us"). */
static void print_interval(FILE *out, uint32_t us) {
  if (us % 1000)
    fprintf(out, "%" PRIu32 " us", us);
  else
    fprintf(out, "%" PRIu32 " ms", us / 1000);
}

/* The timer mode of a run with exact probes somewhere (docs/semantics.md),
 * and where the functions built without them were sampled instead. */
static void print_timer_mode(FILE *out, const struct lprof_profile *p) {
  unsigned timing = lprof_timing(p);
  if (timing == LPROF_TIMING_SAMPLED) {
    fputs("sampled every ", out);
    print_interval(out, p->sample_us);
    fputs(" of CPU time", out);
  } else if (timing == LPROF_TIMING_AUTO && p->flags & LPROF_FLAG_SWITCHED) {
    fprintf(out, "exact for the first %" PRIu32 " ms of CPU time, then sampled every ",
            p->auto_ms);
    print_interval(out, p->sample_us);
    fputs(" (a line's Time adds both)", out);
  } else if (timing == LPROF_TIMING_AUTO) {
    fprintf(out, "exact (auto: under %" PRIu32 " ms of CPU time, so never sampled)",
            p->auto_ms);
  } else {
    fputs(lprof_memory_mode(p) ? "exact (memory is measured)" : "exact", out);
  }
  if (p->flags & LPROF_FLAG_PROBE_COST)
    fprintf(out, ", probe cost %.1f ns subtracted",
            (double)p->probe_cost_ps * 1e-3);
  if (p->flags & LPROF_FLAG_SAMPLED_PROBES && timing != LPROF_TIMING_SAMPLED) {
    fputs("; sampled every ", out);
    print_interval(out, p->sample_us);
    fputs(" where built without exact probes", out);
  }
}

/* How line times were measured, and which lines have none. */
static void print_timing(FILE *out, const struct lprof_profile *p) {
  fputs("Timer: ", out);
  if (p->flags & LPROF_FLAG_NO_EXACT_PROBES) {
    fputs("sampled every ", out);
    print_interval(out, p->sample_us);
    fputs(" of CPU time (built without -fplugin-arg-lineprof-exact)", out);
  } else {
    print_timer_mode(out, p);
  }
  if (p->flags & LPROF_FLAG_SOME_HITS_BUILD)
    fputs("; no times where built with -fplugin-arg-lineprof-hits", out);
  fputc('\n', out);
}

/* What the samples were taken with (PROG.sample_source), or NULL. */
static const char *source_name(uint32_t source) {
  switch (source) {
  case LPROF_SAMPLE_PERF:
    return "perf task clock";
  case LPROF_SAMPLE_PERF_USER:
    return "perf task clock, user time only";
  case LPROF_SAMPLE_TIMER:
    return "POSIX CPU-time timer, at the scheduler tick";
  default:
    return NULL;
  }
}

/* How many samples the line times rest on, and what took them: nothing
 * when none were taken (or the file predates the count). */
static void print_samples(FILE *out, const struct lprof_profile *p) {
  if (!p->samples)
    return;
  fprintf(out, "Samples: %" PRIu64, p->samples);
  if (p->sample_mean_ns) { /* the rate achieved, whatever was asked */
    double us = (double)p->sample_mean_ns / 1e3;
    if (us >= 1000)
      fprintf(out, ", one every %.2f ms of CPU time on average", us / 1e3);
    else
      fprintf(out, ", one every %.0f us of CPU time on average", us);
  } else if (p->sample_us) {
    fputs(", one every ", out);
    print_interval(out, p->sample_us);
    fputs(" of CPU time", out);
  }
  const char *source = source_name(p->sample_source);
  if (source)
    fprintf(out, " (%s)", source);
  fputc('\n', out);
}

int report_profile_sampled(const struct lprof_profile *p) {
  unsigned timing = lprof_timing(p);
  return p->timer_mode == LPROF_TIMER_EXACT &&
         (p->samples || timing == LPROF_TIMING_SAMPLED ||
          (timing == LPROF_TIMING_AUTO && p->flags & LPROF_FLAG_SWITCHED) ||
          p->flags & (LPROF_FLAG_SAMPLED_PROBES | LPROF_FLAG_NO_EXACT_PROBES));
}

/* The lines above the first function's table (a blank line follows):
 * line_profiler's "Timer unit" line, then how times were measured. */
void report_preamble(FILE *out, const struct lprof_profile *p, double unit) {
  fprintf(out, "Timer unit: %g s\n", unit);
  if (p->timer_mode != LPROF_TIMER_EXACT) {
    fputs(p->flags & LPROF_FLAG_HITS_BUILD
              ? "Timer: none (built with -fplugin-arg-lineprof-hits): Hits only\n"
              : "Timer: off (LINEPROF_TIMER=off): Hits only\n",
          out);
    return;
  }
  print_timing(out, p);
  print_samples(out, p);
  fprintf(out,
          "Clock: cycle counter at %.3f GHz, calibrated against "
          "CLOCK_MONOTONIC over %.3f s\n",
          (double)p->cycles_per_second * 1e-9, (double)p->calibration_ns * 1e-9);
}

