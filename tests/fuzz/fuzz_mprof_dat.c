/* fuzz_mprof_dat.c - libFuzzer target for the mprof .dat parser
 * (mprof_dat_parse_buffer). An input that parses must give samples and
 * calls within the ranges mprof_dat.h promises; the summary figures of
 * `lineprof mprof peak` must agree with them, and the SVG chart of
 * `lineprof mprof plot` is drawn. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "mprof_dat.h"
#include "mprof_svg.h"

/* Calls whose peak is looked up: the lookup is linear in the MEM samples. */
enum { PEAK_LOOKUPS = 4 };

static void check_sample(const struct mprof_sample *s, double start) {
  FUZZ_CHECK(isfinite(s->mem) && s->mem >= 0);
  FUZZ_CHECK(isfinite(s->t) && s->t >= start);
}

static void check_samples(const struct mprof_dat *d, double start) {
  size_t peak = mprof_dat_peak_index(d);
  FUZZ_CHECK(peak < d->n_mem);
  for (size_t i = 0; i < d->n_mem; i++) {
    check_sample(&d->mem[i], start);
    FUZZ_CHECK(d->mem[i].mem <= d->mem[peak].mem);
  }
  for (size_t c = 0; c < d->n_children; c++) {
    const struct mprof_child *ch = &d->children[c];
    FUZZ_CHECK(ch->n > 0 && ch->id && *ch->id);
    for (size_t i = 0; i < ch->n; i++) {
      check_sample(&ch->samples[i], start);
      FUZZ_CHECK(ch->samples[i].mem <= mprof_child_peak(ch));
    }
  }
}

/* A call's peak is a MEM sample no larger than the overall peak. */
static void check_calls(const struct mprof_dat *d, double start) {
  double top = d->mem[mprof_dat_peak_index(d)].mem;
  for (size_t i = 0; i < d->n_funcs; i++) {
    const struct mprof_func *f = &d->funcs[i];
    FUZZ_CHECK(f->name && *f->name && f->level >= -1);
    FUZZ_CHECK(f->t0 >= start && f->t0 <= f->t1);
    double peak;
    if (i < PEAK_LOOKUPS && mprof_dat_func_peak(d, f->name, &peak) == 0)
      FUZZ_CHECK(peak >= 0 && peak <= top);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct mprof_dat d;
  char err[512];
  if (mprof_dat_parse_buffer("fuzz.dat", (const char *)data, size, &d, err,
                             sizeof err)) {
    FUZZ_CHECK(d.n_mem == 0 && d.mem == NULL && strlen(err) > 0);
    return 0;
  }
  double start = mprof_dat_start_time(&d);
  check_samples(&d, start);
  check_calls(&d, start);
  FUZZ_CHECK(mprof_svg_write(fuzz_sink(), &d, NULL) == 0);
  mprof_dat_free(&d);
  return 0;
}
