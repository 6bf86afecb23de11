/* rt_abi.h - the interface between instrumented code and the runtime: the
 * tables the IR pass (plugin/ModuleTables.cpp) emits for each module and the
 * functions the probes call. Included by the runtime (C) and the plugin
 * (C++); bump LINEPROF_ABI_VERSION whenever any of it changes.
 *
 * Per module the pass emits one `struct lineprof_module` and a constructor
 * that passes it to __lineprof_register_module(). Every profiled function
 * owns a contiguous range of "slots" in its module, one per line that
 * starts a statement. Each thread gets, per module, a block of
 * 2 * (nslots + 1) u64 counters: hits[0..nslots] then cycles[0..nslots].
 * Slot `nslots` is a sink for time spent before a call's first line event.
 */
#ifndef RT_ABI_H
#define RT_ABI_H

#include <stdint.h>

#define LINEPROF_ABI_VERSION 2u

/* Probe state "current line" of a call is a slot index; this bit on it
 * means "entered before the loop header last passed" (see docs/semantics). */
#define LINEPROF_STALE_BIT 0x80000000u

struct lineprof_function {
  const char *name;
  const char *file; /* as on the compiler's command line */
  const char *path; /* absolute, for reading the source */
  uint32_t first_line, last_line;
  uint32_t first_slot, nslots;
};

struct lineprof_module {
  uint32_t abi_version;
  uint32_t nfunctions;
  uint32_t nslots;
  uint32_t npatterns;
  const struct lineprof_function *functions;
  const uint32_t *lines;          /* source line of each slot */
  const char *const *patterns;    /* -fplugin-arg-lineprof-functions names */
  const uint8_t *pattern_matched; /* 1 if it matched a function here */
  void *runtime;                  /* owned by the runtime; emitted as null */
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
/* Non-zero when line times are measured with the cycle counter. Read once
 * per call by the probes. */
extern int __lineprof_timer_exact;
#ifdef __cplusplus
}
#endif

#endif
