/* plugin_lib.c - an instrumented shared library for lit/e2e/dlopen.test. */
#include "lineprof.h"

LINEPROF_PROFILE int plug_work(int n) {
    int s = 0;
    for (int i = 0; i < n; i++)
        s += i;
    return s;
}
