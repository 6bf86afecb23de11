// -fplugin-arg-lineprof-all selects every function of the translation unit
// but not the inline functions of system headers (glibc's putchar at -O2).
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -O2 -fplugin-arg-lineprof-all %s %ldflags -o all
// RUN: ./all 2>/dev/null | FileCheck --check-prefix=OUT %s
// RUN: %lineprof show all.lprof | FileCheck %s
// OUT: xy
// CHECK: Function: main at line [[@LINE+3]]
// CHECK-NOT: Function:
#include <stdio.h>
int main(void) {
    putchar('x');
    putchar('y');
    putchar('\n');
    return 0;
}
