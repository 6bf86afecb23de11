/* cmd_flags.c - `lineprof cflags [--exact | --memory | --hits]` and
 * `lineprof ldflags [--static]`: the absolute flags for a profiled build,
 * like llvm-config (paths from cli_paths.c); --exact adds the plugin's
 * exact-timing probes, --memory the frames that heap memory per line is
 * charged to, --hits asks for hit counters alone, --static names the runtime's
 * archive for a -static link. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* A command's options: at most one is given. */
struct flag_option {
  const char *name, *help;
};
static const struct flag_option compiler_options[] = {
    {"--exact", "also time every line exactly (and allow the RSS per line):\n"
                "            -fplugin-arg-lineprof-exact"},
    {"--memory",
     "also charge heap memory to each line (LINEPROF_MEMORY=heap):\n"
     "            -fplugin-arg-lineprof-memory"},
    {"--hits", "count Hits only, no times and no memory, at the cost of\n"
               "            counters alone: -fplugin-arg-lineprof-hits"},
};
static const struct flag_option linker_options[] = {
    {"--static", "the runtime's archive, for a program linked with -static\n"
                 "            (its heap is not tracked)"},
};

static void print_help(const char *command, const struct flag_option *o,
                       size_t n, int linker) {
  printf("usage: lineprof %s [", command);
  for (size_t i = 0; i < n; i++)
    printf("%s%s", i ? " | " : "", o[i].name);
  printf("]\n\nPrints the %s flags for building a profiled program.\n\n",
         linker ? "linker" : "compiler");
  for (size_t i = 0; i < n; i++)
    printf("  %-8s  %s\n", o[i].name, o[i].help);
}

/* Both subcommands take no arguments but --help and one of their options;
 * *chosen is its index + 1, or 0. */
static int parse(int argc, char **argv, const struct flag_option *o, size_t n,
                 int linker, size_t *chosen) {
  *chosen = 0;
  if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
    print_help(argv[0], o, n, linker);
    return -1;
  }
  for (size_t i = 0; argc > 1 && i < n; i++)
    if (!strcmp(argv[1], o[i].name))
      *chosen = i + 1;
  if (argc > 1 + (*chosen != 0))
    return cli_usage_error(argv[0], "unexpected argument '%s'",
                           argv[1 + (*chosen != 0)]);
  return CLI_OK;
}

/* What the command prints, given its option (index + 1, or 0). */
static void print_compiler_flags(const struct cli_layout *l, size_t chosen) {
  static const char *const plugin_args[] = {"", " -fplugin-arg-lineprof-exact",
                                            " -fplugin-arg-lineprof-memory",
                                            " -fplugin-arg-lineprof-hits"};
  printf("-fplugin=%s/lineprof.so%s -I%s\n", l->libdir, plugin_args[chosen],
         l->includedir);
}

static void print_linker_flags(const struct cli_layout *l, size_t chosen) {
  if (chosen)
    printf("%s/liblineprof_rt.a -lpthread\n", l->libdir);
  else
    printf("%s/liblineprof_rt.so -Wl,-rpath,%s -lpthread\n", l->libdir,
           l->libdir);
}

static int print_flags(int argc, char **argv, int linker) {
  const struct flag_option *o = linker ? linker_options : compiler_options;
  size_t n = linker ? sizeof linker_options / sizeof *linker_options
                    : sizeof compiler_options / sizeof *compiler_options;
  size_t chosen;
  int rc = parse(argc, argv, o, n, linker, &chosen);
  if (rc)
    return rc < 0 ? CLI_OK : rc;
  struct cli_layout l;
  cli_find_layout(&l);
  (linker ? print_linker_flags : print_compiler_flags)(&l, chosen);
  return CLI_OK;
}

int cli_cflags(int argc, char **argv) { return print_flags(argc, argv, 0); }

int cli_ldflags(int argc, char **argv) { return print_flags(argc, argv, 1); }
