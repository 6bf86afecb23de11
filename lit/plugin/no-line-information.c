// A profiled function compiled without line information gets a warning
// naming it and the fix (never a silently empty profile); -Werror makes it
// an error.
// RUN: %clang -fplugin=%plugin -O1 -c %s -o %t.o 2>&1 | FileCheck %s
// RUN: not %clang -fplugin=%plugin -Werror -c %s -o %t.o 2>&1 | FileCheck %s
// RUN: %clang -fplugin=%plugin -gline-tables-only -c %s -o %t.o 2>&1 | FileCheck --allow-empty --check-prefix=QUIET %s
// CHECK: no-line-information.c:[[@LINE+3]]:{{[0-9]+}}: {{warning|error}}: lineprof: 'hot' has no line information and is not profiled; compile with -g or -gline-tables-only
// QUIET-NOT: warning
__attribute__((annotate("profile")))
int hot(int n) {
  int s = 0;
  for (int i = 0; i < n; i++)
    s += i;
  return s;
}
