/* cmd_flags.c - `lineprof cflags` and `lineprof ldflags`: the absolute
 * flags for a profiled build, like llvm-config (paths from cli_paths.c). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

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
  struct cli_layout l;
  cli_find_layout(&l);
  if (linker)
    printf("%s/liblineprof_rt.so -Wl,-rpath,%s -lpthread\n", l.libdir,
           l.libdir);
  else
    printf("-fplugin=%s/lineprof.so -I%s\n", l.libdir, l.includedir);
  return CLI_OK;
}

int cli_cflags(int argc, char **argv) { return print_flags(argc, argv, 0); }

int cli_ldflags(int argc, char **argv) { return print_flags(argc, argv, 1); }
