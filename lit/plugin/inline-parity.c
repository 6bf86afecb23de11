// The probes make a profiled function bigger, and LLVM's inliner, which
// runs after the pass, weighs that: `checksum` (and with exact probes also
// `mix`) stayed a call in the profiled builds where the plain -O2 build
// inlines it. InlineParity.cpp gives the probes' call of the runtime a
// threshold bonus of their cost, so every build inlines what the plain one
// does, and the inlined lines keep their exact Hits.
// RUN: %clang -O2 -g -S -o /dev/null %s -Rpass=inline 2>&1 | FileCheck %s
// RUN: %clang -O2 -g -fplugin=%plugin -S -o /dev/null %s -Rpass=inline 2>&1 | FileCheck %s
// RUN: %clang -O2 -g -fplugin=%plugin -fplugin-arg-lineprof-hits -S -o /dev/null %s -Rpass=inline 2>&1 | FileCheck %s
// RUN: %clang -O2 -g -fplugin=%plugin -fplugin-arg-lineprof-exact -S -o /dev/null %s -Rpass=inline 2>&1 | FileCheck %s
// CHECK-DAG: remark: 'mix' inlined into 'checksum'
// CHECK-DAG: remark: 'checksum' inlined into 'main'
// RUN: %clang -O0 -Xclang -disable-O0-optnone -g -fplugin=%plugin -S -emit-llvm %s -o - | FileCheck --check-prefix=IR %s
// IR: call {{.*}} @lineprof.thread_block({{.*}}) #[[BONUS:[0-9]+]]
// IR: attributes #[[BONUS]] = { {{.*}}"call-threshold-bonus"="{{[1-9][0-9]*}}"
// With -all, functions taken wholesale (main) get no bonus; the annotated
// ones keep theirs.
// RUN: %clang -O0 -Xclang -disable-O0-optnone -g -fplugin=%plugin -fplugin-arg-lineprof-all -S -emit-llvm %s -o %t.all.ll
// RUN: FileCheck --check-prefix=ALL-MAIN %s < %t.all.ll
// RUN: FileCheck --check-prefix=ALL-MIX %s < %t.all.ll
// ALL-MAIN-LABEL: define {{.*}} @main(
// ALL-MAIN: call {{.*}} @lineprof.thread_block({{[^)]*}}), !dbg
// ALL-MIX-LABEL: define {{.*}} @mix(
// ALL-MIX: call {{.*}} @lineprof.thread_block({{[^)]*}}) #{{[0-9]+}}, !dbg
// RUN: %clang -O2 %sampled_cflags %s %ldflags -o %t.exe && env LINEPROF_FILE=%t.lprof %t.exe 1000
// RUN: %lineprof show %t.lprof | FileCheck --check-prefix=HITS %s
// HITS: {{^ +[0-9]+}} 1000 {{.*}} h ^= v;
// HITS: {{^ +[0-9]+}} 1000 {{.*}} return h;
// HITS: {{^ +[0-9]+}} 1001 {{.*}} for (int i = 0; i < n; i++)
// HITS: {{^ +[0-9]+}} 1000 {{.*}} h = mix(h, v[i]);
#include <stdio.h>
#include <stdlib.h>

__attribute__((annotate("profile"))) static unsigned mix(unsigned h, unsigned v) {
  h ^= v;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

__attribute__((annotate("profile"))) static unsigned checksum(const unsigned *v, int n) {
  unsigned h = 0;
  for (int i = 0; i < n; i++)
    h = mix(h, v[i]);
  return h;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 1000;
  unsigned *v = malloc(n * sizeof *v);
  for (int i = 0; i < n; i++)
    v[i] = (unsigned)i * 2654435761u;
  printf("%u\n", checksum(v, n));
  free(v);
  return 0;
}
