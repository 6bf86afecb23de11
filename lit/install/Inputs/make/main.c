#include <stdio.h>

#include "words.h"

int main(void) {
  printf("%d\n", count_words("one two  three"));
  return 0;
}
