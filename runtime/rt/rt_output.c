#define _GNU_SOURCE /* program_invocation_short_name */
/* rt_output.c - writes the profile: builds the .lprof image from every
 * registered module's counters, writes it to a temporary file beside the
 * target and renames it into place, so the target is never half written
 * and a symlink planted at the target is replaced, not followed. A
 * relative path is taken from the directory the program started in. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lineprof.h"
#include "lprof_format.h"
#include "lprof_writer.h"
#include "rt_base.h"
#include "rt_clock.h"
#include "rt_heap.h"
#include "rt_objects.h"
#include "rt_objects_table.h"
#include "rt_output.h"
#include "rt_registry.h"
#include "rt_sample.h"
#include "rt_settings.h"
#include "rt_timed.h"

int rt_timer_on(void) {
  unsigned kinds = __atomic_load_n(&rt_probe_kinds, __ATOMIC_RELAXED);
  return rt_settings.timer != RT_TIMER_OFF && kinds != RT_PROBES_HITS;
}

/* PROG.flags: memory mode, timing, whether the probe cost was subtracted
 * (whenever some time was exact and it was measured). */
static uint32_t program_flags(void) {
  static const uint32_t timings[] = {
      [RT_TIMER_OFF] = LPROF_TIMING_EXACT,
      [RT_TIMER_EXACT] = LPROF_TIMING_EXACT,
      [RT_TIMER_SAMPLE] = LPROF_TIMING_SAMPLED,
      [RT_TIMER_AUTO] = LPROF_TIMING_AUTO,
  };
  uint32_t flags = (uint32_t)rt_settings.memory << LPROF_FLAG_MEMORY_SHIFT |
                   timings[rt_settings.timer] << LPROF_FLAG_TIMING_SHIFT;
  if (rt_sample_switched())
    flags |= LPROF_FLAG_SWITCHED;
  unsigned kinds = __atomic_load_n(&rt_probe_kinds, __ATOMIC_RELAXED);
  int on = rt_timer_on();
  if (on && kinds & RT_PROBES_SAMPLED)
    flags |= LPROF_FLAG_SAMPLED_PROBES |
             (kinds & RT_PROBES_EXACT ? 0 : LPROF_FLAG_NO_EXACT_PROBES);
  if (rt_probe_cycles)
    flags |= LPROF_FLAG_PROBE_COST;
  if (kinds == RT_PROBES_HITS)
    flags |= LPROF_FLAG_HITS_BUILD;
  else if (kinds & RT_PROBES_HITS && on)
    flags |= LPROF_FLAG_SOME_HITS_BUILD;
  return flags;
}

void rt_put_program(struct lprof_buf *b, uint64_t hz, uint64_t calib_ns,
                    uint64_t duration_ns) {
  char exe[PATH_MAX] = "", host[256] = "";
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  exe[n > 0 ? n : 0] = '\0';
  gethostname(host, sizeof host - 1);
  enum rt_timer timer = rt_settings.timer;
  int on = rt_timer_on();
  int sampled = timer == RT_TIMER_SAMPLE || timer == RT_TIMER_AUTO ||
                (on && rt_probe_kinds & RT_PROBES_SAMPLED);
  struct lprof_program_info info = {
      .program = exe,
      .hostname = host,
      .pid = (uint64_t)getpid(),
      .start_unix_ns = rt_start_realtime_ns(),
      .duration_ns = duration_ns,
      .timer_mode = on ? LPROF_TIMER_EXACT : LPROF_TIMER_OFF,
      .flags = program_flags(),
      .cycles_per_second = on ? hz : 0,
      .calibration_ns = on ? calib_ns : 0,
      .probe_cost_ps =
          on && hz ? (uint64_t)((double)rt_probe_cycles * 1e12 /
                                    (double)hz + 0.5)
                   : 0,
      .sample_us = sampled ? rt_settings.sample_us : 0,
      .auto_ms = timer == RT_TIMER_AUTO ? rt_settings.auto_ms : 0,
      .samples = rt_sample_count(),
      .sample_source = rt_sample_source(),
      .sample_mean_ns = hz ? (uint64_t)((double)rt_sample_mean_cycles() *
                                        1e9 / (double)hz + 0.5)
                           : 0,
  };
  lprof_put_program(b, &info);
}

/* The lines of one function from a snapshot of its module's counters. */
struct function_counts {
  const struct lineprof_module *m;
  const struct lineprof_function *f;
  const uint64_t *counts;
  uint64_t hz;
};

