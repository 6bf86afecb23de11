/* leaves.h - what the accuracy programs share: how a profiled function and
 * a leaf are marked, and leaves of a known cost (n dependent
 * multiply-xorshift steps). */
#ifndef ACCURACY_LEAVES_H
#define ACCURACY_LEAVES_H

#define PROFILED __attribute__((annotate("profile"), noinline))
#define LEAF __attribute__((noinline))

#define STEPS(x, n)                      \
  for (int s = 0; s < (n); s++) {        \
    x = x * 2654435761u + (unsigned)s;   \
    x ^= x >> 13;                        \
  }

/* A leaf named name of n steps. */
#define LEAF_OF(name, n) \
  LEAF static unsigned name(unsigned x) { STEPS(x, n) return x; }

#endif
