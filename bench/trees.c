/* trees.c - benchmark: building and freeing binary trees (binary-trees of
 * the Computer Language Benchmarks Game).
 *
 * Shape: allocation-heavy recursion: a malloc and a free per node, three
 * small recursive functions called millions of times, so per-call costs
 * (function entry and exit of the profiled functions) dominate.
 * Usage: trees [MAX_DEPTH]; prints a checksum.
 */
#include <stdio.h>
#include <stdlib.h>

#include "lineprof.h"

struct node {
  struct node *left, *right;
};

LINEPROF_PROFILE
static struct node *make_tree(int depth) {
  struct node *n = malloc(sizeof *n);
  if (depth > 0) {
    n->left = make_tree(depth - 1);
    n->right = make_tree(depth - 1);
  } else {
    n->left = n->right = NULL;
  }
  return n;
}

LINEPROF_PROFILE
static long check_tree(const struct node *n) {
  if (!n->left)
    return 1;
  return 1 + check_tree(n->left) + check_tree(n->right);
}

LINEPROF_PROFILE
static void free_tree(struct node *n) {
  if (n->left) {
    free_tree(n->left);
    free_tree(n->right);
  }
  free(n);
}

int main(int argc, char **argv) {
  int max_depth = argc > 1 ? atoi(argv[1]) : 16;
  const int min_depth = 4;
  unsigned long long checksum = 0;
  struct node *long_lived = make_tree(max_depth);
  for (int depth = min_depth; depth <= max_depth; depth += 2) {
    long iterations = 1L << (max_depth - depth + min_depth);
    long check = 0;
    for (long i = 0; i < iterations; i++) {
      struct node *t = make_tree(depth);
      check += check_tree(t);
      free_tree(t);
    }
    checksum = checksum * 31 + (unsigned long long)check;
  }
  checksum = checksum * 31 + (unsigned long long)check_tree(long_lived);
  free_tree(long_lived);
  printf("checksum %llu\n", checksum);
  return 0;
}
