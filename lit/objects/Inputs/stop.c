/* Allocates seven typed blocks, then stops in stop_here for gdb. */
#include <stdio.h>
#include <stdlib.h>

#include "rt_abi.h"

static const struct lineprof_alloc_site item_site = {"struct item", "stop.c", 13, 0};
void *items[7];

__attribute__((noinline)) void stop_here(void) { __asm__ volatile(""); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  for (int i = 0; i < 7; i++) {
    items[i] = malloc(8);
    __lineprof_object_site(items[i], &item_site);
  }
  stop_here();
  return 0;
}
