/* rt_objects_table.h - object tracking's table of live blocks
 * (rt_objects.c), the snapshots the analyses take of it
 * (rt_objects_snapshot.c) and the scans for pointers into its blocks
 * (rt_objects_roots.c). */
#ifndef RT_OBJECTS_TABLE_H
#define RT_OBJECTS_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "rt_abi.h"

/* rt_objects.c: object tracking's table of live blocks (docs/objects.md). */
struct rt_object {
  uintptr_t start; /* the program's pointer; 0 in an empty slot */
  uint64_t size;
  const char *type;                       /* NULL: untyped */
  const struct lineprof_alloc_site *site; /* NULL: none given */
  void *caller;     /* the allocation function's return address */
  uint64_t time_ns; /* since the runtime started */
  uintptr_t end;    /* snapshots: where pointers into it end */
};
struct rt_range {
  uintptr_t start, end;
};
/* The allocator hooks' side (never with the runtime busy). */
void rt_objects_add(void *p, uint64_t size, void *caller);
void rt_objects_forget(void *p);
void rt_objects_lock(void);
void rt_objects_unlock(void);
/* Block from became to (realloc); called with the table locked. */
void rt_objects_moved_locked(void *from, void *to, uint64_t size);
/* to, a copy of from, takes its type, site and time. */
void rt_objects_inherit(void *from, void *to);
void rt_objects_before_fork(void);
void rt_objects_after_fork(void);

/* The analyses' side. A snapshot of the table sorted by address, taken
 * with the table locked until rt_objects_release; one analysis at a
 * time. floor: the calling thread's stack is scanned from there up. On
 * failure (tracking off, table busy) returns -1 after saying why in out. */
struct rt_objects {
  struct rt_object *v;
  size_t n;
};
struct lprof_buf;
int rt_objects_acquire(struct rt_objects *s, uintptr_t floor,
                       struct lprof_buf *out);
void rt_objects_release(struct rt_objects *s);
/* Zeroed pages freed by rt_objects_release; the scans skip them. */
void *rt_objects_scratch(size_t size);
void rt_objects_scratch_free(void);
/* The snapshot's parts (rt_objects.c), for rt_objects_snapshot.c: the
 * table's lock if free (0), how many blocks it holds and a copy of them
 * (with it locked). */
int rt_objects_trylock(void);
size_t rt_objects_count_locked(void);
size_t rt_objects_copy_locked(struct rt_object *v);
/* Whether addr is in the table's or the scratch pages. */
int rt_objects_own(uintptr_t addr);
/* The index of the block holding addr (interior pointers count), or
 * SIZE_MAX. */
size_t rt_objects_find(const struct rt_objects *s, uintptr_t addr);

/* Where an entry point's scan of its own thread's stack starts: the entry
 * point spills its caller's callee-saved registers with
 * __builtin_unwind_init, right below its frame pointer on x86-64 (rbx,
 * r12-r15 after rbp), and everything above is the caller's. Padding below
 * them could hold stale words of the runtime's own, so the scan starts
 * exactly there. */
#define RT_STACK_FLOOR()                                                       \
  ((uintptr_t)__builtin_frame_address(0) - 5 * sizeof(void *))

/* rt_objects_roots.c: conservative scans for pointers into blocks. */
enum rt_root_kind { RT_ROOT_GLOBAL, RT_ROOT_STACK, RT_ROOT_ANON };
struct rt_root {
  uintptr_t start, end;
  enum rt_root_kind kind;
  long tid; /* RT_ROOT_STACK: the thread */
};
/* A word at `where` points into block `to`; it lies in root (then from is
 * SIZE_MAX) or in block `from` (then root is NULL). */
typedef void (*rt_visit)(void *ctx, const struct rt_root *root, size_t from,
                         uintptr_t where, size_t to);
void rt_roots_collect(uintptr_t floor); /* before locking the table */
void rt_roots_scan(const struct rt_objects *s, rt_visit visit, void *ctx);
void rt_block_scan(const struct rt_objects *s, size_t from, rt_visit visit,
                   void *ctx);

#endif
