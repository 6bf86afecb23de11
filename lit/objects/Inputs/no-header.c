/* A program without lineprof.h for lit/objects/gdb-commands.test, after
 * examples/leaks.c: a list keeps 5 nodes, then a cache of 4 slots keeps
 * the newest node of each and drops the one it replaces: of 8 nodes
 * remembered, 4 leak. gdb stops it in stop_here after each part. */
#include <stdlib.h>

struct node {
  int key;
  struct node *next;
  char name[16];
};

struct cache {
  struct node *slots[4];
};

static struct node *list;
static struct cache *cache;

__attribute__((noinline)) void stop_here(void) { __asm__ volatile(""); }

static struct node *make_node(int key) {
  struct node *n = malloc(sizeof *n);
  n->key = key;
  n->next = NULL;
  return n;
}

static void push(int key) {
  struct node *n = make_node(key);
  n->next = list;
  list = n;
}

static void remember(int key) {
  struct node *n = make_node(key);
  cache->slots[key % 4] = n;
}

int main(void) {
  cache = calloc(1, sizeof *cache);
  for (int key = 0; key < 5; key++)
    push(key);
  stop_here();
  for (int key = 0; key < 8; key++)
    remember(key);
  stop_here();
  return 0;
}
