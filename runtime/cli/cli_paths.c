/* cli_paths.c - where the plugin, runtime and headers are: in the build
 * tree when this lineprof runs from the build tree, else under the install
 * prefix that contains its bin/ directory. */
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_config.h"

void cli_find_layout(struct cli_layout *l) {
  char exe[PATH_MAX] = "", build_bindir[PATH_MAX] = "";
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  exe[n > 0 ? n : 0] = '\0';
  char *bindir = dirname(exe);
  if (!realpath(LINEPROF_BUILD_BINDIR, build_bindir))
    build_bindir[0] = '\0';
  if (!strcmp(bindir, build_bindir)) {
    snprintf(l->libdir, sizeof l->libdir, "%s", LINEPROF_BUILD_LIBDIR);
    snprintf(l->includedir, sizeof l->includedir, "%s",
             LINEPROF_BUILD_INCLUDEDIR);
  } else {
    char *prefix = dirname(bindir);
    snprintf(l->libdir, sizeof l->libdir, "%s/%s", prefix,
             LINEPROF_INSTALL_LIBDIR);
    snprintf(l->includedir, sizeof l->includedir, "%s/%s", prefix,
             LINEPROF_INSTALL_INCLUDEDIR);
  }
  snprintf(l->plugin, sizeof l->plugin, "%s/lineprof.so", l->libdir);
  snprintf(l->runtime, sizeof l->runtime, "%s/liblineprof_rt.so", l->libdir);
}
