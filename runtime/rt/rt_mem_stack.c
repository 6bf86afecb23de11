/* rt_mem_stack.c - heap memory per line in modules built without exact
 * probes, which have no timed calls: each allocation and free a thread
 * makes is charged to the line of every call in progress on its shadow
 * stack (__lineprof_stack, rt_abi.h). Those modules' calls take a frame
 * whatever the timer; timed calls take none, and rt_mem_lines.c charges
 * their lines. A line gets the bytes allocated and freed while on it,
 * callees included, as a timed call's line does, and its memory in use
 * and peak as they are after (and, for a free, before) each of them
 * (docs/memory.md). Calls deeper than LINEPROF_STACK_FRAMES share the last
 * frame, as the sampler's do: the calls between get nothing.
 *
 * Charging every frame at every event costs the depth of the stack per
 * allocation. Instead each thread keeps a record of the frames as its last
 * event saw them, each with the thread's byte totals when it was first
 * seen, and marks the live frames it recorded (LINEPROF_SEEN_BIT in their
 * slot). A probe that enters a call or moves a call to another line stores
 * its frame's slot without the mark, and a call's frame changes only while
 * it is the innermost, so the marked frames are the bottom of the stack
 * and the unmarked ones above them are all that changed. An event settles
 * the recorded frames above the marked ones (each line gets the bytes
 * since its frame was seen, the maxima go to the frame below) and records
 * the new ones, but for the innermost, which nearly always changed since
 * the last event and is charged at once: work in proportion to the calls
 * that came and went since the last event, not to the depth. What the
 * recorded frames hold is added to a profile written meanwhile
 * (rt_mem_stack_pending), settled when the thread exits, and restarted in
 * a forked child.
 *
 * A thread charges every frame at once until an event finds two calls in
 * progress (before, there is nothing to record), and so do all threads in
 * continuous mode, where the counters are the file a killed process
 * leaves: nothing waits there. */
#include <stdatomic.h>
#include <stdint.h>

#include "rt_abi.h"
#include "rt_base.h"
#include "rt_heap.h"
#include "rt_registry.h"
#include "rt_settings.h"

#define FRAMES (LINEPROF_STACK_FRAMES + 1)

/* A frame as the thread's events saw it. */
struct seen_frame {
  uint64_t *cycles;
  uint32_t slot, stride;
  uint64_t alloc0, freed0; /* the thread's totals when it was first seen */
  uint64_t usage, peak;    /* maxima since, of its events and of the settled
                              frames that were above it */
};

/* A thread's record; records are never freed, only handed to new threads. */
struct record {
  struct record *next;
  _Atomic int owned;
  uint32_t depth;        /* frames recorded */
  uint64_t alloc, freed; /* the thread's totals */
  struct seen_frame frames[FRAMES];
};

static struct record *_Atomic records;

static RT_TLS int decided;         /* whether mine is final */
static RT_TLS struct record *mine; /* NULL: every frame at once */

/* Inlined into rt_mem_stack_charge: the calls cost a fifth of what trees
 * (bench/) pays per allocation. */
#define HOT static inline __attribute__((always_inline))

static uint64_t max64(uint64_t a, uint64_t b) { return a > b ? a : b; }

/* A record no thread owns, or a new one; NULL if out of memory. */
static struct record *claim(void) {
  for (struct record *r = atomic_load(&records); r; r = r->next) {
    int free_one = 0;
    if (atomic_compare_exchange_strong(&r->owned, &free_one, 1))
      return r;
  }
  struct record *r = rt_alloc(sizeof *r);
  if (!r)
    return NULL;
  atomic_store(&r->owned, 1);
  r->next = atomic_load(&records);
  while (!atomic_compare_exchange_weak(&records, &r->next, r))
    ;
  return r;
}

/* The thread's record, claimed at its first event inside a profiled call;
 * NULL when every frame is to be charged (continuous mode, or no pages). */
static struct record *record_of_thread(void) {
  if (!decided) {
    decided = 1;
    mine = rt_settings.continuous ? NULL : claim();
  }
  return mine;
}

/* Adds what frame f saw until now, with the thread's totals alloc and
 * freed, to its line in counters of the same layout as its own. */
HOT void charge_line(uint64_t *cycles, const struct seen_frame *f,
                     uint64_t usage, uint64_t peak, uint64_t alloc,
                     uint64_t freed) {
  uint64_t *a = rt_line_counter(cycles, f->stride, f->slot, RT_ALLOC);
  uint64_t *d = rt_line_counter(cycles, f->stride, f->slot, RT_FREED);
  uint64_t *u = rt_line_counter(cycles, f->stride, f->slot, RT_USAGE);
  uint64_t *p = rt_line_counter(cycles, f->stride, f->slot, RT_PEAK);
  if (alloc > f->alloc0)
    *a += alloc - f->alloc0;
  if (freed > f->freed0)
    *d += freed - f->freed0;
  if (usage > *u)
    *u = usage;
  if (peak > *p)
    *p = peak;
}

