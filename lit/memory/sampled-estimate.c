// LINEPROF_MEMORY=sampled in the default build: a sample of the blocks,
// one per 512 KiB allocated on average, each standing for the bytes it
// has the chance of being sampled for (docs/memory.md). 64 MiB in 64-byte
// blocks on one line, freed on another: about 128 samples each, so each
// estimate is within 35 % (four standard deviations); blocks larger than
// the rate are nearly always sampled at their own size; the run's own
// output is unchanged. A bad LINEPROF_MEMORY_RATE is reported.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %sampled_cflags -O2 %s %ldflags -o estimate
// RUN: env LINEPROF_MEMORY=sampled ./estimate > out.txt 2> err.txt
// RUN: FileCheck %s --check-prefix=OUT < out.txt
// OUT: blocks 1048576
// RUN: %lineprof show --memory estimate.lprof > show.txt
// RUN: python3 %S/Inputs/increments.py show.txt 64 -64 16 -16 --within 22.4
// RUN: env LINEPROF_MEMORY=sampled LINEPROF_MEMORY_RATE=0 ./estimate > /dev/null 2> rate.txt
// RUN: FileCheck %s --check-prefix=RATE < rate.txt
// RATE: lineprof: LINEPROF_MEMORY_RATE=0 is not a number of bytes (1 samples every block); using 524288
#include <stdio.h>
#include <stdlib.h>

#include "lineprof.h"

#define BLOCKS (1 << 20)

LINEPROF_PROFILE
static size_t churn(void **keep) {
  for (size_t i = 0; i < BLOCKS; i++)
    keep[i] = malloc(64);
  for (size_t i = 0; i < BLOCKS; i++)
    free(keep[i]);
  void *big = malloc(16 << 20);
  free(big);
  return BLOCKS;
}

int main(void) {
  void **keep = calloc(BLOCKS, sizeof *keep);
  printf("blocks %zu\n", churn(keep));
  free(keep);
  return 0;
}
