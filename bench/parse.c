/* parse.c - benchmark: a tokeniser and number parser.
 *
 * Shape: a byte-at-a-time scanner with a switch on character classes over a
 * generated buffer of identifiers, integers, decimals ("-12.375") and
 * punctuation; numbers are parsed by hand into fixed-point integers (value
 * times 1000), so the checksum is exact. Many short lines and branches.
 * Usage: parse [REPS]; prints a checksum.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineprof.h"

#define TOKENS 1000000

enum kind { END, NUMBER, IDENT, PUNCT };

struct token {
  enum kind kind;
  long long value; /* NUMBER: value * 1000; IDENT: a hash; PUNCT: the char */
};

static unsigned long long rng = 2463534242ULL;
static unsigned next_random(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (unsigned)rng;
}

static char *generate_input(void) {
  char *buf = malloc(TOKENS * 24 + 1), *p = buf;
  for (int t = 0; t < TOKENS; t++) {
    unsigned r = next_random();
    switch (r % 5) {
    case 0:
    case 1:
      p += sprintf(p, "%u", next_random() % 100000);
      break;
    case 2: {
      /* Two statements: the order of calls in one argument list is unspecified. */
      unsigned whole = next_random() % 1000;
      p += sprintf(p, "-%u.%0*u", whole, 1 + (int)(r / 5 % 3), next_random() % 10);
      break;
    }
    case 3:
      for (unsigned n = 1 + r / 5 % 8; n > 0; n--)
        *p++ = (char)('a' + next_random() % 26);
      break;
    default:
      *p++ = "(),;+*="[r / 5 % 7];
    }
    *p++ = (r >> 20) % 8 == 0 ? '\n' : ' ';
  }
  *p = '\0';
  return buf;
}

/* Parses [-]digits[.digits] at *s into value * 1000, advancing *s. */
LINEPROF_PROFILE
static long long parse_number(const char **s) {
  const char *p = *s;
  int negative = 0;
  if (*p == '-') {
    negative = 1;
    p++;
  }
  long long whole = 0;
  while (*p >= '0' && *p <= '9')
    whole = whole * 10 + (*p++ - '0');
  long long frac = 0, scale = 1000;
  if (*p == '.') {
    p++;
    while (*p >= '0' && *p <= '9') {
      scale /= 10;
      frac += (*p++ - '0') * scale;
    }
  }
  *s = p;
  long long v = whole * 1000 + frac;
  return negative ? -v : v;
}

LINEPROF_PROFILE
static struct token next_token(const char **s) {
  struct token t = {END, 0};
  const char *p = *s;
  while (*p == ' ' || *p == '\n' || *p == '\t')
    p++;
  switch (*p) {
  case '\0':
    break;
  case '-':
  case '0': case '1': case '2': case '3': case '4':
  case '5': case '6': case '7': case '8': case '9':
    t.kind = NUMBER;
    t.value = parse_number(&p);
    break;
  case '(': case ')': case ',': case ';': case '+': case '*': case '=':
    t.kind = PUNCT;
    t.value = *p++;
    break;
  default:
    t.kind = IDENT;
    while (*p >= 'a' && *p <= 'z')
      t.value = t.value * 31 + *p++;
  }
  *s = p;
  return t;
}

int main(int argc, char **argv) {
  long reps = argc > 1 ? atol(argv[1]) : 20;
  char *input = generate_input();
  unsigned long long checksum = 0;
  for (long r = 0; r < reps; r++) {
    const char *p = input;
    long long sum = 0, counts[4] = {0};
    for (struct token t = next_token(&p); t.kind != END; t = next_token(&p)) {
      counts[t.kind]++;
      sum += t.kind == NUMBER ? t.value : t.value % 7;
    }
    checksum = checksum * 31 + (unsigned long long)sum +
               (unsigned long long)(counts[NUMBER] * 3 + counts[IDENT] * 5 +
                                    counts[PUNCT] * 7);
  }
  printf("checksum %llu\n", checksum);
  free(input);
  return 0;
}
