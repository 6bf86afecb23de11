/* source_file.h - a source file's text split into lines, for the report's
 * "Line Contents" column. */
#ifndef SOURCE_FILE_H
#define SOURCE_FILE_H

#include <stddef.h>
#include <stdint.h>

struct source_file {
  char *text;   /* the whole file; each line ends in a NUL put there */
  char **lines; /* lines[i] is line i + 1, without its line ending */
  size_t *lens; /* its length (a line may itself contain NUL bytes) */
  size_t nlines;
};

/* Loads path; lines end at "\n", "\r\n" or a lone "\r" (as clang counts
 * them), and a missing final newline is fine. Returns 0, or -1 with errno
 * set and *sf empty. */
int source_file_load(struct source_file *sf, const char *path);
/* Line n (1-based), or NULL when n is out of range; *len gets its length
 * if len is not NULL. */
const char *source_file_line(const struct source_file *sf, size_t n,
                             size_t *len);
void source_file_free(struct source_file *sf);

/* The source of the function a report last asked for, kept for the next
 * one (the functions of one file come together). Zero-initialise. */
struct source_cache {
  const char *path, *file;
  int loaded;
  struct source_file src;
};
/* The file at path (absolute), else at file (as compiled); NULL if neither
 * can be read. The strings must outlive the cache's next call. */
const struct source_file *source_cache_get(struct source_cache *sc,
                                           const char *path, const char *file);
void source_cache_free(struct source_cache *sc);

/* The rows of a function's table: every line from first_line to last_line
 * with its line entry (or NULL) and source text ("" without the source);
 * without the source, and past its end, only the lines that have an
 * entry. */
struct lprof_function;
struct lprof_line;
struct source_row {
  uint32_t line;
  const struct lprof_line *entry;
  const char *text;
  size_t len;
};
struct source_walk {
  const struct lprof_function *f;
  const struct source_file *src;
  uint32_t line;
  size_t next;
  int done;
};
void source_walk_start(struct source_walk *w, const struct lprof_function *f,
                       const struct source_file *src);
/* The next row into *row; 0 when there is none. */
int source_walk_next(struct source_walk *w, struct source_row *row);

#endif
