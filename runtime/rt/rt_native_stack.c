/* rt_native_stack.c - the return addresses of the calls in progress, read
 * in the sampler's signal handler with glibc's backtrace(): libgcc's DWARF
 * unwinder, which steps through the signal frame and through code without
 * frame pointers (libc's, the program's), and finds each object's unwind
 * tables with glibc's _dl_find_object, without a lock or malloc; and in
 * the allocator hooks, for the heap's per-line charges (rt_mem_native.c). Its first
 * call loads libgcc_s (dlopen), so rt_native_stack_init makes it at
 * start-up. */
#include <execinfo.h>
#include <pthread.h>

#include "rt_native_stack.h"

/* The handler's own frames above the interrupted one, at most; and the
 * runtime's own above an allocator hook's caller. */
#define HANDLER_FRAMES 8

static int usable; /* backtrace() works here */

static void load(void) {
  void *pc[HANDLER_FRAMES];
  usable = backtrace(pc, HANDLER_FRAMES) > 1;
}

void rt_native_stack_init(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, load);
}

/* at[from..n), each less one, into out: at most RT_NATIVE_FRAMES. */
static int calls_from(void *const *at, int from, int n,
                      uintptr_t out[RT_NATIVE_FRAMES]) {
  int k = 0;
  for (int j = from; j < n && k < RT_NATIVE_FRAMES; j++)
    out[k++] = (uintptr_t)at[j] - 1;
  return k;
}

int rt_native_callers(uintptr_t pc, uintptr_t out[RT_NATIVE_FRAMES]) {
  void *at[RT_NATIVE_FRAMES + HANDLER_FRAMES];
  int n = usable ? backtrace(at, RT_NATIVE_FRAMES + HANDLER_FRAMES) : 0;
  for (int i = 0; i < n && i < HANDLER_FRAMES; i++)
    if ((uintptr_t)at[i] == pc)
      return calls_from(at, i + 1, n, out);
  return 0;
}

int rt_native_here(uintptr_t out[RT_NATIVE_FRAMES]) {
  void *at[RT_NATIVE_FRAMES + HANDLER_FRAMES];
  int n = usable ? backtrace(at, RT_NATIVE_FRAMES + HANDLER_FRAMES) : 0;
  return calls_from(at, 1, n, out);
}
