/* primes.c - line_profiler's primes(n) example, ported line for line. */
#include "primes_support.h"
LINEPROF_PROFILE
struct list *primes(int n) {
    if (n == 2)
        return list_of(1, 2);
    else if (n < 2)
        return list_of(0, 0);
    struct list *s = range(3, n + 1, 2);
    double mroot = sqrt(n);
    int half = (n + 1) / 2 - 1;
    int i = 0;
    int m = 3;
    while (m <= mroot) {
        if (s->v[i]) {
            int j = (m * m - 3) / 2;
            s->v[j] = 0;
            while (j < half) {
                s->v[j] = 0;
                j += m;
            }
        }
        i = i + 1;
        m = 2 * i + 3;
    }
    return prepend_nonzero(2, s);
}

int main(int argc, char **argv) {
    struct list *p = primes(argc > 1 ? atoi(argv[1]) : 100);
    for (int k = 0; k < p->len; k++)
        printf("%d%c", p->v[k], k + 1 < p->len ? ' ' : '\n');
    free(p);
    return 0;
}
