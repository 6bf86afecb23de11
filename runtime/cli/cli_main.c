/* cli_main.c - entry point of the lineprof command: dispatches to the
 * subcommand named by the first argument. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_config.h"

struct subcommand {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
};

static const struct subcommand subcommands[] = {
    {"show", cli_show, "print the line_profiler report of a .lprof file"},
    {"cflags", cli_cflags, "print the compiler flags for a profiled build"},
    {"ldflags", cli_ldflags, "print the linker flags for a profiled build"},
    {"run", cli_run, "compile C sources with the plugin, run, print the report"},
    {"timeit", cli_timeit, "time small C snippets like python -m timeit"},
    {"mprof", cli_mprof, "memory usage over time (run, plot, peak), like mprof"},
    {"export", cli_export, "write a profile for other tools (callgrind, "
                           "cobertura, xml, json, html, pprof, lcov)"},
    {"merge", cli_merge, "sum .lprof files of the same program into one"},
    {"diff", cli_diff, "per line, what changed between two profiles"},
};

static void print_help(FILE *out) {
  fprintf(out, "usage: lineprof <command> [options] [args]\n\n"
               "Line-level profiler for C (line_profiler for C programs).\n\n"
               "commands:\n");
  for (size_t i = 0; i < sizeof subcommands / sizeof *subcommands; i++)
    fprintf(out, "  %-10s %s\n", subcommands[i].name, subcommands[i].summary);
  fprintf(out, "\nRun 'lineprof <command> --help' for a command's options.\n");
}

int main(int argc, char **argv) {
  if (argc < 2) {
    print_help(stderr);
    return CLI_USAGE;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
    print_help(stdout);
    return CLI_OK;
  }
  if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
    printf("lineprof %s (LLVM %s)\n", LINEPROF_VERSION_STRING,
           LINEPROF_LLVM_VERSION);
    return CLI_OK;
  }
  for (size_t i = 0; i < sizeof subcommands / sizeof *subcommands; i++)
    if (!strcmp(cmd, subcommands[i].name))
      return subcommands[i].run(argc - 1, argv + 1);
  cli_error("unknown command '%s' (see 'lineprof --help')", cmd);
  return CLI_USAGE;
}
