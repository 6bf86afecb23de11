/* rt_abi.h - the interface between instrumented code and the runtime: the
 * tables the IR pass (plugin/ModuleTables.cpp) emits for each module (their
 * fields declared once in lineprof_abi_tables.inc) and the functions the
 * probes call. Included by the runtime (C) and the plugin (C++); bump
 * LINEPROF_ABI_VERSION whenever any of it changes.
 *
 * Per module the pass emits one `struct lineprof_module` and a constructor
 * that passes it to __lineprof_register_module(). Every profiled function
 * owns a contiguous range of "slots" in its module, one per line that
 * starts a statement. Each thread gets, per module, a block of
 * LINEPROF_BLOCK_ARRAYS * (nslots + 1) u64 counters: hits, cycles, self
 * cycles (the line's own, its profiled calls' left out), samples, then the
 * memory arrays (bytes allocated, bytes freed, largest memory in use after
 * the line, peak while on it), each indexed by slot. Slot `nslots` is a
 * sink for what happens before a call's first line event.
 *
 * Each direct call from a profiled function to a function that may be
 * profiled (lineprof_abi_tables.inc's call sites) adds one, right before
 * the call, to the hit counter of its call site's slot: the module's slots
 * after all functions' line slots are call sites, one each.
 *
 * Every profiled function has one body whose probes read __lineprof_detail
 * once per call. Each line event adds one to its slot's hit counter in the
 * thread's block. Before each call it makes, a call stores the calling
 * line's slot in its frame of the thread's shadow stack, struct
 * lineprof_stack: a real frame when the call is sampled, else the thread's
 * idle frame; the line of the innermost call comes from the interrupted
 * program counter and the module's DWARF line table (rt_pc_lines.c). A
 * call that calls nothing pushes no frame. With exact probes every call
 * has its frame from its entry and every line event stores its line. In a module built with exact
 * probes (LINEPROF_MODULE_EXACT) every call calls __lineprof_timed_enter at
 * entry, __lineprof_timed_line at each event and __lineprof_timed_leave at
 * return, with a per-call state in its frame; a call is timed when
 * LINEPROF_DETAIL_TIMER or _MEMORY is set at its entry (the runtime then
 * reads the clock and, when asked, the memory figures), and sampled when
 * LINEPROF_DETAIL_SAMPLE alone is. A call enters only when times or
 * memory are asked for or timed calls are in progress that auto mode has
 * not handed over to the sampler (lineprof_stack.timed), and
 * __lineprof_timed_enter says whether it is
 * timed; in a call that is not, the other two return at once, and in
 * small functions and loops the probes branch past them. In other modules
 * every call takes a real frame (nothing reads it while the timer is off)
 * and none is timed.
 *
 * Right after every call to an allocation function (malloc, calloc,
 * realloc, reallocarray, aligned_alloc, memalign, strdup, strndup; and
 * posix_memalign, with its out pointer) instrumented code calls
 * __lineprof_object_site with the block and a static description of the
 * call: the C type of the object when known, and where the call is. The
 * runtime's object tracking (docs/objects.md) records it for that block.
 */
#ifndef RT_ABI_H
#define RT_ABI_H

#include <stdint.h>

#include "lineprof_abi_tables.inc"

#define LINEPROF_ABI_VERSION 13u

/* Counter arrays per slot in a thread's block: hits, cycles, self, samples,
 * alloc, freed, usage, peak (lineprof_counters.h). */
#define LINEPROF_BLOCK_ARRAYS 8u

/* Bits of __lineprof_detail. */
#define LINEPROF_DETAIL_TIMER 1u  /* exact line times: timed calls */
#define LINEPROF_DETAIL_MEMORY 2u /* per-line memory, mprof FUNC records */
#define LINEPROF_DETAIL_SAMPLE 4u /* sampled line times: shadow stack */

/* A timed call's state: the probes allocate it (this many u64, 8-byte
 * aligned) and pass its address. It begins with a struct
 * lineprof_timed_head; the rest is the runtime's. */
#define LINEPROF_TIMED_CALL_WORDS 14u

/* Values of lineprof_timed_head.timed. */
#define LINEPROF_TIMED_NO 0u     /* set by the probes at entry */
#define LINEPROF_TIMED_YES 1u    /* set by __lineprof_timed_enter */
#define LINEPROF_TIMED_HANDED 2u /* auto mode handed it over to the sampler */

/* Probe state "current line" of a call is a slot index; this bit on it
 * means "entered before the loop header last passed" (see docs/semantics). */
#define LINEPROF_STALE_BIT 0x80000000u
/* A bit of a shadow-stack frame's slot that only the runtime sets, on the
 * frames its heap charges have recorded (rt_mem_stack.c); the probes store
 * slots without it, so a frame they push or that calls from another line
 * loses it. */
#define LINEPROF_SEEN_BIT 0x40000000u

/* The shadow stack of sampled calls, one per thread (__lineprof_stack). A
 * sampled call takes frames[min(depth, LINEPROF_STACK_FRAMES)] at entry
 * (the last frame is shared by all deeper calls), increments depth, stores
 * the calling line's slot in its frame before each call and restores
 * depth at return (and after each setjmp returns). A call that is not
 * sampled writes the same fields of `idle` instead, leaving depth as it
 * is. The probes write these fields with volatile stores, in program
 * order, so that a signal handler on the thread sees a consistent stack. */
