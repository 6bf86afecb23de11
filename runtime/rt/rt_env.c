/* rt_env.c - the runtime's settings from LINEPROF_* environment variables
 * (ignored in set-uid/set-gid programs, like glibc and the sanitizers do),
 * and the expansion of output file name patterns. */
#define _GNU_SOURCE /* sigabbrev_np */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "lprof_format.h"
#include "rt_abi.h"
#include "rt_settings.h"

struct rt_settings rt_settings = {.timer = RT_TIMER_AUTO,
                                  .sample_us = 1000,
                                  .auto_ms = 20,
                                  .probe_cost = 1};

static const char *setting(const char *name) {
  if (getauxval(AT_SECURE))
    return NULL;
  const char *v = getenv(name);
  return v && *v ? v : NULL;
}

static int truthy(const char *v) {
  return v && strcmp(v, "0") && strcmp(v, "no") && strcmp(v, "off");
}


/* One line for a value that rc says is bad; the default stays. */
static void check(int rc, const char *name, const char *value,
                  const char *want, const char *fallback) {
  if (rc)
    fprintf(stderr, "lineprof: %s=%s is not %s; using %s\n", name, value,
            want, fallback);
}

static void read_timer(void) {
  const char *v;
  if ((v = setting("LINEPROF_TIMER")))
    check(rt_parse_timer(v, &rt_settings.timer), "LINEPROF_TIMER", v,
          "one of auto, exact, sample, off", "auto");
  if ((v = setting("LINEPROF_SAMPLE_US")))
    check(rt_parse_number(v, 10, 1000000, &rt_settings.sample_us),
          "LINEPROF_SAMPLE_US", v, "a number of microseconds from 10 to 1000000",
          "1000");
  if ((v = setting("LINEPROF_SAMPLE_SOURCE")))
    check(rt_parse_source(v, &rt_settings.sample_source),
          "LINEPROF_SAMPLE_SOURCE", v, "one of auto, perf, timer", "auto");
  if ((v = setting("LINEPROF_AUTO_MS")))
    check(rt_parse_number(v, 0, 1000000, &rt_settings.auto_ms),
          "LINEPROF_AUTO_MS", v, "a number of milliseconds up to 1000000",
          "20");
  if ((v = setting("LINEPROF_SAMPLE_SIGNAL")))
    check(rt_parse_sample_signal(v, &rt_settings.sample_signal),
          "LINEPROF_SAMPLE_SIGNAL", v,
          "one of SIGPROF, SIGUSR1, SIGUSR2, SIGRTMIN+N or a number of one",
          "SIGPROF, or a free real-time signal");
  rt_settings.probe_cost = !(v = setting("LINEPROF_PROBE_COST")) || truthy(v);
}

/* LINEPROF_MEMORY_RATE: the mean bytes between sampled blocks. */
static void read_memory_rate(void) {
  const char *v = setting("LINEPROF_MEMORY_RATE");
  uint32_t rate = RT_MEMORY_RATE;
  if (v)
    check(rt_parse_number(v, 1, UINT32_MAX / 2, &rate), "LINEPROF_MEMORY_RATE",
          v, "a number of bytes (1 samples every block)", "524288");
  rt_settings.memory_rate = rate;
}

/* Memory is measured by timed calls of every function: the timer is then
 * exact throughout; but for sampled blocks, which are charged to the
 * calls in progress when allocated and when freed, whatever the timer. */
static void read_memory(void) {
  const char *v = setting("LINEPROF_MEMORY");
  if (v)
    check(rt_parse_memory(v, &rt_settings.memory), "LINEPROF_MEMORY", v,
          "one of heap, sampled, rss, off", "off");
  rt_settings.mprof_func_file = setting("LINEPROF_MPROF_FUNC_FILE");
  read_memory_rate();
  int timed = rt_settings.memory == LPROF_MEMORY_HEAP ||
              rt_settings.memory == LPROF_MEMORY_RSS;
  if (!timed && !rt_settings.mprof_func_file)
    return;
  if (rt_settings.timer == RT_TIMER_SAMPLE && timed)
    fprintf(stderr,
            "lineprof: LINEPROF_TIMER=sample does not go with "
            "LINEPROF_MEMORY=%s (memory is measured with exact times); "
            "using exact\n",
            v);
  if (rt_settings.timer != RT_TIMER_OFF)
    rt_settings.timer = RT_TIMER_EXACT;
}

/* LINEPROF_DUMP_SIGNAL: SIGUSR2 by default, a signal, or off. */
static void read_dump_signal(void) {
  const char *v = setting("LINEPROF_DUMP_SIGNAL");
  rt_settings.dump_signal = SIGUSR2;
  if (v && !strcmp(v, "off"))
    rt_settings.dump_signal = 0;
  else if (v)
    check(rt_parse_signal(v, &rt_settings.dump_signal), "LINEPROF_DUMP_SIGNAL",
          v, "a signal name, number or off", "SIGUSR2");
}

/* Whether blocks need the allocator's headers (rt_heap.c): heap memory or
 * object tracking asked for. Called at the first allocation, which may come
 * before the runtime starts; without an environment yet, it says yes. */
int rt_env_wants_heap_headers(void) {
  if (!environ)
    return 1;
  int memory = LPROF_MEMORY_OFF;
  const char *v = setting("LINEPROF_MEMORY");
  if (v)
    rt_parse_memory(v, &memory);
  return memory == LPROF_MEMORY_HEAP || truthy(setting("LINEPROF_LEAKS")) ||
         truthy(setting("LINEPROF_OBJECTS"));
}

void rt_env_init(void) {
  rt_settings.pid = getpid();
  rt_settings.file_pattern = setting("LINEPROF_FILE");
  rt_settings.continuous =
      rt_settings.file_pattern && strstr(rt_settings.file_pattern, "%c");
  rt_settings.verbose = truthy(setting("LINEPROF_VERBOSE"));
  rt_settings.quiet = truthy(setting("LINEPROF_QUIET"));
  read_timer();
  read_memory();
  rt_settings.leaks = truthy(setting("LINEPROF_LEAKS"));
  rt_settings.objects =
      rt_settings.leaks || truthy(setting("LINEPROF_OBJECTS"));
  read_dump_signal();
}

/* Appends s to out[*len], keeping room for the NUL; -1 when it overflows. */
static int append(char *out, size_t size, size_t *len, const char *s) {
  size_t n = strlen(s);
  if (*len + n + 1 > size)
    return -1;
  memcpy(out + *len, s, n + 1);
  *len += n;
  return 0;
}

int rt_expand_pattern(const char *pattern, char *out, size_t size) {
  size_t len = 0;
  char piece[256];
  out[0] = '\0';
  for (const char *p = pattern; *p; p++) {
    piece[0] = *p, piece[1] = '\0';
    if (*p == '%' && p[1] == 'p')
      snprintf(piece, sizeof piece, "%ld", (long)getpid()), p++;
    else if (*p == '%' && p[1] == 'h')
      gethostname(piece, sizeof piece - 1), piece[sizeof piece - 1] = 0, p++;
    else if (*p == '%' && p[1] == '%')
      p++;
    else if (*p == '%' && p[1] == 'c') /* continuous mode: no text */
      piece[0] = '\0', p++;
    if (append(out, size, &len, piece))
      return -1;
  }
  return 0;
}
