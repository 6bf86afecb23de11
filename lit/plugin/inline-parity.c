// The inliner makes the plain build's decisions: the probes' inline cost is
// credited to each function (plugin/InlineCostCredit.cpp), so a small
// profiled helper that the plain -O2 build inlines into its profiled
// caller is inlined in the profiled build too (before, the probes pushed
// it over the threshold and every call stayed a call), and a function the
// plain build keeps out of line stays out of line. The profile still has
// each helper's own lines with their exact Hits.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang -O2 -g -S -emit-llvm %s -o plain.ll
// RUN: FileCheck --check-prefix=IR %s < plain.ll
// RUN: %clang %cflags -O2 -S -emit-llvm %s -o profiled.ll
// RUN: FileCheck --check-prefix=IR %s < profiled.ll
// RUN: %clang %sampled_cflags -O2 -S -emit-llvm %s -o sampled.ll
// RUN: FileCheck --check-prefix=IR %s < sampled.ll
// IR-LABEL: define {{.*}} @table_sum(
// IR-NOT: call {{.*}} @mix(
// IR: call {{.*}} @big(
// IR-LABEL: define {{.*}} @main(
// IR-NOT: call {{.*}} @table_sum(
// IR: ret
// RUN: %clang %cflags -O2 %s %ldflags -o prog
// RUN: env LINEPROF_TIMER=off ./prog
// RUN: %lineprof show prog.lprof | FileCheck %s
// CHECK: Function: mix at line [[@LINE+3]]
// CHECK: [[@LINE+3]] 1000 {{.*}}h ^= h >> 16;
// CHECK: [[@LINE+10]] 1000 {{.*}}return h ^ (h >> 16);
__attribute__((annotate("profile"))) static unsigned mix(unsigned h) {
  h ^= h >> 16;
  h *= 0x45d9f3bu;
  h ^= h >> 15;
  h *= 0x2c1b3c6du;
  h ^= h >> 12;
  h *= 0x297a2d39u;
  h ^= h >> 13;
  h *= 0x85ebca6bu;
  return h ^ (h >> 16);
}

// Too large for the plain build's inliner, called twice.
__attribute__((annotate("profile"), noinline)) static unsigned
big(const unsigned *v, int n) {
  unsigned s = 0;
  for (int i = 0; i < n; i++)
    s += v[i] * (unsigned)i;
  return s;
}

__attribute__((annotate("profile"))) unsigned table_sum(const unsigned *v,
                                                         int n) {
  unsigned s = 0;
  for (int i = 0; i < n; i++)
    s += mix(v[i]);
  return s + big(v, n);
}

unsigned values[1000];

int main(void) {
  for (int i = 0; i < 1000; i++)
    values[i] = (unsigned)i * 2654435761u;
  return table_sum(values, 1000) == big(values, 1000) ? 2 : 0;
}
