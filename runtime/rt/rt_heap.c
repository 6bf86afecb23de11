/* rt_heap.c - the process's allocator, replaced by thin wrappers around
 * glibc's own (__libc_malloc and friends) that count bytes: per thread,
 * bytes allocated and freed; for the process, bytes in use. Every function
 * glibc lets a program replace is here ("Replacing malloc" in the glibc
 * manual), so allocations made by libc and other libraries count too.
 *
 * When heap memory or object tracking is asked for, each block carries a
 * 16-byte header just before the pointer returned, holding the requested
 * size and the offset back to glibc's block; frees are therefore exact,
 * and malloc_usable_size answers from the header. Otherwise every call goes
 * straight to glibc. The choice is made once, at the first allocation
 * (which may come before the runtime starts: the dynamic loader, early
 * constructors), from the environment, and holds for the whole process:
 * a block must be freed the way it was allocated. Nothing here calls back
 * into these functions. In a program built with a sanitizer these never
 * run: the sanitizer's allocator calls back instead (rt_heap_sanitizer.c),
 * set up at the same decision.
 *
 * With LINEPROF_MEMORY=sampled only a sample of the blocks is counted
 * (rt_heap_sample.c): without headers, each block only counts down its
 * bytes to the next sample, and each free looks the block up among the
 * live sampled ones while there are any.
 *
 * With object tracking on (rt_objects.c) every new block also goes into
 * the table of live blocks with the address it was allocated from, and the
 * header marks it tracked, so that free only looks up tracked blocks.
 *
 * The hooks are also where a single-threaded program starts the thread
 * that writes snapshots on LINEPROF_DUMP_SIGNAL (rt_snapshot_signal.c). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rt_base.h"
#include "rt_heap.h"
#include "rt_objects_table.h"
#include "rt_settings.h"

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t nmemb, size_t size);
void *__libc_realloc(void *p, size_t size);
void *__libc_memalign(size_t alignment, size_t size);
void __libc_free(void *p);

/* The replacements are weak: in a static program glibc's malloc.o comes in
 * anyway (it alone defines __libc_malloc) and its definitions win instead
 * of clashing, so the heap is not tracked there; in the shared runtime the
 * dynamic linker takes the first definition, weak or not. */
#define HOOK RT_EXPORT __attribute__((weak))

struct header {
  uint64_t size;   /* bytes the program asked for */
  uint32_t offset; /* from glibc's block to the program's pointer */
  uint32_t tracked; /* in the table of live blocks (rt_objects.c) */
};
#define HEADER sizeof(struct header) /* 16: keeps malloc's alignment */

_Static_assert(sizeof(struct header) == 16, "header keeps 16-byte alignment");

/* The hooks' one word of state. 0, the common case, sends every call
 * straight to glibc; HEAP_UNDECIDED until the first allocation decides
 * whether blocks get headers; HEAP_SAMPLED from rt_heap_sample_start on;
 * HEAP_WAKE after rt_heap_wake, until a hook runs the function
 * rt_heap_on_wake gave (a point where the program may start a thread);
 * HEAP_PROBED while rt_heap_hooked asks whether these hooks run. */
enum {
  HEAP_HEADERS = 1,
  HEAP_SAMPLED = 2,
  HEAP_UNDECIDED = 4,
  HEAP_WAKE = 8,
  HEAP_PROBED = 16
};
#define HEAP_MODE (HEAP_HEADERS | HEAP_SAMPLED)
static int state = HEAP_UNDECIDED;
static void (*on_wake)(void);

static __attribute__((noinline)) int slow_path(int s) {
  if (s & HEAP_UNDECIDED) {
    int h = rt_env_wants_heap_headers();
    if (h)
      rt_heap_sanitizer_install();
    __atomic_fetch_or(&state, h ? HEAP_HEADERS : 0, __ATOMIC_RELAXED);
    __atomic_fetch_and(&state, ~HEAP_UNDECIDED, __ATOMIC_RELAXED);
  }
  if (s & HEAP_PROBED) /* rt_heap_hooked: this is the process's malloc */
    __atomic_fetch_and(&state, ~HEAP_PROBED, __ATOMIC_RELAXED);
  if (s & HEAP_WAKE) {
    __atomic_fetch_and(&state, ~HEAP_WAKE, __ATOMIC_RELAXED);
    if (on_wake)
      on_wake();
  }
  return __atomic_load_n(&state, __ATOMIC_RELAXED) & HEAP_MODE;
}

/* mode's first test alone, for malloc and free to jump to glibc with no
 * stack frame of their own; sampling_only, their second. */
static inline int passing_through(int s) { return __builtin_expect(s == 0, 1); }
static inline int sampling_only(int s) { return s == HEAP_SAMPLED; }

/* Inlined in every hook: HEAP_HEADERS and HEAP_SAMPLED as they are, after
 * any work pending; the pass-through test is one load and a branch. */
static inline int mode(void) {
  int s = __atomic_load_n(&state, __ATOMIC_RELAXED);
  if (__builtin_expect(s == 0, 1))
    return 0;
  return s & ~HEAP_MODE ? slow_path(s) : s;
}

