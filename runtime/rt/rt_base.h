/* rt_base.h - what every file of the runtime may use: the export and
 * thread-local macros, pages instead of malloc (rt_pages.c), printf without
 * malloc (rt_printf.c), qsort without malloc (rt_sort.c) and symbol names
 * (rt_symbols.c). The runtime is linked into profiled programs: it uses libc
 * and pthreads only, allocates its own memory with mmap, and exports just
 * the symbols of abi/rt_abi.h and include/lineprof.h. */
#ifndef RT_BASE_H
#define RT_BASE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#define RT_EXPORT __attribute__((visibility("default")))
/* Thread-locals of the runtime: the runtime is loaded with the program, so
 * the cheapest model works, and the allocator hooks need it to be cheap. */
#define RT_TLS __thread __attribute__((tls_model("initial-exec")))

/* Whether fd is still the file `was` describes: a program that closed a
 * descriptor of the runtime's may have opened one of its own under its
 * number. */
static inline int rt_fd_is(int fd, const struct stat *was) {
  struct stat now;
  return !fstat(fd, &now) && now.st_dev == was->st_dev &&
         now.st_ino == was->st_ino;
}

/* rt_pages.c: zeroed pages for the runtime's own data, never malloc. */
void *rt_alloc(size_t size);
void rt_free(void *p, size_t size);
/* rt_grow.c: room for one more element of `size` bytes in the array
 * *array points to, which holds n of *cap (doubled from 256 when full, n copied); 0 out
 * of memory. */
int rt_grow(void *array, size_t n, size_t *cap, size_t size);

struct lprof_buf;

/* rt_symbols.c: the name of the symbol holding addr (static ones too, from
 * the ELF symbol table of its object) into out, and addr's offset in it;
 * else the object file's name and the offset from its base. -1 if no
 * loaded object holds addr. No malloc. */
int rt_symbol_name(uintptr_t addr, char *out, size_t size, uintptr_t *offset);

/* rt_printf.c: printf into b (grown with mmap), then written to fd and b
 * freed; no malloc, no stdio lock waited for. rt_text_init notes which file
 * standard error is at start: nothing is written to fd 2 once it is
 * another. rt_say: one message on standard error so. */
void rt_printf(struct lprof_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void rt_text_write(struct lprof_buf *b, int fd);
void rt_text_init(void);
void rt_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* rt_sort.c: qsort without malloc. */
void rt_sort(void *base, size_t n, size_t size,
             int (*cmp)(const void *, const void *));

#endif
