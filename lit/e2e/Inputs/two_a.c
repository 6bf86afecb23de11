/* two_a.c - first of two translation units, each with profiled functions
 * (lit/e2e/several-files.test). */
#include "lineprof.h"

int twice(int x);

LINEPROF_PROFILE int sum_twice(int n) {
    int s = 0;
    for (int i = 0; i < n; i++)
        s += twice(i);
    return s;
}

int main(int argc, char **argv) {
    (void)argv;
    return sum_twice(3) == 6 ? argc - 1 : 100;
}
