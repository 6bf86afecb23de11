/* fib_probes.c - what each design of the per-call probes would cost,
 * measured on fib(N) before building it into the plugin (issue 15).
 *
 * Each model is fib with, written by hand in C, the probes one design
 * would emit; bench/probe_models.sh builds one binary per model
 * (-DMODEL_name) and times them alternately. The models:
 *
 *   plain      no probes (clang -O2 turns one recursive call into a loop)
 *   coverage   the same source; the script builds it with clang's coverage
 *   counters   the thread's counter block and one add per event, nothing
 *              after the calls, so the loop stays: counting Hits alone
 *   counters_notre  the same with an empty asm after the calls: no loop
 *   depth      the plugin's design: a shadow-stack frame at depth, the
 *              depth pushed at entry and restored at return
 *   mode       the same, but the frame and depth only when the timer is
 *              on (a branch on a mode flag; here off, as for Hits only)
 *   ring       frames in a per-thread ring indexed by the call's entry
 *              stack address, tagged by it and its return address: no
 *              depth, nothing at return, so the loop stays
 *   ring_clear the ring, its frame cleared at return (which a profiled
 *              callee inlined into its caller would need): no loop
 *
 * Usage: fib_probes [N]; prints fib(N) (38 by default). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#define NOINLINE __attribute__((noinline))
#define TLS __thread __attribute__((tls_model("initial-exec")))

/* The shapes of rt_abi.h, as the depth models use them. */
struct frame {
  uint64_t *cycles;
  union { /* written as one word at entry */
    struct {
      uint32_t slot, stride;
    };
    uint64_t slot_stride;
  };
};
struct stack {
  uint32_t depth, reserved;
  uint64_t clock_reads;
  struct frame frames[257], idle;
};
/* A ring frame: where the return address is, that address, the line. */
struct ring_frame {
  uintptr_t entry, ret;
  struct frame line;
};
enum { RING_FRAMES = 1 << 15, SLOT_STRIDE_AT_ENTRY = 6 };

static TLS uint64_t *block; /* the thread's counters: a block per module */
static TLS struct stack stack __attribute__((unused)); /* depth, mode */
static TLS struct ring_frame *ring;
static uint64_t counters[64];
static volatile int timer_on __attribute__((unused)); /* mode: 0, timer off */

/* The first call of a thread finds its block; then a load and a test. */
__attribute__((unused)) static inline uint64_t *thread_block(void) {
  uint64_t *b = block;
  if (__builtin_expect(!b, 0))
    b = block = counters;
  return b;
}

/* fib's lines with their probes: an add per event to block b, and
 * SET_SLOT(n), the model's store of the current line n. */
#define PROFILED_FIB(b, k, r, SET_SLOT)                                        \
  do {                                                                         \
    (b)[0]++;                                                                  \
    if ((k) < 2) {                                                             \
      (b)[1]++;                                                                \
      SET_SLOT(1);                                                             \
      (r) = (k);                                                               \
    } else {                                                                   \
      (b)[2]++;                                                                \
      SET_SLOT(2);                                                             \
      (r) = fib((k)-1);                                                        \
      (b)[3]++;                                                                \
      (r) += fib((k)-2);                                                       \
    }                                                                          \
  } while (0)
#define NO_SLOT(n) (void)0
#define FRAME_SLOT(n) (f->slot = (n))
#define RING_SLOT(n) (f->line.slot = (n))

#if defined MODEL_plain || defined MODEL_coverage
NOINLINE static long fib(int k) {
  if (k < 2)
    return k;
  return fib(k - 1) + fib(k - 2);
}
#elif defined MODEL_counters || defined MODEL_counters_notre
NOINLINE static long fib(int k) {
  uint64_t *b = thread_block();
  long r;
  PROFILED_FIB(b, k, r, NO_SLOT);
#ifdef MODEL_counters_notre
  __asm__ volatile("");
#endif
  return r;
}
#elif defined MODEL_depth || defined MODEL_mode
NOINLINE static long fib(int k) {
  uint64_t *b = thread_block();
  volatile struct stack *s = &stack;
  volatile struct frame *f = &s->idle;
  uint32_t d = 0;
#ifdef MODEL_mode
  int on = timer_on;
#else
  const int on = 1;
#endif
  if (on) {
    d = s->depth;
    s->depth = d + 1;
    f = &s->frames[d < 256 ? d : 256];
  }
  f->cycles = b + 10;
  f->slot_stride = (uint64_t)SLOT_STRIDE_AT_ENTRY << 32;
  long r;
  PROFILED_FIB(b, k, r, FRAME_SLOT);
  if (on)
    s->depth = d;
  return r;
}
#elif defined MODEL_ring || defined MODEL_ring_clear
NOINLINE static long fib(int k) {
  uint64_t *b = thread_block();
  /* The frame address stands in for llvm.addressofreturnaddress. */
  uintptr_t entry = (uintptr_t)__builtin_frame_address(0);
  volatile struct ring_frame *f =
      (volatile struct ring_frame *)((char *)ring +
                                     ((entry << 1) & ((RING_FRAMES - 1) << 5)));
  f->entry = entry;
  f->ret = (uintptr_t)__builtin_return_address(0);
  f->line.cycles = b + 10;
  f->line.slot_stride = (uint64_t)SLOT_STRIDE_AT_ENTRY << 32;
  long r;
  PROFILED_FIB(b, k, r, RING_SLOT);
#ifdef MODEL_ring_clear
  f->entry = 0;
#endif
  return r;
}
#else
#error "build with -DMODEL_<name> (see the comment at the top)"
#endif

int main(int argc, char **argv) {
  ring = mmap(NULL, RING_FRAMES * sizeof *ring, PROT_READ | PROT_WRITE,
              MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (ring == MAP_FAILED)
    return 1;
  int n = argc > 1 ? atoi(argv[1]) : 38;
  printf("%ld\n", fib(n));
  return 0;
}
