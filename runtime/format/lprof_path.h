/* lprof_path.h - source paths as the plugin writes them (lprof_path.c). */
#ifndef LPROF_PATH_H
#define LPROF_PATH_H

#include <stddef.h>

/* Joins dir and name into out (name alone if it is absolute), with "."
 * and "dir/.." taken out (".." stays at the start of a relative path and
 * goes at the root); -1 if it does not fit in size bytes. */
int lprof_path_join(char *out, size_t size, const char *dir, const char *name);

#endif