static void line_of(const void *ctx, uint32_t i, struct lprof_line *l) {
  const struct function_counts *fc = ctx;
  uint32_t slot = fc->f->first_slot + i;
  lprof_line_from_counts(l, fc->m->lines[slot], fc->counts,
                         (size_t)fc->m->nslots + 1, slot, fc->hz);
}

/* The CALL record of m's call sites [first, end), if any, with their
 * counts (the hits of their slots). */
static void put_calls(struct lprof_buf *b, const struct lineprof_module *m,
                      uint32_t first, uint32_t end, uint64_t *counts) {
  if (first == end)
    return;
  const uint64_t *hits = rt_array(m, counts, RT_HITS);
  size_t mark = lprof_begin_calls(b, end - first);
  for (uint32_t i = first; i < end; i++) {
    const struct lineprof_call_site *s = &m->call_sites[i];
    lprof_put_call(b, s->line, hits[s->slot], s->callee);
  }
  lprof_end_record(b, mark);
}

/* Function `index` of m, whose call sites start at *site (moved past
 * them). */
static void put_function(struct lprof_buf *b, const struct lineprof_module *m,
                         uint32_t index, uint32_t *site, uint64_t *counts,
                         uint64_t hz) {
  const struct lineprof_function *f = &m->functions[index];
  struct function_counts fc = {m, f, counts, hz};
  size_t mark = lprof_begin_function(b, f->name, f->file, f->path,
                                     f->first_line, f->last_line, f->nslots);
  lprof_put_function_lines(b, mark, f->nslots, line_of, &fc, hz != 0,
                           rt_settings.memory != LPROF_MEMORY_OFF);
  uint32_t first = *site;
  *site = rt_call_sites_end(m, index, first);
  put_calls(b, m, first, *site, counts);
}

/* Adds every module's functions; called with rt_lock held. */
static void put_modules(struct lprof_buf *b, uint64_t hz) {
  for (struct rt_module *mod = rt_modules(); mod; mod = mod->next) {
    const struct lineprof_module *m = mod->desc;
    size_t bytes = rt_counter_count(m) * sizeof(uint64_t);
    uint64_t *counts = rt_alloc(bytes);
    if (!counts) {
      b->failed = 1;
      return;
    }
    rt_module_snapshot(mod, counts);
    uint32_t site = 0;
    for (uint32_t i = 0; i < m->nfunctions; i++)
      put_function(b, m, i, &site, counts, hz);
    rt_free(counts, bytes);
  }
}

/* Whether a -fplugin-arg-lineprof-functions name matched in any module. */
static int matched_anywhere(const char *pattern) {
  for (const struct rt_module *mod = rt_modules(); mod; mod = mod->next)
    for (uint32_t i = 0; i < mod->desc->npatterns; i++)
      if (mod->desc->pattern_matched[i] &&
          !strcmp(mod->desc->patterns[i], pattern))
        return 1;
  return 0;
}

/* Whether pattern i of module m was already seen in an earlier place. */
static int seen_before(const struct rt_module *m, uint32_t i) {
  const char *pattern = m->desc->patterns[i];
  for (const struct rt_module *mod = rt_modules(); mod; mod = mod->next)
    for (uint32_t k = 0; k < mod->desc->npatterns; k++) {
      if (mod == m && k == i)
        return 0;
      if (!strcmp(mod->desc->patterns[k], pattern))
        return 1;
    }
  return 0;
}

/* Whether pattern i of module m goes in the MISS record: no function of
 * the program matched it, and it is its first occurrence. */
static int not_found(const struct rt_module *m, uint32_t i) {
  return !matched_anywhere(m->desc->patterns[i]) && !seen_before(m, i);
}

/* The MISS record: names asked for that no function of the program has;
 * called with rt_lock held. */
static void put_not_found(struct lprof_buf *b) {
  uint32_t count = 0;
  for (const struct rt_module *mod = rt_modules(); mod; mod = mod->next)
    for (uint32_t i = 0; i < mod->desc->npatterns; i++)
      count += not_found(mod, i);
  if (!count)
    return;
  size_t mark = lprof_begin_record(b, LPROF_TAG_MISS);
  lprof_put_u32(b, count);
  for (const struct rt_module *mod = rt_modules(); mod; mod = mod->next)
    for (uint32_t i = 0; i < mod->desc->npatterns; i++)
      if (not_found(mod, i))
        lprof_put_str(b, mod->desc->patterns[i]);
  lprof_end_record(b, mark);
}

/* The output path: LINEPROF_FILE or "<program>.lprof"; a forked child
 * whose pattern has no %p gets ".<pid>" appended, so it never clobbers its
 * parent's file. */
