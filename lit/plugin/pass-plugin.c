// The same .so works as -fpass-plugin= alone (annotated functions, found in
// llvm.global.annotations), and -fplugin with -fpass-plugin instruments once.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang -g -O1 -fpass-plugin=%plugin %s %ldflags -o pass-only
// RUN: ./pass-only 2>/dev/null && %lineprof show pass-only.lprof | FileCheck %s
// RUN: %clang -g -O1 -fplugin=%plugin -fpass-plugin=%plugin %s %ldflags -o both
// RUN: ./both 2>/dev/null && %lineprof show both.lprof | FileCheck %s
// Without the frontend a function starts at its declarator line, with it
// at its attribute.
// CHECK: Function: hot at line {{1[45]}}
// CHECK: {{^ +}}[[@LINE+6]]{{ +}}1 {{.*}}int s = 0;
// CHECK: {{^ +}}[[@LINE+6]]{{ +}}11 {{.*}}for (int i = 0; i < n; i++)
// CHECK: {{^ +}}[[@LINE+6]]{{ +}}10 {{.*}}s += i;
__attribute__((annotate("profile")))
int hot(int n) {
  // a comment
  int s = 0;
  for (int i = 0; i < n; i++)
    s += i;
  return s;
}
int main(void) { return hot(10) == 45 ? 0 : 1; }
