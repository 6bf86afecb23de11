/* rt_objects_graph.c - why a block is alive, objgraph-style: the blocks
 * and roots that point into it, breadth first up to a depth, drawn as a
 * Graphviz graph (lineprof_show_backrefs), and the shortest chain of
 * references from a root to it (lineprof_find_backref_chain). Each level
 * is one scan of the roots and of every block for words pointing into the
 * blocks of the level before. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lprof_writer.h"
#include "rt_abi.h"
#include "rt_base.h"
#include "rt_heap.h"
#include "rt_objects.h"
#include "rt_objects_table.h"
#include "rt_output.h"

extern char **environ;

#define TOO_MANY 10 /* referrers drawn per block, like objgraph's too_many */

struct search {
  const struct rt_objects *s;
  int32_t *depth;  /* per block: its level, or -1 */
  size_t *toward;  /* per block: the block it points into, nearer the target */
  uint32_t *drawn; /* per block: referrers drawn (graphs only) */
  int32_t level;
  struct lprof_buf *dot; /* NULL: looking for a chain */
  size_t added, nodes;
  const struct rt_root *root; /* chain: the root found, and where */
  uintptr_t root_where;
  size_t root_to;
};

static void label_root(const struct rt_root *r, uintptr_t where, char *out,
                       size_t size) {
  char name[256];
  uintptr_t offset;
  if (r->kind == RT_ROOT_STACK)
    snprintf(out, size, "stack of thread %ld", r->tid);
  else if (r->kind == RT_ROOT_ANON)
    snprintf(out, size, "anonymous memory %#" PRIxPTR, where);
  else if (rt_symbol_name(where, name, sizeof name, &offset))
    snprintf(out, size, "global %#" PRIxPTR, where);
  else if (offset)
    snprintf(out, size, "global %s+%#lx", name, (unsigned long)offset);
  else
    snprintf(out, size, "global %s", name);
}

static void label_block(const struct rt_object *o, char *out, size_t size) {
  char where[256];
  rt_objects_where(o, where, sizeof where);
  snprintf(out, size, "%s\\n%" PRIu64 " bytes\\n%s",
           o->type ? o->type : "untyped", o->size, where);
}

/* objgraph's shading: white at the target, darker with depth. */
static void put_node(struct search *q, const struct rt_object *o, int depth,
                     int max_depth) {
  char label[600];
  double v = 1 - 0.7 * depth / (max_depth > 0 ? max_depth : 1);
  label_block(o, label, sizeof label);
  rt_printf(q->dot, "  o%" PRIuPTR "[label=\"%s\"];\n", o->start, label);
  rt_printf(q->dot, "  o%" PRIuPTR "[fillcolor=\"0,0,%g\"];\n", o->start, v);
  if (v < 0.5)
    rt_printf(q->dot, "  o%" PRIuPTR "[fontcolor=white];\n", o->start);
  q->nodes++;
}

static void put_root(struct search *q, const struct rt_root *r,
                     uintptr_t where, size_t to) {
  char label[300];
  label_root(r, where, label, sizeof label);
  rt_printf(q->dot, "  r%" PRIuPTR " -> o%" PRIuPTR ";\n", where,
            q->s->v[to].start);
  rt_printf(q->dot, "  r%" PRIuPTR "[label=\"%s\"];\n", where, label);
  rt_printf(q->dot,
            "  r%" PRIuPTR "[fillcolor=\"0.3,1,0.3\"];\n  r%" PRIuPTR
            "[fontcolor=white];\n",
            where, where);
  q->nodes++;
}

static void visit(void *ctx, const struct rt_root *root, size_t from,
                  uintptr_t where, size_t to) {
  struct search *q = ctx;
  if (q->depth[to] != q->level || from == to)
    return;
  if (q->dot && q->drawn[to]++ >= TOO_MANY)
    return;
  if (root && !q->dot && !q->root) {
    q->root = root, q->root_where = where, q->root_to = to;
  } else if (root && q->dot) {
    put_root(q, root, where, to);
  } else if (!root) {
    if (q->dot)
      rt_printf(q->dot, "  o%" PRIuPTR " -> o%" PRIuPTR " [label=\"+%#lx\"];\n",
                q->s->v[from].start, q->s->v[to].start,
                (unsigned long)(where - q->s->v[from].start));
    if (q->depth[from] < 0) {
      q->depth[from] = q->level + 1;
      q->toward[from] = to;
      q->added++;
    }
  }
}

/* Scans for referrers of each level up to max_depth (or until a chain's
 * root is found); the target is block t. */
static void search(struct search *q, size_t t, int max_depth) {
  const struct rt_objects *s = q->s;
  for (size_t i = 0; i < s->n; i++)
    q->depth[i] = -1;
  q->depth[t] = 0;
  for (q->level = 0; q->level < max_depth && !q->root; q->level++) {
    size_t first = q->nodes;
    q->added = 0;
    rt_roots_scan(s, visit, q);
    for (size_t i = 0; i < s->n && !q->root; i++)
      rt_block_scan(s, i, visit, q);
    for (size_t i = 0; q->dot && i < s->n; i++)
      if (q->depth[i] == q->level + 1)
        put_node(q, &s->v[i], q->level + 1, max_depth);
    if (!q->added && q->nodes == first)
      break;
  }
}