int rt_output_path(char *out, size_t size) {
  char pattern[PATH_MAX];
  if (rt_settings.file_pattern)
    snprintf(pattern, sizeof pattern, "%s", rt_settings.file_pattern);
  else
    snprintf(pattern, sizeof pattern, "%s.lprof", program_invocation_short_name);
  if (rt_settings.forked && !strstr(pattern, "%p"))
    strncat(pattern, ".%p", sizeof pattern - strlen(pattern) - 1);
  return rt_expand_pattern(pattern, out, size);
}

/* The working directory at start-up: a relative path is taken from there,
 * wherever the program has moved since. */
static char start_dir[PATH_MAX];

void rt_output_init(void) {
  if (!getcwd(start_dir, sizeof start_dir))
    start_dir[0] = '\0';
}

int rt_output_place(const char *path, char *out, size_t size) {
  int n = path[0] == '/' || !start_dir[0]
              ? snprintf(out, size, "%s", path)
              : snprintf(out, size, "%s/%s", start_dir, path);
  return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* One message for a profile that cannot be written to path, unless the
 * same failure was told already (continuous mode's start, then the exit,
 * in an unwritable directory). */
void rt_write_failed(const char *path, int err, const char *note) {
  static char told_path[PATH_MAX];
  static int told_err;
  if (err == told_err && !strcmp(path, told_path))
    return;
  told_err = err;
  snprintf(told_path, sizeof told_path, "%s", path);
  rt_say("lineprof: cannot write profile to %s: %s%s\n", path, strerror(err),
         note);
}

static int write_all(int fd, const unsigned char *p, size_t n) {
  while (n) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return -1;
    p += w, n -= (size_t)w;
  }
  return 0;
}

int rt_write_atomically(const char *path, const struct lprof_buf *b) {
  char tmp[PATH_MAX + 32];
  int fd = -1;
  for (int attempt = 0; fd < 0 && attempt < 100; attempt++) {
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld.%d", path, (long)getpid(), attempt);
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0 && errno != EEXIST)
      return errno;
  }
  if (fd < 0)
    return EEXIST;
  int err = write_all(fd, b->data, b->len) ? errno : 0;
  if (close(fd) && !err)
    err = errno;
  if (!err && rename(tmp, path))
    err = errno;
  if (err)
    unlink(tmp);
  return err;
}

/* The LEAK record, if there is a leak report. */
static void put_leaks(struct lprof_buf *b, const struct rt_groups *leaks) {
  if (!leaks)
    return;
  size_t mark = lprof_begin_leaks(b, (uint32_t)leaks->n);
  for (size_t i = 0; i < leaks->n; i++) {
    const struct rt_group *g = &leaks->v[i];
    lprof_put_leak(b, g->type, g->where, g->file, g->line, g->count, g->bytes);
  }
  lprof_end_record(b, mark);
}

/* The leak report: on stderr at exit, then into the profile. */
static void find_leaks(enum rt_write_reason why, struct rt_groups *leaks,
                       uintptr_t floor) {
  struct lprof_buf out = {0};
  if (rt_leaks_find(leaks, floor, &out) == 0 && why == RT_WRITE_AT_EXIT)
    rt_leaks_print(leaks, &out);
  rt_text_write(&out, STDERR_FILENO);
}

/* Snapshots written so far: the next is PROGRAM.lprof.(snapshots + 1). */
static unsigned snapshots;

/* Whether a write without a path of its own is a snapshot: on the signal,
 * or asked for by the program or a debugger (lineprof_write_profile). */
static int is_snapshot(enum rt_write_reason why) {
  return why == RT_WRITE_SNAPSHOT || why == RT_WRITE_ON_REQUEST;
}

void rt_output_after_fork(void) { snapshots = 0; }

/* Where to write: path if given, else the profile's path, with ".N" of the
 * next snapshot appended for a snapshot (into shown, as messages show it),
 * then made absolute (into place); -1 after saying why. */
static int target_path(enum rt_write_reason why, const char *path,
                       char *shown, char *place, size_t size) {
  int too_long;
  if (path)
    too_long = snprintf(shown, size, "%s", path) >= (int)size;
  else if ((too_long = rt_output_path(shown, size)) == 0 && is_snapshot(why)) {
    size_t len = strlen(shown);
    unsigned n = __atomic_add_fetch(&snapshots, 1, __ATOMIC_RELAXED);
    too_long = snprintf(shown + len, size - len, ".%u", n) >= (int)(size - len);
  }
  if (too_long || rt_output_place(shown, place, size)) {
    rt_say(path ? "lineprof: the profile's file name is too long\n"
                : "lineprof: LINEPROF_FILE expands to a name that is too long\n");
    return -1;
  }
  return 0;
}

