/* alloc.c - a test program for lit/mprof: allocates and touches memory,
 * holds it, frees it. Options:
 *   -m MIB     memory to allocate and touch (default 50)
 *   -x STATUS  exit status (default 0)
 *   -k SIG     die by signal SIG at the end instead of exiting
 *   -c         do the allocation in a forked child (the parent waits)
 *   -w MS      wait this long before allocating (default 150)
 *   -h MS      hold the memory this long (default 300)
 * work() and touch() are profiled: built with the plugin and run under
 * `lineprof mprof run`, the runtime records their calls as FUNC records
 * (docs/mprof.md). */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void nap(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts))
    ;
}

static volatile char sink;
static long wait_ms = 150, hold_ms = 300;

__attribute__((annotate("profile"))) static char *touch(size_t bytes) {
  char *volatile p = malloc(bytes);
  if (!p)
    exit(99);
  for (size_t i = 0; i < bytes; i += 4096)
    p[i] = (char)i;
  nap(100);
  return p;
}

__attribute__((annotate("profile"))) static void work(size_t bytes) {
  char *p = touch(bytes);
  nap(hold_ms);
  sink = p[bytes / 2];
  free(p);
}

int main(int argc, char **argv) {
  int mib = 50, status = 0, sig = 0, in_child = 0, opt;
  while ((opt = getopt(argc, argv, "m:x:k:cw:h:")) != -1) {
    switch (opt) {
    case 'm': mib = atoi(optarg); break;
    case 'x': status = atoi(optarg); break;
    case 'k': sig = atoi(optarg); break;
    case 'c': in_child = 1; break;
    case 'w': wait_ms = atol(optarg); break;
    case 'h': hold_ms = atol(optarg); break;
    default: return 100;
    }
  }
  size_t bytes = (size_t)mib << 20;
  nap(wait_ms);
  if (in_child) {
    pid_t pid = fork();
    if (pid == 0) {
      work(bytes);
      _exit(0);
    }
    waitpid(pid, NULL, 0);
  } else {
    work(bytes);
  }
  nap(200);
  if (sig) {
    signal(sig, SIG_DFL);
    raise(sig);
  }
  return status;
}
