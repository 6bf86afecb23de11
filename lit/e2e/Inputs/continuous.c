/* continuous.c - for continuous.test: a profiled function called by a
 * thread that exits and by main, then (with an argument) SIGKILL. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include "lineprof.h"
LINEPROF_PROFILE
static long work(int n) {
  long s = 0;
  for (int i = 0; i < n; i++)
    if (i % 4)
      s += i;
    else
      s -= i;
  return s;
}
static void *thread(void *arg) { work(1000); return arg; }
int main(int argc, char **argv) {
  pthread_t t;
  pthread_create(&t, NULL, thread, NULL);
  pthread_join(t, NULL);
  long s = work(100);
  char *p = malloc(1000);
  printf("%ld %p\n", s, (void *)p);
  fflush(stdout);
  if (argc > 1)
    raise(SIGKILL);
  free(p); /* no leak for LeakSanitizer at a normal exit */
  return 0;
}
