/* wordcount.c - accuracy benchmark: counting words of a generated text
 * into calloc'd buckets: a character loop, a call of a profiled hash
 * function per word, free.
 *   wordcount [PASSES]; prints a checksum.
 * bench/accuracy.sh compares the hash line's % Time (and hash's total) with
 * perf's samples of hash under count_words in the plain build. */
#include <stdio.h>
#include <stdlib.h>

#include "leaves.h"

enum { TEXT = 1 << 20, BUCKETS = 1 << 12 };

static char text[TEXT];

/* Words of 1 to 12 letters separated by one or two spaces, the same on
 * every machine. */
static void generate(void) {
  unsigned long long r = 88172645463325252ULL;
  for (int i = 0; i < TEXT; i++) {
    r = r * 6364136223846793005ULL + 1442695040888963407ULL;
    unsigned v = (unsigned)(r >> 33);
    text[i] = v % 7 == 0 ? ' ' : (char)('a' + v % 26);
  }
}

PROFILED static unsigned hash(const char *s, long n) {
  unsigned h = 2166136261u;
  for (long i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

PROFILED static unsigned long count_words(const char *t, long len) {
  unsigned *buckets = calloc(BUCKETS, sizeof *buckets);
  long i = 0;
  while (i < len) {
    while (i < len && t[i] == ' ') i++;
    long start = i;
    while (i < len && t[i] != ' ') i++;
    if (i > start) buckets[hash(t + start, i - start) % BUCKETS]++;
  }
  unsigned long sum = 0;
  for (int b = 0; b < BUCKETS; b++) sum = sum * 31 + buckets[b];
  free(buckets);
  return sum;
}

int main(int argc, char **argv) {
  int passes = argc > 1 ? atoi(argv[1]) : 150;
  unsigned long sum = 0;
  generate();
  for (int p = 0; p < passes; p++) sum += count_words(text + p, TEXT - p);
  printf("%lu\n", sum);
  return 0;
}