/* Charges and forgets the recorded frames from `keep` up, innermost first. */
HOT void settle(struct record *r, uint32_t keep) {
  for (uint32_t j = r->depth; j-- > keep;) {
    struct seen_frame *f = &r->frames[j];
    if (f->cycles)
      charge_line(f->cycles, f, f->usage, f->peak, r->alloc, r->freed);
    if (j) {
      r->frames[j - 1].usage = max64(r->frames[j - 1].usage, f->usage);
      r->frames[j - 1].peak = max64(r->frames[j - 1].peak, f->peak);
    }
  }
  r->depth = keep;
}

/* Records the live frames [from, n), marking them seen. */
static void record_frames(struct record *r, volatile struct lineprof_stack *s,
                          uint32_t from, uint32_t n) {
  for (uint32_t j = from; j < n; j++) {
    volatile struct lineprof_frame *live = &s->frames[j];
    uint32_t slot = live->slot;
    struct seen_frame *f = &r->frames[j];
    f->cycles = live->cycles;
    f->stride = live->stride;
    f->slot = slot & ~(LINEPROF_STALE_BIT | LINEPROF_SEEN_BIT);
    f->alloc0 = r->alloc;
    f->freed0 = r->freed;
    f->usage = f->peak = 0;
    live->slot = slot | LINEPROF_SEEN_BIT;
  }
  r->depth = n;
}

/* The event charged to the lines of the live frames [from, n) at once. */
HOT void charge_frames(const volatile struct lineprof_stack *s, uint32_t from,
                       uint32_t n, uint64_t alloc, uint64_t freed,
                       uint64_t usage, uint64_t peak) {
  for (uint32_t i = from; i < n; i++) {
    const volatile struct lineprof_frame *live = &s->frames[i];
    struct seen_frame f = {.cycles = live->cycles,
                           .slot = rt_frame_slot(live),
                           .stride = live->stride};
    if (f.cycles)
      charge_line(f.cycles, &f, usage, peak, alloc, freed);
  }
}

/* An event of a thread with a record: the innermost call, which nearly
 * always changed since the last event, is charged at once; the calls below
 * it are recorded. Apart, so that the others pay for none of its work. */
static __attribute__((noinline)) void
charge_recorded(struct record *r, volatile struct lineprof_stack *s, uint32_t n,
                uint64_t alloc, uint64_t freed, uint64_t usage, uint64_t peak) {
  uint32_t below = n ? n - 1 : 0;
  uint32_t kept = below < r->depth ? below : r->depth;
  while (kept && !(s->frames[kept - 1].slot & LINEPROF_SEEN_BIT))
    kept--;
  settle(r, kept);
  record_frames(r, s, kept, below);
  r->alloc += alloc;
  r->freed += freed;
  if (below) {
    struct seen_frame *f = &r->frames[below - 1];
    f->usage = max64(f->usage, usage);
    f->peak = max64(f->peak, peak);
  }
  charge_frames(s, below, n, alloc, freed, usage, peak);
}

void rt_mem_stack_charge(uint64_t alloc, uint64_t freed, int64_t before,
                         int64_t after) {
  volatile struct lineprof_stack *s = &__lineprof_stack;
  uint32_t n = s->depth < FRAMES ? s->depth : FRAMES;
  uint64_t usage = after > 0 ? (uint64_t)after : 0;
  uint64_t peak = before > after && before > 0 ? (uint64_t)before : usage;
  struct record *r = mine;
  if (r || (n > 1 && (r = record_of_thread())))
    charge_recorded(r, s, n, alloc, freed, usage, peak);
  else
    charge_frames(s, 0, n, alloc, freed, usage, peak);
}

void rt_mem_stack_pending(const struct lineprof_module *m,
                          const uint64_t *counters, uint64_t *out) {
  const uint64_t *end = counters + rt_counter_count(m);
  for (struct record *r = atomic_load(&records); r; r = r->next) {
    if (!atomic_load_explicit(&r->owned, memory_order_relaxed))
      continue;
    const volatile struct record *v = r;
    uint64_t alloc = v->alloc, freed = v->freed, usage = 0, peak = 0;
    for (uint32_t j = v->depth < FRAMES ? v->depth : FRAMES; j-- > 0;) {
      struct seen_frame f = r->frames[j]; /* racy: checked before use */
      usage = max64(usage, f.usage);
      peak = max64(peak, f.peak);
      if (f.cycles < counters || f.cycles >= end || f.slot >= f.stride ||
          f.stride != m->nslots + 1)
        continue;
      charge_line(out + (f.cycles - counters), &f, usage, peak, alloc, freed);
    }
  }
}

void rt_mem_stack_thread_exit(void) {
  struct record *r = mine;
  decided = 1; /* the thread's frames are gone: no record again */
  mine = NULL;
  if (!r)
    return;
  settle(r, 0);
  atomic_store(&r->owned, 0);
}

void rt_mem_stack_reset(void) {
  for (struct record *r = atomic_load(&records); r; r = r->next) {
    if (r != mine) { /* another thread's: not in this process */
      r->depth = 0;
      atomic_store(&r->owned, 0);
      continue;
    }
    for (uint32_t j = 0; j < r->depth; j++) {
      r->frames[j].alloc0 = r->alloc;
      r->frames[j].freed0 = r->freed;
      r->frames[j].usage = r->frames[j].peak = 0;
    }
  }
}
