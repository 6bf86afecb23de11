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
 * LINEPROF_BLOCK_ARRAYS * (nslots + 1) u64 counters: hits, cycles, then the
 * memory arrays (bytes allocated, bytes freed, largest memory in use after
 * the line, peak while on it), each indexed by slot. Slot `nslots` is a
 * sink for what happens before a call's first line event.
 *
 * Every function has three versions, chosen at each call by
 * __lineprof_detail: one that only counts hits (0); a sampled one
 * (LINEPROF_DETAIL_SAMPLE alone) that also keeps the thread's shadow stack,
 * struct lineprof_stack, up to date for the runtime's sampling timer; and a
 * detailed one (TIMER or MEMORY set) that reads the cycle counter at every
 * event, subtracting __lineprof_probe_cycles per clock read, and, when the
 * memory bit is set, calls the __lineprof_mem_* functions with a per-call
 * state. Hits of the first two are per-call locals added to the thread's
 * block before every call and return.
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

#define LINEPROF_ABI_VERSION 4u

/* Counter arrays per slot in a thread's block: hits, cycles, alloc, freed,
 * usage, peak. */
#define LINEPROF_BLOCK_ARRAYS 6u

/* Bits of __lineprof_detail. */
#define LINEPROF_DETAIL_TIMER 1u  /* exact line times: detailed version */
#define LINEPROF_DETAIL_MEMORY 2u /* per-line memory, mprof FUNC records */
#define LINEPROF_DETAIL_SAMPLE 4u /* sampled line times: sampled version */

/* A call's memory state: the probes allocate it (this many u64, 8-byte
 * aligned) and pass its address; only the runtime reads it. */
#define LINEPROF_MEM_CALL_WORDS 6u

/* Probe state "current line" of a call is a slot index; this bit on it
 * means "entered before the loop header last passed" (see docs/semantics). */
#define LINEPROF_STALE_BIT 0x80000000u

/* The shadow stack of sampled calls, one per thread (__lineprof_stack). A
 * sampled call takes frames[min(depth, LINEPROF_STACK_FRAMES)] at entry
 * (the last frame is shared by all deeper calls), increments depth, stores
 * its current line's slot in its frame at every line event and restores
 * depth at return (and after each setjmp returns). The probes write these
 * fields with volatile stores, in program order, so that a signal handler
 * on the thread sees a consistent stack. */
#define LINEPROF_STACK_FRAMES 256u

struct lineprof_frame {
  uint64_t *cycles; /* the thread's cycles array for the call's module */
  uint32_t slot;    /* the call's current line (the sink slot before one) */
  uint32_t reserved;
};

struct lineprof_stack {
  uint32_t depth; /* sampled calls in progress; may exceed the frames */
  uint32_t reserved;
  uint64_t clock_reads; /* by detailed versions: probe cost subtraction */
  struct lineprof_frame frames[LINEPROF_STACK_FRAMES + 1];
};

/* The tables of lineprof_abi_tables.inc, as C structs. */
#define LINEPROF_C_FIELD(kind, type, name) type name;
struct lineprof_function {
  LINEPROF_FUNCTION_FIELDS(LINEPROF_C_FIELD)
};

struct lineprof_module {
  LINEPROF_MODULE_FIELDS(LINEPROF_C_FIELD)
};
#undef LINEPROF_C_FIELD

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
/* LINEPROF_DETAIL_* bits; non-zero selects the detailed version of every
 * function. Read once per call by the probes. */
extern int __lineprof_detail;
/* Cycles that one clock read of the detailed version (with its counter
 * update) adds to the times it measures; the probes subtract it for every
 * read made between a call's two reads, callees' included (counted in
 * __lineprof_stack.clock_reads). 0 until the runtime calibrates it. */
extern uint64_t __lineprof_probe_cycles;
/* Memory probes of the detailed version: at entry (function = index in
 * m->functions); at each line event, charging what changed since the last
 * one to `slot`; and at return. */
void __lineprof_mem_enter(struct lineprof_module *m, uint32_t function,
                          uint64_t *call);
void __lineprof_mem_line(uint64_t *block, uint32_t slot, uint64_t *call);
void __lineprof_mem_leave(uint64_t *block, uint32_t slot, uint64_t *call);
/* Called right after each allocation call in instrumented translation
 * units with the block it returned (NULL when it failed). Returns at once
 * when object tracking is off. */
void __lineprof_object_site(void *block, const struct lineprof_alloc_site *site);
#ifdef __cplusplus
}
#else
/* The calling thread's shadow stack; initial-exec because the runtime is
 * part of the executable. */
extern _Thread_local struct lineprof_stack __lineprof_stack
    __attribute__((tls_model("initial-exec")));
#endif

#endif
