/* rt_objects.h - declarations shared by object tracking's reports
 * (rt_objects_groups.c, rt_objects_report.c, rt_objects_graph.c). */
#ifndef RT_OBJECTS_H
#define RT_OBJECTS_H

#include <stddef.h>
#include <stdint.h>

struct rt_objects;
struct lprof_buf;

/* Blocks of one kind: the key (type; site; or caller when there is no
 * site), then totals and display names. */
struct rt_group {
  const char *type, *file;
  uint32_t line;
  void *caller;
  uint64_t count, bytes;
  char where[256]; /* file:line, or function+0xoff */
  char name[256];  /* the type, or where */
};
struct rt_groups {
  struct rt_group *v;
  size_t n, bytes;
};
/* With the table acquired: groups of the blocks (those with only[i] set,
 * if only), keyed by type alone when by_type and the block has one. */
struct rt_groups rt_groups_of(const struct rt_objects *s, const uint8_t *only,
                              int by_type);
/* After release: names the groups, merges equal names, sorts them by
 * bytes (else count), largest first. */
void rt_groups_name(struct rt_groups *r, int by_bytes);
void rt_groups_free(struct rt_groups *r);

/* Where block o was allocated: file:line, or function+0xoff. */
struct rt_object;
void rt_objects_where(const struct rt_object *o, char *out, size_t size);

/* The leaked blocks' groups (rt_objects_report.c): blocks no root
 * reaches; floor as for rt_objects_acquire. -1 after saying why in out. */
int rt_leaks_find(struct rt_groups *leaks, uintptr_t floor,
                  struct lprof_buf *out);
/* The leak report's text (docs/objects.md). */
void rt_leaks_print(const struct rt_groups *leaks, struct lprof_buf *out);

#endif
