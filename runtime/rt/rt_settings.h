/* rt_settings.h - the runtime's settings from LINEPROF_* (rt_env.c) and
 * their parsers (rt_env_parse.c). */
#ifndef RT_SETTINGS_H
#define RT_SETTINGS_H

#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

/* LINEPROF_MEMORY_RATE's default: 512 KiB, as tcmalloc's and Go's. */
#define RT_MEMORY_RATE 524288u

/* rt_env.c: settings from LINEPROF_* (ignored in set-uid programs). */
enum rt_timer { RT_TIMER_OFF, RT_TIMER_EXACT, RT_TIMER_SAMPLE, RT_TIMER_AUTO };
/* LINEPROF_SAMPLE_SOURCE: perf events, else the POSIX timer (auto); perf
 * events, saying so if refused (perf); the POSIX timer only (timer). */
enum rt_source { RT_SOURCE_AUTO, RT_SOURCE_PERF, RT_SOURCE_TIMER };
struct rt_settings {
  const char *file_pattern; /* LINEPROF_FILE, or NULL for "<program>.lprof" */
  int verbose;              /* LINEPROF_VERBOSE */
  int quiet;                /* LINEPROF_QUIET: no "Wrote profile results" */
  enum rt_timer timer;      /* LINEPROF_TIMER (exact when memory is on) */
  uint32_t sample_us;       /* LINEPROF_SAMPLE_US: the sampling period */
  uint32_t auto_ms;         /* LINEPROF_AUTO_MS: CPU time before sampling */
  int sample_signal;        /* LINEPROF_SAMPLE_SIGNAL, 0: SIGPROF if free */
  enum rt_source sample_source; /* LINEPROF_SAMPLE_SOURCE */
  int probe_cost;           /* LINEPROF_PROBE_COST != 0: subtract it */
  int memory;               /* LINEPROF_MEMORY: an lprof_memory_mode */
  uint32_t memory_rate;     /* LINEPROF_MEMORY_RATE: bytes per sample */
  const char *mprof_func_file; /* LINEPROF_MPROF_FUNC_FILE (lineprof mprof) */
  int forked;               /* this process is a fork()ed child */
  pid_t pid;                /* this process, at start-up or fork */
  int continuous;           /* LINEPROF_FILE has %c */
  int objects;              /* LINEPROF_OBJECTS, or implied by: */
  int leaks;                /* LINEPROF_LEAKS: leak report at exit */
  int dump_signal;          /* LINEPROF_DUMP_SIGNAL (0: off) */
};
extern struct rt_settings rt_settings;
/* A vfork child (or posix_spawn's) runs in its parent's memory until it
 * execs or _exits: the counters, the sampler's state and so the profile
 * are the parent's, and it must leave them alone. */
static inline int rt_in_vfork_child(void) {
  return getpid() != rt_settings.pid;
}
void rt_env_init(void);
int rt_env_wants_heap_headers(void); /* LINEPROF_MEMORY=heap or objects */
/* Parsers of the settings (rt_env_parse.c); each returns -1 for a bad
 * value, leaving *out alone. */
int rt_parse_timer(const char *v, enum rt_timer *out);
int rt_parse_memory(const char *v, int *out);
int rt_parse_source(const char *v, enum rt_source *out);
int rt_parse_number(const char *v, uint32_t min, uint32_t max, uint32_t *out);
int rt_parse_signal(const char *v, int *out);
int rt_parse_sample_signal(const char *v, int *out);
/* Expands %p (pid), %h (host name) and %% in pattern into out. */
int rt_expand_pattern(const char *pattern, char *out, size_t size);

#endif
