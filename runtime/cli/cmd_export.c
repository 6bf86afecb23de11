/* cmd_export.c - `lineprof export`: reads and merges .lprof files like
 * `show`, then writes them in another tool's format (export/export_<format>.c)
 * through an output file written under a temporary name and renamed into
 * place (cli_output.c). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "export.h"

static const struct format {
  const char *name;
  int (*write)(FILE *out, const struct lprof_profile *p);
} formats[] = {
    {"callgrind", export_callgrind}, {"cobertura", export_cobertura},
    {"xml", export_xml},             {"json", export_json},
    {"html", export_html},           {"pprof", export_pprof},
    {"lcov", export_lcov},
};

static void print_usage(FILE *out) {
  fputs("usage: lineprof export --format=FORMAT [-o FILE] FILE.lprof...\n"
        "\n"
        "Write one or more .lprof files (added together) in another tool's\n"
        "format (see docs/export-formats.md).\n"
        "\n"
        "formats:\n"
        "  callgrind   KCachegrind / callgrind_annotate (events Hits Time_ns,\n"
        "              and Alloc_bytes Freed_bytes with memory)\n"
        "  cobertura   Cobertura XML line coverage (GitLab, Jenkins)\n"
        "  xml         the whole profile (schema: docs/lineprof.rng)\n"
        "  json        the whole profile, for scripts\n"
        "  html        one self-contained page with shaded source\n"
        "  pprof       go tool pprof, Speedscope (gzipped profile.proto;\n"
        "              hits, time and self per line)\n"
        "  lcov        lcov tracefile: genhtml, editors' coverage gutters\n"
        "\n"
        "options:\n"
        "  -f, --format FORMAT  output format (required)\n"
        "  -o, --output FILE    write FILE instead of standard output\n"
        "  -h, --help           show this help and exit\n",
        out);
}

static const struct format *find_format(const char *name) {
  for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
    if (!strcmp(name, formats[i].name))
      return &formats[i];
  return NULL;
}

struct export_args {
  const struct format *format;
  const char *output;
};

/* Parses the options; returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, struct export_args *a) {
  static const struct option longopts[] = {
      {"format", required_argument, NULL, 'f'},
      {"output", required_argument, NULL, 'o'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0},
  };
  int c;
  opterr = 0;
  optind = 0;
  while ((c = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
    switch (c) {
    case 'f':
      if (!(a->format = find_format(optarg)))
        return cli_usage_error("export",
                               "unknown format '%s' (want callgrind, "
                               "cobertura, xml, json, html, pprof or lcov)",
                               optarg);
      break;
    case 'o':
      a->output = optarg;
      break;
    case 'h':
      print_usage(stdout);
      return CLI_OK;
    default:
      return cli_option_error("export", c, argv[optind - 1], "an argument");
    }
  }
  if (!a->format)
    return cli_usage_error("export", "no --format given");
  if (optind >= argc)
    return cli_usage_error("export", "no .lprof file given");
  return -1;
}

int cli_export(int argc, char **argv) {
  struct export_args a = {0};
  int status = parse_options(argc, argv, &a);
  if (status >= 0)
    return status;
  struct lprof_profile all;
  struct output out;
  if (cli_read_profiles(argv + optind, argc - optind, &all)) {
    lprof_profile_free(&all);
    return CLI_FAILED;
  }
  status = CLI_FAILED;
  if (output_open(&out, a.output) == 0) {
    if (a.format->write(out.f, &all) == 0)
      status = output_commit(&out) ? CLI_FAILED : CLI_OK;
    else {
      cli_error("cannot write the %s output", a.format->name);
      output_abort(&out);
    }
  }
  lprof_profile_free(&all);
  return status;
}
