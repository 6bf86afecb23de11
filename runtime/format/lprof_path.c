#define _GNU_SOURCE /* memrchr */
/* lprof_path.c - joins a directory and a file name into one path without
 * "." and "dir/.." components or repeated slashes, on the text alone, as
 * the plugin writes source paths (LLVM's sys::path::remove_dots): the
 * runtime matches the DWARF line table's paths against them, the command
 * puts them under an export's root. */
#include <string.h>

#include "lprof_path.h"

/* Appends component [s, s + n) to out (used bytes *len), taking "." and
 * ".." out; -1 if it does not fit. */
static int append(char *out, size_t size, size_t *len, const char *s, size_t n) {
  if (n == 0 || (n == 1 && s[0] == '.'))
    return 0;
  if (n == 2 && s[0] == '.' && s[1] == '.') {
    char *slash = *len ? memrchr(out, '/', *len) : NULL;
    int up = *len && !(slash && !strcmp(slash + 1, "..")) &&
             !(*len == 2 && !memcmp(out, "..", 2));
    if (up) {
      *len = slash ? (size_t)(slash - out) : 0;
      if (*len == 0 && out[0] == '/')
        *len = 1; /* the root stays */
      out[*len] = 0;
      return 0;
    }
  }
  int sep = *len && out[*len - 1] != '/';
  if (*len + (size_t)sep + n + 1 > size)
    return -1;
  if (sep)
    out[(*len)++] = '/';
  memcpy(out + *len, s, n);
  *len += n;
  out[*len] = 0;
  return 0;
}

static int append_path(char *out, size_t size, size_t *len, const char *p) {
  while (*p) {
    size_t n = strcspn(p, "/");
    if (append(out, size, len, p, n))
      return -1;
    p += n;
    p += *p == '/';
  }
  return 0;
}

int lprof_path_join(char *out, size_t size, const char *dir, const char *name) {
  size_t len = 0;
  if (size < 2)
    return -1;
  out[0] = 0;
  const char *first = name[0] == '/' ? name : dir;
  if (first[0] == '/')
    out[len++] = '/', out[len] = 0;
  if (name[0] != '/' && append_path(out, size, &len, dir))
    return -1;
  return append_path(out, size, &len, name);
}
