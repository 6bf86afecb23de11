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
#include "rt_internal.h"

struct rt_settings rt_settings = {.timer_exact = 1,
                                  .memory = LPROF_MEMORY_HEAP};

static const char *setting(const char *name) {
  if (getauxval(AT_SECURE))
    return NULL;
  const char *v = getenv(name);
  return v && *v ? v : NULL;
}

static int truthy(const char *v) {
  return v && strcmp(v, "0") && strcmp(v, "no") && strcmp(v, "off");
}

/* LINEPROF_DUMP_SIGNAL: a signal name (USR2, SIGUSR2), number, or off. */
static int dump_signal(const char *v) {
  if (!v)
    return SIGUSR2;
  if (!strcmp(v, "off"))
    return 0;
  char *end;
  long n = strtol(v, &end, 10);
  if (end != v && !*end && n > 0 && n < NSIG)
    return (int)n;
  const char *name = strncmp(v, "SIG", 3) ? v : v + 3;
  for (int sig = 1; sig < NSIG; sig++) {
    const char *abbrev = sigabbrev_np(sig);
    if (abbrev && !strcmp(abbrev, name))
      return sig;
  }
  fprintf(stderr,
          "lineprof: LINEPROF_DUMP_SIGNAL=%s is not a signal name, number "
          "or off; using SIGUSR2\n",
          v);
  return SIGUSR2;
}

void rt_env_init(void) {
  rt_settings.file_pattern = setting("LINEPROF_FILE");
  rt_settings.continuous =
      rt_settings.file_pattern && strstr(rt_settings.file_pattern, "%c");
  rt_settings.verbose = truthy(setting("LINEPROF_VERBOSE"));
  rt_settings.quiet = truthy(setting("LINEPROF_QUIET"));
  const char *timer = setting("LINEPROF_TIMER");
  if (!timer || !strcmp(timer, "exact"))
    rt_settings.timer_exact = 1;
  else if (!strcmp(timer, "off"))
    rt_settings.timer_exact = 0;
  else
    fprintf(stderr,
            "lineprof: LINEPROF_TIMER=%s is not one of exact, off; using "
            "exact\n",
            timer);
  /* LINEPROF_TIMER=off means Hits only: memory too, unless asked for. */
  const char *memory = setting("LINEPROF_MEMORY");
  if (!memory)
    rt_settings.memory =
        rt_settings.timer_exact ? LPROF_MEMORY_HEAP : LPROF_MEMORY_OFF;
  else if (!strcmp(memory, "heap"))
    rt_settings.memory = LPROF_MEMORY_HEAP;
  else if (!strcmp(memory, "rss"))
    rt_settings.memory = LPROF_MEMORY_RSS;
  else if (!strcmp(memory, "off"))
    rt_settings.memory = LPROF_MEMORY_OFF;
  else
    fprintf(stderr,
            "lineprof: LINEPROF_MEMORY=%s is not one of heap, rss, off; "
            "using heap\n",
            memory);
  rt_settings.mprof_func_file = setting("LINEPROF_MPROF_FUNC_FILE");
  rt_settings.leaks = truthy(setting("LINEPROF_LEAKS"));
  rt_settings.objects =
      rt_settings.leaks || truthy(setting("LINEPROF_OBJECTS"));
  rt_settings.dump_signal = dump_signal(setting("LINEPROF_DUMP_SIGNAL"));
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
