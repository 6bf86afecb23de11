/* cli_profiles.c - reading several .lprof files into one profile, the
 * way `show`, `export` and `merge` add them together (cli.h). */
#include "cli.h"
#include "export.h"
#include "lprof_format.h"
#include "lprof_reader.h"

int cli_add_profile(struct lprof_profile *all, struct lprof_profile *p,
                    const char *path) {
  char err[512];
  unsigned mode_all = lprof_memory_mode(all), mode = lprof_memory_mode(p);
  if (mode_all && mode && mode_all != mode) {
    cli_error("%s: memory measured as %s, not %s as in the files before it; "
              "profiles of different memory modes cannot be added",
              path, export_memory_name(p), export_memory_name(all));
    lprof_profile_free(p);
    return -1;
  }
  all->flags |= p->flags & LPROF_FLAG_MEMORY_MASK; /* off + mode: mode */
  all->flags |= p->flags & LPROF_FLAG_SWITCHED;    /* some time sampled */
  if (lprof_profile_merge(all, p, err, sizeof err)) {
    cli_error("%s: %s", path, err);
    return -1;
  }
  return 0;
}

/* Reads every file into one profile; on error names the file. */
int cli_read_profiles(char **paths, int n, struct lprof_profile *all) {
  char err[512];
  for (int i = 0; i < n; i++) {
    struct lprof_profile p;
    if (lprof_read_file(paths[i], i ? &p : all, err, sizeof err)) {
      cli_error("%s: %s", paths[i], err);
      return -1;
    }
    if (i && cli_add_profile(all, &p, paths[i]))
      return -1;
  }
  return 0;
}
