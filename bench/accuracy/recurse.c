/* recurse.c - accuracy benchmark: a profiled recursive walk of a binary
 * tree that calls a leaf at every node.
 *   recurse [WALKS]; prints a checksum.
 * A recursive line is on the stack many times: exact times count it once
 * per call in progress, sampled times once per sample (docs/semantics.md);
 * bench/accuracy/truth.py computes both. */
#include <stdio.h>
#include <stdlib.h>

#include "leaves.h"

struct node {
  struct node *left, *right;
  unsigned key;
};

static struct node *build(int depth, unsigned *key) {
  if (depth == 0) return NULL;
  struct node *t = malloc(sizeof *t);
  t->key = (*key)++ * 2654435761u;
  t->left = build(depth - 1, key);
  t->right = build(depth - 1, key);
  return t;
}

LEAF static unsigned visit(unsigned x) {
  for (int s = 0; s < 40; s++) {
    x = x * 2654435761u + (unsigned)s;
    x ^= x >> 13;
  }
  return x;
}

PROFILED static unsigned walk(const struct node *t, unsigned salt) {
  if (!t) return salt;
  unsigned s = visit(t->key ^ salt);
  s += walk(t->left, salt);
  s ^= walk(t->right, salt + 1);
  return s;
}

int main(int argc, char **argv) {
  int walks = argc > 1 ? atoi(argv[1]) : 400;
  unsigned key = 1, sum = 0;
  struct node *root = build(14, &key);
  for (int w = 0; w < walks; w++) sum += walk(root, (unsigned)w);
  printf("%u\n", sum);
  return 0;
}
