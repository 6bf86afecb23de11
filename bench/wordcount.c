/* wordcount.c - benchmark: counting words with a hash table.
 *
 * Shape: a tokeniser loop over a generated text (a fixed vocabulary of
 * made-up words drawn by a linear congruential generator, so the text is the
 * same on every machine), FNV-1a hashing and an open-addressing table with
 * string compares: short loops, many branches, calls per word.
 * Usage: wordcount [REPS]; prints a checksum.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineprof.h"

#define VOCABULARY 20000
#define TEXT_WORDS 1000000
#define TABLE_SIZE 65536 /* a power of two, > 2 * VOCABULARY */

struct entry {
  const char *word; /* points into the text; NULL = empty slot */
  unsigned len;
  unsigned long count;
};

static unsigned long long rng = 88172645463325252ULL;
static unsigned next_random(void) {
  rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
  return (unsigned)(rng >> 33);
}

/* TEXT_WORDS words from a vocabulary of VOCABULARY words of 2-5 syllables,
 * separated by spaces, punctuation and newlines. */
static char *generate_text(size_t *len) {
  static const char *syllables[] = {"ka", "lo", "mi", "ne", "ru",  "sa",
                                    "ti", "vo", "qua", "ze", "bri", "do",
                                    "fe", "gu", "ha", "ji"};
  char(*vocab)[16] = malloc(VOCABULARY * sizeof *vocab);
  for (int v = 0; v < VOCABULARY; v++) {
    int n = 2 + (int)(next_random() % 4);
    vocab[v][0] = '\0';
    for (int s = 0; s < n; s++)
      strcat(vocab[v], syllables[next_random() % 16]);
  }
  char *text = malloc(TEXT_WORDS * 17 + 1), *p = text;
  for (int w = 0; w < TEXT_WORDS; w++) {
    /* A skewed choice: low indices are much more frequent (like Zipf). */
    unsigned r = next_random() % VOCABULARY;
    unsigned v = (unsigned)((unsigned long long)r * r / VOCABULARY);
    size_t n = strlen(vocab[v]);
    memcpy(p, vocab[v], n);
    p += n;
    unsigned sep = next_random() % 16;
    *p++ = sep == 0 ? '\n' : sep == 1 ? ',' : sep == 2 ? '.' : ' ';
  }
  *p = '\0';
  *len = (size_t)(p - text);
  free(vocab);
  return text;
}

LINEPROF_PROFILE
static unsigned hash_word(const char *s, unsigned len) {
  unsigned h = 2166136261u;
  for (unsigned i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 16777619u;
  }
  return h;
}

LINEPROF_PROFILE
static void add_word(struct entry *table, const char *s, unsigned len) {
  unsigned i = hash_word(s, len) & (TABLE_SIZE - 1);
  while (table[i].word) {
    if (table[i].len == len && memcmp(table[i].word, s, len) == 0) {
      table[i].count++;
      return;
    }
    i = (i + 1) & (TABLE_SIZE - 1);
  }
  table[i].word = s;
  table[i].len = len;
  table[i].count = 1;
}

LINEPROF_PROFILE
static void count_words(struct entry *table, const char *text, size_t len) {
  size_t i = 0;
  while (i < len) {
    while (i < len && (text[i] < 'a' || text[i] > 'z'))
      i++;
    size_t start = i;
    while (i < len && text[i] >= 'a' && text[i] <= 'z')
      i++;
    if (i > start)
      add_word(table, text + start, (unsigned)(i - start));
  }
}

int main(int argc, char **argv) {
  long reps = argc > 1 ? atol(argv[1]) : 10;
  size_t len;
  char *text = generate_text(&len);
  struct entry *table = malloc(TABLE_SIZE * sizeof *table);
  unsigned long long checksum = 0;
  for (long r = 0; r < reps; r++) {
    memset(table, 0, TABLE_SIZE * sizeof *table);
    count_words(table, text + r, len - (size_t)r);
    for (unsigned i = 0; i < TABLE_SIZE; i++)
      if (table[i].word)
        checksum = checksum * 1000003u + table[i].count * (i + 1);
  }
  printf("checksum %llu\n", checksum);
  free(table);
  free(text);
  return 0;
}