#define LINEPROF_STACK_FRAMES 256u

struct lineprof_frame {
  uint64_t *cycles; /* the thread's cycles array for the call's module */
  uint32_t slot;    /* the line of its last call (the sink slot before one) */
  uint32_t stride;  /* nslots + 1 of the module: from one array to the next */
};

/* The head of a timed call's state. The probes store LINEPROF_TIMED_NO
 * in `timed` at entry; the events they put behind a test of a timed call
 * (small functions and loops: guardTimedCalls) store their line in `slot`
 * themselves once the call is handed over, instead of calling
 * __lineprof_timed_line to do it. */
struct lineprof_timed_head {
  uint32_t timed; /* LINEPROF_TIMED_* */
  uint32_t slot;  /* its current line (the sink slot before the first) */
};

struct lineprof_stack {
  uint32_t depth; /* sampled calls in progress; may exceed the frames */
  uint32_t timed; /* timed calls in progress not handed over to the
                     sampler (rt_timed.c): while there are any, every call
                     of an exact module calls __lineprof_timed_enter */
  uint64_t clock_reads; /* by timed calls: probe cost subtraction */
  /* Written by calls that are not sampled. Near depth: at 4 KiB past it
   * (after the frames), its stores at every call made the next call's
   * read of depth wait on them (4K aliasing): fib's exact build ran 2.6x
   * as long with the timer off. */
  struct lineprof_frame idle;
  struct lineprof_frame frames[LINEPROF_STACK_FRAMES + 1];
};

/* The tables of lineprof_abi_tables.inc, as C structs. */
#define LINEPROF_C_FIELD(kind, type, name) type name;
struct lineprof_function {
  LINEPROF_FUNCTION_FIELDS(LINEPROF_C_FIELD)
};

struct lineprof_call_site {
  LINEPROF_CALL_SITE_FIELDS(LINEPROF_C_FIELD)
};

struct lineprof_derived {
  LINEPROF_DERIVED_FIELDS(LINEPROF_C_FIELD)
};

struct lineprof_module {
  LINEPROF_MODULE_FIELDS(LINEPROF_C_FIELD)
};
#undef LINEPROF_C_FIELD

/* lineprof_module.flags: built with -fplugin-arg-lineprof-exact, so its
 * calls can be timed (exact times, memory); without it they are sampled
 * whenever the timer is on (but for LINEPROF_MODULE_HITS). */
#define LINEPROF_MODULE_EXACT 1u
/* lineprof_module.flags: built with -fplugin-arg-lineprof-hits: its calls
 * only count Hits, take no frames and read no mode, so its lines get no
 * times and no memory figures. */
#define LINEPROF_MODULE_HITS 2u
/* lineprof_module.flags: built without -exact, -memory or -hits (the
 * default): its probes are the hit counters of LINEPROF_MODULE_HITS, and
 * the sampler finds its calls' lines on the native stack (rt_sample.c).
 * Neither flag: built with -fplugin-arg-lineprof-memory, its calls keep
 * frames of __lineprof_stack, which times and heap memory are charged to. */
#define LINEPROF_MODULE_UNWOUND 4u

/* Where an allocation call in an instrumented translation unit is, and the
 * C type of what it allocates (NULL when the source does not say). */
struct lineprof_alloc_site {
  const char *type; /* e.g. "struct node"; NULL if unknown */
  const char *file; /* absolute, so that reports can show the line */
  uint32_t line;
  uint32_t reserved;
};

#ifdef __cplusplus
extern "C" {
#endif
/* Called from each instrumented module's constructor and destructor (the
 * destructor matters for dlclose: the runtime keeps the counts and a copy
 * of the tables, and forgets the module's thread-local cache). */
void __lineprof_register_module(struct lineprof_module *m);
void __lineprof_unregister_module(struct lineprof_module *m);
/* Returns the calling thread's counter block for `m` and stores it in
 * *tls_slot (the module's thread-local cache). Never returns null. */
uint64_t *__lineprof_thread_block(struct lineprof_module *m, uint64_t **tls_slot);
/* LINEPROF_DETAIL_* bits, read by the probes once per call. */
extern int __lineprof_detail;
/* A timed call: at entry (function = index in m->functions, block = the
 * thread's counter block for m, frame_top = where its return address is
 * stored: llvm.addressofreturnaddress), returning whether the call is
 * timed; at each line event, charging the time and memory since the
 * call's previous event to the line that ends, before `slot` becomes the
 * current line; and at return. */
int __lineprof_timed_enter(uint64_t *call, struct lineprof_module *m,
                           uint64_t *block, uint32_t function,
                           void *frame_top);
void __lineprof_timed_line(uint64_t *call, uint32_t slot);
void __lineprof_timed_leave(uint64_t *call);
/* Called right after each allocation call in instrumented translation
 * units with the block it returned (NULL when it failed), when
 * __lineprof_objects (object tracking is on, set at start-up) is not 0. */
void __lineprof_object_site(void *block, const struct lineprof_alloc_site *site);
extern int __lineprof_objects;
#ifdef __cplusplus
}
#else
/* The calling thread's shadow stack; initial-exec because the runtime is
 * part of the executable. */
extern _Thread_local struct lineprof_stack __lineprof_stack
    __attribute__((tls_model("initial-exec")));
#endif

#endif
