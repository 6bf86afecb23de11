// Heap memory per line in a build with frames (`lineprof cflags --memory`):
// the allocator charges each allocation and free to the lines of the calls
// in progress, so Increment, Allocated and Freed are those of the exact
// build, recursion, libc's allocations and unprofiled callees included;
// Mem usage and Peak are taken at the allocations and frees, and blank on
// lines that make none. RSS needs the exact build, and says so.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %memory_cflags -O2 %s %ldflags -o sampled
// RUN: %clang %cflags -O2 %s %ldflags -o exact
// RUN: env LINEPROF_DUMP_SIGNAL=off LINEPROF_MEMORY=heap ./sampled 2> /dev/null
// RUN: env LINEPROF_DUMP_SIGNAL=off LINEPROF_MEMORY=heap ./exact 2> /dev/null
// RUN: %lineprof show --memory --detail --precision 6 sampled.lprof | FileCheck %s --check-prefixes=BOTH,SAMPLED
// RUN: %lineprof show --memory --detail --precision 6 exact.lprof | FileCheck %s --check-prefixes=BOTH,EXACT
// RUN: env LINEPROF_MEMORY=rss ./sampled 2>&1 | FileCheck %s --check-prefix=RSS
// RUN: env LINEPROF_MEMORY=rss ./exact 2>&1 | FileCheck %s --check-prefix=RSS-EXACT
// RSS: lineprof: {{.*}}sampled-build.c was built without -fplugin-arg-lineprof-exact: its lines get no LINEPROF_MEMORY=rss figures (LINEPROF_MEMORY=heap does)
// RSS-EXACT-NOT: built without
#include <stdlib.h>
#include <string.h>

#include "lineprof.h"

struct node {
  struct node *left, *right;
};

LINEPROF_PROFILE
static struct node *make(int depth) {
  struct node *n = malloc(sizeof *n);
  if (depth > 0) {
    n->left = make(depth - 1);
    n->right = make(depth - 1);
  } else {
    n->left = n->right = NULL;
  }
  return n;
}
// 31 nodes of 16 bytes; each recursive line counts its subtree once per
// call in progress on it, as a timed call does.
// BOTH:    {{^}}    29   0.000473 MiB   0.000473 MiB          31   0.000473 MiB   0.000000 MiB   0.000473 MiB     struct node *n = malloc(sizeof *n);
// SAMPLED: {{^}}    30                0.000000 MiB          31   0.000000 MiB   0.000000 MiB                  if (depth > 0) {
// EXACT:   {{^}}    30   0.000473 MiB   0.000000 MiB          31   0.000000 MiB   0.000000 MiB   0.000473 MiB     if (depth > 0) {
// BOTH:    {{^}}    31   0.000458 MiB   0.000748 MiB          15   0.000748 MiB   0.000000 MiB   0.000458 MiB       n->left = make(depth - 1);
// BOTH:    {{^}}    32   0.000473 MiB   0.000748 MiB          15   0.000748 MiB   0.000000 MiB   0.000473 MiB       n->right = make(depth - 1);

static void drop(struct node *n) {
  if (n->left) {
    drop(n->left);
    drop(n->right);
  }
  free(n);
}

__attribute__((noinline)) static char *grown(char *s, size_t n) {
  return realloc(s, n);
}

LINEPROF_PROFILE
static size_t work(int depth) {
  struct node *t = make(depth);
  char *s = strdup("x");
  s = grown(s, 4096);
  size_t n = strlen(s);
  drop(t);
  free(s);
  return n;
}
// BOTH:    {{^}}    60   0.000473 MiB   0.000473 MiB           1   0.000473 MiB   0.000000 MiB   0.000473 MiB     struct node *t = make(depth);
// BOTH:    {{^}}    61   0.000475 MiB   0.000002 MiB           1   0.000002 MiB   0.000000 MiB   0.000475 MiB     char *s = strdup("x");
// (Under a sanitizer, whose realloc is a new block and then a free, the old
// block's 2 bytes count in the peak, and in the default build in Mem usage: 0.004381.)
// BOTH:    {{^}}    62   0.0043{{79|81}} MiB   0.003904 MiB           1   0.003906 MiB   0.000002 MiB   0.0043{{79|81}} MiB     s = grown(s, 4096);
// SAMPLED: {{^}}    63                0.000000 MiB           1   0.000000 MiB   0.000000 MiB                  size_t n = strlen(s);
// EXACT:   {{^}}    63   0.004379 MiB   0.000000 MiB           1   0.000000 MiB   0.000000 MiB   0.004379 MiB     size_t n = strlen(s);
// Mem usage: after the line (exact), after its first free (sampled).
// SAMPLED: {{^}}    64   0.004364 MiB  -0.000473 MiB           1   0.000000 MiB   0.000473 MiB   0.004379 MiB     drop(t);
// EXACT:   {{^}}    64   0.003906 MiB  -0.000473 MiB           1   0.000000 MiB   0.000473 MiB   0.004379 MiB     drop(t);
// BOTH:    {{^}}    65   0.000000 MiB  -0.003906 MiB           1   0.000000 MiB   0.003906 MiB   0.003906 MiB     free(s);
// BOTH:    {{^}}    66                0.000000 MiB           1   0.000000 MiB   0.000000 MiB                  return n;

int main(void) { return work(4) == 1 ? 0 : 1; }

// (The RUN lines' LINEPROF_DUMP_SIGNAL=off: under a sanitizer the snapshot thread starts
// with the first module, and on a busy machine a block it frees or
// allocates sometimes moved the heap in use by 32 to 184 bytes before
// make() ran (16 runs of 90 with three at once; none of 90 without it).)
//
// The default build, whose calls take no frames, has its allocations'
// lines read from the native stack (rt_mem_native.c): at every block with
// LINEPROF_MEMORY=heap, which says it is slow; at sampled blocks only with
// LINEPROF_MEMORY=sampled, where LINEPROF_MEMORY_RATE=1 samples every
// block at its own size. Either way the figures are the frames build's.
// RUN: %clang %sampled_cflags -O2 %s %ldflags -o default
// RUN: env LINEPROF_DUMP_SIGNAL=off LINEPROF_MEMORY=sampled LINEPROF_MEMORY_RATE=1 ./default 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
// QUIET-NOT: lineprof: {{.*}}built without
// RUN: %lineprof show --memory --detail --precision 6 default.lprof | FileCheck %s --check-prefixes=BOTH,SAMPLED
// RUN: %lineprof show --memory default.lprof | FileCheck %s --check-prefix=RATE1
// RATE1: Memory: heap bytes, estimated from a sample of the blocks (LINEPROF_MEMORY=sampled)
// RUN: env LINEPROF_DUMP_SIGNAL=off LINEPROF_MEMORY=heap LINEPROF_FILE=heap.lprof ./default 2>&1 | FileCheck %s --check-prefix=SLOW
// SLOW: lineprof: {{.*}}sampled-build.c was built without -fplugin-arg-lineprof-memory (`lineprof cflags --memory`) or -exact: each allocation reads the native stack for its lines, which is slow (LINEPROF_MEMORY=sampled is not)
// RUN: %lineprof show --memory --detail --precision 6 heap.lprof | FileCheck %s --check-prefixes=BOTH,SAMPLED
