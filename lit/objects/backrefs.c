// Why a block is alive: lineprof_show_backrefs writes objgraph's graph of
// what points to it (the holder, the global `cache`, named by dladdr:
// -rdynamic exports it), and lineprof_find_backref_chain prints the
// shortest chain from a root.
// Not under ASan: ASan's instrumented code keeps more pointers in callee-
// saved registers and stack slots, which the conservative scan
// counts as roots: the graph and chain this test checks exactly then differ.
// UNSUPPORTED: asan
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %cflags -I %S/../../runtime/abi -O1 %s -rdynamic %ldflags -o backrefs
// RUN: env LINEPROF_OBJECTS=1 PATH=/nonexistent ./backrefs > out
// RUN: FileCheck %s < out
// RUN: FileCheck %s --check-prefix=DOT < graph.dot
#include <stdio.h>
#include <stdlib.h>

#include "lineprof.h"
#include "rt_abi.h"

struct entry { long key; struct entry *next; };
struct table { long n; struct entry *first; };
static const struct lineprof_alloc_site table_site = {"struct table", "backrefs.c", 26, 0};
static const struct lineprof_alloc_site entry_site = {"struct entry", "backrefs.c", 28, 0};
struct table *cache;


int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  cache = malloc(sizeof *cache);
  __lineprof_object_site(cache, &table_site);
  cache->first = malloc(sizeof *cache->first);
  __lineprof_object_site(cache->first, &entry_site);
  cache->first->next = malloc(sizeof *cache->first);
  __lineprof_object_site(cache->first->next, &entry_site);
  printf("n=%d\n", lineprof_show_backrefs(cache->first->next, 3, "graph.dot"));
  printf("n=%d\n", lineprof_show_backrefs(&cache->first->next->key, 3, "graph.png"));
  printf("length=%d\n", lineprof_find_backref_chain(cache->first->next, 10));
  printf("length=%d\n", lineprof_find_backref_chain(NULL, 10));
  return 0;
}
// A stack slot may hold the pointer too (a conservative root, by register
// allocation): the first graph has 4 or 5 nodes.
// CHECK:      Graph written to graph.dot ([[N:[45]]] nodes)
// CHECK-NEXT: n=[[N]]
// CHECK-NEXT: Graph written to graph.dot (4 nodes)
// CHECK-NEXT: Image renderer (dot) not found, not doing anything else (the graph stays in graph.dot)
// CHECK-NEXT: n=4
// CHECK-NEXT: global cache (0x{{[0-9a-f]+}})
// CHECK-NEXT:   -> struct table, 16 bytes, backrefs.c:26 (0x{{[0-9a-f]+}})
// CHECK-NEXT:   -> struct entry, 16 bytes, backrefs.c:28 (0x{{[0-9a-f]+}})
// CHECK-NEXT:   -> struct entry, 16 bytes, backrefs.c:28 (0x{{[0-9a-f]+}})
// CHECK-NEXT: length=3
// CHECK-NEXT: lineprof: 0 is not in a live block of the object table
// CHECK-NEXT: length=-1
// DOT:      digraph ObjectGraph {
// DOT-NEXT:   node[shape=box, style=filled, fillcolor=white];
// DOT-NEXT:   o[[T:[0-9]+]][fontcolor=red];
// DOT-NEXT:   o[[T]][label="struct entry\n16 bytes\nbackrefs.c:28"];
// DOT-NEXT:   o[[T]][fillcolor="0,0,1"];
// DOT-NEXT:   o[[E:[0-9]+]] -> o[[T]] [label="+0x8"];
// DOT-NEXT:   o[[E]][label="struct entry\n16 bytes\nbackrefs.c:28"];
// DOT-NEXT:   o[[E]][fillcolor="0,0,0.766667"];
// DOT-NEXT:   o[[C:[0-9]+]] -> o[[E]] [label="+0x8"];
// DOT-NEXT:   o[[C]][label="struct table\n16 bytes\nbackrefs.c:26"];
// DOT-NEXT:   o[[C]][fillcolor="0,0,0.533333"];
// DOT-NEXT:   r[[G:[0-9]+]] -> o[[C]];
// DOT-NEXT:   r[[G]][label="global cache"];
// DOT-NEXT:   r[[G]][fillcolor="0.3,1,0.3"];
// DOT-NEXT:   r[[G]][fontcolor=white];
// DOT-NEXT: }
