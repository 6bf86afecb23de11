/* memory.c - memory_profiler's my_func example, ported line for line:
 * a = [1] * (10 ** 6); b = [2] * (2 * 10 ** 7); del b; return a.
 * `lineprof show --memory memory.lprof` gives its memory_profiler table. */
#include <stdlib.h>

#include "lineprof.h"

/* [value] * n: a new array of n longs, all equal to value. Not inlined, so
 * that the optimiser cannot see that b is never read and drop it. */
__attribute__((noinline)) static long *filled(size_t n, long value) {
    long *a = malloc(n * sizeof *a);
    for (size_t i = 0; a && i < n; i++)
        a[i] = value;
    return a;
}

LINEPROF_PROFILE
long *my_func(void) {
    long *a = filled(1000000, 1);
    long *b = filled(20000000, 2);
    free(b);
    return a;
}

int main(void) {
    long *a = my_func();
    int ok = a && a[999999] == 1;
    free(a);
    return ok ? 0 : 1;
}
