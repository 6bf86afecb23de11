// An unknown -fplugin-arg-lineprof-* argument is a compile error naming it,
// and no object file is written.
// RUN: rm -f %t.o
// RUN: not %clang -fplugin=%plugin -fplugin-arg-lineprof-bogus=1 -c %s -o %t.o 2>&1 | FileCheck %s
// RUN: test ! -e %t.o
// CHECK: error: lineprof: unknown argument '-fplugin-arg-lineprof-bogus=1' (known: functions=NAME[,GLOB...], files=GLOB[,...], all, exact)
int main(void) { return 0; }
