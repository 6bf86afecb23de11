/* source_file.c - reads a text file into memory and indexes its lines
 * (see source_file.h). */
#include "source_file.h"

#include "lprof_reader.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads the whole stream; the result has one spare byte for a final NUL. */
static char *read_stream(FILE *f, size_t *len) {
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  while (buf) {
    n += fread(buf + n, 1, cap - 1 - n, f);
    if (ferror(f)) {
      free(buf);
      return NULL;
    }
    if (n < cap - 1) {
      *len = n;
      return buf;
    }
    char *grown = cap <= SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
    if (!grown) {
      free(buf);
      errno = ENOMEM;
    }
    buf = grown;
    cap *= 2;
  }
  return NULL;
}

/* Number of lines in text[0..len): line endings, plus a last unended one. */
static size_t count_lines(const char *t, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    if (t[i] == '\n' || (t[i] == '\r' && (i + 1 == len || t[i + 1] != '\n')))
      n++;
  return n + (len && t[len - 1] != '\n' && t[len - 1] != '\r');
}

/* Cuts text into lines in place (NUL over each line ending). */
static void split_lines(struct source_file *sf, size_t len) {
  char *t = sf->text;
  size_t start = 0, n = 0;
  for (size_t i = 0; i <= len; i++) {
    int eol = i < len && (t[i] == '\n' || t[i] == '\r');
    if (!eol && i < len)
      continue;
    if (eol || i > start) {
      sf->lines[n] = t + start;
      sf->lens[n++] = i - start;
    }
    if (i < len && t[i] == '\r' && i + 1 < len && t[i + 1] == '\n')
      t[i++] = '\0';
    if (i < len)
      t[i] = '\0';
    start = i + 1;
  }
  sf->nlines = n;
}

int source_file_load(struct source_file *sf, const char *path) {
  memset(sf, 0, sizeof *sf);
  FILE *f = fopen(path, "rb");
  if (!f)
    return -1;
  size_t len = 0;
  sf->text = read_stream(f, &len);
  int saved = errno;
  fclose(f);
  if (!sf->text) {
    errno = saved;
    return -1;
  }
  sf->text[len] = '\0';
  size_t n = count_lines(sf->text, len);
  sf->lines = malloc((n ? n : 1) * sizeof *sf->lines);
  sf->lens = malloc((n ? n : 1) * sizeof *sf->lens);
  if (!sf->lines || !sf->lens) {
    source_file_free(sf);
    errno = ENOMEM;
    return -1;
  }
  split_lines(sf, len);
  return 0;
}

const char *source_file_line(const struct source_file *sf, size_t n,
                             size_t *len) {
  if (n == 0 || n > sf->nlines)
    return NULL;
  if (len)
    *len = sf->lens[n - 1];
  return sf->lines[n - 1];
}

void source_file_free(struct source_file *sf) {
  free(sf->text);
  free(sf->lines);
  free(sf->lens);
  memset(sf, 0, sizeof *sf);
}

const struct source_file *source_cache_get(struct source_cache *sc,
                                           const char *path, const char *file) {
  if (sc->path && !strcmp(sc->path, path) && !strcmp(sc->file, file))
    return sc->loaded ? &sc->src : NULL;
  source_file_free(&sc->src);
  sc->path = path;
  sc->file = file;
  sc->loaded = (*path && source_file_load(&sc->src, path) == 0) ||
               (*file && source_file_load(&sc->src, file) == 0);
  return sc->loaded ? &sc->src : NULL;
}

void source_cache_free(struct source_cache *sc) {
  source_file_free(&sc->src);
  sc->path = sc->file = NULL;
  sc->loaded = 0;
}

void source_walk_start(struct source_walk *w, const struct lprof_function *f,
                       const struct source_file *src) {
  *w = (struct source_walk){f, src, f->first_line, 0, 0};
}

/* Past the end of the source, or without it, only the lines that have an
 * entry are rows: moves w->line to the next of them; 0 if there is none.
 * (A profile may claim more lines than the file now has.) */
static int skip_to_entry(struct source_walk *w) {
  const struct lprof_function *f = w->f;
  if (w->src && w->line <= w->src->nlines)
    return 1;
  if (w->next >= f->nlines)
    return 0;
  if (f->lines[w->next].line > w->line)
    w->line = f->lines[w->next].line;
  return 1;
}

int source_walk_next(struct source_walk *w, struct source_row *row) {
  const struct lprof_function *f = w->f;
  while (!w->done) {
    if (!skip_to_entry(w))
      break;
    uint32_t line = w->line;
    w->done = line >= f->last_line;
    w->line++;
    row->line = line;
    row->entry = NULL;
    if (w->next < f->nlines && f->lines[w->next].line == line)
      row->entry = &f->lines[w->next++];
    row->len = 0;
    row->text = w->src ? source_file_line(w->src, line, &row->len) : NULL;
    if (!row->text)
      row->text = "", row->len = 0;
    if (w->src || row->entry)
      return 1;
  }
  w->done = 1;
  return 0;
}

