/* Unit tests of the parsers of the runtime's settings (runtime/rt/rt_env_parse.c):
 * LINEPROF_TIMER, LINEPROF_MEMORY, LINEPROF_SAMPLE_SOURCE, the numbers of LINEPROF_SAMPLE_US and
 * LINEPROF_AUTO_MS, and LINEPROF_SAMPLE_SIGNAL. */
#include <signal.h>

#include "lprof_format.h"
#include "rt_settings.h"
#include "unit.h"

static void test_timer(void) {
  enum rt_timer t = RT_TIMER_OFF;
  CHECK(rt_parse_timer("auto", &t) == 0 && t == RT_TIMER_AUTO);
  CHECK(rt_parse_timer("sample", &t) == 0 && t == RT_TIMER_SAMPLE);
  CHECK(rt_parse_timer("exact", &t) == 0 && t == RT_TIMER_EXACT);
  CHECK(rt_parse_timer("off", &t) == 0 && t == RT_TIMER_OFF);
  CHECK(rt_parse_timer("fast", &t) == -1 && t == RT_TIMER_OFF);
  CHECK(rt_parse_timer("Exact", &t) == -1);
  CHECK(rt_parse_timer("", &t) == -1);
}

static void test_source(void) {
  enum rt_source s = RT_SOURCE_AUTO;
  CHECK(rt_parse_source("timer", &s) == 0 && s == RT_SOURCE_TIMER);
  CHECK(rt_parse_source("perf", &s) == 0 && s == RT_SOURCE_PERF);
  CHECK(rt_parse_source("auto", &s) == 0 && s == RT_SOURCE_AUTO);
  CHECK(rt_parse_source("posix", &s) == -1 && s == RT_SOURCE_AUTO);
  CHECK(rt_parse_source("", &s) == -1);
}

static void test_memory(void) {
  int m = -1;
  CHECK(rt_parse_memory("heap", &m) == 0 && m == LPROF_MEMORY_HEAP);
  CHECK(rt_parse_memory("rss", &m) == 0 && m == LPROF_MEMORY_RSS);
  CHECK(rt_parse_memory("sampled", &m) == 0 && m == LPROF_MEMORY_SAMPLED);
  CHECK(rt_parse_memory("off", &m) == 0 && m == LPROF_MEMORY_OFF);
  CHECK(rt_parse_memory("lots", &m) == -1 && m == LPROF_MEMORY_OFF);
}

static void test_number(void) {
  uint32_t n = 7;
  CHECK(rt_parse_number("1000", 10, 1000000, &n) == 0 && n == 1000);
  CHECK(rt_parse_number("10", 10, 1000000, &n) == 0 && n == 10);
  CHECK(rt_parse_number("0", 0, 5, &n) == 0 && n == 0);
  CHECK(rt_parse_number("9", 10, 1000000, &n) == -1 && n == 0);
  CHECK(rt_parse_number("1000001", 10, 1000000, &n) == -1);
  CHECK(rt_parse_number("-3", 0, 10, &n) == -1);
  CHECK(rt_parse_number("+3", 0, 10, &n) == -1);
  CHECK(rt_parse_number(" 3", 0, 10, &n) == -1);
  CHECK(rt_parse_number("3ms", 0, 10, &n) == -1);
  CHECK(rt_parse_number("", 0, 10, &n) == -1);
  CHECK(rt_parse_number("99999999999", 0, 4000000000u, &n) == -1);
}

static void test_any_signal(void) {
  int s = 0;
  CHECK(rt_parse_signal("SIGURG", &s) == 0 && s == SIGURG);
  CHECK(rt_parse_signal("URG", &s) == 0 && s == SIGURG);
  CHECK(rt_parse_signal("12", &s) == 0 && s == SIGUSR2);
  CHECK(rt_parse_signal("SIGRTMIN+2", &s) == 0 && s == SIGRTMIN + 2);
  s = 0;
  CHECK(rt_parse_signal("USR9", &s) == -1 && s == 0);
  CHECK(rt_parse_signal("0", &s) == -1);
  CHECK(rt_parse_signal("SIG", &s) == -1);
}

static void test_signal(void) {
  int s = 0;
  CHECK(rt_parse_sample_signal("SIGPROF", &s) == 0 && s == SIGPROF);
  CHECK(rt_parse_sample_signal("PROF", &s) == 0 && s == SIGPROF);
  CHECK(rt_parse_sample_signal("SIGUSR2", &s) == 0 && s == SIGUSR2);
  CHECK(rt_parse_sample_signal("SIGRTMIN+1", &s) == 0 && s == SIGRTMIN + 1);
  CHECK(rt_parse_sample_signal("RTMIN", &s) == 0 && s == SIGRTMIN);
  CHECK(rt_parse_sample_signal("27", &s) == 0 && s == 27); /* SIGPROF on Linux */
  s = 0;
  CHECK(rt_parse_sample_signal("SIGSEGV", &s) == -1 && s == 0);
  CHECK(rt_parse_sample_signal("11", &s) == -1);
  CHECK(rt_parse_sample_signal("SIGRTMIN+99", &s) == -1);
  CHECK(rt_parse_sample_signal("sigprof", &s) == -1);
  CHECK(rt_parse_sample_signal("", &s) == -1);
}

int main(void) {
  test_timer();
  test_source();
  test_memory();
  test_number();
  test_signal();
  test_any_signal();
  return unit_finish();
}
