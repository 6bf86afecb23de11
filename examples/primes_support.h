/* primes_support.h - Python's list helpers for examples/primes.c, kept out
 * of the profiled function so each Python line of line_profiler's primes()
 * example stays one C line. */
#ifndef PRIMES_SUPPORT_H
#define PRIMES_SUPPORT_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "lineprof.h"

struct list {
  int len;
  int v[];
};

/* range(start, stop, step) */
static struct list *range(int start, int stop, int step) {
  struct list *l = malloc(sizeof *l + sizeof(int) * (size_t)(stop > start ? (stop - start + step - 1) / step : 0));
  l->len = 0;
  for (int x = start; x < stop; x += step)
    l->v[l->len++] = x;
  return l;
}

/* [first] + [x for x in s if x] */
static struct list *prepend_nonzero(int first, struct list *s) {
  struct list *l = malloc(sizeof *l + sizeof(int) * (size_t)(s->len + 1));
  l->len = 0;
  l->v[l->len++] = first;
  for (int k = 0; k < s->len; k++)
    if (s->v[k])
      l->v[l->len++] = s->v[k];
  free(s);
  return l;
}

/* [] and [2] */
static struct list *list_of(int n, int x) {
  struct list *l = malloc(sizeof *l + sizeof(int));
  l->len = n;
  l->v[0] = x;
  return l;
}

#endif