/* The search's arrays; -1 after saying why in out. */
static int start(struct search *q, struct rt_objects *s, uintptr_t target,
                 size_t *t, struct lprof_buf *out) {
  q->s = s;
  q->depth = rt_objects_scratch((s->n + 1) * sizeof *q->depth);
  q->toward = rt_objects_scratch((s->n + 1) * sizeof *q->toward);
  q->drawn = rt_objects_scratch((s->n + 1) * sizeof *q->drawn);
  *t = rt_objects_find(s, target);
  if (!q->depth || !q->toward || !q->drawn)
    rt_printf(out, "lineprof: out of memory\n");
  else if (*t == SIZE_MAX)
    rt_printf(out, "lineprof: %#" PRIxPTR " is not in a live block of the "
                   "object table\n", target);
  else
    return 0;
  return -1;
}

/* ---- Backrefs graph ---- */

/* Runs dot on the graph when filename asks for an image. */
static void render(const char *dot_path, const char *filename,
                   struct lprof_buf *out) {
  const char *ext = strrchr(filename, '.');
  char format[32];
  snprintf(format, sizeof format, "-T%s", ext + 1);
  char *argv[] = {"dot", format, "-o", (char *)filename, (char *)dot_path,
                  NULL};
  pid_t pid;
  int status = 0, err = posix_spawnp(&pid, "dot", NULL, NULL, argv, environ);
  if (err == ENOENT) {
    rt_printf(out, "Image renderer (dot) not found, not doing anything else "
                   "(the graph stays in %s)\n", dot_path);
    return;
  }
  while (!err && waitpid(pid, &status, 0) < 0 && errno == EINTR)
    ;
  if (err || !WIFEXITED(status) || WEXITSTATUS(status))
    rt_printf(out, "dot failed (exit code %d) while executing \"dot %s -o %s "
                   "%s\"\n", err ? -1 : WEXITSTATUS(status), format, filename,
              dot_path);
  else
    rt_printf(out, "Image generated as %s\n", filename);
}

static int backrefs(uintptr_t target, int max_depth, const char *filename,
                    uintptr_t floor) {
  struct lprof_buf out = {0}, dot = {0};
  struct rt_objects s;
  struct search q = {.dot = &dot};
  size_t t;
  int nodes = -1;
  if (!rt_objects_acquire(&s, floor, &out)) {
    if (!start(&q, &s, target, &t, &out)) {
      rt_printf(&dot, "digraph ObjectGraph {\n"
                      "  node[shape=box, style=filled, fillcolor=white];\n"
                      "  o%" PRIuPTR "[fontcolor=red];\n", s.v[t].start);
      put_node(&q, &s.v[t], 0, max_depth);
      search(&q, t, max_depth);
      rt_printf(&dot, "}\n");
      nodes = (int)q.nodes;
    }
    rt_objects_release(&s);
  }
  if (nodes >= 0) {
    char dot_path[PATH_MAX];
    const char *ext = strrchr(filename, '.');
    size_t stem = ext && !strchr(ext, '/') ? (size_t)(ext - filename)
                                           : strlen(filename);
    snprintf(dot_path, sizeof dot_path, "%.*s.dot", (int)stem, filename);
    int err = dot.failed ? ENOMEM : rt_write_atomically(dot_path, &dot);
    if (err) {
      rt_printf(&out, "lineprof: cannot write %s: %s\n", dot_path,
                strerror(err));
      nodes = -1;
    } else {
      rt_printf(&out, "Graph written to %s (%d nodes)\n", dot_path, nodes);
      if (ext && strcmp(ext, ".dot") && !strchr(ext, '/'))
        render(dot_path, filename, &out);
    }
  }
  lprof_buf_free(&dot);
  rt_text_write(&out, STDOUT_FILENO);
  return nodes;
}

/* The target's address stays in the frames below the scan's floor, so
 * that passing it does not count as a reference. */
RT_EXPORT __attribute__((noinline)) int
lineprof_show_backrefs(const void *p, int max_depth, const char *filename) {
  __builtin_unwind_init();
  rt_heap_thread.busy++;
  int rc = backrefs((uintptr_t)p, max_depth > 0 ? max_depth : 3,
                    filename ? filename : "lineprof-backrefs.dot",
                    RT_STACK_FLOOR());
  rt_heap_thread.busy--;
  return rc;
}

/* ---- Chain ---- */

static int chain(uintptr_t target, int max_depth, uintptr_t floor) {
  struct lprof_buf out = {0};
  struct rt_objects s;
  struct search q = {0};
  size_t t;
  int length = -1;
  if (!rt_objects_acquire(&s, floor, &out)) {
    if (!start(&q, &s, target, &t, &out)) {
      search(&q, t, max_depth > 0 ? max_depth : 20);
      length = 0;
      if (!q.root) {
        rt_printf(&out, "No chain of references from a root to %#" PRIxPTR
                        " (in %d steps): it is leaked\n", target,
                  max_depth > 0 ? max_depth : 20);
      } else {
        char label[600];
        label_root(q.root, q.root_where, label, sizeof label);
        rt_printf(&out, "%s (%#" PRIxPTR ")\n", label, q.root_where);
        for (size_t i = q.root_to;; i = q.toward[i]) {
          rt_objects_where(&s.v[i], label, sizeof label);
          rt_printf(&out, "  -> %s, %" PRIu64 " bytes, %s (%#" PRIxPTR ")\n",
                    s.v[i].type ? s.v[i].type : "untyped", s.v[i].size, label,
                    s.v[i].start);
          length++;
          if (i == t)
            break;
        }
      }
    }
    rt_objects_release(&s);
  }
  rt_text_write(&out, STDOUT_FILENO);
  return length;
}

RT_EXPORT __attribute__((noinline)) int
lineprof_find_backref_chain(const void *p, int max_depth) {
  __builtin_unwind_init();
  rt_heap_thread.busy++;
  int rc = chain((uintptr_t)p, max_depth, RT_STACK_FLOOR());
  rt_heap_thread.busy--;
  return rc;
}
