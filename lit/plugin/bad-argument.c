// An unknown -fplugin-arg-lineprof-* argument, or two that contradict each
// other, is a compile error naming it, and no object file is written.
// RUN: rm -f %t.o
// RUN: not %clang -fplugin=%plugin -fplugin-arg-lineprof-bogus=1 -c %s -o %t.o 2>&1 | FileCheck %s
// RUN: test ! -e %t.o
// CHECK: error: lineprof: unknown argument '-fplugin-arg-lineprof-bogus=1' (known: functions=NAME[,GLOB...], files=GLOB[,...], all, exact, memory, hits)
// RUN: not %clang -fplugin=%plugin -fplugin-arg-lineprof-hits -fplugin-arg-lineprof-exact -c %s -o %t.o 2>&1 | FileCheck --check-prefix=BOTH %s
// RUN: test ! -e %t.o
// BOTH: error: lineprof: -fplugin-arg-lineprof-exact, -memory and -hits exclude each other (exact times, memory per line, or Hits only)
// RUN: not %clang -fplugin=%plugin -fplugin-arg-lineprof-memory -fplugin-arg-lineprof-exact -c %s -o %t.o 2>&1 | FileCheck --check-prefix=BOTH %s
// RUN: test ! -e %t.o
int main(void) { return 0; }
