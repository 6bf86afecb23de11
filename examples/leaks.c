/* leaks.c - an example of hunting leaks with lineprof, like objgraph in
 * Python (docs/objects.md). A list keeps every node it is given; a cache
 * keeps the newest node of each of its 16 slots and drops the node it
 * replaces without freeing it: 24 of the cache's 40 nodes leak.
 *
 *   clang -g $(lineprof cflags) -O2 leaks.c $(lineprof ldflags) -o leaks
 *   LINEPROF_LEAKS=1 ./leaks
 *   lineprof show --leaks leaks.lprof
 *
 * The calls of lineprof_* below print what objgraph would: the most common
 * kinds of objects, what grew, who holds a node (a Graphviz file), and the
 * blocks nothing reaches. They need object tracking (LINEPROF_OBJECTS=1,
 * or LINEPROF_LEAKS=1, which also prints the leak report at exit). */
#include <stdio.h>
#include <stdlib.h>

#include "lineprof.h"

struct node {
  int key;
  int hits;
  struct node *next;
  char name[16];
};

struct cache {
  struct node *slots[16];
};

static struct node *list;   /* every node pushed, newest first */
static struct cache *cache; /* the newest node of each slot */

static struct node *make_node(int key) {
  struct node *n = malloc(sizeof *n);
  n->key = key;
  n->hits = 0;
  n->next = NULL;
  snprintf(n->name, sizeof n->name, "node %d", key);
  return n;
}

LINEPROF_PROFILE static void push(int key) {
  struct node *n = make_node(key);
  n->next = list;
  list = n;
}

/* The bug: the node in the slot is dropped, not freed. Kept out of line
 * (-O2 may inline it): a copy of the last node's address left in main's
 * frame would be a root for the conservative scan, and the chain below
 * would start on the stack instead of at the cache. */
LINEPROF_PROFILE __attribute__((noinline)) static void remember(int key) {
  struct node *n = make_node(key);
  cache->slots[key % 16] = n;
}

int main(void) {
  cache = calloc(1, sizeof *cache);
  for (int key = 0; key < 20; key++)
    push(key);
  lineprof_show_most_common_types(10);
  lineprof_show_growth(10);
  for (int key = 0; key < 40; key++)
    remember(key);
  printf("after remembering 40 keys:\n");
  lineprof_show_growth(10);
  lineprof_find_backref_chain(cache->slots[7], 10);
  lineprof_show_backrefs(cache->slots[7], 3, "leaks-backrefs.dot");
  lineprof_get_leaking_objects();
  return 0;
}