static inline int headers_on(void) { return mode() & HEAP_HEADERS; }

void rt_heap_sample_start(uint64_t rate) {
  rt_heap_sample_rate = rate;
  rt_heap_sanitizer_install(); /* where a sanitizer's allocator wins */
  __atomic_fetch_or(&state, HEAP_SAMPLED, __ATOMIC_RELAXED);
}

/* A block from glibc without a header: counted if sampling (a block
 * without a header is never counted whole: its free could not be). */
static void *sampled(void *p, size_t size) {
  if (rt_heap_sample_rate)
    rt_heap_sampled(p, size);
  return p;
}

void rt_heap_on_wake(void (*fn)(void)) { on_wake = fn; }

void rt_heap_wake(void) {
  __atomic_fetch_or(&state, HEAP_WAKE, __ATOMIC_RELAXED);
}

int rt_heap_headers(void) { return headers_on(); }

static struct header *header_of(void *p) {
  return (struct header *)((char *)p - HEADER);
}

/* The program's pointer into glibc's block raw, with its header filled. */
static void *fill(void *raw, size_t size, size_t offset) {
  if (!raw)
    return NULL;
  char *p = (char *)raw + offset;
  struct header *h = header_of(p);
  h->size = size;
  h->offset = (uint32_t)offset;
  h->tracked = 0;
  rt_heap_block_new(p, size);
  return p;
}

/* fill, then the table of live blocks learns the block (unless the
 * runtime itself is allocating); caller is where it was asked from. */
static void *finish(void *raw, size_t size, size_t offset, void *caller) {
  void *p = fill(raw, size, offset);
  if (p && __lineprof_objects && !rt_heap_thread.busy) {
    header_of(p)->tracked = 1;
    rt_objects_add(p, size, caller);
  }
  return p;
}

static int too_big(size_t size, size_t extra) {
  if (size <= SIZE_MAX - extra)
    return 0;
  errno = ENOMEM;
  return 1;
}

static __attribute__((noinline)) void *plain(size_t size, void *caller) {
  if (too_big(size, HEADER))
    return NULL;
  return finish(__libc_malloc(size + HEADER), size, HEADER, caller);
}

#define CALLER __builtin_return_address(0)

/* The hooks most programs call most, split so that the pass-through needs
 * no stack frame: one load, a branch and a jump to glibc. */
static __attribute__((noinline)) void *malloc_slow(size_t size, void *caller) {
  int m = mode();
  if (m & HEAP_HEADERS)
    return plain(size, caller);
  return sampled(__libc_malloc(size), size);
}

HOOK void *malloc(size_t size) {
  int s = __atomic_load_n(&state, __ATOMIC_RELAXED);
  if (passing_through(s))
    return __libc_malloc(size);
  if (sampling_only(s)) {
    void *p = __libc_malloc(size);
    rt_heap_sampled(p, size);
    return p;
  }
  return malloc_slow(size, CALLER);
}

int rt_heap_hooked(void) {
  void *(*volatile process_malloc)(size_t) = malloc;
  void (*volatile process_free)(void *) = free;
  __atomic_fetch_or(&state, HEAP_PROBED, __ATOMIC_RELAXED);
  process_free(process_malloc(1));
  return !(__atomic_fetch_and(&state, ~HEAP_PROBED, __ATOMIC_RELAXED) &
           HEAP_PROBED);
}

/* free of a block with a header. */
static __attribute__((noinline)) void release(void *p) {
  struct header *h = header_of(p);
  if (h->tracked) /* before glibc may hand the address out again */
    rt_objects_forget(p);
  rt_heap_block_gone(p, h->size);
  __libc_free((char *)p - h->offset);
}

static __attribute__((noinline)) void free_slow(void *p) {
  int m = mode();
  if (m & HEAP_HEADERS) {
    if (p)
      release(p);
    return;
  }
  if (m & HEAP_SAMPLED)
    rt_heap_sampled_free(p);
  __libc_free(p);
}

HOOK void free(void *p) {
  int s = __atomic_load_n(&state, __ATOMIC_RELAXED);
  if (!passing_through(s)) {
    if (!sampling_only(s)) {
      free_slow(p);
      return;
    }
    rt_heap_sampled_free(p);
  }
  __libc_free(p);
}

HOOK void *calloc(size_t nmemb, size_t size) {
  size_t total;
  if (__builtin_mul_overflow(nmemb, size, &total)) {
    errno = ENOMEM;
    return NULL;
  }
  if (!headers_on())
    return sampled(__libc_calloc(1, total), total);
  if (too_big(total, HEADER))
    return NULL;
  return finish(__libc_calloc(1, total + HEADER), total, HEADER, CALLER);
}

/* A block aligned to `alignment` (a power of two): glibc's block holds the
 * header in the alignment's worth of bytes before the pointer. */
static void *aligned(size_t alignment, size_t size, void *caller) {
  if (!headers_on())
    return sampled(__libc_memalign(alignment, size), size);
  if (alignment <= HEADER)
    return plain(size, caller);
  if (too_big(size, alignment) || alignment > UINT32_MAX) {
    errno = ENOMEM;
    return NULL;
  }
  return finish(__libc_memalign(alignment, size + alignment), size, alignment,
                caller);
}

