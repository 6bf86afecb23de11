/* linked_lib.c - an instrumented shared library linked at build time, for
 * lit/e2e/dlopen.test. */
#include "lineprof.h"

LINEPROF_PROFILE int linked_work(int x) {
    return x * 3;
}
