/* rt_heap_sanitizer.c - the heap of a program built with a sanitizer
 * (ASan, TSan, MSan, LSan...). The sanitizer's runtime is in the executable
 * and its interceptors are the program's malloc and free: they come first
 * in symbol resolution, so rt_heap.c's replacements never run. Its
 * allocator calls back instead (__sanitizer_install_malloc_and_free_hooks,
 * sanitizer/allocator_interface.h): after each allocation with the size
 * asked for, before each free with the block still live, whose size
 * __sanitizer_get_allocated_size gives. The figures are as exact as with
 * the headers; a realloc is a new block and a freed one.
 *
 * The sanitizer's functions are weak references: without a sanitizer they
 * are null, nothing here runs and rt_heap.c's replacements do the work.
 * The callbacks are installed when the runtime starts (rt_heap.c decides
 * then): a block allocated before, by the loader or another library's
 * constructor, was never counted, and its free counts all the same (the
 * sanitizer cannot tell it from the others), so the bytes in use may be
 * short of the truth by such blocks; per-line figures of the program's own
 * code are exact. The object table learns blocks here too, with the
 * address they were allocated from when ASan recorded it (its allocation
 * stack: the frame above its malloc).
 * Its scans must not read the sanitizer's shadow memory (terabytes of
 * anonymous mapping): ASan tells where it is; under other sanitizers
 * object tracking stays off. */
#include <stddef.h>
#include <stdint.h>

#include "rt_heap.h"
#include "rt_objects_table.h"

int __sanitizer_install_malloc_and_free_hooks(
    void (*malloc_hook)(const volatile void *, size_t),
    void (*free_hook)(const volatile void *)) __attribute__((weak));
size_t __sanitizer_get_allocated_size(const volatile void *p)
    __attribute__((weak));
int __sanitizer_get_ownership(const volatile void *p) __attribute__((weak));
void __asan_get_shadow_mapping(size_t *scale, size_t *offset)
    __attribute__((weak));
size_t __asan_get_alloc_stack(void *addr, void **trace, size_t size,
                              int *thread_id) __attribute__((weak));

/* The user address space whose shadow ASan maps (x86-64: 47 bits). */
#if defined(__x86_64__)
#define USER_BITS 47
#else
#define USER_BITS 48
#endif

int rt_heap_sanitizer;

/* The return address of the allocation function that returned p: ASan's
 * stack of it starts in its interceptor. NULL when unknown. */
static void *caller_of(const volatile void *p) {
  void *trace[2];
  int thread;
  if (!__asan_get_alloc_stack ||
      __asan_get_alloc_stack((void *)p, trace, 2, &thread) < 2)
    return NULL;
  return trace[1];
}

static void allocated(const volatile void *p, size_t size) {
  if (!p || rt_heap_thread.busy)
    return;
  rt_heap_block_new((void *)p, size);
  if (__lineprof_objects)
    rt_objects_add((void *)p, size, caller_of(p));
}

static void freeing(const volatile void *p) {
  if (!p || rt_heap_thread.busy || !__sanitizer_get_ownership(p))
    return; /* the sanitizer reports a bad free itself */
  rt_heap_block_gone((void *)p, __sanitizer_get_allocated_size(p));
  if (__lineprof_objects)
    rt_objects_forget((void *)p);
}

int rt_heap_sanitizer_install(void) {
  if (rt_heap_sanitizer)
    return 1;
  if (!__sanitizer_install_malloc_and_free_hooks ||
      !__sanitizer_get_allocated_size || !__sanitizer_get_ownership ||
      !__sanitizer_install_malloc_and_free_hooks(allocated, freeing))
    return 0;
  rt_heap_sanitizer = 1;
  return 1;
}

int rt_heap_sanitizer_objects(void) {
  return !rt_heap_sanitizer || __asan_get_shadow_mapping;
}

int rt_heap_sanitizer_shadow(uintptr_t start, uintptr_t end) {
  if (!rt_heap_sanitizer || !__asan_get_shadow_mapping)
    return 0;
  size_t scale, offset;
  __asan_get_shadow_mapping(&scale, &offset);
  uintptr_t shadow_end = offset + ((uintptr_t)1 << USER_BITS >> scale);
  return start >= offset && end <= shadow_end;
}
