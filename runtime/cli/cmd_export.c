/* cmd_export.c - `lineprof export`: reads and merges .lprof files like
 * `show`, then writes them in another tool's format (export/export_<format>.c)
 * through an output file written under a temporary name and renamed into
 * place (cli_output.c). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export.h"

/* A format's writer: write, or write_rooted for those that name source
 * files relative to --root. */
static const struct format {
  const char *name;
  int (*write)(FILE *out, const struct lprof_profile *p);
  int (*write_rooted)(FILE *out, const struct lprof_profile *p,
                      const char *root);
} formats[] = {
    {"callgrind", export_callgrind, NULL},
    {"cobertura", NULL, export_cobertura},
    {"xml", export_xml, NULL},
    {"json", export_json, NULL},
    {"html", NULL, export_html},
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
        "\n"
        "options:\n"
        "  -f, --format FORMAT  output format (required)\n"
        "  -o, --output FILE    write FILE instead of standard output\n"
        "      --root DIR       name source files relative to DIR (cobertura,\n"
        "                       html; default: the current directory)\n"
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
  const char *root; /* --root as given; NULL: the current directory */
};

/* Parses the options; returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, struct export_args *a) {
  static const struct option longopts[] = {
      {"format", required_argument, NULL, 'f'},
      {"output", required_argument, NULL, 'o'},
      {"root", required_argument, NULL, 'r'},
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
                               "cobertura, xml, json or html)",
                               optarg);
      break;
    case 'o':
      a->output = optarg;
      break;
    case 'r':
      a->root = optarg;
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

/* Resolves a's --root (the current directory when not given) into *root
 * (NULL when the format needs none and none was given). Returns -1 to go
 * on, else the exit status. */
static int resolve_root(const struct export_args *a, char **root) {
  const char *dir = a->root ? a->root : ".";
  *root = NULL;
  if ((a->root || a->format->write_rooted) &&
      !(*root = export_root_resolve(dir)))
    return cli_usage_error("export", "--root %s: %s", dir, strerror(errno));
  return -1;
}

/* Writes p in a's format on out. */
static int write_format(FILE *out, const struct lprof_profile *p,
                        const struct export_args *a, const char *root) {
  if (a->format->write_rooted)
    return a->format->write_rooted(out, p, root);
  return a->format->write(out, p);
}

int cli_export(int argc, char **argv) {
  struct export_args a = {0};
  char *root;
  int status = parse_options(argc, argv, &a);
  if (status >= 0 || (status = resolve_root(&a, &root)) >= 0)
    return status;
  struct lprof_profile all;
  struct output out;
  if (cli_read_profiles(argv + optind, argc - optind, &all)) {
    lprof_profile_free(&all);
    free(root);
    return CLI_FAILED;
  }
  status = CLI_FAILED;
  if (output_open(&out, a.output) == 0) {
    if (write_format(out.f, &all, &a, root) == 0)
      status = output_commit(&out) ? CLI_FAILED : CLI_OK;
    else {
      cli_error("cannot write the %s output", a.format->name);
      output_abort(&out);
    }
  }
  lprof_profile_free(&all);
  free(root);
  return status;
}
