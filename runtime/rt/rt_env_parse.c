/* rt_env_parse.c - the parsers of the values of LINEPROF_* settings: pure
 * functions (rt_env.c reads the environment and reports bad values), so
 * that the unit tests can check them without starting a runtime. */
#define _GNU_SOURCE /* sigabbrev_np */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "lprof_format.h"
#include "rt_settings.h"

/* Index of v in the null-terminated list names, or -1. */
static int lookup(const char *v, const char *const *names) {
  for (int i = 0; names[i]; i++)
    if (!strcmp(v, names[i]))
      return i;
  return -1;
}

int rt_parse_timer(const char *v, enum rt_timer *out) {
  static const char *const names[] = {"off", "exact", "sample", "auto", NULL};
  int i = lookup(v, names);
  if (i < 0)
    return -1;
  *out = (enum rt_timer)i;
  return 0;
}

int rt_parse_source(const char *v, enum rt_source *out) {
  static const char *const names[] = {"auto", "perf", "timer", NULL};
  int i = lookup(v, names);
  if (i < 0)
    return -1;
  *out = (enum rt_source)i;
  return 0;
}

int rt_parse_memory(const char *v, int *out) {
  static const char *const names[] = {"off", "heap", "rss", "sampled", NULL};
  int i = lookup(v, names);
  if (i < 0)
    return -1;
  *out = i; /* LPROF_MEMORY_OFF, _HEAP, _RSS, _SAMPLED */
  return 0;
}

/* Decimal digits only, no sign or spaces. */
int rt_parse_number(const char *v, uint32_t min, uint32_t max, uint32_t *out) {
  if (!*v || strspn(v, "0123456789") != strlen(v) || strlen(v) > 9)
    return -1;
  unsigned long n = strtoul(v, NULL, 10);
  if (n < min || n > max)
    return -1;
  *out = (uint32_t)n;
  return 0;
}

/* A signal: its name with or without SIG (as sigabbrev_np spells it),
 * RTMIN or RTMIN+N with or without SIG, or its number. */
int rt_parse_signal(const char *v, int *out) {
  uint32_t n = 0;
  if (!strncmp(v, "SIG", 3))
    v += 3;
  if (!strncmp(v, "RTMIN+", 6)) {
    if (rt_parse_number(v + 6, 0, (uint32_t)(SIGRTMAX - SIGRTMIN), &n))
      return -1;
    n += (uint32_t)SIGRTMIN;
  } else if (!strcmp(v, "RTMIN"))
    n = (uint32_t)SIGRTMIN;
  else if (rt_parse_number(v, 1, (uint32_t)SIGRTMAX, &n))
    for (int sig = 1; sig < SIGRTMIN && !n; sig++) {
      const char *name = sigabbrev_np(sig);
      if (name && !strcmp(name, v))
        n = (uint32_t)sig;
    }
  if (!n)
    return -1;
  *out = (int)n;
  return 0;
}

/* A signal for the sampling timer: one whose default action is to
 * terminate and that carries nothing else (PROF, USR1, USR2, real-time). */
int rt_parse_sample_signal(const char *v, int *out) {
  int n;
  if (rt_parse_signal(v, &n))
    return -1;
  if (n != SIGPROF && n != SIGUSR1 && n != SIGUSR2 &&
      (n < SIGRTMIN || n > SIGRTMAX))
    return -1;
  *out = n;
  return 0;
}
