// Derived hits (plugin/DerivedHits.cpp): a line whose event runs once
// before a two-way branch, each of whose ways starts with an event of its
// own, gets no add; the module's derived table says its hits are those two
// together, and the runtime sums them when it writes the profile. Here
// fib's `if` (slot 0) is its two returns' (1 and 2), and classify's `if`
// (slot 5) its two ways' (6 and 7). Not derived: the loop's line (its
// events are on its edges) and `if (side(i))` (a call between its event
// and its branch may not return). In straight, lines in one block copy the
// hits of the first (slots 12 and 13 copy 11; 15, after side's call, 14):
// the entry names the derived slot as its own second term.
// RUN: %clang -O0 -g -fplugin=%plugin -S -emit-llvm %s -o %t.O0.ll
// RUN: FileCheck %s < %t.O0.ll
// RUN: %clang -O2 -g -fplugin=%plugin -S -emit-llvm %s -o - | FileCheck --check-prefix=TABLE %s
// RUN: %clang -O2 -g -fplugin=%plugin -fplugin-arg-lineprof-hits -S -emit-llvm %s -o - | FileCheck --check-prefix=TABLE %s
// RUN: %clang -O2 -g -fplugin=%plugin -fplugin-arg-lineprof-exact -S -emit-llvm %s -o - | FileCheck --check-prefix=TABLE %s
// The exact Hits in every build (the derived lines: 45, 60, 82, 83 and 85).
// RUN: %clang -O2 %sampled_cflags %s %ldflags -o %t.default
// RUN: env LINEPROF_FILE=%t.default.lprof %t.default | FileCheck --check-prefix=OUT %s
// RUN: %lineprof show %t.default.lprof | FileCheck --check-prefix=HITS %s
// RUN: %clang -O2 %hits_cflags %s %ldflags -o %t.hits
// RUN: env LINEPROF_FILE=%t.hits.lprof %t.hits | FileCheck --check-prefix=OUT %s
// RUN: %lineprof show %t.hits.lprof | FileCheck --check-prefix=HITS %s
// RUN: %clang -O0 %cflags %s %ldflags -o %t.exact
// RUN: env LINEPROF_FILE=%t.exact.lprof %t.exact | FileCheck --check-prefix=OUT %s
// RUN: %lineprof show %t.exact.lprof | FileCheck --check-prefix=HITS %s

// CHECK: @lineprof.derived = {{.*}} [5 x { i32, i32, i32 }] [{ i32, i32, i32 } { i32 0, i32 1, i32 2 }, { i32, i32, i32 } { i32 5, i32 6, i32 7 }, { i32, i32, i32 } { i32 12, i32 11, i32 12 }, { i32, i32, i32 } { i32 13, i32 11, i32 13 }, { i32, i32, i32 } { i32 15, i32 14, i32 15 }]
// TABLE: @lineprof.derived = {{.*}} [{ i32, i32, i32 } { i32 0, i32 1, i32 2 }, { i32, i32, i32 } { i32 5, i32 6, i32 7 }, { i32, i32, i32 } { i32 12, i32 11, i32 12 }, { i32, i32, i32 } { i32 13, i32 11, i32 13 }, { i32, i32, i32 } { i32 15, i32 14, i32 15 }]
// OUT: 610 181 107
#include <stdio.h>

static int calls;
static int side(int n) { calls++; return n & 1; }

// No add before fib's branch; one at the start of each way.
// CHECK-LABEL: define internal i64 @fib(
// CHECK-NOT:   load atomic i64
// CHECK:       icmp slt i32 %{{[0-9]+}}, 2
// CHECK:       getelementptr inbounds i64, {{i64\*|ptr}} %{{[0-9]+}}, i64 1
// CHECK-NEXT:  load atomic i64
// CHECK:       getelementptr inbounds i64, {{i64\*|ptr}} %{{[0-9]+}}, i64 2
// CHECK-NEXT:  load atomic i64
__attribute__((annotate("profile")))
static long fib(int k) {
  if (k < 2)
    return k;
  return fib(k - 1) + fib(k - 2);
}
// HITS:      {{^}}    45      1973 {{.*}}if (k < 2)
// HITS-NEXT: {{^}}    46       987 {{.*}}return k;
// HITS-NEXT: {{^}}    47       986 {{.*}}return fib(k - 1) + fib(k - 2);

// CHECK-LABEL: define internal i32 @classify(
// CHECK-NOT:   getelementptr inbounds i64, {{i64\*|ptr}} %{{[0-9]+}}, i64 5,
// CHECK:       define
__attribute__((annotate("profile")))
static int classify(int n) {
  int odd = 0;
  for (int i = 0; i < n; i++) {
    if (i % 3 == 0)
      odd += 2;
    else
      odd += 1;
    if (side(i))
      odd++;
  }
  return odd;
}
// HITS:      {{^}}    59       101 {{.*}}for (int i = 0; i < n; i++) {
// HITS-NEXT: {{^}}    60       100 {{.*}}if (i % 3 == 0)
// HITS-NEXT: {{^}}    61        34 {{.*}}odd += 2;
// HITS-NEXT: {{^}}    62 {{ *}}else{{$}}
// HITS-NEXT: {{^}}    63        66 {{.*}}odd += 1;
// HITS-NEXT: {{^}}    64       100 {{.*}}if (side(i))
// HITS-NEXT: {{^}}    65        50 {{.*}}odd++;

// Lines that share a block with nothing between them that may stop have
// the first one's hits: only `int a` and `int d` (after side's call) count.
__attribute__((annotate("profile")))
static int straight(int n) {
  int a = n * 3;
  int b = a + 1;
  int c = side(b);
  int d = c + a;
  return d - b;
}
// HITS:      {{^}}    81         7 {{.*}}int a = n * 3;
// HITS-NEXT: {{^}}    82         7 {{.*}}int b = a + 1;
// HITS-NEXT: {{^}}    83         7 {{.*}}int c = side(b);
// HITS-NEXT: {{^}}    84         7 {{.*}}int d = c + a;
// HITS-NEXT: {{^}}    85         7 {{.*}}return d - b;

int main(void) {
  long f = fib(15);
  int c = classify(100);
  for (int i = 0; i < 7; i++)
    c += straight(i);
  printf("%ld %d %d\n", f, c, calls);
  return 0;
}
