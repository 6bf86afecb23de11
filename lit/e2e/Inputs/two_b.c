/* two_b.c - second translation unit of lit/e2e/several-files.test. */
#include "lineprof.h"

LINEPROF_PROFILE int twice(int x) {
    return 2 * x;
}

LINEPROF_PROFILE int unused(void) {
    return 1;
}
