/* cli_flags.c - `lineprof cflags` and `lineprof ldflags`: the absolute
 * flags for a profiled build, like llvm-config. Run from the build tree
 * they point into the build tree; installed, into the install prefix. */
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_config.h"

struct layout {
  char libdir[PATH_MAX];
  char includedir[PATH_MAX];
};

/* Where the plugin, runtime and header are, judging by where this
 * executable is. */
static void find_layout(struct layout *l) {
  char exe[PATH_MAX] = "";
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  exe[n > 0 ? n : 0] = '\0';
  char *bindir = dirname(exe);
  if (!strcmp(bindir, LINEPROF_BUILD_BINDIR)) {
    snprintf(l->libdir, sizeof l->libdir, "%s", LINEPROF_BUILD_LIBDIR);
    snprintf(l->includedir, sizeof l->includedir, "%s",
             LINEPROF_BUILD_INCLUDEDIR);
    return;
  }
  char *prefix = dirname(bindir);
  snprintf(l->libdir, sizeof l->libdir, "%s/%s", prefix, LINEPROF_INSTALL_LIBDIR);
  snprintf(l->includedir, sizeof l->includedir, "%s/%s", prefix,
           LINEPROF_INSTALL_INCLUDEDIR);
}

/* Both subcommands take no arguments but --help. */
static int print_flags(int argc, char **argv, int linker) {
  if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
    printf("usage: lineprof %s\n\nPrints the %s flags for building a "
           "profiled program.\n",
           argv[0], linker ? "linker" : "compiler");
    return CLI_OK;
  }
  if (argc > 1)
    return cli_usage_error(argv[0], "unexpected argument '%s'", argv[1]);
  struct layout l;
  find_layout(&l);
  if (linker)
    printf("%s/liblineprof_rt.so -Wl,-rpath,%s -lpthread\n", l.libdir,
           l.libdir);
  else
    printf("-fplugin=%s/lineprof.so -I%s\n", l.libdir, l.includedir);
  return CLI_OK;
}

int cli_cflags(int argc, char **argv) { return print_flags(argc, argv, 0); }

int cli_ldflags(int argc, char **argv) { return print_flags(argc, argv, 1); }