/* Takes rt_lock: now (a signal may have stopped a thread holding it) only
 * if free, on request from the program or a debugger within ~100 ms (a
 * thread stopped by the debugger may hold it for good). */
static int lock_for(enum rt_write_reason why) {
  if (why == RT_WRITE_NOW)
    return pthread_mutex_trylock(&rt_lock);
  if (why != RT_WRITE_ON_REQUEST)
    return pthread_mutex_lock(&rt_lock);
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_nsec += 100000000;
  until.tv_sec += until.tv_nsec / 1000000000;
  until.tv_nsec %= 1000000000;
  return pthread_mutex_timedlock(&rt_lock, &until);
}

/* Fills b (initialized here) with the counters so far, and the leak
 * report if leaks; -1 after saying so if on request the lock was busy. */
static int build_image(enum rt_write_reason why, struct lprof_buf *b,
                       const struct rt_groups *leaks) {
  uint64_t calib_ns = 0;
  uint64_t hz = rt_timer_on() ? rt_cycles_per_second(&calib_ns) : 0;
  lprof_buf_init(b);
  /* Unlocked when written now: read without it (best effort). */
  int locked = !lock_for(why);
  if (!locked && why == RT_WRITE_ON_REQUEST) {
    rt_say("lineprof: the profile is busy (a thread holds it: stopped inside "
           "the runtime by a debugger?); try again\n");
    return -1;
  }
  rt_put_program(b, hz, calib_ns,
                 rt_monotonic_ns() - rt_start_monotonic_ns());
  put_modules(b, hz);
  put_not_found(b);
  if (locked)
    pthread_mutex_unlock(&rt_lock);
  put_leaks(b, leaks);
  return 0;
}

/* The profile, to path (NULL: the profile's own path, or the next
 * snapshot's), with the leak report if leaks; 0 or -1. */
static int write_file(enum rt_write_reason why, const char *path,
                      const struct rt_groups *leaks) {
  char shown[PATH_MAX], place[PATH_MAX];
  if (!rt_modules()) {
    if (why == RT_WRITE_ON_REQUEST)
      rt_say("lineprof: no profile to write: no instrumented code is "
             "loaded\n");
    return -1;
  }
  /* A forked child that ran no profiled line (fork, then exec or exit)
   * leaves no file behind. */
  if (rt_settings.forked && !rt_registry_has_hits() &&
      why != RT_WRITE_ON_REQUEST)
    return 0;
  if (target_path(why, path, shown, place, sizeof place))
    return -1;
  struct lprof_buf b;
  if (build_image(why, &b, leaks)) {
    lprof_buf_free(&b);
    return -1;
  }
  int err = lprof_buf_finish(&b) ? ENOMEM : rt_write_atomically(place, &b);
  lprof_buf_free(&b);
  if (err) {
    rt_write_failed(shown, err, "");
    return -1;
  }
  if (!rt_settings.quiet && !path)
    rt_say("Wrote profile %s to %s\n",
           is_snapshot(why) ? "snapshot" : "results", shown);
  if (rt_settings.verbose && why == RT_WRITE_AT_EXIT)
    rt_verbose_report(place);
  return 0;
}

static int write_profile(enum rt_write_reason why, const char *path,
                         uintptr_t floor) {
  struct rt_groups leaks = {0};
  int have = rt_settings.leaks && why != RT_WRITE_NOW;
  if (have)
    find_leaks(why, &leaks, floor);
  int rc = write_file(why, path, have ? &leaks : NULL);
  rt_groups_free(&leaks);
  return rc;
}

/* The runtime's own allocations (stdio) never count;
 * the leak scan reads this thread's stack from here up. */
__attribute__((noinline)) void rt_write_profile(enum rt_write_reason why) {
  if (rt_in_vfork_child())
    return;
  __builtin_unwind_init();
  rt_heap_thread.busy++;
  write_profile(why, NULL, RT_STACK_FLOOR());
  rt_heap_thread.busy--;
}

/* include/lineprof.h: the profile so far, from the program or a debugger. */
RT_EXPORT __attribute__((noinline)) int lineprof_write_profile(const char *path) {
  if (rt_in_vfork_child())
    return -1;
  __builtin_unwind_init();
  rt_heap_thread.busy++;
  int rc = write_profile(RT_WRITE_ON_REQUEST, path, RT_STACK_FLOOR());
  rt_heap_thread.busy--;
  return rc;
}
