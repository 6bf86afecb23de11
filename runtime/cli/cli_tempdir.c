/* cli_tempdir.c - the lineprof command's temporary directories (`run` and
 * `timeit` build their programs in one): made under $TMPDIR, else /tmp,
 * and removed with the files in them. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

const char *cli_tempdir_base(void) {
  const char *base = getenv("TMPDIR");
  return base && *base ? base : "/tmp";
}

int cli_tempdir_make(char *dir, size_t size, const char *name) {
  snprintf(dir, size, "%s/%sXXXXXX", cli_tempdir_base(), name);
  return mkdtemp(dir) ? 0 : -1;
}

void cli_tempdir_remove(const char *dir) {
  DIR *d = opendir(dir);
  if (d) {
    struct dirent *e;
    while ((e = readdir(d)))
      if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
        unlinkat(dirfd(d), e->d_name, 0);
    closedir(d);
  }
  rmdir(dir);
}