/* glibc's realloc of a block with the standard header. A tracked block
 * keeps the table locked throughout, so that no scan sees it missing and
 * no other thread gets its address before the table forgets it. */
static void *resize(void *p, size_t size) {
  struct header *h = header_of(p);
  uint64_t old = h->size;
  int tracked = h->tracked;
  if (too_big(size, HEADER))
    return NULL;
  if (tracked)
    rt_objects_lock();
  int sampling = rt_heap_sample_rate != 0;
  if (sampling) /* as resize_sampled */
    rt_heap_sampled_free(p);
  void *raw = __libc_realloc((char *)p - HEADER, size + HEADER);
  void *q = NULL;
  if (raw) { /* else the old block is untouched */
    if (!sampling)
      rt_heap_count_free(old);
    q = fill(raw, size, HEADER);
    header_of(q)->tracked = tracked;
  }
  if (tracked && q)
    rt_objects_moved_locked(p, q, size);
  if (tracked)
    rt_objects_unlock();
  return q;
}

/* glibc's realloc of a block without a header: a sampled block is
 * forgotten first, as by free (if glibc fails to move it, it stays, and
 * uncounted); the new block counts as a new one. */
static void *resize_sampled(void *p, size_t size) {
  rt_heap_sampled_free(p);
  return sampled(__libc_realloc(p, size), size);
}

static void *reallocate(void *p, size_t size, void *caller) {
  int m = mode();
  if (!(m & HEAP_HEADERS))
    return m & HEAP_SAMPLED ? resize_sampled(p, size)
                            : __libc_realloc(p, size);
  if (!p)
    return plain(size, caller);
  if (!size) {
    free(p); /* glibc's realloc(p, 0) frees and returns null */
    return NULL;
  }
  struct header *h = header_of(p);
  if (h->offset == HEADER)
    return resize(p, size);
  void *q = plain(size, caller); /* an aligned block: keep it simple */
  if (q) {
    memcpy(q, p, h->size < size ? h->size : size);
    if (h->tracked && header_of(q)->tracked)
      rt_objects_inherit(p, q);
    free(p);
  }
  return q;
}

HOOK void *realloc(void *p, size_t size) {
  return reallocate(p, size, CALLER);
}

HOOK void *reallocarray(void *p, size_t nmemb, size_t size) {
  size_t total;
  if (__builtin_mul_overflow(nmemb, size, &total)) {
    errno = ENOMEM;
    return NULL;
  }
  return reallocate(p, total, CALLER);
}

static int power_of_two(size_t n) { return n && !(n & (n - 1)); }

HOOK void *memalign(size_t alignment, size_t size) {
  size_t a = HEADER; /* glibc rounds other alignments up to a power of 2 */
  while (a < alignment && a <= SIZE_MAX / 2)
    a <<= 1;
  return aligned(a, size, CALLER);
}

HOOK int posix_memalign(void **out, size_t alignment, size_t size) {
  if (!power_of_two(alignment) || alignment % sizeof(void *))
    return EINVAL;
  int saved = errno;
  void *p = aligned(alignment, size, CALLER);
  if (!p)
    return errno = saved, ENOMEM;
  *out = p;
  return 0;
}

HOOK void *aligned_alloc(size_t alignment, size_t size) {
  if (!power_of_two(alignment)) {
    errno = EINVAL;
    return NULL;
  }
  return aligned(alignment, size, CALLER);
}

HOOK void *valloc(size_t size) {
  return aligned((size_t)sysconf(_SC_PAGESIZE), size, CALLER);
}

HOOK void *pvalloc(size_t size) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  if (too_big(size, page))
    return NULL;
  return aligned(page, (size + page - 1) & ~(page - 1), CALLER);
}

/* glibc keeps pointers to the chunk after each block (arena top, bins),
 * and that chunk's first word may be the block's last: a reference must
 * point before it. A sanitizer's allocator keeps its own records apart. */
uintptr_t rt_heap_reference_end(void *p, uint64_t size) {
  uintptr_t end = (uintptr_t)p + (size ? size : 1);
  if (rt_heap_sanitizer)
    return end;
  const size_t *raw = (const size_t *)((char *)p - header_of(p)->offset);
  uintptr_t next = (uintptr_t)raw - 2 * sizeof(size_t) + (raw[-1] & ~(size_t)7);
  return next > (uintptr_t)p && next < end ? next : end;
}

/* glibc's own, found once: libc exports no __libc_ name for it. */
static size_t glibc_usable_size(void *p) {
  static size_t (*usable)(void *);
  if (!usable)
    usable = (size_t(*)(void *))dlsym(RTLD_NEXT, "malloc_usable_size");
  return usable ? usable(p) : 0;
}

HOOK size_t malloc_usable_size(void *p) {
  if (!headers_on())
    return glibc_usable_size(p);
  return p ? (size_t)header_of(p)->size : 0;
}
