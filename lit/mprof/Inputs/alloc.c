/* alloc.c - a test program for lit/mprof: allocates and touches memory,
 * holds it, frees it. Options:
 *   -m MIB     memory to allocate and touch (default 50)
 *   -x STATUS  exit status (default 0)
 *   -k SIG     die by signal SIG at the end instead of exiting
 *   -c         do the allocation in a forked child (the parent waits)
 *   -f         write FUNC records to $LINEPROF_MPROF_FUNC_FILE the way an
 *              instrumented program's runtime does (docs/mprof.md) */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int func_fd = -1;

static void nap(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts))
    ;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double rss_mib(void) {
  long pages = 0, size = 0;
  FILE *f = fopen("/proc/self/statm", "r");
  if (f) {
    if (fscanf(f, "%ld %ld", &size, &pages) != 2)
      pages = 0;
    fclose(f);
  }
  return pages * (double)sysconf(_SC_PAGESIZE) / (1024.0 * 1024.0);
}

/* One FUNC record, written with a single write(2) at the call's exit. */
static void func_record(const char *name, double m0, double t0, int level) {
  if (func_fd < 0)
    return;
  char line[256];
  int n = snprintf(line, sizeof line, "FUNC %s %.4f %.4f %.4f %.4f %d\n", name,
                   m0, t0, rss_mib(), now(), level);
  if (write(func_fd, line, (size_t)n) != n)
    perror("write");
}

static volatile char sink;

static char *touch(size_t bytes) {
  double m0 = rss_mib(), t0 = now();
  char *volatile p = malloc(bytes);
  if (!p)
    exit(99);
  for (size_t i = 0; i < bytes; i += 4096)
    p[i] = (char)i;
  nap(100);
  func_record("alloc.touch", m0, t0, 1);
  return p;
}

static void work(size_t bytes) {
  double m0 = rss_mib(), t0 = now();
  char *p = touch(bytes);
  nap(300);
  sink = p[bytes / 2];
  free(p);
  func_record("alloc.work", m0, t0, 0);
}

int main(int argc, char **argv) {
  int mib = 50, status = 0, sig = 0, in_child = 0, funcs = 0, opt;
  while ((opt = getopt(argc, argv, "m:x:k:cf")) != -1) {
    switch (opt) {
    case 'm': mib = atoi(optarg); break;
    case 'x': status = atoi(optarg); break;
    case 'k': sig = atoi(optarg); break;
    case 'c': in_child = 1; break;
    case 'f': funcs = 1; break;
    default: return 100;
    }
  }
  if (funcs) {
    const char *path = getenv("LINEPROF_MPROF_FUNC_FILE");
    if (path)
      func_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
  }
  size_t bytes = (size_t)mib << 20;
  nap(150);
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
