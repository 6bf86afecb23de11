/* control_flow.c - the functions of lit/e2e/control-flow.test: each mirrors
 * a Python function line for line, so its Hits can be compared with what
 * sys.settrace counts for the Python version. */
#include <stdio.h>

#include "lineprof.h"

LINEPROF_PROFILE int classify(int n) {
    int a = 0, b = 0, c = 0;
    for (int i = 0; i < n; i++) {
        if (i % 15 == 0)
            continue;
        else if (i % 5 == 0)
            a++;
        else if (i % 3 == 0)
            b++;
        else
            c++;
        if (i > 40)
            break;
    }
    int s = 0;
    for (int k = 0; k < 10; k++) s += k;
    int w = 0;
    while (w < 7) w++;
    return a + b + c + s + w;
}

LINEPROF_PROFILE int fib(int n) {
    if (n < 2)
        return n;
    return fib(n - 1) + fib(n - 2);
}

LINEPROF_PROFILE int nested(int n) {
    int t = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            t += i * j;
    return t;
}

LINEPROF_PROFILE int oneline(int n) {
    int s = 0;
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) s += j;
    do s--; while (s > 10);
    return s;
}

LINEPROF_PROFILE int multiline(int a) {
    int x = a +
            a * 2;
    if (x > 0 &&
        a > 0)
        x++;
    return x;
}

LINEPROF_PROFILE void never_called(void) {
    puts("never");
}

int main(void) {
    printf("%d %d %d %d %d\n", classify(50), fib(10), nested(4), oneline(4),
           multiline(3));
    return 0;
}
