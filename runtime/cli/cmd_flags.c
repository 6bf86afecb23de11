/* cmd_flags.c - `lineprof cflags [--exact]` and `lineprof ldflags
 * [--static]`: the absolute flags for a profiled build, like llvm-config
 * (paths from cli_paths.c); --exact adds the plugin's exact-timing probes,
 * --static names the runtime's archive for a -static link. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* Both subcommands take no arguments but --help and their one option. */
static int print_flags(int argc, char **argv, int linker) {
  if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
    printf("usage: lineprof %s %s\n\nPrints the %s flags for building a "
           "profiled program.\n\n%s\n",
           argv[0], linker ? "[--static]" : "[--exact]",
           linker ? "linker" : "compiler",
           linker ? "  --static  the runtime's archive, for a program linked "
                    "with -static\n            (its heap is not tracked)"
                  : "  --exact  also time every line exactly (and allow "
                    "per-line memory):\n           "
                    "-fplugin-arg-lineprof-exact");
    return CLI_OK;
  }
  int option = argc > 1 && !strcmp(argv[1], linker ? "--static" : "--exact");
  if (argc > 1 + option)
    return cli_usage_error(argv[0], "unexpected argument '%s'", argv[1 + option]);
  struct cli_layout l;
  cli_find_layout(&l);
  if (linker && option)
    printf("%s/liblineprof_rt.a -lpthread\n", l.libdir);
  else if (linker)
    printf("%s/liblineprof_rt.so -Wl,-rpath,%s -lpthread\n", l.libdir,
           l.libdir);
  else
    printf("-fplugin=%s/lineprof.so%s -I%s\n", l.libdir,
           option ? " -fplugin-arg-lineprof-exact" : "", l.includedir);
  return CLI_OK;
}

int cli_cflags(int argc, char **argv) { return print_flags(argc, argv, 0); }

int cli_ldflags(int argc, char **argv) { return print_flags(argc, argv, 1); }
