/* A user header for `lineprof timeit -i`. */
static inline int square(int x) { return x * x; }
