/* export_root.c - `lineprof export --root DIR`: the directory the exports
 * name source files relative to (like gcovr's --root), and each profiled
 * function's file named that way. */
#include "export.h"
#include "lprof_path.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *export_root_resolve(const char *dir) {
  struct stat st;
  char *root = realpath(dir, NULL);
  if (root && (stat(root, &st) || !S_ISDIR(st.st_mode))) {
    free(root);
    errno = ENOTDIR;
    return NULL;
  }
  return root;
}

/* path less "root/" when path is under root, else NULL. */
static const char *under(const char *path, const char *root) {
  size_t n = strlen(root);
  if (!strcmp(root, "/"))
    return *path == '/' && path[1] ? path + 1 : NULL;
  return !strncmp(path, root, n) && path[n] == '/' && path[n + 1]
             ? path + n + 1
             : NULL;
}

/* An absolute path without "." and ".." components or repeated slashes,
 * as the plugin writes them (lprof_path_join); done on the text, as
 * symbolic links are not. malloc'd; NULL when out of memory. */
static char *clean_path(const char *path) {
  size_t size = strlen(path) + 2;
  char *clean = malloc(size);
  if (clean && lprof_path_join(clean, size, "", path)) {
    free(clean);
    return NULL;
  }
  return clean;
}

/* f's file relative to root when it is under root, as compiled or with
 * its symbolic links resolved; else its absolute path, and *outside set
 * (a file with no absolute path keeps the name it was compiled by).
 * malloc'd; NULL when out of memory. */
static char *file_name(const struct lprof_function *f, const char *root,
                       int *outside) {
  const char *given = export_source_path(f);
  *outside = 0;
  if (*given != '/')
    return strdup(given);
  char *path = clean_path(given);
  if (!path)
    return NULL;
  const char *rel = under(path, root);
  char *real = rel ? NULL : realpath(path, NULL);
  if (real)
    rel = under(real, root);
  *outside = !rel;
  char *name = strdup(rel ? rel : path);
  free(real);
  free(path);
  return name;
}

char **export_file_names(const struct lprof_profile *p, const char *root,
                         const char *warn_for) {
  char **names = calloc(p->nfunctions + 1, sizeof *names);
  for (size_t i = 0; names && i < p->nfunctions; i++) {
    int outside;
    names[i] = file_name(&p->functions[i], root, &outside);
    if (!names[i]) {
      export_free_names(names, p->nfunctions);
      return NULL;
    }
    /* Functions of one file are next to each other (sorted by path). */
    if (outside && warn_for &&
        (i == 0 || strcmp(names[i], names[i - 1])))
      fprintf(stderr,
              "lineprof export: warning: %s is outside the root %s; the %s "
              "output names it by its absolute path\n",
              names[i], root, warn_for);
  }
  return names;
}

void export_free_names(char **names, size_t n) {
  if (!names)
    return;
  for (size_t i = 0; i < n; i++)
    free(names[i]);
  free(names);
}
